"""Writing the audit log: every reveal of personal data and every change worth tracing."""

from typing import Any

from django.db import models

from .models import AuditAction, AuditEntry


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    community_id: int | None = None,
    detail: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=str(obj)[:200] if obj is not None else "",
        community_id=community_id,
        detail=detail or {},
        ip_address=ip_address,
    )


def audit_reveal(*, actor: Any, obj: models.Model, field: str, community_id: int | None = None,
                 ip_address: str | None = None) -> AuditEntry:
    """Record that ``actor`` saw ``field`` of ``obj`` unmasked."""
    return audit_record(
        actor=actor, action=AuditAction.VIEW_PERSONAL_DATA, obj=obj, community_id=community_id,
        detail={"field": field}, ip_address=ip_address,
    )


def client_ip(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None
