from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from guanjia.accounts.models import User
from guanjia.core.errors import ServiceError


class TokenLoginInput(serializers.Serializer):
    username = serializers.CharField(help_text="Staff username or resident phone number")
    password = serializers.CharField(style={"input_type": "password"})


class TokenOutput(serializers.Serializer):
    token = serializers.CharField()
    kind = serializers.CharField()


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    kind = serializers.CharField()


class TokenLoginView(APIView):
    """Exchange a username (or a resident's phone number) and password for an API token."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=TokenLoginInput, responses=TokenOutput)
    def post(self, request: Request) -> Response:
        data = TokenLoginInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request, username=data.validated_data["username"],
                            password=data.validated_data["password"])
        if user is None:
            raise ServiceError(_("Wrong phone number, username or password."), code="invalid_credentials",
                               status=401)
        Token.objects.filter(user=user).delete()  # a new login renews an expired token
        token = Token.objects.create(user=user)
        return Response(TokenOutput({"token": token.key, "kind": user.kind}).data)


class MeView(APIView):
    @extend_schema(responses=MeOutput)
    def get(self, request: Request) -> Response:
        user = request.user
        assert isinstance(user, User)  # IsAuthenticated, the default permission, lets only accounts in
        return Response(MeOutput({"id": user.pk, "username": user.username, "display_name": str(user),
                                  "kind": user.kind}).data)
