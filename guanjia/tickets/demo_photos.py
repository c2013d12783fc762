"""Sample photos for the synthetic history: a small pool of real pictures that many rows share.

The generated history carries photo *metadata* at scale (hundreds of thousands of ``Photo``
rows for the benchmark's million orders), but every row points at one of a few dozen files:
what the benchmark measures is the rows, the joins and the pages, not a disk full of pixels,
and a pool of fixed names means regenerating (``bench --fresh``, ``load_demo --reset``) reuses
the same files instead of leaving another batch behind.

Each picture is drawn with Pillow, labelled as a sample so nobody takes it for evidence, and
then goes through ``photo_prepare`` like an upload: the files are the JPEG and thumbnail the
app itself would have stored for it, so the order page, the tracking page and the API serve
them as they serve real photos.
"""

import io
import os
import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from guanjia.core.bulk import BulkTable, allocate_ids
from guanjia.core.models import Photo
from guanjia.core.photos import photo_prepare
from guanjia.core.taxonomy import Category, Channel, Kind

from .models import WorkOrderEvent

# Who attaches photos when an order is made, by channel. The mini-program's request form asks for
# pictures, and residents reporting something broken, dirty or blocked mostly send one; in an owner
# group residents post pictures and the agent logging the order copies them in, less often; a
# patrol's report is its photo. Phone calls, the front desk, 12345 transfers and internal orders
# bring none at intake (the technician's come later).
REPORT_PHOTO_SHARE = {Channel.PORTAL.value: 0.6, Channel.WECHAT_GROUP.value: 0.4, Channel.PATROL.value: 0.8}
REPORTED_KINDS = frozenset({Kind.REPAIR.value, Kind.COMPLAINT.value})
# Handbooks ask technicians for before/after photos of every repair; in practice about seven in
# ten completed repairs carry some (quality checks chase the rest).
COMPLETION_PHOTO_SHARE = 0.7
REPORT_COUNTS = (45, 80, 100)  # cumulative per 100: one photo 45%, two 35%, three 20%
COMPLETION_COUNTS = (30, 85, 100)  # mostly a before/after pair

POOL_DIR = "photos/samples"
# What the mini-program uploads: WeChat's compressed pictures are about 1280 pixels on the long side.
PHOTO_SIZE = (1280, 960)
VARIANTS = 3  # two "before" shots of each subject and one "after" (work done)
AFTER = VARIANTS - 1

# What residents photograph and technicians fix: the category whose orders show it, then the
# background and foreground colours and the label drawn on the picture.
SUBJECTS: dict[str, tuple[str, tuple[int, int, int], tuple[int, int, int], str]] = {
    "leak": (Category.FACILITY, (150, 170, 185), (40, 90, 160), "Water leak"),
    "drain": (Category.FACILITY, (170, 165, 150), (80, 70, 50), "Blocked drain"),
    "light": (Category.FACILITY, (60, 60, 75), (240, 220, 120), "Stairwell light"),
    "lift": (Category.FACILITY, (190, 190, 195), (110, 115, 125), "Lift"),
    "door": (Category.FACILITY, (180, 150, 120), (90, 60, 40), "Door lock / access"),
    "socket": (Category.FACILITY, (225, 225, 215), (200, 60, 50), "Socket / breaker"),
    "crack": (Category.FACILITY, (210, 205, 195), (120, 110, 100), "Wall crack"),
    "rubbish": (Category.ENVIRONMENT, (120, 140, 110), (70, 60, 50), "Rubbish"),
    "lawn": (Category.ENVIRONMENT, (90, 150, 80), (40, 90, 40), "Lawn / sprinkler"),
    "parking": (Category.ORDER, (95, 95, 100), (230, 200, 40), "Parking / fire lane"),
    "corridor": (Category.NEIGHBOR, (200, 190, 170), (130, 100, 80), "Corridor clutter"),
    "renovation": (Category.RENOVATION, (185, 180, 170), (150, 140, 130), "Renovation debris"),
}

# The label in the desk's language, drawn when a CJK font is installed (Debian's fonts-noto-cjk, which
# `make browser-deps` installs); without one Pillow can only draw the English label.
CHINESE_LABELS = {"leak": "漏水", "drain": "下水道堵塞", "light": "楼道灯", "lift": "电梯", "door": "门锁/门禁",
                  "socket": "插座/空开", "crack": "墙面裂缝", "rubbish": "垃圾", "lawn": "草坪/喷灌",
                  "parking": "停车/消防通道", "corridor": "楼道堆物", "renovation": "装修垃圾"}
CJK_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
             "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
             "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")


def caption(key: str, variant: int, *, chinese: bool) -> str:
    """What the picture's banner says: that it is a sample, of what, before or after the work."""
    done = variant == AFTER
    if chinese:
        return f"管家示例照片  |  {CHINESE_LABELS[key]} · {'维修后' if done else f'报修 {variant + 1}'}"
    return f"Guanjia sample photo  |  {SUBJECTS[key][3]} - {'after repair' if done else f'report {variant + 1}'}"


