from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A staff member's role in one community (or, for administrators, the whole company)."""

    COMPANY_ADMIN = "company_admin", _("Company administrator")  # configures every community
    PROJECT_MANAGER = "project_manager", _("Project manager")  # 项目经理: last rung of escalation
    CENTRE_MANAGER = "centre_manager", _("Service-centre manager")  # 服务中心经理
    CS_SUPERVISOR = "cs_supervisor", _("Customer-service supervisor")  # 客服主管: confirms triage
    CS_AGENT = "cs_agent", _("Customer-service agent / front desk")  # 客服专员/前台
    ZONE_MANAGER = "zone_manager", _("Zone manager")  # 管家/片区管理员
    TECHNICIAN = "technician", _("Engineering technician")  # 工程维修
    SECURITY = "security", _("Security officer")  # 秩序维护
    ENVIRONMENT = "environment", _("Environment staff")  # 保洁绿化
    QUALITY = "quality", _("Quality officer")  # 品质管理
    FINANCE = "finance", _("Finance clerk")  # 财务


# Roles whose work needs residents' full phone numbers (calling back, dispatching on site).
# Everyone else sees them masked; every reveal is audited either way.
ROLES_SEEING_PHONES = frozenset({
    Role.COMPANY_ADMIN, Role.PROJECT_MANAGER, Role.CENTRE_MANAGER, Role.CS_SUPERVISOR,
    Role.CS_AGENT, Role.ZONE_MANAGER, Role.TECHNICIAN, Role.SECURITY, Role.ENVIRONMENT,
})
# ID numbers are needed only for contracts and permits: managers and the front desk.
ROLES_SEEING_ID_NUMBERS = frozenset({
    Role.COMPANY_ADMIN, Role.PROJECT_MANAGER, Role.CENTRE_MANAGER, Role.CS_SUPERVISOR,
})
# Roles that supervise: confirm classifications, receive escalations, see the board.
SUPERVISING_ROLES = frozenset({
    Role.COMPANY_ADMIN, Role.PROJECT_MANAGER, Role.CENTRE_MANAGER, Role.CS_SUPERVISOR,
})
FIELD_ROLES = frozenset({Role.TECHNICIAN, Role.SECURITY, Role.ENVIRONMENT})


class UserKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    RESIDENT = "resident", _("Resident")
