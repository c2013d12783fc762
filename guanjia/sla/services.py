"""SLA clocks: started, paused, met and breached as a work order's events happen."""

from typing import Any


def clocks_on_event(*, order: Any, event: Any) -> None:
    """Called by ``tickets.services`` inside the transaction that wrote ``event``.

    The SLA engineer fills this in: start the clocks the event starts, stop the ones it meets.
    """
