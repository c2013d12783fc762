"""The queues and the supervisor's board, refreshed in place by htmx."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.scoping import communities_for_user
from guanjia.tickets.pagination import CappedPaginator

from .. import selectors
from ..forms import BoardFilterForm, QueueFilterForm
from .common import page_or_fragment, staff_view

PAGE_SIZE = 25
QUEUE_TABS = [("mine", _("My orders")), ("assigned", _("Dispatched to me")),
              ("department", _("My department")), ("community", _("All orders"))]


def refresh_seconds() -> int:
    # How often an open queue asks for news; a busy desk wants new orders within seconds.
    # Never below 2 s: a typo in the setting must not turn every open queue into a hammer.
    return max(2, settings.GUANJIA_QUEUE_REFRESH_SECONDS)


def _filter_form(request: HttpRequest, form_class: type[QueueFilterForm] = QueueFilterForm) -> QueueFilterForm:
    form = form_class(request.GET or None, communities=communities_for_user(user=request.user).order_by("name"))
    form.is_valid()  # invalid fields are reported beside the field and left out of the query
    return form


@staff_view
def orders(request: HttpRequest) -> HttpResponse:
    queue = request.GET.get("queue", "mine")
    if queue not in selectors.QUEUES:
        queue = "mine"
    form = _filter_form(request)
    orders_qs = selectors.orders_queue(user=request.user, queue=queue, filters=form.filters())
    # Counted up to QUEUE_COUNT_CAP rows: a company-wide queue at a million orders is never COUNTed whole.
    paginator = CappedPaginator(orders_qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = selectors.attach_deadlines(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    # "Page 3 of 40+" when the count stopped at the cap.
    page_total = f"{paginator.num_pages}+" if paginator.capped else str(paginator.num_pages)
    context = {"form": form, "queue": queue, "queues": QUEUE_TABS, "page": page, "query": query.urlencode(),
               "page_total": page_total,
               "refresh": refresh_seconds(), "may_supervise": selectors.may_supervise(user=request.user)}
    return page_or_fragment(request, page="console/orders.html", fragment="console/htmx/order_list.html",
                            context=context)


@staff_view
def board(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request, BoardFilterForm)
    community = form.filters().community
    sections, group_cases = selectors.board(user=request.user, community=community)
    context = {"form": form, "sections": sections, "group_cases": group_cases, "refresh": refresh_seconds(),
               "may_supervise": True}
    return page_or_fragment(request, page="console/board.html", fragment="console/htmx/board_sections.html",
                            context=context)
