"""The one interface every notification channel implements."""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class Message:
    """What a transport sends: copied from a Delivery row, links already absolute."""

    delivery_id: int
    address: str
    title: str
    body: str
    link: str = ""
    kind: str = ""
    order_number: str = ""


class TransportError(Exception):
    """The channel refused or could not be reached; the delivery is retried later."""


class Transport(ABC):
    """A channel (in-app, log, e-mail, SMS/WeChat gateway). Subclasses stay small.

    ``address_for_user`` / ``address_for_phone`` say where this channel reaches someone
    ("" when it cannot: no e-mail address, no phone); ``send`` raises TransportError on failure.
    """

    name: ClassVar[str]
    # False for the inbox: storing the Notification row *is* the delivery.
    delivers: ClassVar[bool] = True

    def address_for_user(self, user: Any) -> str:
        return ""

    def address_for_phone(self, phone: str) -> str:
        return ""

    @abstractmethod
    def send(self, message: Message) -> None:
        """Deliver ``message``; raise TransportError when the channel refuses or fails."""
