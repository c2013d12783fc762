from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class ExpiringTokenAuthentication(TokenAuthentication):
    """Token authentication for app clients; a token older than the TTL must be renewed."""

    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if token.created < timezone.now() - timedelta(days=settings.GUANJIA_TOKEN_TTL_DAYS):
            raise exceptions.AuthenticationFailed(_("Your login has expired. Please log in again."))
        return user, token