def _banner_font() -> tuple[Any, bool]:
    """(font, whether it draws Chinese)."""
    for path in CJK_FONTS:
        if os.path.exists(path):
            try:
                return ImageFont.truetype(path, 44), True
            except OSError:
                continue
    return ImageFont.load_default(size=48), False


@dataclass(frozen=True)
class SamplePhoto:
    """One stored picture of the pool: what a ``Photo`` row pointing at it records."""

    image: str
    thumbnail: str
    width: int
    height: int
    size: int
    original_name: str

    @property
    def columns(self) -> tuple[str, str, int, int, int, str]:
        """What every ``Photo`` row of this picture repeats, in ``PHOTO_COLUMNS`` order."""
        return self.image, self.thumbnail, self.width, self.height, self.size, self.original_name


@dataclass(frozen=True)
class Subject:
    """One thing photographed: the resident's shots of the problem and the technician's of the fix."""

    before: tuple[SamplePhoto, ...]
    after: SamplePhoto


@dataclass(frozen=True)
class SamplePool:
    """The subjects by category. Categories without one (fees, service, other) have nothing to photograph."""

    subjects: dict[str, tuple[Subject, ...]]

    @property
    def files(self) -> int:
        return sum(2 * (len(s.before) + 1) for subjects in self.subjects.values() for s in subjects)


def sample_pool_ready() -> SamplePool:
    """The pool's files in storage, drawn the first time and reused afterwards (a few dozen files)."""
    storage = Photo._meta.get_field("image").storage
    subjects: dict[str, list[Subject]] = {}
    for key, (category, *_look) in SUBJECTS.items():
        shots = [_stored(storage, key, variant) or _draw_and_store(storage, key, variant)
                 for variant in range(VARIANTS)]
        subjects.setdefault(str(category), []).append(Subject(before=tuple(shots[:AFTER]), after=shots[AFTER]))
    return SamplePool(subjects={category: tuple(found) for category, found in subjects.items()})


def _names(key: str, variant: int) -> tuple[str, str]:
    return f"{POOL_DIR}/{key}-{variant}.jpg", f"{POOL_DIR}/{key}-{variant}-thumb.jpg"


def _stored(storage: Storage, key: str, variant: int) -> SamplePhoto | None:
    """The picture as an earlier generation stored it, if both files are there and readable."""
    image, thumbnail = _names(key, variant)
    if not (storage.exists(image) and storage.exists(thumbnail)):
        return None
    try:
        with storage.open(image) as handle:
            width, height = Image.open(handle).size  # reads the header only
    except (OSError, UnidentifiedImageError):
        return None  # half-written or damaged: drawn again below
    return SamplePhoto(image, thumbnail, width, height, storage.size(image), f"sample-{key}-{variant}.jpg")


def _draw_and_store(storage: Storage, key: str, variant: int) -> SamplePhoto:
    image, thumbnail = _names(key, variant)
    prepared = photo_prepare(file=ContentFile(_draw(key, variant), name=f"sample-{key}-{variant}.jpg"))
    stored = []
    for name, data in ((image, prepared.full), (thumbnail, prepared.thumbnail)):
        if storage.exists(name):
            storage.delete(name)  # damaged or partial: replaced under the same name, never beside it
        stored.append(storage.save(name, ContentFile(data)))
    return SamplePhoto(stored[0], stored[1], prepared.width, prepared.height, len(prepared.full),
                       prepared.original_name)


