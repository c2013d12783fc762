"""Turning uploads into stored photos inside a service's transaction."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import ServiceError
from guanjia.core.models import Photo
from guanjia.core.photos import PreparedPhoto, photo_prepare, photo_save

# A work-order step rarely needs more; a cap keeps one request from filling the disk.
MAX_PHOTOS_PER_STEP = 9


def photos_store(*, files: Iterable[Any], actor: Any, community: Any) -> list[Photo]:
    """Store uploaded files (checked and cleaned by ``photo_prepare``); Photo rows pass through."""
    return photos_save(prepared=photos_prepare(files=files, community=community), actor=actor, community=community)


def photos_prepare(*, files: Iterable[Any], community: Any) -> list[Photo | PreparedPhoto]:
    """Check every upload and re-encode it in memory; nothing is written (raises ServiceError)."""
    items = list(files or [])
    if len(items) > MAX_PHOTOS_PER_STEP:
        raise ServiceError(_("At most 9 photos can be added at a time."), code="too_many_photos",
                           field="photos")
    prepared: list[Photo | PreparedPhoto] = []
    for item in items:
        if isinstance(item, Photo):
            if item.community_id not in (None, community.pk):
                raise ServiceError(_("This photo belongs to another community."), code="photo_invalid",
                                   field="photos")
            prepared.append(item)
        else:
            prepared.append(photo_prepare(file=item))
    return prepared


def photos_save(*, prepared: list[Photo | PreparedPhoto], actor: Any, community: Any) -> list[Photo]:
    """Store what ``photos_prepare`` checked; call inside the service's transaction."""
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    return [item if isinstance(item, Photo) else photo_save(prepared=item, uploaded_by=actor_user,
                                                            community=community)
            for item in prepared]
