"""The inbox in the console: one view per action, a fragment for htmx and a full page otherwise."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from guanjia.core.errors import NotFound
from guanjia.core.requests import HtmxHttpRequest

from . import selectors, services

# The console panel shows the latest few; the full page shows a longer list.
PANEL_SIZE = 10
PAGE_SIZE = 50


@login_required
def inbox(request: HtmxHttpRequest) -> HttpResponse:
    return _render_inbox(request)


@login_required
@require_POST
def mark_read(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    try:
        note = services.notification_mark_read(user=request.user, notification_id=pk)
    except NotFound:
        return _render_inbox(request, status=404)
    if not request.htmx and request.POST.get("open") and _is_local(request, note.link):
        return redirect(note.link)
    return _render_inbox(request)


@login_required
@require_POST
def mark_all_read(request: HtmxHttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    return _render_inbox(request)


def _render_inbox(request: HtmxHttpRequest, status: int = 200) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    size = PANEL_SIZE if request.htmx else PAGE_SIZE
    context = {
        "notifications": list(selectors.notifications_for_user(user=request.user, unread_only=unread_only)[:size]),
        "unread_count": selectors.unread_count(user=request.user),
        "unread_only": unread_only,
    }
    template = "notifications/htmx/inbox.html" if request.htmx else "notifications/inbox.html"
    return render(request, template, context, status=status)


def _is_local(request: HttpRequest, link: str) -> bool:
    return bool(link) and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()})
