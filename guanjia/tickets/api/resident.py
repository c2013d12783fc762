"""The resident's API: my households, my requests (with photos), their timeline, confirm and rate."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guanjia.accounts.scoping import rooms_for_resident
from guanjia.core.taxonomy import Channel

from ..models import WorkOrder
from ..selectors import workorders_for_resident
from ..services import (
    IntakeRequest,
    workorder_confirm,
    workorder_rate,
    workorder_receive_info,
    workorder_take,
)
from .base import ERRORS, PARSERS, IsResident, OrderAction, detail_response
from .serializers import (
    AnswerInput,
    MyHouseholdOutput,
    NoteTextInput,
    RateInput,
    ResidentCreateInput,
    ResidentOrderDetailOutput,
    ResidentOrderOutput,
    ResidentTakenOutput,
)


class MyHouseholdsView(ListAPIView):
    """The rooms I live in or own: the homes I can file a request for."""

    permission_classes = [IsResident]
    serializer_class = MyHouseholdOutput
    pagination_class = None

    def get_queryset(self) -> Any:
        return rooms_for_resident(user=self.request.user).select_related("community").order_by("code")


class MyRequestsView(ListAPIView):
    """My requests, newest first (GET), or file a new one with photos (POST, multipart)."""

    permission_classes = [IsResident]
    serializer_class = ResidentOrderOutput
    parser_classes = PARSERS
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return workorders_for_resident(user=self.request.user)

    @extend_schema(request=ResidentCreateInput, responses={201: ResidentOrderDetailOutput, **ERRORS})
    def post(self, request: Request) -> Response:
        data = ResidentCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        # The service looks the room up among the resident's homes (one query) and refuses another's.
        taken = workorder_take(actor=request.user, idempotency_key=request.headers.get("Idempotency-Key"),
                               request=IntakeRequest(channel=Channel.PORTAL, room_id=values["room"],
                                                     description=values["description"],
                                                     expectation=values["expectation"],
                                                     preferred_visit=values["preferred_visit"],
                                                     photos=values["photos"]))
        if taken.created is None:  # a retry: the order filed the first time, as it is now
            return detail_response(request=request, order=taken.order, status=201)
        output = ResidentTakenOutput(taken.order, context={"staff": False, "created": taken.created,
                                                           "photos": taken.photos})
        return Response(output.data, status=201)


class MyRequestDetailView(APIView):
    permission_classes = [IsResident]

    @extend_schema(responses={200: ResidentOrderDetailOutput, 404: ERRORS[404]})
    def get(self, request: Request, uuid: Any) -> Response:
        """One of my requests with the steps shown to me (nothing internal)."""
        return detail_response(request=request, order=WorkOrder(uuid=uuid))


class RateView(OrderAction):
    """Rate the work: very satisfied, satisfied, average or dissatisfied (SAT-1)."""

    permission_classes = [IsResident]
    input_serializer = RateInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_rate(order=order, actor=actor, level=data["level"], comment=data["comment"])


class ConfirmView(OrderAction):
    """Confirm that the work is done (REQ-7)."""

    permission_classes = [IsResident]
    input_serializer = NoteTextInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_confirm(order=order, actor=actor, note=data["note"])


class AnswerView(OrderAction):
    """Answer the questions the service desk asked (with photos if useful)."""

    permission_classes = [IsResident]
    input_serializer = AnswerInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_receive_info(order=order, actor=actor, answer=data["answer"], photos=data["photos"])
