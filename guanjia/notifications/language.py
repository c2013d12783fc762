"""Messages worded in their reader's language, not the sender's.

A deadline warning is written by the sweep (no language of its own) and a work order's update by
whoever changed it (an English-speaking supervisor, say), but each is read by someone with a
language of their own: ``User.preferred_language`` for staff and residents with an account,
``Person.preferred_language`` for residents known only to the register. So services hand
``notify`` a message that is not worded yet — a lazy translation, or ``phrase`` for one with
values in it — and ``notify`` words it once per language among the recipients.
"""

from collections.abc import Mapping
from typing import Any, cast

from django.conf import settings
from django.utils.functional import Promise, lazy
from django.utils.translation import get_supported_language_variant

# What services pass as a title or body: plain text (a resident's own words, a room code) is the
# same in every language; a Promise (``gettext_lazy``, ``phrase``) is worded when it is read.
Text = str | Promise


def _worded(template: Text, params: Mapping[str, Any]) -> str:
    # Values may be lazy themselves (a clock's label): word them in the same language.
    return str(template) % {key: str(value) if isinstance(value, Promise) else value
                            for key, value in params.items()}


_lazy_worded = lazy(_worded, str)


def phrase(template: Text, /, **params: Any) -> Promise:
    """``template % params``, worded in whichever language is active when it is read.

    ``phrase(gettext_lazy("Work order %(number)s is done"), number=order.number)`` is the lazy
    counterpart of ``gettext("Work order %(number)s is done") % {"number": order.number}``.
    """
    # ``lazy`` returns a Promise standing in for a str; the stubs type the call as the str itself.
    return cast(Promise, _lazy_worded(template, params))


def language_of(preferred: str | None) -> str:
    """A stored preference as one of the site's languages: "zh-Hant", "zh_hant" and "zh-tw" are
    Traditional Chinese; an empty or unknown preference is the site's default (Simplified)."""
    if preferred:
        try:
            return get_supported_language_variant(preferred.replace("_", "-").lower())
        except LookupError:
            pass
    return settings.LANGUAGE_CODE
