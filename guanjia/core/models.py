from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    VIEW_PERSONAL_DATA = "view_personal_data", _("Viewed personal data unmasked")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    IMPORT = "import", _("Imported")
    EXPORT = "export", _("Exported")
    LOGIN = "login", _("Logged in")


class AuditEntry(models.Model):
    """Who viewed or changed what (PRV-1). Append-only: nothing updates or deletes a row."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    community = models.ForeignKey(
        "properties.Community", verbose_name=_("community"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}:{self.object_id}"


def _photo_path(instance: "Photo", filename: str) -> str:
    return f"photos/{instance.created_at:%Y/%m}/{instance.uuid.hex}.{filename.rsplit('.', 1)[-1]}"


def _thumb_path(instance: "Photo", filename: str) -> str:
    return f"photos/{instance.created_at:%Y/%m}/{instance.uuid.hex}-thumb.{filename.rsplit('.', 1)[-1]}"


class Photo(models.Model):
    """A photo taken on site or by a resident: re-encoded, location stripped, with a thumbnail.

    Created only through ``guanjia.core.photos.photo_store`` which checks the content.
    """

    uuid = models.UUIDField(_("public id"), unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    community = models.ForeignKey("properties.Community", verbose_name=_("community"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="+")
    image = models.ImageField(_("image"), upload_to=_photo_path, width_field="width", height_field="height")
    thumbnail = models.ImageField(_("thumbnail"), upload_to=_thumb_path, blank=True)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.original_name or str(self.uuid)
