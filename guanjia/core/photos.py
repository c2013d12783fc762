"""Storing photos safely (issue 3 item 13).

Every photo — a resident's upload or a technician's on-site picture — goes through
``photo_store``: the *content* is checked (a text file named ``x.jpg`` is refused), the
picture is turned upright by its EXIF orientation and re-encoded, which drops every piece of
metadata (EXIF, GPS location, XMP, maker notes), and a thumbnail is made.

Files go through Django's default storage (``STORAGES["default"]``): the filesystem under
MEDIA_ROOT by default. For S3-compatible object storage in production, install
``django-storages[s3]`` and set ``DEFAULT_FILE_STORAGE=storages.backends.s3.S3Storage`` plus
``AWS_STORAGE_BUCKET_NAME``, ``AWS_S3_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY`` (Aliyun OSS, Tencent COS and MinIO all speak S3). Nothing here
assumes a local path: files are written and read only through the storage API.

The files are written before their row, inside the caller's transaction. A transaction that
rolls back takes the row with it but not the files, so ``photo_save`` removes them itself when
that happens (``_remove_on_rollback``); a committed photo's files are never touched.
"""

import io
import logging
import uuid
import weakref
from dataclasses import dataclass, field
from typing import Any

import pillow_heif
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from guanjia.core.errors import ServiceError
from guanjia.core.models import Photo

logger = logging.getLogger(__name__)

