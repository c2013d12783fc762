"""Household endpoints for the desk: search, detail, and an audited phone reveal."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guanjia.core.audit import audit_reveal, client_ip
from guanjia.core.errors import Forbidden, NotFound

from ..models import PhoneNumber
from ..selectors import household_detail, households_search
from . import serializers as s


class HouseholdSearchView(APIView):
    """One search box: room code in any spelling, name, last 4 phone digits or plate."""

    @extend_schema(parameters=[s.HouseholdSearchInput], responses=s.HouseholdSearchOutput,
                   operation_id="households_search")
    def get(self, request: Request) -> Response:
        params = s.HouseholdSearchInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        community = data.get("community")
        hits = households_search(user=request.user, q=data["q"], limit=data["limit"],
                                 community_ids=[community] if community else None)
        # Lists always show phones masked; the full number is one audited reveal away.
        return Response(s.HouseholdSearchOutput({"results": hits}, context={"show_phones": False}).data)


class HouseholdDetailView(APIView):
    @extend_schema(responses=s.HouseholdOutput, parameters=[OpenApiParameter("room_id", int, "path")])
    def get(self, request: Request, room_id: int) -> Response:
        household = household_detail(user=request.user, room_id=room_id)
        if household.can_see_phones:
            # Roles that need the numbers see them here, and that sight is on the record (PRV-1).
            audit_reveal(actor=request.user, obj=household.room, field="phones",
                         community_id=household.room.community_id, ip_address=client_ip(request))
        context = {"show_phones": household.can_see_phones, "show_id_numbers": household.can_see_id_numbers}
        return Response(s.HouseholdOutput(household, context=context).data)


class RevealPhoneView(APIView):
    @extend_schema(request=s.HouseholdRevealPhoneInput, responses=s.HouseholdRevealPhoneOutput,
                   parameters=[OpenApiParameter("room_id", int, "path")])
    def post(self, request: Request, room_id: int) -> Response:
        data = s.HouseholdRevealPhoneInput(data=request.data)
        data.is_valid(raise_exception=True)
        household = household_detail(user=request.user, room_id=room_id)
        if not household.can_see_phones:
            raise Forbidden(_("Your role does not allow seeing full phone numbers."), code="reveal_forbidden")
        people = {o.person_id for o in household.occupancies}
        phone = PhoneNumber.objects.filter(pk=data.validated_data["phone_id"], person_id__in=people).first()
        if phone is None:
            raise NotFound(_("This phone number is not one of this household's."), code="phone_not_found")
        audit_reveal(actor=request.user, obj=phone, field="number", community_id=household.room.community_id,
                     ip_address=client_ip(request))
        return Response(s.HouseholdRevealPhoneOutput(phone).data)
