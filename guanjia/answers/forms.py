from django import forms
from django.utils.translation import gettext_lazy as _

from guanjia.core.taxonomy import Category


class AnswerForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32, help_text=_("e.g. kb121"))
    question = forms.CharField(label=_("Question"), max_length=300)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}),
                             help_text=_("Write community figures as placeholders, e.g. {物业费单价}."))
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))


class InquiryReplyForm(forms.Form):
    reply = forms.CharField(label=_("Reply given"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    code = forms.CharField(label=_("Standard answer used (code)"), max_length=32, required=False)
