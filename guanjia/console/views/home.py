"""Log in and the console's front door."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..templatetags.console import unread_context
from .common import staff_view


@staff_view
def home(request: HttpRequest) -> HttpResponse:
    # The desk lives in its queue: the front door opens on "my orders".
    return redirect("console:orders")


@staff_view
def unread(request: HttpRequest) -> HttpResponse:
    """The top bar's unread count, polled so a dispatch shows up without a reload."""
    return render(request, "console/htmx/unread_badge.html", unread_context(request.user))
