"""The fixed vocabulary of requests (诉求分类): kind, category, urgency and department.

Codes are stable identifiers used in the database, the API, exports and data files;
labels are translated. The default department for a category follows the taxonomy:
inquiries, suggestions and praise always go to customer service.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    INQUIRY = "inquiry", _("Inquiry")  # a question; answered, nothing to fix
    COMPLAINT = "complaint", _("Complaint")  # dissatisfaction with a service, person, charge…
    REPAIR = "repair", _("Repair")  # something physical is broken
    SERVICE = "service", _("Convenience service")  # parcel, key, door opening, card…
    SUGGESTION = "suggestion", _("Suggestion")  # an idea for improvement, no fault claimed
    PRAISE = "praise", _("Praise")  # thanks for staff or service


class Category(models.TextChoices):
    FACILITY = "facility", _("Facilities and equipment")
    ENVIRONMENT = "environment", _("Environment and cleaning")
    ORDER = "order", _("Order and security")
    FEE = "fee", _("Fees")
    SERVICE = "service", _("Service quality")
    RENOVATION = "renovation", _("Renovation")
    NEIGHBOR = "neighbor", _("Neighbour relations")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent")  # life, safety or property at risk now
    NORMAL = "normal", _("Normal")  # everything ordinary
    COMPLEX = "complex", _("Complex")  # long-standing, structural, group complaints


class Department(models.TextChoices):
    ENGINEERING = "engineering", _("Engineering and repairs")
    ENVIRONMENT = "environment", _("Environment (cleaning and greening)")
    SECURITY = "security", _("Security and order")
    FINANCE = "finance", _("Finance")
    CUSTOMER_SERVICE = "customer_service", _("Customer service centre")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    FRONT_DESK = "front_desk", _("Front desk")
    PORTAL = "portal", _("Mini-program / owner portal")
    WECHAT_GROUP = "wechat_group", _("Owner WeChat group")
    HOTLINE_12345 = "hotline_12345", _("12345 hotline transfer")
    PATROL = "patrol", _("Staff patrol")
    INTERNAL = "internal", _("Internal")


DEFAULT_DEPARTMENT_FOR_CATEGORY: dict[str, str] = {
    Category.FACILITY: Department.ENGINEERING,
    Category.ENVIRONMENT: Department.ENVIRONMENT,
    Category.ORDER: Department.SECURITY,
    Category.FEE: Department.FINANCE,
    Category.SERVICE: Department.CUSTOMER_SERVICE,
    Category.RENOVATION: Department.CUSTOMER_SERVICE,
    Category.NEIGHBOR: Department.CUSTOMER_SERVICE,
    Category.OTHER: Department.CUSTOMER_SERVICE,
}

# Kinds that never need a trade: customer service answers them whatever the category.
CUSTOMER_SERVICE_KINDS = frozenset({Kind.INQUIRY, Kind.SUGGESTION, Kind.PRAISE})


def default_department(*, kind: str, category: str) -> str:
    """The department that acts on a request unless the person triaging overrides it."""
    if kind in CUSTOMER_SERVICE_KINDS:
        return Department.CUSTOMER_SERVICE.value
    return str(DEFAULT_DEPARTMENT_FOR_CATEGORY.get(category, Department.CUSTOMER_SERVICE))
