"""Drop-down lists rendered in Python, for forms the console shows on every page load.

Django renders a ``<select>`` through one template per option (``select_option.html`` plus
``attrs.html``): about 0.1 ms an option. A company administrator's queue filters list every
community and zone of the company (100 and 300 of them at full size), so the stock widget cost
more than the rest of the queue page. These render the same HTML (same attributes, same
escaping) with ``format_html``, and list a model's choices with a plain query instead of the
server-side cursor (``DECLARE … WITH HOLD``) that ``ModelChoiceField`` opens on PostgreSQL.
"""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> SafeString:
    # As Django's attrs.html: True is a bare attribute, False is left out.
    return flatatt({k: v for k, v in attrs.items() if v is not False and v is not None})


class QuickSelect(forms.Select):
    """``forms.Select`` with the same markup, built without a template per option."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html("<select name=\"{}\"{}>", widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join("", "<option value=\"{}\"{}>{}</option>",
                                        ((str(o["value"]), _attrs(o["attrs"]), o["label"]) for o in options))
            parts.append(format_html("<optgroup label=\"{}\">{}</optgroup>", group_name, rendered)
                         if group_name else rendered)
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part above was escaped by format_html


class ListedChoiceIterator(ModelChoiceIterator):
    """The choices from one ordinary query (``.iterator()`` would open a server-side cursor)."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class QuickModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoiceIterator
    widget = QuickSelect