ORIENTATION = 0x0112  # the EXIF tag
# iPhones save HEIC by default; the opener teaches Pillow to read it.
pillow_heif.register_heif_opener()

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "HEIF"})
THUMBNAIL_SIZE = (320, 320)
JPEG_QUALITY = 85
# 50 megapixels is more than any phone camera; beyond it a small file is likely a
# decompression bomb (a few KB that expands to gigabytes in memory).
MAX_PIXELS = 50_000_000


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo checked and re-encoded in memory, not stored yet (see ``photo_prepare``)."""

    full: bytes
    thumbnail: bytes
    ext: str
    width: int
    height: int
    original_name: str


def photo_store(*, file: Any, uploaded_by: Any = None, community: Any = None) -> Photo:
    """Check, clean and store an uploaded photo; raises ServiceError ``photo_invalid`` / ``photo_too_large``."""
    return photo_save(prepared=photo_prepare(file=file), uploaded_by=uploaded_by, community=community)


def photo_prepare(*, file: Any) -> PreparedPhoto:
    """Check and clean an upload without storing anything (CPU only; raises like ``photo_store``).

    A service can do this before it takes locks or numbers, and ``photo_save`` inside its
    transaction: a refused picture then costs nothing, and the image work holds no lock.
    """
    data = _read_limited(file)
    image = _open_checked(data)
    image = ImageOps.exif_transpose(image) if _needs_turning(image) else image
    # A PNG/WebP with see-through pixels (a marked-up screenshot) stays PNG; everything else is JPEG.
    keep_png = _has_transparency(image)
    # Optimised Huffman tables make a phone photo about 3% smaller and cost three times the
    # encoding (measured: 46 ms instead of 15 for 1920×1440), paid inside every upload request;
    # the thumbnail is small enough to optimise for free.
    full = _encode(image, keep_png=keep_png, optimize=False)
    thumb = image.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    small = _encode(thumb, keep_png=keep_png)
    return PreparedPhoto(full=full, thumbnail=small, ext="png" if keep_png else "jpg", width=image.width,
                         height=image.height, original_name=str(getattr(file, "name", "") or "")[-200:])


def photo_save(*, prepared: PreparedPhoto, uploaded_by: Any = None, community: Any = None) -> Photo:
    """Write a prepared photo's files through the storage and its row.

    Inside a caller's transaction (an intake with photos) the files go away again if that
    transaction, or a savepoint around this call, rolls back; alone, the row and the files are
    one transaction of their own.
    """
    photo = Photo(uuid=uuid.uuid4(), uploaded_by=uploaded_by, community=community, size=len(prepared.full),
                  original_name=prepared.original_name)
    # No savepoint: inside a service's transaction a failure here fails the whole write anyway.
    with transaction.atomic(savepoint=False):
        written = _remove_on_rollback(storage=photo.image.storage)
        photo.image.save(f"photo.{prepared.ext}", ContentFile(prepared.full), save=False)
        written.names.append(_saved_name(photo.image))
        photo.thumbnail.save(f"thumb.{prepared.ext}", ContentFile(prepared.thumbnail), save=False)
        written.names.append(_saved_name(photo.thumbnail))
        # Set after the files: assigning a file name resets the width/height fields Django fills itself.
        photo.width, photo.height = prepared.width, prepared.height
        photo.save()
    return photo


@dataclass
class _Written:
    """The files one ``photo_save`` wrote, and whether the transaction that wrote them committed."""

    storage: Storage
    connection: BaseDatabaseWrapper
    names: list[str] = field(default_factory=list)
    committed: bool = False


class _OnCommit:
    """The on-commit callback of ``_remove_on_rollback``: being called is all it does."""

    def __init__(self, written: _Written) -> None:
        self.written = written

    def __call__(self) -> None:
        self.written.committed = True


def _remove_on_rollback(*, storage: Storage) -> _Written:
    """Files to remove unless the current transaction commits.

    Django has on-commit hooks but no on-rollback hook. Its on-commit bookkeeping, though, knows
    exactly which work a rollback undid: rolling back a transaction or a savepoint discards the
    callbacks registered inside it, and only those, without calling them. So the callback here
    does nothing but note that it was called, and the files are removed when it is discarded
    uncalled (CPython frees it at once: the list Django drops is its only holder). This follows
    savepoints exactly, needs nothing from the callers, and leaves the commit path alone: a
    committed photo keeps its files whatever happens after.

    Writing under a temporary name and renaming on commit was the other way; it was not taken
    because a crash between the commit and the rename would leave committed rows pointing at
    missing files, and S3-compatible storage has no rename (a copy and a delete per file).
    """
    written = _Written(storage=storage, connection=transaction.get_connection())
    callback = _OnCommit(written)
    weakref.finalize(callback, _remove_unless_committed, written)
    transaction.on_commit(callback)
    return written


def _remove_unless_committed(written: _Written) -> None:
    if written.committed or not written.names:
        return
    if written.connection.run_commit_hooks_on_set_autocommit_on:
        # A transaction committed and one of its on-commit callbacks raised, so the ones after it
        # (possibly this one) were dropped uncalled: whether these files' row committed cannot be
        # told from here. Keeping an orphan is better than losing an accepted request's photo.
        logger.warning("photo files %s kept: their transaction's commit hooks were interrupted", written.names)
        return
    for name in written.names:
        try:
            written.storage.delete(name)
        except Exception:  # a storage outage must not mask the error that rolled the transaction back
            logger.exception("could not remove photo file %s after its transaction rolled back", name)


def _read_limited(file: Any) -> bytes:
    limit = settings.GUANJIA_PHOTO_MAX_BYTES
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise _too_large(limit)
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)  # never read more than one byte past the limit into memory
    if len(data) > limit:
        raise _too_large(limit)
    if not data:
        raise ServiceError(_("The photo is empty."), code="photo_invalid", field="photo")
    return data


def _too_large(limit: int) -> ServiceError:
    return ServiceError(_("The photo is too large: at most %(size)s.") % {"size": filesizeformat(limit)},
                        code="photo_too_large", field="photo", status=413)


def _open_checked(data: bytes) -> Image.Image:
    invalid = ServiceError(_("This file is not a photo we can read. Please send a JPEG, PNG, WebP or HEIC "
                             "picture."), code="photo_invalid", field="photo")
    try:
        probe = Image.open(io.BytesIO(data))
        if probe.format not in ACCEPTED_FORMATS:
            raise invalid
        if probe.width * probe.height > MAX_PIXELS:
            raise invalid
        probe.verify()  # checks the structure; the image must be reopened afterwards
        image = Image.open(io.BytesIO(data))
        image.load()  # decodes every pixel: a truncated file fails here, not later
    except ServiceError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise invalid from exc
    return image


def _needs_turning(image: Image.Image) -> bool:
    # exif_transpose returns a full copy even when the picture is already upright.
    return image.getexif().get(ORIENTATION, 1) != 1


def _saved_name(file: FieldFile) -> str:
    if file.name is None:  # save() has just named it; the type allows a file not saved yet
        raise ValueError("the photo file was not saved")
    return file.name


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA"):
        lowest = image.getchannel("A").getextrema()[0]  # one band: (lowest, highest)
        return isinstance(lowest, int | float) and lowest < 255
    return image.mode == "P" and "transparency" in image.info


def _encode(image: Image.Image, *, keep_png: bool, optimize: bool = True) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if keep_png else "RGB"
    pixels = image if image.mode == mode else image.convert(mode)  # convert() copies even when it need not
    # Only pixels are written: no exif=, icc_profile= or xmp= is passed, so metadata is dropped.
    if keep_png:
        pixels.save(out, format="PNG", optimize=optimize)
    else:
        pixels.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=optimize)
    return out.getvalue()
