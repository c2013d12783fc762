import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanjia.settings.local")

application = get_wsgi_application()


def _warm_up() -> None:
    """Load now what the first request after a (re)start would otherwise load and wait for: every
    view module and the map of URL names, the message broker's transport, the triage assistant's
    model. Together about a second on a quiet machine, several on a busy one."""
    from django.urls import reverse

    from guanjia.celery import app as celery_app
    from guanjia.tickets.triage_seam import warm_up

    reverse("healthz")  # imports the URLconf (every view module) and builds the reverse map
    celery_app.connection_for_write().release()  # imports the transport; connects only when used
    warm_up()


_warm_up()
