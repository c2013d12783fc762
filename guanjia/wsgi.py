import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanjia.settings.local")

application = get_wsgi_application()

# Before the first request: the triage assistant's model (see ``warm_up``).
from guanjia.tickets.triage_seam import warm_up  # noqa: E402 - needs the apps loaded above

warm_up()
