from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .models import User


class PhoneOrUsernameBackend(ModelBackend):
    """Staff log in with their username, residents with their phone number."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
                     **kwargs: Any) -> User | None:
        if username is None or password is None:
            return None
        user_model = get_user_model()
        username = username.strip()
        user = (user_model.objects.filter(username=username).first()
                or user_model.objects.filter(phone=username.replace(" ", "").replace("-", "")).first())
        if user is None:
            user_model().set_password(password)  # same cost either way: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
