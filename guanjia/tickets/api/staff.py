"""The staff API: queues with filters, intake, the board, plans and group cases."""

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guanjia.accounts.choices import ROLES_SEEING_PHONES
from guanjia.accounts.scoping import community_ids_for_user, user_has_role
from guanjia.core.audit import audit_reveal, client_ip
from guanjia.core.errors import ServiceError
from guanjia.properties.models import Community, Person, Room

from ..models import WorkOrder
from ..pagination import QueuePagination
from ..selectors import (
    assignment_suggestions,
    group_case_get,
    group_cases_for_user,
    household_orders,
    plan_get,
    supervisor_board,
    workorder_detail,
    workorder_get,
    workorder_queue,
)
from ..services import IntakeRequest, group_case_create, plan_decide, plan_submit, workorder_intake
from .base import ERRORS, PARSERS, IsStaff, detail_response, parse_id
from .filters import WorkOrderFilter
from .serializers import (
    BoardOutput,
    GroupCaseInput,
    GroupCaseOutput,
    PhoneOutput,
    PlanDecideInput,
    PlanInput,
    PlanOutput,
    StaffCreateInput,
    StaffOrderDetailOutput,
    StaffOrderOutput,
    SuggestionOutput,
)


def _by_id(model: Any, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ServiceError(_("Unknown %(field)s.") % {"field": field}, code=f"unknown_{field}", field=field)
    return found


def staff_user(pk: int | None, field: str) -> Any:
    return _by_id(get_user_model(), pk, field)


class QueueView(ListAPIView):
    """A queue of work orders (?queue=mine|assigned|department|community|…) with filters, or take a
    new request from any channel (POST; ``Idempotency-Key`` makes retries safe)."""

    permission_classes = [IsStaff]
    serializer_class = StaffOrderOutput
    filterset_class = WorkOrderFilter
    pagination_class = QueuePagination
    parser_classes = PARSERS

    queryset = WorkOrder.objects.none()  # for the schema generator; requests use the selector

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return workorder_queue(user=self.request.user, queue=self.request.query_params.get("queue", "mine"))

    @extend_schema(request=StaffCreateInput, responses={201: StaffOrderDetailOutput, **ERRORS})
    def post(self, request: Request) -> Response:
        data = StaffCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        community = _by_id(Community, v.pop("community"), "community")
        room = _by_id(Room, v.pop("room"), "room")
        person = _by_id(Person, v.pop("person"), "person")
        order = workorder_intake(actor=request.user, idempotency_key=request.headers.get("Idempotency-Key"),
                                 request=IntakeRequest(community=community, room=room, person=person, **v))
        return detail_response(request=request, order=order, status=201)


class OrderDetailView(APIView):
    permission_classes = [IsStaff]

    @extend_schema(responses={200: StaffOrderDetailOutput, 404: ERRORS[404]})
    def get(self, request: Request, uuid: Any) -> Response:
        """One order with its whole timeline, plans and ratings."""
        return detail_response(request=request, order=WorkOrder(uuid=uuid))


class RevealPhoneView(APIView):
    permission_classes = [IsStaff]
    parser_classes = PARSERS

    @extend_schema(request=None, responses={200: PhoneOutput, 403: ERRORS[403], 404: ERRORS[404]})
    def post(self, request: Request, uuid: Any) -> Response:
        """The resident's full phone number, to call them back; every reveal is in the audit log (PRV-1)."""
        order = workorder_get(user=request.user, uuid=uuid)
        if not user_has_role(user=request.user, community=order.community, roles=ROLES_SEEING_PHONES):
            raise ServiceError(_("Your role does not see phone numbers."), code="forbidden", status=403)
        audit_reveal(actor=request.user, obj=order, field="contact_phone", community_id=order.community_id,
                     ip_address=client_ip(request))
        return Response(PhoneOutput({"contact_phone": order.contact_phone}).data)


class HouseholdOrdersView(APIView):
    permission_classes = [IsStaff]

    @extend_schema(parameters=[OpenApiParameter("room", int, required=True)],
                   responses={200: StaffOrderOutput(many=True)})
    def get(self, request: Request) -> Response:
        """A household's open and recent orders, seen while taking a new call."""
        room_id = parse_id(request.query_params.get("room"))
        if room_id is None:
            raise ServiceError(_("Give the room."), code="room_required", field="room")
        room = Room.objects.filter(pk=room_id, community_id__in=community_ids_for_user(user=request.user)).first()
        if room is None:
            raise ServiceError(_("Unknown room."), code="unknown_room", field="room", status=404)
        found = household_orders(user=request.user, room=room)
        return Response({name: StaffOrderOutput(qs[:20], many=True).data for name, qs in found.items()})


class BoardView(APIView):
    permission_classes = [IsStaff]

    @extend_schema(parameters=[OpenApiParameter("community", int)], responses={200: BoardOutput})
    def get(self, request: Request) -> Response:
        """The supervisor's board in numbers: due soon, late, escalated, follow-ups, review, group cases."""
        board = supervisor_board(user=request.user, community=parse_id(request.query_params.get("community")))
        return Response(BoardOutput({name: qs.count() for name, qs in board.items()}).data)


class SuggestionsView(APIView):
    permission_classes = [IsStaff]

    @extend_schema(responses={200: SuggestionOutput(many=True)})
    def get(self, request: Request, uuid: Any) -> Response:
        """Who to dispatch to: the zone's manager, the right trade and skills, the lightest load."""
        order = workorder_get(user=request.user, uuid=uuid)
        return Response(SuggestionOutput(assignment_suggestions(user=request.user, order=order), many=True).data)


class PlansView(APIView):
    permission_classes = [IsStaff]
    parser_classes = PARSERS

    @extend_schema(responses={200: PlanOutput(many=True)})
    def get(self, request: Request, uuid: Any) -> Response:
        """The order's handling plans, oldest first."""
        order = workorder_detail(user=request.user, uuid=uuid)
        return Response(PlanOutput(order.visible_plans, many=True).data)

    @extend_schema(request=PlanInput, responses={201: PlanOutput, **ERRORS})
    def post(self, request: Request, uuid: Any) -> Response:
        """Submit a plan: in force at once for a normal order, for approval for a complex one."""
        order = workorder_get(user=request.user, uuid=uuid)
        data = PlanInput(data=request.data)
        data.is_valid(raise_exception=True)
        plan = plan_submit(order=order, actor=request.user, **data.validated_data)
        return Response(PlanOutput(plan).data, status=201)


class PlanDecideView(APIView):
    permission_classes = [IsStaff]
    parser_classes = PARSERS

    @extend_schema(request=PlanDecideInput, responses={200: PlanOutput, **ERRORS})
    def post(self, request: Request, uuid: Any) -> Response:
        """The project manager approves a complex order's plan, or sends it back with a note."""
        plan = plan_get(user=request.user, uuid=uuid)
        data = PlanDecideInput(data=request.data)
        data.is_valid(raise_exception=True)
        plan = plan_decide(plan=plan, actor=request.user, **data.validated_data)
        return Response(PlanOutput(plan).data)


class GroupCasesView(ListAPIView):
    """Group cases (群诉) with their households (GET), or open one (POST)."""

    permission_classes = [IsStaff]
    serializer_class = GroupCaseOutput
    parser_classes = PARSERS
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return group_cases_for_user(user=self.request.user).select_related("community")

    @extend_schema(request=GroupCaseInput, responses={201: GroupCaseOutput, **ERRORS})
    def post(self, request: Request) -> Response:
        data = GroupCaseInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        community = _by_id(Community, v["community"], "community")
        case = group_case_create(actor=request.user, community=community, title=v["title"],
                                 media_sensitive=v["media_sensitive"])
        return Response(GroupCaseOutput(group_case_get(user=request.user, uuid=case.uuid)).data, status=201)
