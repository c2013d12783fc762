"""``guanjia check`` reports notification settings that would make messages silently go nowhere."""

from typing import Any

from django.conf import settings
from django.core import checks

from .transports import TRANSPORTS


@checks.register(checks.Tags.compatibility)
def check_transports(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    found: list[checks.CheckMessage] = []
    names = list(settings.GUANJIA_NOTIFICATION_TRANSPORTS)
    for name in names:
        if name not in TRANSPORTS:
            found.append(checks.Error(
                f"Unknown notification transport {name!r}.",
                hint=f"GUANJIA_NOTIFICATION_TRANSPORTS may list: {', '.join(sorted(TRANSPORTS))}.",
                id="notifications.E001"))
    if "webhook" in names and not settings.GUANJIA_WEBHOOK_URL:
        found.append(checks.Warning(
            "The webhook transport is on but GUANJIA_WEBHOOK_URL is empty: SMS and WeChat messages will fail.",
            hint="Set GUANJIA_WEBHOOK_URL to your SMS / WeChat template gateway.", id="notifications.W001"))
    return found