def _draw(key: str, variant: int) -> bytes:
    """A recognisable scene: the subject's colours, a few shapes placed by a fixed seed, a label."""
    _category, background, foreground, _label = SUBJECTS[key]
    rng = random.Random(f"{key}:{variant}")
    width, height = PHOTO_SIZE
    picture = Image.new("RGB", PHOTO_SIZE, background)
    draw = ImageDraw.Draw(picture)
    for y in range(0, height, 8):  # a vertical shade, as light falls in a corridor
        shade = tuple(max(0, c - y * 60 // height) for c in background)
        draw.rectangle((0, y, width, y + 8), fill=shade)
    done = variant == AFTER
    for _ in range(6):
        x, y = rng.randrange(width - 300), rng.randrange(120, height - 300)
        w, h = rng.randrange(80, 300), rng.randrange(80, 300)
        box = (x, y, x + w, y + h)
        if done:  # the same subject tidied up: regular shapes in calmer colours
            draw.rounded_rectangle(box, radius=24, fill=tuple((c + 255) // 2 for c in foreground))
        else:
            draw.ellipse(box, fill=foreground, outline=(30, 30, 30), width=4)
    font, chinese = _banner_font()
    draw.rectangle((0, 0, width, 96), fill=(0, 0, 0))
    draw.text((32, 22), caption(key, variant, chinese=chinese), fill=(255, 255, 255), font=font)
    if done:
        draw.line((width - 220, height - 160, width - 160, height - 90, width - 60, height - 240),
                  fill=(40, 170, 70), width=24)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=90)
    return out.getvalue()


PHOTO_COLUMNS = ["id", "uuid", "created_at", "uploaded_by_id", "community_id", "image", "thumbnail", "width",
                 "height", "size", "original_name"]
PhotoLink = WorkOrderEvent.photos.through
PORTAL = Channel.PORTAL.value
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def _uuid4_hex(count: int) -> list[str]:
    """``count`` random version-4 UUIDs as 32 hex digits, from one read of the system's randomness.

    Random, not drawn from the seed: a photo's public id must not be guessable. ``uuid.uuid4()``
    costs ~10 µs a call on a loaded machine (most of it building the object): a third of what the
    photos added to the generation before this.
    """
    raw = os.urandom(16 * count).hex()
    return [f"{raw[i:i + 12]}4{raw[i + 13:i + 16]}{_VARIANT[raw[i + 16]]}{raw[i + 17:i + 32]}"
            for i in range(0, 32 * count, 32)]


class PhotoPlan:
    """Which events of one community's history carry photos, and the ``Photo`` rows they point at.

    The link rows need the event's id, so an event with photos is kept here, apart from the rest
    of the log, and written first under ids reserved for it (``write``); the other events are
    numbered by the database as they always were: reserving ids for ten million events would
    cost more than all the photos.
    """

    def __init__(self, rng: random.Random, pool: SamplePool, *, community_id: int, now: int,
                 accounts: dict[int, int]) -> None:
        self.rng, self.pool, self.community_id, self.now, self.accounts = rng, pool, community_id, now, accounts
        self.events: list[tuple[Any, ...]] = []  # (order, type, at, actor, …) as in the generator's log
        self.photos: list[tuple[int, int, int | None, SamplePhoto]] = []  # (position in events, at, by, shot)
        self._subject: tuple[int, Subject | None] = (0, None)

    def report(self, event: tuple[Any, ...], *, channel: str, kind: str, category: str,
               person_id: int | None) -> bool:
        """Photos on the order's first event if the resident (or patrol) sent some; False if none."""
        share = REPORT_PHOTO_SHARE.get(channel)
        if share is None or kind not in REPORTED_KINDS or self.rng.random() >= share:
            return False
        subject = self._subject_for(event[0], category)
        if subject is None:  # a fee or service complaint: nothing to photograph
            return False
        count = bisect(REPORT_COUNTS, self.rng.random() * 100) + 1
        # A resident's own request carries their photos (if they have a login: most generated
        # households have none); from a group or a patrol, the staff member logging it attaches them.
        if channel == PORTAL:
            uploader = self.accounts.get(person_id) if person_id is not None else None
        else:
            uploader = event[3]
        self._attach(event, [subject.before[i % len(subject.before)] for i in range(count)], uploader)
        return True

    def completion(self, event: tuple[Any, ...], *, category: str) -> bool:
        """The technician's photos on a repair's resolved event (the work done last); False if none."""
        # An event clamped to the moment of generation shares its time with the steps clamped there
        # before it; the timeline orders equal times by id, and a reserved id would put it first.
        # No photos there: a few orders at the very end of the span.
        if event[2] >= self.now or self.rng.random() >= COMPLETION_PHOTO_SHARE:
            return False
        subject = self._subject_for(event[0], category)
        if subject is None:
            return False
        count = bisect(COMPLETION_COUNTS, self.rng.random() * 100) + 1
        self._attach(event, [*subject.before[:count - 1], subject.after], event[3])
        return True

    def _subject_for(self, order_id: int, category: str) -> Subject | None:
        """The one thing an order's photos show, chosen at its first photo."""
        if self._subject[0] != order_id:
            subjects = self.pool.subjects.get(category)
            self._subject = (order_id, subjects[int(self.rng.random() * len(subjects))] if subjects else None)
        return self._subject[1]

    def _attach(self, event: tuple[Any, ...], shots: Sequence[SamplePhoto], uploader: int | None) -> None:
        position, at = len(self.events), event[2]
        self.events.append(event)
        self.photos.extend((position, at, uploader, shot) for shot in shots)

    def write(self, *, event_columns: Sequence[str]) -> None:
        """Write the events carrying photos, the photos and their links; before the rest of the log,
        so on SQLite (ids after the highest) the events the database numbers come after these."""
        if not self.events:
            return
        event_ids = allocate_ids(WorkOrderEvent, len(self.events))
        photo_ids = allocate_ids(Photo, len(self.photos))
        BulkTable(WorkOrderEvent, ["id", *event_columns]).write(
            [(event_id, *event) for event_id, event in zip(event_ids, self.events, strict=True)])
        community_id = self.community_id
        BulkTable(Photo, PHOTO_COLUMNS).write(
            [(photo_id, public_id, at, uploader, community_id, *shot.columns) for photo_id, public_id,
             (_event, at, uploader, shot) in zip(photo_ids, _uuid4_hex(len(self.photos)), self.photos, strict=True)])
        BulkTable(PhotoLink, ["workorderevent_id", "photo_id"]).write(
            [(event_ids[photo[0]], photo_id) for photo_id, photo in zip(photo_ids, self.photos, strict=True)])
