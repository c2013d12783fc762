"""Turning uploads into stored photos inside a service's transaction."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import ServiceError
from guanjia.core.models import Photo
from guanjia.core.photos import photo_store

# A work-order step rarely needs more; a cap keeps one request from filling the disk.
MAX_PHOTOS_PER_STEP = 9


def photos_store(*, files: Iterable[Any], actor: Any, community: Any) -> list[Photo]:
    """Store uploaded files (checked and cleaned by ``photo_store``); Photo rows pass through."""
    items = list(files or [])
    if len(items) > MAX_PHOTOS_PER_STEP:
        raise ServiceError(_("At most 9 photos can be added at a time."), code="too_many_photos",
                           field="photos")
    photos = []
    for item in items:
        if isinstance(item, Photo):
            if item.community_id not in (None, community.pk):
                raise ServiceError(_("This photo belongs to another community."), code="photo_invalid",
                                   field="photos")
            photos.append(item)
        else:
            actor_user = actor if getattr(actor, "is_authenticated", False) else None
            photos.append(photo_store(file=item, uploaded_by=actor_user, community=community))
    return photos
