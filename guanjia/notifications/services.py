"""Every write of the notifications app: notify staff and residents, mark read, attempt deliveries.

``notify`` and ``notify_resident`` store the message in the caller's transaction and send
only after it commits: a rolled-back work order never texts anyone, and a slow or broken
gateway never breaks the request (a failed attempt is recorded and retried with backoff).

Each message is worded in its recipient's language (``language``): services pass titles and
bodies not worded yet, and they are worded once per language among the recipients, never once
per recipient.
"""

import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from guanjia.core.errors import NotFound

from .choices import DeliveryStatus
from .language import Text, language_of
from .lock_objects import claim_deliveries
from .models import Delivery, Notification
from .transports import Message, Transport, TransportError, configured_transports, get_transport

logger = logging.getLogger("guanjia.notifications")

# Wait between a failed attempt and the next; after the last one the delivery gives up.
# Roughly doubles up to a few hours: an SMS gateway outage rarely lasts longer, and a
# message older than half a day is better handled by a person (status "gave up").
RETRY_BACKOFF = (
    timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1), timedelta(hours=3),
)
MAX_ATTEMPTS = len(RETRY_BACKOFF) + 1
# A claimed delivery not finished within this time (worker killed mid-send) is claimable again.
CLAIM_LEASE = timedelta(minutes=5)
# If the after-commit enqueue is lost (broker down), the retry sweep picks the row up after this.
PENDING_GRACE = timedelta(minutes=2)
# Deliveries claimed, loaded and recorded together: three statements per hundred messages instead
# of three per message. Small enough that a worker killed mid-batch leaves at most this many to
# be sent again after the lease (the webhook's stable id lets the gateway drop those duplicates).
SEND_BATCH = 100
# Deliveries per queued task: a sweep's thousand messages become a handful of tasks that several
# workers share, and a lost or failed task holds back no more than this many.
TASK_BATCH = 500

_TITLE_MAX = Notification._meta.get_field("title").max_length or 200


def notify(*, recipients: Iterable[Any], title: Text, body: Text, link: str = "", order: Any = None,
           community: Any = None, kind: str = "") -> None:
    """Put a message in each staff member's inbox and send it through the configured transports,
    each worded in its recipient's language."""
    notify_many(messages=[StaffMessage(recipients=list(recipients), title=title, body=body, link=link,
                                       order=order, community=community, kind=kind)])


@dataclass(frozen=True)
class StaffMessage:
    """One message of ``notify_many``: the same title and body to each of ``recipients``, each in
    their own language when the title and body are not worded yet (``language.Text``)."""

    recipients: Sequence[Any]
    title: Text
    body: Text
    link: str = ""
    order: Any = None
    community: Any = None
    kind: str = ""


def notify_many(*, messages: Iterable[StaffMessage]) -> int:
    """``notify`` for many messages at once (the SLA sweep telling a thousand orders' people).

    One INSERT of inbox rows and one of deliveries instead of two per message, and one task
    queued after commit. Each message is worded once per language among its recipients (the
    recipients are loaded already: their languages cost no query). Returns the number of inbox
    rows stored.
    """
    transports = [transport for transport in configured_transports() if transport.delivers]
    messages = list(messages)
    told = [_unique_active(message.recipients) for message in messages]
    # Which messages each language is needed for: most sweeps speak one language, a few two.
    wanted: dict[str, list[int]] = defaultdict(list)
    for index, users in enumerate(told):
        for language in {language_of(user.preferred_language) for user in users}:
            wanted[language].append(index)
    words = _worded(messages, wanted)
    notes: list[Notification] = []
    for index, (message, users) in enumerate(zip(messages, told, strict=True)):
        community = message.community if message.community is not None else getattr(message.order, "community", None)
        common = {"link": message.link, "order": message.order, "community": community, "kind": message.kind}
        notes += [Notification(recipient=user, **words[index, language_of(user.preferred_language)], **common)
                  for user in users]
    if not notes:
        return 0
    # The inbox rows and their deliveries are stored together. No savepoint: inside a service's
    # transaction a failure here fails the whole write anyway, and a savepoint is two more statements.
    with transaction.atomic(savepoint=False):
        Notification.objects.bulk_create(notes, batch_size=1000)
        deliveries = []
        for transport in transports:
            for note in notes:
                address = transport.address_for_user(note.recipient)
                if address:
                    deliveries.append(_new_delivery(
                        transport.name, address=address, recipient=note.recipient, notification=note,
                        title=note.title, body=note.body, link=note.link, order=note.order,
                        community=note.community, kind=note.kind))
        _store_and_send(deliveries)
    return len(notes)


