"""Drop-down lists rendered in Python, for forms the console shows on every page load.

Django renders a ``<select>`` through one template per option (``select_option.html`` plus
``attrs.html``): about 0.1 ms an option. A company administrator's queue filters list every
community and zone of the company (100 and 300 of them at full size), so the stock widget cost
more than the rest of the queue page. These render the same HTML (same attributes, same
escaping) with ``format_html``, and list a model's choices with a plain query instead of the
server-side cursor (``DECLARE … WITH HOLD``) that ``ModelChoiceField`` opens on PostgreSQL.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> SafeString:
    # As Django's attrs.html: True is a bare attribute, False is left out.
    return flatatt({k: v for k, v in attrs.items() if v is not False and v is not None})


class QuickSelect(forms.Select):
    """``forms.Select`` with the same markup, built without a template per option.

    Follows ``Select.optgroups``: values compare as strings, only the first match is selected
    (a single choice), a group's options are wrapped in ``<optgroup>``.
    """

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        wanted = set(self.format_value(value))
        chosen = False
        parts: list[str] = [format_html("<select name=\"{}\"{}>", name, _attrs(self.build_attrs(self.attrs, attrs)))]
        for group_value, group_label in self.choices:
            grouped = isinstance(group_label, list | tuple)
            options: Iterable[tuple[Any, Any]] = group_label if grouped else [(group_value, group_label)]
            rendered: list[str] = []
            for option_value, option_label in options:
                text = "" if option_value is None else str(option_value)
                selected = text in wanted and not chosen
                chosen = chosen or selected
                # Plain formatting of escaped parts: format_html per option was most of a 400-option list.
                rendered.append(f'<option value="{escape(text)}"{" selected" if selected else ""}>'
                                f"{conditional_escape(option_label)}</option>")
            body = mark_safe("".join(rendered))  # noqa: S308 - each option was escaped by format_html
            parts.append(format_html("<optgroup label=\"{}\">{}</optgroup>", group_value, body) if grouped else body)
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part above was escaped by format_html


class _QuickInput:
    """``<input>`` as Django's ``input.html`` writes it (type, name, value unless None, attributes)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        # A mixin: the Django widget it is combined with (``_QUICK``) provides get_context().
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        shown = "" if widget["value"] is None else format_html(" value=\"{}\"", str(widget["value"]))
        return format_html("<input type=\"{}\" name=\"{}\"{}{}>", widget["type"], widget["name"], shown,
                           _attrs(widget["attrs"]))


class QuickTextarea(forms.Textarea):
    """``<textarea>`` as Django's ``textarea.html`` writes it (a newline first, then the value)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html("<textarea name=\"{}\"{}>\n{}</textarea>", widget["name"], _attrs(widget["attrs"]),
                           widget["value"] or "")


# The stock widgets of the console's forms and their Python-rendered twins (same markup).
_QUICK: dict[type, type] = {
    # Same class name: templates test ``field.widget_type`` ("checkbox"), which is derived from it.
    cls: type(cls.__name__, (_QuickInput, cls), {"__module__": __name__})
    for cls in (forms.TextInput, forms.NumberInput, forms.DateInput, forms.DateTimeInput, forms.HiddenInput,
                forms.CheckboxInput)
} | {forms.Textarea: QuickTextarea, forms.Select: QuickSelect}


def quicken(form: forms.BaseForm) -> None:
    """Swap each field's stock widget for its twin; other widgets (file inputs) keep their templates."""
    for field in form.fields.values():
        quick = _QUICK.get(type(field.widget))
        if quick is not None:
            field.widget.__class__ = quick


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
