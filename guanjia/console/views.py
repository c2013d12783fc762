from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guanjia.accounts.scoping import communities_for_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    communities = communities_for_user(user=request.user).order_by("name")
    return render(request, "console/home.html", {"communities": communities})
