"""Log in and the console's front door."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .common import staff_view


@staff_view
def home(request: HttpRequest) -> HttpResponse:
    # The desk lives in its queue: the front door opens on "my orders".
    return redirect("console:orders")