def _worded(messages: Sequence[StaffMessage],
            wanted: Mapping[str, Iterable[int]]) -> dict[tuple[int, str], dict[str, str]]:
    """Title and body of the messages (by position) each language is wanted for, by (position,
    language): one switch of the active language per language, not per recipient or message."""
    words = {}
    for language, positions in wanted.items():
        with override(language):
            for index in positions:
                message = messages[index]
                words[index, language] = {"title": str(message.title)[:_TITLE_MAX], "body": str(message.body)}
    return words


def notify_resident(*, phone: str, person: Any = None, title: Text, body: Text, link: str = "",
                    order: Any = None, community: Any = None, kind: str = "") -> None:
    """Tell a resident, who may have no account: SMS / WeChat via the gateway, in-app if they have one.

    In their language: the account's choice, else the register's record of the person, else the
    site's default (never the language of the staff member whose action sent the message).
    """
    account = _resident_account(phone=phone, person=person)
    community = community if community is not None else getattr(order, "community", None)
    language = language_of(account.preferred_language if account is not None
                           else getattr(person, "preferred_language", None))
    with override(language):
        common = {"title": str(title)[:_TITLE_MAX], "body": str(body), "link": link, "order": order,
                  "community": community, "kind": kind}
    with transaction.atomic(savepoint=False):  # no savepoint, as in ``notify``
        note = Notification.objects.create(recipient=account, **common) if account else None
        deliveries = []
        for transport in configured_transports():
            address = transport.address_for_phone(phone) if phone else ""
            if transport.delivers and address:
                deliveries.append(_new_delivery(transport.name, address=address, recipient=account,
                                                person=person, notification=note, **common))
        if note is None and not deliveries:
            logger.info("resident notification %r not sent: no phone number and no account", kind)
        _store_and_send(deliveries)


def notification_mark_read(*, user: Any, notification_id: int) -> Notification:
    """Mark one of ``user``'s own notifications read. Someone else's is "not found", not "forbidden"."""
    with transaction.atomic():
        note = Notification.objects.filter(pk=notification_id, recipient_id=user.pk).first()
        if note is None:
            raise NotFound(_("This notification does not exist."), code="notification_not_found")
        if note.read_at is None:
            note.read_at = timezone.now()
            note.save(update_fields=["read_at"])
    return note


def notifications_mark_all_read(*, user: Any) -> int:
    """Mark everything in ``user``'s inbox read; returns how many were unread."""
    with transaction.atomic():
        return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(
            read_at=timezone.now())


def delivery_retry_now(*, delivery_ids: Iterable[int]) -> int:
    """An operator fixed the gateway: put given-up or failed deliveries back in line for the next sweep."""
    with transaction.atomic():
        return Delivery.objects.filter(
            pk__in=list(delivery_ids), status__in=(DeliveryStatus.FAILED, DeliveryStatus.GAVE_UP),
        ).update(status=DeliveryStatus.FAILED, next_retry_at=timezone.now())


def delivery_attempt(*, delivery_id: int, due_only: bool = False) -> bool:
    """Try to send one delivery once; record the outcome. Returns True if it was sent."""
    return deliveries_send(delivery_ids=[delivery_id], due_only=due_only) == 1


def deliveries_send(*, delivery_ids: Iterable[int], due_only: bool = False) -> int:
    """Send the given deliveries once each, ``SEND_BATCH`` at a time; returns how many were sent.

    Per batch: one UPDATE claims the rows (``claim_deliveries``), one SELECT loads them, each goes
    through its transport, and one UPDATE per outcome records what happened — three or four
    statements for a hundred messages instead of three per message. ``due_only`` (the retry
    sweep): failed, lost or expired rows whose time has come; otherwise only pending rows (the
    after-commit task), so a task run twice sends nothing the second time.
    """
    ids = list(dict.fromkeys(delivery_ids))
    sent = 0
    for start in range(0, len(ids), SEND_BATCH):
        sent += _send_batch(ids[start:start + SEND_BATCH], due_only=due_only)
    return sent


