"""Factories for the register and staff: the people of every story (张女士, her neighbour,
the agent, the supervisor, the technician) are built from these."""

import factory
from django.contrib.auth import get_user_model

from guanjia.accounts.choices import Role, UserKind
from guanjia.accounts.models import StaffRole
from guanjia.properties.choices import Relation, RoomState
from guanjia.properties.models import (
    Building,
    Community,
    Company,
    Occupancy,
    Person,
    PhoneNumber,
    Room,
    Unit,
    Zone,
)

User = get_user_model()


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ("code",)

    name = "示范物业服务有限公司"
    code = "demo"


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"翠湖花园{n}期")
    code = factory.Sequence(lambda n: f"C{n}")
    address = "示范市湖滨路1号"
    service_phone = "0571-88886666"


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"{n}区")


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    community = factory.SubFactory(CommunityFactory)
    zone = factory.SubFactory(ZoneFactory, community=factory.SelfAttribute("..community"))
    number = factory.Sequence(lambda n: str(n + 1))
    floors = 18


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    building = factory.SubFactory(BuildingFactory)
    number = "1"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    unit = factory.SubFactory(UnitFactory)
    community = factory.SelfAttribute("unit.building.community")
    number = factory.Sequence(lambda n: f"{(n % 17) + 1}{(n % 4) + 1:02d}")
    code = factory.LazyAttribute(lambda o: f"{o.unit.building.number}-{o.unit.number}-{o.number}")
    floor = factory.LazyAttribute(lambda o: int(o.number[:-2]) if len(o.number) > 2 else 1)
    state = RoomState.OCCUPIED


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"张{'伟芳娜敏静丽强磊军洋'[n % 10]}{n}")


class PhoneNumberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhoneNumber

    person = factory.SubFactory(PersonFactory)
    number = factory.Sequence(lambda n: f"138{n:08d}")
    last4 = factory.LazyAttribute(lambda o: o.number[-4:])
    is_primary = True


class OccupancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupancy

    person = factory.SubFactory(PersonFactory)
    room = factory.SubFactory(RoomFactory)
    relation = Relation.OWNER
    is_primary_contact = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    display_name = factory.Sequence(lambda n: f"员工{n}")
    kind = UserKind.STAFF
    password = factory.django.Password("guanjia-pass-1")


def staff_with_role(*, community: Community, role: str = Role.CS_AGENT, **kwargs) -> "User":
    """A staff member holding ``role`` in ``community`` (company-wide for administrators)."""
    user = UserFactory(**kwargs)
    StaffRole.objects.create(
        user=user, company=community.company,
        community=None if role == Role.COMPANY_ADMIN else community, role=role,
    )
    return user


def resident_of(*, room: Room, name: str = "张女士", phone: str = "13812345678",
                relation: str = Relation.OWNER) -> "User":
    """A resident account for a person living in ``room``."""
    person = PersonFactory(company=room.community.company, name=name)
    PhoneNumberFactory(person=person, number=phone, last4=phone[-4:])
    OccupancyFactory(person=person, room=room, relation=relation)
    return UserFactory(username=f"r{phone}", phone=phone, kind=UserKind.RESIDENT, person=person,
                       display_name=name)
