"""A photo is stored before its request is: when the request fails after that, the photo's files
must not stay behind on the disk with no row pointing at them (a resident's picture of their home,
kept for nobody). An accepted request keeps its picture and its thumbnail."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction
from PIL import Image

from guanjia.core.models import Photo
from guanjia.core.photos import photo_prepare, photo_save
from guanjia.core.taxonomy import Channel
from guanjia.tickets.models import WorkOrder
from guanjia.tickets.services import IntakeRequest, intake, workorder_intake

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def leak_photo(name="leak.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "blue").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def files_under(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def leak_at_the_desk(agent, room):
    return workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PHONE, room=room, description="卫生间漏水，见照片", photos=[leak_photo()]))


@pytest.fixture
def fails_after_the_photo_is_stored(monkeypatch, media_root):
    """The database refuses the intake after its photo was written (the repeat-complaint check is
    the last write before the desk is told)."""
    seen_on_disk = []

    def database_error(**kwargs):
        seen_on_disk.extend(files_under(media_root))
        raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr(intake, "patterns_check", database_error)
    return seen_on_disk


def test_an_intake_that_fails_after_storing_its_photo_leaves_no_file(agent, room, media_root,
                                                                     fails_after_the_photo_is_stored):
    with pytest.raises(DatabaseError):
        leak_at_the_desk(agent, room)

    assert len(fails_after_the_photo_is_stored) == 2, "the picture and its thumbnail were on disk"
    assert not WorkOrder.objects.exists() and not Photo.objects.exists()
    assert files_under(media_root) == []


def test_an_accepted_intake_keeps_its_photo_and_thumbnail(agent, room, media_root):
    order = leak_at_the_desk(agent, room)

    photo = Photo.objects.get()
    assert order.events.get(type="created").photos.get() == photo
    assert files_under(media_root) == sorted([Path(photo.image.name).name, Path(photo.thumbnail.name).name])
    assert photo.image.storage.exists(photo.image.name) and photo.thumbnail.storage.exists(photo.thumbnail.name)


def test_a_failed_step_inside_a_larger_write_removes_only_its_own_photo(agent, room, media_root):
    """A savepoint rolls back one photo; the transaction around it commits with the other."""
    with transaction.atomic():
        kept = photo_save(prepared=photo_prepare(file=leak_photo("before.jpg")), community=room.community)
        with pytest.raises(DatabaseError), transaction.atomic():
            photo_save(prepared=photo_prepare(file=leak_photo("after.jpg")), community=room.community)
            raise DatabaseError("deadlock detected")

    assert list(Photo.objects.all()) == [kept]
    assert files_under(media_root) == sorted([Path(kept.image.name).name, Path(kept.thumbnail.name).name])


@pytest.mark.django_db(transaction=True)
def test_a_real_rollback_removes_the_files_and_a_real_commit_keeps_them(agent, room, media_root, monkeypatch):
    """Outside the test's own transaction: the intake is the outermost transaction, as in production."""
    real_patterns_check = intake.patterns_check

    def database_error(**kwargs):
        raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr(intake, "patterns_check", database_error)
    with pytest.raises(DatabaseError):
        leak_at_the_desk(agent, room)
    assert files_under(media_root) == []

    monkeypatch.setattr(intake, "patterns_check", real_patterns_check)
    leak_at_the_desk(agent, room)

    photo = Photo.objects.get()
    assert files_under(media_root) == sorted([Path(photo.image.name).name, Path(photo.thumbnail.name).name])


@pytest.mark.django_db(transaction=True)
def test_a_committed_photo_keeps_its_files_when_an_earlier_commit_hook_fails(room, media_root):
    """Django stops running on-commit callbacks at the first that raises: the photo's is then
    dropped uncalled although its row committed. Its files must stay."""

    def broker_down():
        raise ConnectionError("broker unreachable")

    with pytest.raises(ConnectionError) as failure, transaction.atomic():  # the commit is what raises
        transaction.on_commit(broker_down)
        photo = photo_save(prepared=photo_prepare(file=leak_photo()), community=room.community)
    del failure  # the traceback held the callbacks Django did not run; now they are dropped

    assert Photo.objects.get() == photo
    assert files_under(media_root) == sorted([Path(photo.image.name).name, Path(photo.thumbnail.name).name])
