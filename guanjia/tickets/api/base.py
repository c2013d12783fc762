"""What every work-order endpoint shares: who may call it and how an order is looked up."""

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import WorkOrder
from ..selectors import workorder_detail, workorder_get
from ..services.access import is_resident, is_staff
from .serializers import MAX_ID, ResidentOrderDetailOutput, StaffOrderDetailOutput


class StrictJSONParser(JSONParser):
    """JSON whose strings are valid Unicode.

    ``"\\ud800"`` is legal JSON but no character: stored, it fails the database's encoding, and echoed
    back in a validation message it fails the response's. Refused here with a clear message instead.
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        if _has_lone_surrogate(data):
            raise ParseError(_("The request holds text that is not valid Unicode."))
        return data


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def parse_id(value: str | None) -> int | None:
    """An id from a query string, or None when it is missing or not one."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 1 <= number <= MAX_ID else None


PARSERS = [StrictJSONParser, MultiPartParser, FormParser]
ERRORS = {400: OpenApiResponse(description=_("Invalid input: {\"error\": {\"code\", \"message\", \"fields\"}}")),
          403: OpenApiResponse(description=_("Not allowed for your role")),
          404: OpenApiResponse(description=_("No such order for you")),
          409: OpenApiResponse(description=_("Not possible from the current status"))}


class IsStaff(BasePermission):
    message = _("This is for property staff.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_staff(request.user)


class IsResident(BasePermission):
    message = _("This is for residents.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_resident(request.user)


def detail_response(*, request: Request, order: WorkOrder, status: int = 200) -> Response:
    """The order as the caller may see it, re-read with its timeline in a fixed number of queries."""
    staff = is_staff(request.user)
    order = workorder_detail(user=request.user, uuid=order.uuid)
    output = StaffOrderDetailOutput if staff else ResidentOrderDetailOutput
    return Response(output(order, context={"staff": staff}).data, status=status)


class OrderAction(ABC, APIView):
    """POST to one order: validate ``input_serializer``, call ``act`` (a service), answer the order.

    Each subclass gets its own documented ``post`` so the OpenAPI schema names its input.
    """

    input_serializer: ClassVar[type[serializers.Serializer]]
    parser_classes = PARSERS

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "input_serializer" not in cls.__dict__:
            return
        output = StaffOrderDetailOutput if IsStaff in getattr(cls, "permission_classes", []) \
            else ResidentOrderDetailOutput

        def post(self: OrderAction, request: Request, uuid: Any) -> Response:
            return self.handle(request, uuid)

        # Each action class gets its own documented post(); the stubs know no such attribute.
        cls.post = extend_schema(  # type: ignore[attr-defined]
            request=cls.input_serializer, responses={200: output, **ERRORS},
            summary=(cls.__doc__ or "").strip().split("\n")[0] or None)(post)

    @abstractmethod
    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        """Call the service this endpoint stands for."""

    def handle(self, request: Request, uuid: Any) -> Response:
        order = workorder_get(user=request.user, uuid=uuid)
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        self.act(order=order, actor=request.user, data=dict(data.validated_data))
        return detail_response(request=request, order=order)
