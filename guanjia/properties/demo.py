"""The demo company (示范物业): a deterministic register, a staff member for every role, and residents.

``demo_build(rooms=None, communities=2, seed=…)`` makes the standard demo: 翠湖花园 (CH, about
600 occupied households) and 锦绣苑 (JX, about 250, single-unit buildings). With ``rooms`` set
it makes ``communities`` communities sharing that many rooms — the benchmark scale. Rooms and
households are written through ``core.bulk`` (COPY on PostgreSQL; from 20,000 rooms with the
indexes built after the load), so 100,000 rooms take seconds of CPU, not minutes.

Other apps add their own demo data (work orders, standard answers…) after the register loads:
call ``register_demo_hook(func)`` from your ``AppConfig.ready``; ``func(result: DemoResult)``
runs after every ``guanjia load_demo`` in registration order and must itself be idempotent
(``result.created`` says whether the register was just built).
"""

import functools
import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.choices import Role, UserKind
from guanjia.accounts.services import resident_account_create, staff_create
from guanjia.core.bulk import BulkTable, allocate_ids, indexes_deferred, statistics_refresh
from guanjia.core.errors import Conflict
from guanjia.core.taxonomy import Department

from . import demo_data as data
from .choices import Relation, RoomState
from .identifiers import id_check_character
from .models import Building, Community, Company, Occupancy, Person, PhoneNumber, Room, Unit, Vehicle, Zone
from .roomcodes import room_code

User = get_user_model()

DEMO_COMPANY_CODE = "demo"
DEMO_COMPANY_NAME = "示范物业"
DEMO_PASSWORD = "guanjia2026"  # noqa: S105 - the published demo password, printed by load_demo
DEFAULT_SEED = 2026
BATCH = 2000  # objects per bulk_create
# A register this big is written with its secondary indexes and foreign keys built afterwards.
DEFERRED_INDEXES_FROM_ROOMS = 20_000

# One staff member per role, all working in the first community (the administrator company-wide).
DEMO_STAFF: list[tuple[str, str, str, str]] = [
    ("admin", Role.COMPANY_ADMIN, "系统管理员", ""),
    ("manager", Role.PROJECT_MANAGER, "周经理", ""),
    ("centre", Role.CENTRE_MANAGER, "吴主任", Department.CUSTOMER_SERVICE),
    ("supervisor", Role.CS_SUPERVISOR, "郑主管", Department.CUSTOMER_SERVICE),
    ("agent", Role.CS_AGENT, "王小丽", Department.CUSTOMER_SERVICE),
    ("zone", Role.ZONE_MANAGER, "陈管家", Department.CUSTOMER_SERVICE),
    ("tech", Role.TECHNICIAN, "刘师傅", Department.ENGINEERING),
    ("security", Role.SECURITY, "赵队长", Department.SECURITY),
    ("cleaner", Role.ENVIRONMENT, "孙阿姨", Department.ENVIRONMENT),
    ("quality", Role.QUALITY, "钱专员", ""),
    ("finance", Role.FINANCE, "李会计", Department.FINANCE),
]


@dataclass(frozen=True)
class CommunityLayout:
    name: str
    code: str
    zones: int
    units: int  # per building
    floors: int
    per_floor: int
    rooms: int  # the total: the last building stops early when reached
    occupied_share: float


@dataclass
class DemoLogin:
    login: str
    password: str
    role: str
    where: str


@dataclass
class DemoResult:
    company: Company
    communities: list[Community]
    logins: list[DemoLogin]
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


DemoHook = Callable[[DemoResult], None]
_HOOKS: list[DemoHook] = []


