"""What the middleware and ``login_required`` add to a request, spelt out for the type checker.

Views annotate ``request`` with these instead of ``HttpRequest`` when they read ``request.htmx``
or need ``request.user`` to be an account (Django's own type allows an anonymous user).
"""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from guanjia.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    """Any request: ``django_htmx.middleware.HtmxMiddleware`` sets ``htmx`` on every one."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request that got past ``login_required``: its user signed in."""

    user: User
