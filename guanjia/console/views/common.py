"""What every console view shares: staff only, full page or htmx fragment."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from guanjia.accounts.choices import UserKind
from guanjia.core.requests import AuthenticatedHttpRequest


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged-in staff only; a resident who reaches the console is sent to the owner portal."""

    @login_required
    @wraps(view)
    def wrapper(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.kind != UserKind.STAFF:
            return redirect("portal:home")
        return view(request, *args, **kwargs)

    return wrapper


def page_or_fragment(request: HttpRequest, *, page: str, fragment: str, context: dict[str, Any],
                     status: int = 200) -> HttpResponse:
    template = fragment if getattr(request, "htmx", False) else page
    return render(request, template, context, status=status)


def field_errors(exc: Any) -> dict[str, list[str]]:
    """A service error's per-field messages, as strings ready for the template."""
    return {name: [str(m) for m in (messages if isinstance(messages, list | tuple) else [messages])]
            for name, messages in (exc.fields or {}).items()}
