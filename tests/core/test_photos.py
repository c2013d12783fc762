"""Photos from residents and technicians: checked by content, cleaned of location, thumbnailed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from guanjia.core.errors import ServiceError
from guanjia.core.photos import photo_store
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# EXIF tag numbers: GPSInfo IFD pointer and Orientation.
GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg_with_gps(*, size=(800, 600), orientation=None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_a_phone_photo_with_gps_location_is_stored_without_it(community):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD), "the test photo carries GPS"
    technician = UserFactory(username="tech-wang")

    photo = photo_store(file=upload(original, "IMG_0001.JPG"), uploaded_by=technician, community=community)

    with photo.image.open("rb") as f:
        stored = Image.open(io.BytesIO(f.read()))
    assert stored.format == "JPEG"
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert len(stored.getexif()) == 0
    assert (photo.width, photo.height) == (800, 600)
    assert photo.size == photo.image.size
    assert photo.original_name == "IMG_0001.JPG"
    assert photo.uploaded_by == technician and photo.community == community
    assert photo.image.name.endswith(f"{photo.uuid.hex}.jpg")


def test_the_thumbnail_is_small_and_keeps_the_aspect_ratio(community):
    photo = photo_store(file=upload(jpeg_with_gps(size=(1600, 800)), "wide.jpg"), community=community)
    with photo.thumbnail.open("rb") as f:
        thumb = Image.open(io.BytesIO(f.read()))
    assert thumb.size == (320, 160)
    assert photo.thumbnail.name.endswith(f"{photo.uuid.hex}-thumb.jpg")


def test_a_sideways_phone_photo_is_turned_upright_before_the_orientation_tag_is_dropped():
    # Orientation 6: the camera stored it rotated; viewers turn it 90° clockwise.
    photo = photo_store(file=upload(jpeg_with_gps(size=(800, 600), orientation=6), "portrait.jpg"))
    assert (photo.width, photo.height) == (600, 800)


def test_a_text_file_named_jpg_is_refused():
    fake = upload("张女士家的水管漏水了".encode() * 10, "leak.jpg")
    with pytest.raises(ServiceError) as err:
        photo_store(file=fake)
    assert err.value.code == "photo_invalid"
    assert "JPEG" in str(err.value.message)


def test_a_truncated_jpeg_is_refused():
    with pytest.raises(ServiceError) as err:
        photo_store(file=upload(jpeg_with_gps()[:2000], "cut.jpg"))
    assert err.value.code == "photo_invalid"


def test_a_gif_is_refused_even_though_it_is_an_image():
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, format="GIF")
    with pytest.raises(ServiceError) as err:
        photo_store(file=upload(out.getvalue(), "anim.jpg"))
    assert err.value.code == "photo_invalid"


@override_settings(GUANJIA_PHOTO_MAX_BYTES=20_000)
def test_a_photo_over_the_configured_size_is_refused_with_the_limit_in_the_message():
    big = upload(b"\xff\xd8" + b"\0" * 30_000, "huge.jpg")
    with pytest.raises(ServiceError) as err:
        photo_store(file=big)
    assert err.value.code == "photo_too_large"
    assert err.value.status == 413
    assert "19.5" in str(err.value.message)


@override_settings(GUANJIA_PHOTO_MAX_BYTES=20_000)
def test_size_is_measured_on_the_content_even_without_a_declared_size():
    stream = io.BytesIO(b"\0" * 30_000)  # a plain stream has no .size attribute
    with pytest.raises(ServiceError) as err:
        photo_store(file=stream)
    assert err.value.code == "photo_too_large"


def gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make: without a tag in the main IFD some encoders drop the GPS IFD
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)})
    return exif


def test_an_iphone_heic_photo_is_accepted_and_stored_as_jpeg_without_its_location():
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (10, 120, 200)).save(out, format="HEIF", exif=gps_exif())
    assert Image.open(io.BytesIO(out.getvalue())).getexif().get_ifd(GPS_IFD), "the test HEIC carries GPS"

    photo = photo_store(file=upload(out.getvalue(), "IMG_1234.HEIC"))

    assert photo.image.name.endswith(".jpg")
    with photo.image.open("rb") as f:
        stored = Image.open(io.BytesIO(f.read()))
    assert stored.format == "JPEG" and not stored.getexif().get_ifd(GPS_IFD)
    assert (photo.width, photo.height) == (400, 300)


def test_a_webp_photo_is_accepted():
    out = io.BytesIO()
    Image.new("RGB", (120, 90), "green").save(out, format="WEBP")
    photo = photo_store(file=upload(out.getvalue(), "x.webp"))
    assert photo.image.name.endswith(".jpg")


def test_a_png_with_transparency_stays_png_and_an_opaque_png_becomes_jpeg():
    clear = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    clear.paste((255, 0, 0, 255), (10, 10, 40, 40))
    opaque = Image.new("RGB", (50, 50), "blue")
    outputs = []
    for image in (clear, opaque):
        out = io.BytesIO()
        image.save(out, format="PNG", exif=gps_exif())
        assert Image.open(io.BytesIO(out.getvalue())).getexif().get_ifd(GPS_IFD), "the test PNG carries GPS"
        outputs.append(photo_store(file=upload(out.getvalue(), "screenshot.png")))
    assert outputs[0].image.name.endswith(".png")
    with outputs[0].image.open("rb") as f:
        stored = Image.open(io.BytesIO(f.read()))
    assert stored.getpixel((0, 0))[3] == 0
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert outputs[1].image.name.endswith(".jpg")


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    out = io.BytesIO()
    Image.new("1", (8000, 7000)).save(out, format="PNG")  # 56 megapixels in a few kilobytes
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ServiceError) as err:
        photo_store(file=upload(out.getvalue(), "bomb.png"))
    assert err.value.code == "photo_invalid"
