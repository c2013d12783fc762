"""Creating staff accounts with their roles, and residents' phone-number accounts."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import Conflict, ServiceError
from guanjia.properties.identifiers import clean_phone
from guanjia.properties.models import Community, Company, Person

from .choices import Role, UserKind
from .models import StaffRole

User = get_user_model()


def _set_password(user: Any, password: str, password_hash: str | None) -> None:
    """Validate and hash ``password``, or take ``password_hash`` as already hashed.

    The demo gives every account the same published password: hashing it once instead of for
    each of its seventeen accounts saves many seconds of PBKDF2 on ``make demo``.
    """
    if password_hash is not None:
        user.password = password_hash
        return
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), code="password_weak", field="password") from exc
    user.set_password(password)


@transaction.atomic
def staff_create(*, username: str, password: str, company: Company, display_name: str = "",
                 department: str = "", phone: str | None = None,
                 roles: list[tuple[str, Community | None]] | None = None,
                 password_hash: str | None = None) -> Any:
    """A staff member who logs in by username, with roles in communities of ``company``."""
    username = username.strip()
    if not username:
        raise ServiceError(_("A staff member needs a username."), code="username_missing", field="username")
    if User.objects.filter(username=username).exists():
        raise Conflict(_("This username is taken."), code="username_taken", field="username")
    digits = clean_phone(phone) if phone else None
    if phone and digits is None:
        raise ServiceError(_("This is not a valid phone number."), code="phone_invalid", field="phone")
    user = User(username=username, display_name=display_name, kind=UserKind.STAFF, department=department,
                phone=digits, is_staff=any(role == Role.COMPANY_ADMIN for role, _c in roles or []))
    _set_password(user, password, password_hash)
    user.save()
    for role, community in roles or []:
        staffrole_grant(user=user, company=company, community=community, role=role)
    return user


@transaction.atomic
def staffrole_grant(*, user: Any, company: Company, role: str, community: Community | None = None) -> StaffRole:
    """Give ``user`` a role in ``community``; company administrators hold theirs company-wide."""
    if role not in Role.values:
        raise ServiceError(_("Unknown role."), code="role_invalid", field="role")
    if user.kind != UserKind.STAFF:
        raise ServiceError(_("Only staff members hold roles."), code="not_staff", field="user")
    if role == Role.COMPANY_ADMIN:
        community = None
    elif community is None:
        raise ServiceError(_("This role is held in a community."), code="community_missing", field="community")
    elif community.company_id != company.pk:
        raise ServiceError(_("The community belongs to another company."), code="community_elsewhere",
                           field="community")
    staff_role, _created = StaffRole.objects.get_or_create(user=user, company=company, community=community,
                                                           role=role)
    return staff_role


@transaction.atomic
def resident_account_create(*, person: Person, phone: str, password: str,
                            password_hash: str | None = None) -> Any:
    """A resident's portal account: they log in with their phone number."""
    digits = clean_phone(phone)
    if digits is None:
        raise ServiceError(_("This is not a valid phone number."), code="phone_invalid", field="phone")
    if not person.phones.filter(number=digits).exists():
        raise ServiceError(_("This phone number is not on the resident's record."), code="phone_not_on_record",
                           field="phone")
    if User.objects.filter(phone=digits).exists() or User.objects.filter(username=f"r{digits}").exists():
        raise Conflict(_("An account already uses this phone number."), code="phone_taken", field="phone")
    if User.objects.filter(person=person).exists():
        raise Conflict(_("This resident already has an account."), code="resident_has_account", field="person")
    user = User(username=f"r{digits}", phone=digits, kind=UserKind.RESIDENT, person=person,
                display_name=person.name, preferred_language=person.preferred_language)
    _set_password(user, password, password_hash)
    user.save()
    return user
