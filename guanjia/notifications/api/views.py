"""The inbox API: a person reads and clears only their own notifications."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guanjia.notifications import selectors, services


class NotificationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    body = serializers.CharField()
    link = serializers.CharField()
    order_number = serializers.CharField(source="order.number", default="", allow_null=True)
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    is_read = serializers.BooleanField()


class InboxFilterInput(serializers.Serializer):
    unread = serializers.BooleanField(required=False, default=False,
                                      help_text=_("Only notifications not yet read."))


class UnreadCountOutput(serializers.Serializer):
    unread = serializers.IntegerField()


class MarkedOutput(serializers.Serializer):
    marked = serializers.IntegerField()


class InboxListView(APIView):
    """My notifications, newest first."""

    @extend_schema(parameters=[OpenApiParameter("unread", bool, description="Only unread ones.")],
                   responses=NotificationOutput(many=True))
    def get(self, request: Request) -> Response:
        params = InboxFilterInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        notes = selectors.notifications_for_user(user=request.user,
                                                 unread_only=params.validated_data["unread"])
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(notes, request, view=self)
        return paginator.get_paginated_response(NotificationOutput(page, many=True).data)


class UnreadCountView(APIView):
    @extend_schema(responses=UnreadCountOutput)
    def get(self, request: Request) -> Response:
        return Response(UnreadCountOutput({"unread": selectors.unread_count(user=request.user)}).data)


class MarkReadView(APIView):
    @extend_schema(request=None, responses=NotificationOutput)
    def post(self, request: Request, pk: int) -> Response:
        note = services.notification_mark_read(user=request.user, notification_id=pk)
        return Response(NotificationOutput(note).data)


class MarkAllReadView(APIView):
    @extend_schema(request=None, responses=MarkedOutput)
    def post(self, request: Request) -> Response:
        return Response(MarkedOutput({"marked": services.notifications_mark_all_read(user=request.user)}).data)
