"""The library's API: residents find answers before raising a request; staff search it."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guanjia.core.errors import Forbidden, NotFound
from guanjia.properties.models import Community

from ..models import StandardAnswer
from ..selectors import answers_suggest, community_for_user
from ..services import answer_feedback_record


class SuggestInput(serializers.Serializer):
    text = serializers.CharField(max_length=1000)
    community = serializers.IntegerField()


class ResidentAnswerOutput(serializers.Serializer):
    code = serializers.CharField(source="answer.code")
    question = serializers.CharField(source="answer.question")
    answer = serializers.CharField(source="rendered.text")
    score = serializers.FloatField()


class SuggestOutput(serializers.Serializer):
    answered = serializers.BooleanField()
    answers = ResidentAnswerOutput(many=True, source="items")


class FeedbackInput(serializers.Serializer):
    helpful = serializers.BooleanField()
    community = serializers.IntegerField()
    question = serializers.CharField(max_length=300, required=False, allow_blank=True)


class FeedbackOutput(serializers.Serializer):
    code = serializers.CharField()
    helpful_count = serializers.IntegerField()
    unhelpful_count = serializers.IntegerField()


class SearchInput(serializers.Serializer):
    q = serializers.CharField(max_length=1000)
    community = serializers.IntegerField()


class StaffAnswerOutput(ResidentAnswerOutput):
    category = serializers.CharField(source="answer.category")
    reason = serializers.CharField(source="reason_text")
    reasons = serializers.ListField(child=serializers.DictField())
    missing = serializers.ListField(child=serializers.CharField(), source="rendered.missing")
    warning = serializers.CharField()


class SearchOutput(serializers.Serializer):
    answered = serializers.BooleanField()
    answers = StaffAnswerOutput(many=True, source="items")


def _community(request: Request, community_id: int) -> Community:
    community = community_for_user(user=request.user, community_id=community_id)
    if community is None:
        raise NotFound(_("No such community among yours."), code="community_not_found", field="community")
    return community


class SuggestView(APIView):
    """Residents (and staff): the answers that fit a question, fully filled in only."""

    @extend_schema(request=SuggestInput, responses=SuggestOutput)
    def post(self, request: Request) -> Response:
        data = SuggestInput(data=request.data)
        data.is_valid(raise_exception=True)
        community = _community(request, data.validated_data["community"])
        found = answers_suggest(community=community, text=data.validated_data["text"], for_resident=True)
        return Response(SuggestOutput(found).data)


class FeedbackView(APIView):
    """“Did this answer your question?” — counted per answer."""

    @extend_schema(request=FeedbackInput, responses=FeedbackOutput)
    def post(self, request: Request, code: str) -> Response:
        data = FeedbackInput(data=request.data)
        data.is_valid(raise_exception=True)
        community = _community(request, data.validated_data["community"])
        answer = StandardAnswer.objects.filter(company_id=community.company_id, code=code,
                                               status="live").first()
        if answer is None:
            raise NotFound(_("No such standard answer."), code="answer_not_found")
        answer_feedback_record(answer=answer, helpful=data.validated_data["helpful"], user=request.user,
                               community=community, question=data.validated_data.get("question", ""))
        answer.refresh_from_db(fields=["helpful_count", "unhelpful_count"])
        return Response(FeedbackOutput({"code": answer.code, "helpful_count": answer.helpful_count,
                                        "unhelpful_count": answer.unhelpful_count}).data)


class SearchView(APIView):
    """Staff: the best three answers with why they matched, filled for the community;
    missing figures are listed with a warning instead of being hidden."""

    @extend_schema(parameters=[OpenApiParameter("q", str), OpenApiParameter("community", int)],
                   responses=SearchOutput)
    def get(self, request: Request) -> Response:
        if getattr(request.user, "is_resident", False):
            raise Forbidden(_("This search is for staff."), code="staff_only")
        data = SearchInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        community = _community(request, data.validated_data["community"])
        found = answers_suggest(community=community, text=data.validated_data["q"], for_resident=False)
        return Response(SearchOutput(found).data)
