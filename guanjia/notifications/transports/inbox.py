from typing import Any

from .base import Message, Transport


class InboxTransport(Transport):
    """The staff inbox in the console: ``notify`` stores the Notification row, nothing more to send."""

    name = "inbox"
    delivers = False

    def address_for_user(self, user: Any) -> str:
        return user.get_username()

    def send(self, message: Message) -> None:
        return None