def _send_batch(ids: list[int], *, due_only: bool) -> int:
    claimed = claim_deliveries(delivery_ids=ids, due_only=due_only, lease=CLAIM_LEASE)
    if not claimed:
        return 0
    rows = list(Delivery.objects.filter(pk__in=claimed).annotate(order_number=F("order__number"))
                .order_by("pk"))
    transports: dict[str, Transport | None] = {}
    # Stop well inside the lease: a claim that expires while we still send would let the retry
    # sweep send the same rows again. What is left goes back in line, due at once.
    stop_at = time.monotonic() + CLAIM_LEASE.total_seconds() / 2
    sent: list[int] = []
    failed: list[tuple[Delivery, Exception]] = []
    unsent: list[int] = []
    for delivery in rows:
        if time.monotonic() > stop_at:
            unsent.append(delivery.pk)
            continue
        if delivery.transport not in transports:
            transports[delivery.transport] = get_transport(delivery.transport)
        transport = transports[delivery.transport]
        try:
            if transport is None:
                raise TransportError(f"unknown transport {delivery.transport!r}")
            transport.send(_message(delivery))
        except Exception as exc:  # a transport bug must be recorded and retried like an outage
            failed.append((delivery, exc))
        else:
            sent.append(delivery.pk)
    _record_sent(sent)
    _record_failures(failed)
    if unsent:
        Delivery.objects.filter(pk__in=unsent, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.PENDING, next_retry_at=timezone.now())
        logger.warning("%s deliveries not attempted within half the claim lease; the retry sweep sends them",
                       len(unsent))
    return len(sent)


def _record_sent(ids: list[int]) -> None:
    if not ids:
        return
    now = timezone.now()
    Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.SENT, sent_at=now, next_retry_at=None, attempts=F("attempts") + 1,
        last_attempt_at=now, last_error="")


def _record_failures(failed: list[tuple[Delivery, Exception]]) -> None:
    """Each failure keeps its own error and backoff; all of them written in one statement."""
    if not failed:
        return
    now = timezone.now()
    for delivery, exc in failed:
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.last_error = f"{exc}"[:2000] or type(exc).__name__
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status, delivery.next_retry_at = DeliveryStatus.GAVE_UP, None
            logger.error("delivery #%s via %s gave up after %s attempts: %s", delivery.pk, delivery.transport,
                         delivery.attempts, delivery.last_error)
        else:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_retry_at = now + RETRY_BACKOFF[delivery.attempts - 1]
            logger.warning("delivery #%s via %s failed (attempt %s): %s", delivery.pk, delivery.transport,
                           delivery.attempts, delivery.last_error)
    Delivery.objects.bulk_update([delivery for delivery, _exc in failed],
                                 ["status", "attempts", "last_attempt_at", "last_error", "next_retry_at"])


def _message(delivery: Delivery) -> Message:
    return Message(delivery_id=delivery.pk, address=delivery.address, title=delivery.title,
                   body=delivery.body, link=absolute_link(delivery.link), kind=delivery.kind,
                   order_number=getattr(delivery, "order_number", None) or "")


def absolute_link(link: str) -> str:
    """Messages leave the system: a site-relative link gets PUBLIC_BASE_URL in front."""
    if link.startswith("/"):
        return settings.PUBLIC_BASE_URL.rstrip("/") + link
    return link


def _new_delivery(transport: str, *, notification: Notification | None, **fields: Any) -> Delivery:
    return Delivery(transport=transport, notification=notification,
                    next_retry_at=timezone.now() + PENDING_GRACE, **fields)


def _store_and_send(deliveries: list[Delivery]) -> None:
    if not deliveries:
        return
    ids = [d.pk for d in Delivery.objects.bulk_create(deliveries)]
    transaction.on_commit(lambda: _enqueue(ids))


def _enqueue(ids: list[int]) -> None:
    """One task per ``TASK_BATCH`` deliveries, so two workers share a sweep's thousand messages."""
    from .tasks import deliver  # the tasks module imports these services

    for start in range(0, len(ids), TASK_BATCH):
        chunk = ids[start:start + TASK_BATCH]
        try:
            deliver.delay(chunk)
        except Exception:  # broker down: the rows stay pending and the retry sweep sends them
            logger.exception("could not queue %s deliveries (#%s…); the retry sweep will send them",
                             len(chunk), chunk[0])


def _unique_active(recipients: Iterable[Any]) -> list[Any]:
    seen: set[int] = set()
    users = []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


def _resident_account(*, phone: str, person: Any) -> Any:
    if person is not None:
        account = getattr(person, "account", None) if person.pk else None
        if account is not None and account.is_active:
            return account
    if phone:
        return get_user_model().objects.filter(phone=phone, is_active=True).first()
    return None
