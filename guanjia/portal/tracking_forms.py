from django import forms
from django.utils.translation import gettext_lazy as _

from guanjia.tickets.choices import RatingLevel


class TrackingRatingForm(forms.Form):
    """The four levels of SAT-1 plus an optional comment, as big buttons on a phone."""

    level = forms.ChoiceField(label=_("How satisfied are you?"), choices=RatingLevel.choices,
                              widget=forms.RadioSelect,
                              error_messages={"required": _("Choose one of the four levels."),
                                              "invalid_choice": _("Choose one of the four levels.")})
    comment = forms.CharField(label=_("Anything you would like to tell us?"), required=False, max_length=500,
                              widget=forms.Textarea(attrs={"rows": 3}))
