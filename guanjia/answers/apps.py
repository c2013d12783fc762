from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnswersConfig(AppConfig):
    name = "guanjia.answers"
    label = "answers"
    verbose_name = _("Standard answers")

    def ready(self) -> None:
        try:
            from guanjia.properties.demo import register_demo_hook
        except ImportError:  # an installation without the demo generator
            return
        register_demo_hook(_load_demo_answers)


def _load_demo_answers(result: object) -> None:
    from .demo import demo_hook  # the library's modules load only when the demo is built

    demo_hook(result)
