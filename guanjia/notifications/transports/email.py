from typing import Any

from django.conf import settings
from django.core.mail import send_mail

from .base import Message, Transport, TransportError


class EmailTransport(Transport):
    """E-mail through Django's configured backend (SMTP in production: EMAIL_HOST, EMAIL_PORT, …).

    Set EMAIL_TIMEOUT in settings so a hung SMTP server fails the attempt instead of hanging a worker.
    """

    name = "email"

    def address_for_user(self, user: Any) -> str:
        return user.email or ""

    def send(self, message: Message) -> None:
        text = f"{message.body}\n\n{message.link}" if message.link else message.body
        try:
            send_mail(message.title, text, settings.DEFAULT_FROM_EMAIL, [message.address], fail_silently=False)
        except Exception as exc:  # every SMTP/socket error is a failed attempt to retry, not a crash
            raise TransportError(f"{type(exc).__name__}: {exc}") from exc
