"""The owner's tracking page (REQ-6): public, no login, made for a phone.

``/t/<token>`` shows the order's resident-visible timeline; ``/t/<token>/rate`` takes the
rating; ``/t/<token>/photos/<uuid>`` serves only photos of that order's resident-visible
events; ``/t/<token>/qr.svg|png`` is the QR code printed on the work-order sheet.
"""

import hashlib
import io
import mimetypes
from typing import Any

import segno
from django.core.cache import cache
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from guanjia.core.errors import ServiceError
from guanjia.core.masking import mask_name, mask_phone
from guanjia.tickets.choices import Status
from guanjia.tickets.models import WorkOrder

from .tracking_forms import TrackingRatingForm
from .tracking_selectors import (
    tracking_events,
    tracking_order,
    tracking_photo,
    tracking_plan,
    tracking_rating_state,
    tracking_url,
)

# What each status means to the resident, in plain words (the staff labels are jargon).
RESIDENT_STATUS_TEXT: dict[str, Promise] = {
    Status.NEW: _("We have received your request and will contact you shortly."),
    Status.WAITING_INFO: _("We need a little more information from you. We will call you, or please reply "
                           "to our message."),
    Status.ACKNOWLEDGED: _("Your request is confirmed and we are arranging it."),
    Status.DISPATCHED: _("We are assigning a worker to your request."),
    Status.ACCEPTED: _("A worker has taken your request."),
    Status.EN_ROUTE: _("The worker is on the way."),
    Status.ON_SITE: _("The worker is on site."),
    Status.ON_HOLD: _("Waiting for you: we will contact you to continue."),
    Status.RESOLVED: _("The work is done. Please tell us how we did."),
    Status.CLOSED: _("Finished. Thank you for your patience."),
    Status.CANCELLED: _("This request was cancelled."),
    Status.MERGED: _("This request was joined with another report of the same problem; we will keep you "
                     "informed."),
}
# Before the worker arrives, the agreed visit time is the "expected arrival" (REQ-6).
BEFORE_ARRIVAL = frozenset({Status.ACKNOWLEDGED, Status.DISPATCHED, Status.ACCEPTED, Status.EN_ROUTE,
                            Status.ON_HOLD})


def _public(response: HttpResponse) -> HttpResponse:
    # The token is the key: never leak it in a Referer to another site, never let a search engine
    # index the page, never let a shared cache keep one household's page. "same-origin" rather than
    # "no-referrer": with no-referrer browsers send "Origin: null" on the rating form's POST and
    # Django's CSRF check rightly refuses it.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _not_found(request: HttpRequest) -> HttpResponse:
    return _public(render(request, "portal/tracking_not_found.html", status=404))


@require_GET
def tracking_page(request: HttpRequest, token: str) -> HttpResponse:
    order = tracking_order(token=token)
    if order is None:
        return _not_found(request)
    return _render_page(request, order, TrackingRatingForm())


@require_POST
def tracking_rate(request: HttpRequest, token: str) -> HttpResponse:
    order = tracking_order(token=token)
    if order is None:
        return _not_found(request)
    form = TrackingRatingForm(request.POST)
    if not form.is_valid():
        return _render_page(request, order, form, status=400)
    from guanjia.tickets.services import workorder_rate  # the engine owns rating (SAT-1)

    try:
        workorder_rate(order=order, actor=request.user, level=form.cleaned_data["level"],
                       comment=form.cleaned_data["comment"], tracking_token=token)
    except ServiceError as exc:
        return _render_page(request, order, form, error=exc.message, status=exc.status)
    return redirect(reverse("tracking:page", args=[token]) + "?rated=1#rating")


def _render_page(request: HttpRequest, order: WorkOrder, form: TrackingRatingForm, *,
                 error: Any = None, status: int = 200) -> HttpResponse:
    worker = order.assignee
    context = {
        "order": order,
        "status_text": RESIDENT_STATUS_TEXT.get(order.status, order.get_status_display()),
        "events": list(tracking_events(order=order)),
        "steps": _steps(order),
        "plan": tracking_plan(order=order),
        "worker_name": str(worker) if worker else "",
        "worker_phone": (worker.phone or "") if worker else "",
        "service_phone": order.community.service_phone,
        "expected_arrival": order.visit_at if order.status in BEFORE_ARRIVAL else None,
        "contact_name": mask_name(order.contact_name),
        "contact_phone": mask_phone(order.contact_phone),
        "place": order.room.code if order.room else order.location,
        "rating": tracking_rating_state(order=order),
        "form": form,
        "error": error,
        "just_rated": request.GET.get("rated") == "1",
    }
    return _public(render(request, "portal/tracking.html", context, status=status))


def _steps(order: WorkOrder) -> list[dict[str, Any]]:
    """The milestones the resident cares about, each with its time once done."""
    steps = [(_("Received"), order.created_at), (_("Confirmed with you"), order.acknowledged_at)]
    if order.assignee_id or order.on_site_at:
        steps.append((_("Worker on site"), order.on_site_at))
    steps += [(_("Work done"), order.resolved_at), (_("Closed"), order.closed_at)]
    return [{"label": label, "at": at, "done": at is not None} for label, at in steps]


@require_GET
def tracking_photo_view(request: HttpRequest, token: str, photo_uuid: Any,
                        size: str = "full") -> HttpResponse | FileResponse:
    order = tracking_order(token=token)
    photo = tracking_photo(order=order, photo_uuid=photo_uuid) if order else None
    field = (photo.thumbnail or photo.image if size == "thumb" else photo.image) if photo else None
    if field is None or not field.name:  # a FieldFile is false exactly when it has no name
        return _not_found(request)
    content_type = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
def tracking_qr(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    order = tracking_order(token=token)
    if order is None:
        return _not_found(request)
    response = HttpResponse(_qr_image(tracking_url(order=order), kind),
                            content_type="image/svg+xml" if kind == "svg" else "image/png")
    response["Cache-Control"] = "private, max-age=86400"
    response["Content-Disposition"] = f'inline; filename="tracking-qr.{kind}"'
    return response


# A token's link never changes, so neither does its QR code: drawn once, then served from the cache.
QR_CACHE_SECONDS = 30 * 24 * 3600


def _qr_image(url: str, kind: str) -> bytes:
    # The key hashes the link: the token itself never becomes a cache key someone could list.
    key = f"tracking-qr:{kind}:{hashlib.sha256(url.encode()).hexdigest()}"
    image = cache.get(key)
    if image is None:
        qr = segno.make(url, error="m", micro=False)
        out = io.BytesIO()
        if kind == "svg":
            qr.save(out, kind="svg", scale=4, border=2, xmldecl=False)
        else:
            qr.save(out, kind="png", scale=8, border=2)
        image = out.getvalue()
        cache.set(key, image, QR_CACHE_SECONDS)
    return image
