import logging
from typing import Any

from .base import Message, Transport

logger = logging.getLogger("guanjia.notifications")


class LogTransport(Transport):
    """The default: writes each message to the log, so a demo shows what would be sent."""

    name = "log"

    def address_for_user(self, user: Any) -> str:
        return user.phone or user.email or user.get_username()

    def address_for_phone(self, phone: str) -> str:
        return phone

    def send(self, message: Message) -> None:
        logger.info("notification #%s to %s: %s | %s %s", message.delivery_id, message.address,
                    message.title, message.body, message.link)
