"""Log in and the console's front door."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from guanjia.accounts.choices import FIELD_ROLES, SUPERVISING_ROLES

from ..navigation import user_roles
from ..templatetags.console import unread_context
from .common import staff_view


@staff_view
def home(request: HttpRequest) -> HttpResponse:
    # The desk lives in its queue; a technician, guard or cleaner in the jobs dispatched to them.
    roles = user_roles(user=request.user)
    if roles and roles <= FIELD_ROLES:
        return redirect("console:tech")
    # Supervisors and managers watch the clock across the desk before any one order.
    if roles and roles <= SUPERVISING_ROLES:
        return redirect("console:board")
    return redirect("console:orders")


@staff_view
def unread(request: HttpRequest) -> HttpResponse:
    """The top bar's unread count, polled so a dispatch shows up without a reload."""
    return render(request, "console/htmx/unread_badge.html", unread_context(request.user))