def register_demo_hook(hook: DemoHook) -> None:
    """Run ``hook(result)`` after every demo load (call from your AppConfig.ready)."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)


def demo_hooks() -> list[DemoHook]:
    return list(_HOOKS)


def demo_layouts(*, rooms: int | None, communities: int) -> list[CommunityLayout]:
    """The standard two communities, or ``communities`` of ``rooms // communities`` rooms each."""
    if rooms is None:
        return [CommunityLayout("翠湖花园", "CH", zones=3, units=2, floors=15, per_floor=2, rooms=720,
                                occupied_share=0.85),
                CommunityLayout("锦绣苑", "JX", zones=2, units=1, floors=18, per_floor=2, rooms=288,
                                occupied_share=0.87)]
    communities = max(1, communities)
    each = max(1, rooms // communities)
    layouts = []
    for index in range(communities):
        if index < 2:
            name, code = ("翠湖花园", "CH") if index == 0 else ("锦绣苑", "JX")
        else:
            extra = data.EXTRA_COMMUNITY_NAMES[index % len(data.EXTRA_COMMUNITY_NAMES)]
            name, code = f"{extra}{index // len(data.EXTRA_COMMUNITY_NAMES) + 1}期", f"S{index:03d}"
        layouts.append(CommunityLayout(name, code, zones=3, units=2, floors=18, per_floor=2, rooms=each,
                                       occupied_share=0.86))
    return layouts


@functools.cache
def _demo_hash() -> str:
    return make_password(DEMO_PASSWORD)


class _People:
    """Names, phones, ID numbers and plates, unique where they must be, from one seeded stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.phones: set[str] = set()
        self.plates: set[str] = set()

    def name(self) -> str:
        rng = self.rng
        surname = (rng.choice(data.COMPOUND_SURNAMES) if rng.random() < 0.01
                   else rng.choices(data.SURNAMES, weights=data.SURNAME_WEIGHTS)[0])
        return surname + "".join(rng.choice(data.GIVEN_CHARACTERS) for _ in range(rng.choice((1, 2, 2, 2))))

    def phone(self) -> str:
        while True:
            number = self.rng.choice(data.PHONE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def id_number(self) -> str:
        born = date(1950, 1, 1) + timedelta(days=self.rng.randrange(365 * 52))
        first17 = f"{self.rng.choice(data.ID_REGIONS)}{born:%Y%m%d}{self.rng.randrange(1000):03d}"
        return first17 + id_check_character(first17)

    def plate(self) -> str:
        while True:
            plate = (data.PLATE_PROVINCE + self.rng.choice(data.PLATE_CITY_LETTERS)
                     + "".join(self.rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(5)))
            if plate not in self.plates:
                self.plates.add(plate)
                return plate

    def moved_in(self, start_year: int = 2012) -> date:
        return date(start_year, 1, 1) + timedelta(days=self.rng.randrange((2025 - start_year) * 365))


def _build_rooms(community: Community, layout: CommunityLayout, rng: random.Random) -> list[tuple[int, str]]:
    """The community's buildings, units and rooms; returns (room id, state) per room."""
    zones = Zone.objects.bulk_create([Zone(community=community, name=data.ZONE_NAMES[i % len(data.ZONE_NAMES)]
                                           + ("" if i < len(data.ZONE_NAMES) else str(i)))
                                      for i in range(layout.zones)])
    per_building = layout.units * layout.floors * layout.per_floor
    count = math.ceil(layout.rooms / per_building)
    buildings = Building.objects.bulk_create(
        [Building(community=community, zone=zones[i * len(zones) // count], number=str(i + 1),
                  floors=layout.floors) for i in range(count)], batch_size=BATCH)
    units = Unit.objects.bulk_create([Unit(building=b, number=str(u + 1)) for b in buildings
                                      for u in range(layout.units)], batch_size=BATCH)
    rooms: list[tuple[int, str, int, str, str, Decimal]] = []  # unit, number, floor, state, code, area
    for unit in units:
        for floor in range(1, layout.floors + 1):
            for position in range(1, layout.per_floor + 1):
                if len(rooms) >= layout.rooms:
                    break
                number = f"{floor}{position:02d}"
                occupied = rng.random() < layout.occupied_share
                state = RoomState.OCCUPIED.value if occupied else rng.choice(_EMPTY_STATES)
                rooms.append((unit.pk, number, floor, state,
                              room_code(building=unit.building.number, unit=unit.number, number=number),
                              Decimal(rng.choice([78, 89, 96, 110, 125, 143])) + Decimal("0.45")))
    ids = allocate_ids(Room, len(rooms))
    BulkTable(Room, ["id", "community_id", "unit_id", "number", "floor", "state", "code", "area"]).write(
        [(pk, community.pk, *room) for pk, room in zip(ids, rooms, strict=True)])
    return [(pk, room[3]) for pk, room in zip(ids, rooms, strict=True)]


_EMPTY_STATES = [RoomState.VACANT.value, RoomState.VACANT.value, RoomState.RENOVATING.value]


def _household(state: str, people: _People) -> list[tuple[str, str, date, bool]]:
    """Who is attached to a room in ``state``: (relation, name, moved in, primary contact)."""
    rng = people.rng
    owner_since = people.moved_in()
    if state != RoomState.OCCUPIED:
        return [(Relation.OWNER.value, people.name(), owner_since, True)]
    if rng.random() < 0.12:  # let to tenants: the tenant is who calls the desk
        tenant_since = people.moved_in(2022)
        members = [(Relation.OWNER.value, people.name(), owner_since, False),
                   (Relation.TENANT.value, people.name(), tenant_since, True)]
        if rng.random() < 0.4:
            members.append((Relation.TENANT.value, people.name(), tenant_since, False))
        return members
    members = [(Relation.OWNER.value, people.name(), owner_since, True)]
    if rng.random() < 0.55:
        members.append((Relation.FAMILY.value, people.name(), owner_since, False))
    return members


def _build_people(community: Community, rooms: list[tuple[int, str]], people: _People) -> dict[str, int]:
    """Households, their phones and their cars, written with ``core.bulk`` (COPY on PostgreSQL):
    ``bulk_create`` spends most of a 100,000-room build preparing model instances."""
    rng = people.rng
    plan = [(room, state, member) for room, state in rooms for member in _household(state, people)]
    ids = allocate_ids(Person, len(plan))
    BulkTable(Person, ["id", "company_id", "name", "id_number", "preferred_language"]).write(
        [(pk, community.company_id, name, people.id_number(), "en" if rng.random() < 0.02 else "zh-hans")
         for pk, (_room, _state, (_rel, name, _since, _primary)) in zip(ids, plan, strict=True)])
    BulkTable(PhoneNumber, ["person_id", "number", "last4", "label", "is_primary"]).write(
        [(pk, number, number[-4:], "", True) for pk in ids for number in [people.phone()]])
    BulkTable(Occupancy, ["person_id", "room_id", "relation", "moved_in", "is_primary_contact"]).write(
        [(pk, room, relation, since, primary)
         for pk, (room, _state, (relation, _name, since, primary)) in zip(ids, plan, strict=True)])
    drivers = [pk for pk, (_room, state, member) in zip(ids, plan, strict=True)
               if member[3] and state == RoomState.OCCUPIED and rng.random() < 0.25]
    BulkTable(Vehicle, ["person_id", "community_id", "plate"]).write(
        [(pk, community.pk, people.plate()) for pk in drivers])
    return {"people": len(ids), "vehicles": len(drivers)}


def _build_staff(company: Company, communities: list[Community]) -> list[DemoLogin]:
    first = communities[0]
    logins = []
    for username, role, display_name, department in DEMO_STAFF:
        user = staff_create(username=username, password=DEMO_PASSWORD, password_hash=_demo_hash(), company=company,
                            display_name=display_name, department=department, roles=[(role, first)])
        if role == Role.COMPANY_ADMIN:
            User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
        where = company if role == Role.COMPANY_ADMIN else first
        logins.append(DemoLogin(username, DEMO_PASSWORD, str(Role(role).label), str(where)))
    if len(communities) > 1:
        second = communities[1]
        agent = staff_create(username=f"agent-{second.code.lower()}", password=DEMO_PASSWORD,
                             password_hash=_demo_hash(), company=company, display_name="黄小燕",
                             department=Department.CUSTOMER_SERVICE,
                             roles=[(Role.CS_AGENT, second)])
        logins.append(DemoLogin(agent.username, DEMO_PASSWORD, str(Role.CS_AGENT.label), str(second)))
    _staff_zones(company, communities[:2])
    return logins


def _staff_zones(company: Company, communities: list[Community]) -> None:
    """Every zone gets its 管家: ``zone`` looks after the first, colleagues the others."""
    names = iter(["林管家", "何管家", "高管家", "罗管家", "梁管家", "谢管家", "宋管家", "唐管家", "许管家", "韩管家"])
    for community in communities:
        for index, zone in enumerate(community.zones.order_by("pk")):
            username = "zone" if community == communities[0] and index == 0 else (
                f"zone-{community.code.lower()}-{index + 1}")
            manager = User.objects.filter(username=username).first() or staff_create(
                username=username, password=DEMO_PASSWORD, password_hash=_demo_hash(), company=company,
                display_name=next(names, "管家"),
                department=Department.CUSTOMER_SERVICE, roles=[(Role.ZONE_MANAGER, community)])
            Zone.objects.filter(pk=zone.pk).update(manager=manager)


def _build_residents(communities: list[Community]) -> list[DemoLogin]:
    logins = []
    for community in communities[:2]:
        stay = (Occupancy.objects.filter(room__community=community, relation=Relation.OWNER,
                                         is_primary_contact=True, room__state=RoomState.OCCUPIED)
                .select_related("person", "room").order_by("room__code").first())
        if stay is None:
            continue
        phone = stay.person.phones.get().number
        resident_account_create(person=stay.person, phone=phone, password=DEMO_PASSWORD,
                                password_hash=_demo_hash())
        logins.append(DemoLogin(phone, DEMO_PASSWORD, str(_("Resident")), f"{community} {stay.room.code}"))
    return logins


def demo_build(*, rooms: int | None = None, communities: int = 2, seed: int = DEFAULT_SEED) -> DemoResult:
    """Build the demo company unless it exists; the same seed always gives the same register."""
    company = Company.objects.filter(code=DEMO_COMPANY_CODE).first()
    if company is not None:
        existing = list(company.communities.order_by("pk"))
        return DemoResult(company=company, communities=existing, logins=demo_logins(company=company),
                          created=False, counts=_counts(company))
    rng = random.Random(seed)
    people = _People(rng)
    big = (rooms or 0) >= DEFERRED_INDEXES_FROM_ROOMS
    with transaction.atomic():
        company = Company.objects.create(name=DEMO_COMPANY_NAME, code=DEMO_COMPANY_CODE)
        built: list[Community] = []
        with indexes_deferred(_REGISTER_TABLES if big else []):
            for layout in demo_layouts(rooms=rooms, communities=communities):
                community = Community.objects.create(
                    company=company, name=layout.name, code=layout.code,
                    address=f"示范市湖滨路{len(built) + 1}号", service_phone=f"0571-8888{6666 + len(built):04d}")
                _build_people(community, _build_rooms(community, layout, rng), people)
                built.append(community)
        logins = _build_staff(company, built) + _build_residents(built)
    _analyze()
    return DemoResult(company=company, communities=built, logins=logins, created=True, counts=_counts(company))


_REGISTER_TABLES = [Room, Person, PhoneNumber, Occupancy, Vehicle]


def _analyze() -> None:
    """Refresh the planner's statistics after a bulk load.

    Until autovacuum gets to it, PostgreSQL plans the household search against empty-table
    estimates and scans every occupancy (215 ms instead of 0.8 ms at 100,000 rooms).
    """
    statistics_refresh((Room, Occupancy, Person, PhoneNumber, Vehicle, Unit, Building))


def _counts(company: Company) -> dict[str, int]:
    rooms = Room.objects.filter(community__company=company)
    return {
        "communities": company.communities.count(),
        "rooms": rooms.count(),
        "occupied": rooms.filter(state=RoomState.OCCUPIED).count(),
        "people": company.people.count(),
        "vehicles": Vehicle.objects.filter(community__company=company).count(),
    }


def demo_logins(*, company: Company) -> list[DemoLogin]:
    """The logins of an existing demo company, for printing again on a re-run."""
    logins = []
    staff = {u.username: u for u in User.objects.filter(roles__company=company).distinct()
             .prefetch_related("roles__community")}
    for username in [row[0] for row in DEMO_STAFF] + sorted(u for u in staff if u.startswith("agent-")):
        user = staff.get(username)
        if user is None:
            continue
        role = user.roles.all()[0]
        logins.append(DemoLogin(username, DEMO_PASSWORD, role.get_role_display(),
                                str(role.community or company)))
    for user in User.objects.filter(kind=UserKind.RESIDENT, person__company=company).order_by("pk"):
        logins.append(DemoLogin(user.phone or user.username, DEMO_PASSWORD, str(_("Resident")), ""))
    return logins


@transaction.atomic
def demo_reset() -> None:
    """Remove the demo company, its register, its accounts, and whatever other apps built on them.

    Other apps' demo rows (work orders, answers…) may protect the rooms and people they point
    at; resetting the demo means removing exactly those rows, so they are deleted first.
    """
    company = Company.objects.filter(code=DEMO_COMPANY_CODE).first()
    if company is None:
        return
    # Leaves first: each of these is then a plain DELETE … WHERE instead of Django's collector
    # loading the whole register into memory to cascade it (seconds at demo size on PostgreSQL).
    for queryset in (
        User.objects.filter(Q(roles__company=company) | Q(person__company=company)
                            | Q(username__in=[row[0] for row in DEMO_STAFF])),
        Occupancy.objects.filter(room__community__company=company),
        Vehicle.objects.filter(community__company=company),
        PhoneNumber.objects.filter(person__company=company), Person.objects.filter(company=company),
        Room.objects.filter(community__company=company), Unit.objects.filter(building__community__company=company),
        Building.objects.filter(community__company=company), Zone.objects.filter(community__company=company),
        Community.objects.filter(company=company), Company.objects.filter(pk=company.pk),
    ):
        _delete_through_protection(queryset, depth=DELETE_DEPTH)


DELETE_DEPTH = 6  # chains of protecting rows (event → order → room) are short; a cycle would be a bug


def _delete_through_protection(queryset: models.QuerySet, *, depth: int) -> None:
    for _attempt in range(depth):
        try:
            queryset.delete()
            return
        except (ProtectedError, RestrictedError) as exc:
            if depth <= 1:
                break
            blocking: dict[type[models.Model], set[object]] = defaultdict(set)
            blocked = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
            for obj in blocked:
                blocking[type(obj)].add(obj.pk)
            for model, pks in blocking.items():
                _delete_through_protection(model._default_manager.filter(pk__in=pks), depth=depth - 1)
    raise Conflict(_("Other records still point at the demo company; remove them first."), code="demo_protected")


def demo_load(*, rooms: int | None = None, communities: int = 2, seed: int = DEFAULT_SEED,
              reset: bool = False) -> DemoResult:
    """What ``guanjia load_demo`` does: (re)build the register, then run every app's demo hook."""
    if reset:
        demo_reset()
    result = demo_build(rooms=rooms, communities=communities, seed=seed)
    for hook in demo_hooks():
        hook(result)
    return result
