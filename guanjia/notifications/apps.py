from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "guanjia.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Registers the settings checks, and the tasks: Celery only autodiscovers tasks when a
        # worker or beat starts, so without this import the built-in scheduler of ``guanjia serve``
        # would find no ``retry_failed`` task and silently never retry.
        from . import checks, tasks  # noqa: F401
