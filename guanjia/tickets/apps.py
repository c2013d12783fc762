from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "guanjia.tickets"
    label = "tickets"
    verbose_name = _("Work orders")

    def ready(self) -> None:
        from guanjia.properties.demo import register_demo_hook

        register_demo_hook(_load_demo_orders)


def _load_demo_orders(result: object) -> None:
    from .demo import demo_hook  # the generator loads only when the demo is built

    demo_hook(result)
