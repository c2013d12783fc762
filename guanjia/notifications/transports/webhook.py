from typing import Any

import requests
from django.conf import settings

from .base import Message, Transport, TransportError

# (connect, read) seconds. Short on purpose: in the embedded setup delivery runs in the web
# process after commit, and a slow gateway must cost a retry, not a stuck request.
DEFAULT_TIMEOUT = (3.0, 5.0)


class WebhookTransport(Transport):
    """SMS and WeChat template messages through an HTTP gateway the company runs or rents.

    POSTs JSON to ``settings.GUANJIA_WEBHOOK_URL``::

        {"id": "guanjia-delivery-42", "to": "13812345678", "template": "order_resolved",
         "title": "…", "body": "…", "link": "https://…/t/…", "order": "WT-20261122-0007"}

    ``id`` is stable across retries so the gateway can drop duplicates. Any non-2xx answer,
    timeout or connection error is a failure that is retried with backoff.
    """

    name = "webhook"

    def address_for_user(self, user: Any) -> str:
        return user.phone or ""

    def address_for_phone(self, phone: str) -> str:
        return phone

    def send(self, message: Message) -> None:
        url = settings.GUANJIA_WEBHOOK_URL
        if not url:
            raise TransportError("GUANJIA_WEBHOOK_URL is not set")
        payload = {
            "id": f"guanjia-delivery-{message.delivery_id}", "to": message.address,
            "template": message.kind, "title": message.title, "body": message.body,
            "link": message.link, "order": message.order_number,
        }
        timeout = getattr(settings, "GUANJIA_WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT)
        try:
            response = requests.post(url, json=payload, timeout=timeout)
        except requests.RequestException as exc:
            raise TransportError(f"{type(exc).__name__}: {exc}") from exc
        if not 200 <= response.status_code < 300:
            raise TransportError(f"HTTP {response.status_code}: {response.text[:200]}")
