"""The project manager's plans: approve a complex order's handling plan or send it back."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from guanjia.core.errors import NotFound, ServiceError
from guanjia.tickets.selectors import plan_get
from guanjia.tickets.services import plan_decide

from .. import selectors
from ..forms import PlanDecisionForm
from .common import staff_view


def _context(request: HttpRequest, *, failed: Any = None, form: PlanDecisionForm | None = None) -> dict[str, Any]:
    page = Paginator(selectors.plans_awaiting_decision(user=request.user),
                     selectors.PLANS_PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page": page, "failed": failed, "failed_form": form,
            "decided": selectors.plans_recently_decided(user=request.user)}


@staff_view
def plans(request: HttpRequest) -> HttpResponse:
    return render(request, "console/plans.html", _context(request))


@staff_view
@require_POST
def plan_decision(request: HttpRequest, uuid: Any) -> HttpResponse:
    try:
        plan = plan_get(user=request.user, uuid=uuid)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    form = PlanDecisionForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            plan_decide(plan=plan, actor=request.user, approve=form.cleaned_data["decision"] == "approve",
                        note=form.cleaned_data["note"])
        except ServiceError as exc:
            # Said beside the plan it concerns: no permission, already decided, reason missing.
            form.add_error("note" if "note" in (exc.fields or {}) else None, str(exc.message))
            status = exc.status
        else:
            return redirect("console:plans")
    return render(request, "console/plans.html", _context(request, failed=plan.pk, form=form), status=status)
