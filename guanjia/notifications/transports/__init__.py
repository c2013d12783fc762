"""Notification channels behind one interface (``base.Transport``).

``settings.GUANJIA_NOTIFICATION_TRANSPORTS`` lists the names in use, e.g.
``["inbox", "log"]`` (the default) or ``["inbox", "webhook", "email"]`` in production.
"""

import logging

from django.conf import settings

from .base import Message, Transport, TransportError
from .email import EmailTransport
from .inbox import InboxTransport
from .log import LogTransport
from .webhook import WebhookTransport

logger = logging.getLogger("guanjia.notifications")

TRANSPORTS: dict[str, type[Transport]] = {
    cls.name: cls for cls in (InboxTransport, LogTransport, EmailTransport, WebhookTransport)
}


def get_transport(name: str) -> Transport | None:
    cls = TRANSPORTS.get(name)
    return cls() if cls else None


def configured_transports() -> list[Transport]:
    """The transports in use. An unknown name is reported by ``manage.py check`` and skipped here,
    because a typo in the settings must not break every request that notifies someone."""
    found = []
    for name in settings.GUANJIA_NOTIFICATION_TRANSPORTS:
        transport = get_transport(name)
        if transport is None:
            logger.error("unknown notification transport %r in GUANJIA_NOTIFICATION_TRANSPORTS", name)
            continue
        found.append(transport)
    return found


__all__ = ["TRANSPORTS", "Message", "Transport", "TransportError", "configured_transports", "get_transport"]
