"""The order page: timeline, clocks, household history and the allowed next steps."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from guanjia.core.errors import NotFound, ServiceError

from .. import actions, selectors
from .common import field_errors, staff_view

PRINT_SIZES = ("a4", "a5")


def _page(request: HttpRequest, uuid: Any) -> selectors.OrderPage:
    try:
        return selectors.order_page(user=request.user, uuid=uuid)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc


def _context(request: HttpRequest, page: selectors.OrderPage, *, failed: Any = None) -> dict[str, Any]:
    offered = []
    shown = actions.offered_actions(page.order, viewer=request.user, supervises=page.supervises)
    if failed and actions.BY_NAME[failed[0]] not in shown:
        # The step was refused because the order moved on: show why where it was asked.
        shown.insert(0, actions.BY_NAME[failed[0]])
    for action in shown:
        form = (failed[1] if failed and failed[0] == action.name
                else actions.action_form(action, page.order, supervises=page.supervises))
        offered.append({"action": action, "form": form, "open": bool(failed and failed[0] == action.name)})
    return {"p": page, "order": page.order, "offered": offered}


@staff_view
def order_detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    page = _page(request, uuid)
    return render(request, "console/order.html", _context(request, page))


@staff_view
@require_POST
def order_action(request: HttpRequest, uuid: Any, name: str) -> HttpResponse:
    page = _page(request, uuid)
    action = actions.BY_NAME.get(name)
    if action is None:
        raise Http404("unknown action")
    form = actions.action_form(action, page.order, data=request.POST, files=request.FILES,
                               supervises=page.supervises)
    if form.is_valid():
        try:
            action.run(page.order, request.user, actions.cleaned(form))
        except ServiceError as exc:
            for field, messages in field_errors(exc).items():
                form.add_error(field if field in form.fields else None, messages)
            if not exc.fields:
                form.add_error(None, str(exc.message))
            status = exc.status
        else:
            return redirect(request.POST.get("next_url", "") if _safe_next(request) else
                            reverse("console:order", args=[page.order.uuid]))
    else:
        status = 400
    page = _page(request, uuid)
    return render(request, "console/order.html", _context(request, page, failed=(name, form)), status=status)


def _safe_next(request: HttpRequest) -> bool:
    # Only our own technician page may be returned to after a step.
    return str(request.POST.get("next_url", "")).startswith("/tech/")


@staff_view
def order_print(request: HttpRequest, uuid: Any) -> HttpResponse:
    page = _page(request, uuid)
    size = request.GET.get("size", "a4").lower()
    if size not in PRINT_SIZES:
        size = "a4"
    return render(request, "console/print.html", {"p": page, "order": page.order, "size": size})
