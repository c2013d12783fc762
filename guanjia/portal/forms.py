"""Forms of the owner portal: few fields, plain words, errors that say what to do."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.choices import UserKind
from guanjia.console.forms import PhotosField
from guanjia.core.taxonomy import Kind
from guanjia.tickets.choices import RatingLevel

VISIT_TIMES = [
    ("", _("Any time")),
    ("morning", _("Weekday morning (9–12)")),
    ("afternoon", _("Weekday afternoon (14–18)")),
    ("evening", _("Weekday evening (18–20)")),
    ("weekend", _("Weekend")),
]


class ResidentLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The phone number or password is wrong. Check them and try again."),
        "inactive": _("This account is switched off. Please call the service centre."),
        "not_resident": _("This login is for residents. Staff log in at the service desk."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Phone number")
        self.fields["username"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if user.kind != UserKind.RESIDENT:
            raise forms.ValidationError(self.error_messages["not_resident"], code="not_resident")


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is it about?"), required=False, widget=forms.RadioSelect,
                             choices=[("repair", _("Something is broken")), ("complaint", _("A complaint")),
                                      ("inquiry", _("A question")), ("service", _("A service (keys, parcels…)")),
                                      ("suggestion", _("An idea")), ("", _("Not sure"))])
    description = forms.CharField(
        label=_("Tell us what happened"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("e.g. The kitchen tap is leaking")}),
        error_messages={"required": _("Please write a few words about what happened.")})
    photos = PhotosField(label=_("Photos (optional)"))
    visit = forms.ChoiceField(label=_("When can we come?"), choices=VISIT_TIMES, required=False)
    visit_note = forms.CharField(label=_("Anything else about the visit time"), max_length=60, required=False)

    def clean_kind(self) -> str:
        kind = self.cleaned_data.get("kind") or ""
        return kind if kind in Kind.values else ""

    def preferred_visit(self) -> str:
        label = dict(VISIT_TIMES).get(self.cleaned_data.get("visit") or "", "")
        parts = [str(label) if self.cleaned_data.get("visit") else "", self.cleaned_data.get("visit_note", "")]
        return " ".join(p for p in parts if p).strip()


class RateForm(forms.Form):
    level = forms.ChoiceField(label=_("How satisfied are you?"), choices=RatingLevel.choices,
                              widget=forms.RadioSelect,
                              error_messages={"required": _("Please choose one of the four answers.")})
    comment = forms.CharField(label=_("Tell us why (optional)"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class InfoAnswerForm(forms.Form):
    """The resident's answer to the desk's follow-up questions, with photos if they help."""

    answer = forms.CharField(
        label=_("Your reply to our questions"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("e.g. The lift in building 3, nobody is inside")}),
        error_messages={"required": _("Please write your answer to the questions above.")})
    photos = PhotosField(label=_("Photos (optional)"))
