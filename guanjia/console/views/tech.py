"""The technician's phone: today's jobs and one job with big buttons for each field step."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import actions, selectors
from .common import staff_view
from .orders import _page

# The steps a technician takes on site, in the order they take them.
FIELD_STEPS = ("accept", "set_out", "arrive", "note", "resolve", "confirm")


@staff_view
def jobs(request: HttpRequest) -> HttpResponse:
    return render(request, "console/tech_jobs.html", {"jobs": selectors.technician_jobs(user=request.user)})


@staff_view
def job(request: HttpRequest, uuid: Any) -> HttpResponse:
    page = _page(request, uuid)
    allowed = {a.name for a in actions.offered_actions(page.order, viewer=request.user, supervises=page.supervises)}
    steps = [{"action": actions.BY_NAME[name],
              "form": actions.action_form(actions.BY_NAME[name], page.order, supervises=page.supervises)}
             for name in FIELD_STEPS if name in allowed]
    return render(request, "console/tech_job.html", {"p": page, "order": page.order, "steps": steps})
