"""Forms of the console: they parse and check input; the services decide what it means."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guanjia.core.taxonomy import Category, Channel, Department, Kind, Urgency
from guanjia.properties.models import Community, Room, Zone
from guanjia.tickets.choices import RatingLevel, Status, Visibility
from guanjia.tickets.models import GroupCase
from guanjia.tickets.selectors import QueueFilters

from .widgets import QuickModelChoiceField, QuickSelect, quicken

BLANK = [("", _("Any"))]
PHOTO_ACCEPT = {"accept": "image/*", "capture": "environment"}


class QuickForm(forms.Form):
    """A console form whose widgets render in Python (see widgets.py): the order page shows a dozen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quicken(self)

    def limit_choices(self, name: str, queryset: QuerySet[Any]) -> None:
        """Offer only ``queryset`` in the model choice field ``name`` (``fields`` holds plain ``Field``s by type)."""
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset


class ChoiceField(forms.ChoiceField):
    widget = QuickSelect  # see widgets.py: the stock Select renders a template per option


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input; their content is checked by the photo store, not here."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", MultipleFileInput(attrs=PHOTO_ACCEPT))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(PhotosField, self).clean(item, initial) for item in files]


class QueueFilterForm(QuickForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search",
                                                      "placeholder": _("Number, room, name or words")}))
    community = QuickModelChoiceField(label=_("Community"), queryset=Community.objects.none(), required=False,
                                       empty_label=_("Any"))
    zone = QuickModelChoiceField(label=_("Zone"), queryset=Zone.objects.none(), required=False,
                                  empty_label=_("Any"))
    category = ChoiceField(label=_("Category"), choices=BLANK + Category.choices, required=False)
    urgency = ChoiceField(label=_("Urgency"), choices=BLANK + Urgency.choices, required=False)
    status = ChoiceField(label=_("Status"), required=False,
                               choices=BLANK + [("open", _("All open"))] + Status.choices)
    channel = ChoiceField(label=_("Channel"), choices=BLANK + Channel.choices, required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the columns the labels show: a company administrator lists 100 communities and 300 zones.
        self.limit_choices("community", communities.only("id", "name"))
        self.limit_choices("zone", Zone.objects.filter(community__in=communities).select_related("community")
                           .only("id", "name", "community__name"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data

    @property
    def filters_active(self) -> bool:
        """Any filter narrowing the list: an empty queue then says to clear them, not that all is done."""
        return any(value not in (None, "") for value in (getattr(self, "cleaned_data", None) or {}).values())

    def filters(self) -> QueueFilters:
        """The valid part of the filters; an invalid field is shown with its error and ignored."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        valid = {name: value for name, value in data.items() if name not in self.errors}
        status = valid.get("status", "")
        return QueueFilters(
            community=getattr(valid.get("community"), "pk", None), zone=getattr(valid.get("zone"), "pk", None),
            category=valid.get("category", ""), urgency=valid.get("urgency", ""),
            status="" if status == "open" else status, open_only=status == "open",
            channel=valid.get("channel", ""), created_from=valid.get("date_from"),
            created_to=valid.get("date_to"), q=(valid.get("q") or "").strip())


class ClassificationFields(QuickForm):
    kind = ChoiceField(label=_("Kind"), choices=[("", _("Choose…"))] + Kind.choices, required=False)
    category = ChoiceField(label=_("Category"), choices=[("", _("Choose…"))] + Category.choices,
                                 required=False)
    urgency = ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    department = ChoiceField(label=_("Department"), required=False,
                                   choices=[("", _("Default for the category"))] + Department.choices)


class IntakeForm(ClassificationFields):
    community = QuickModelChoiceField(label=_("Community"), queryset=Community.objects.none())
    room = QuickModelChoiceField(label=_("Household"), queryset=Room.objects.none(), required=False,
                                  widget=forms.HiddenInput)
    location = forms.CharField(label=_("Place (common areas)"), max_length=200, required=False)
    channel = ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.PHONE)
    contact_name = forms.CharField(label=_("Caller's name"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("Call-back number"), max_length=20, required=False)
    description = forms.CharField(label=_("What the caller says"), max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    expectation = forms.CharField(label=_("What the caller expects"), max_length=1000, required=False)

    def __init__(self, *args: Any, communities: Any, rooms: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_choices("community", communities)
        self.limit_choices("room", rooms)
        if communities.count() == 1:
            self.fields["community"].initial = communities.first()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("room") and not (data.get("location") or "").strip():
            self.add_error("location", _("Choose the household, or write the place for a common area."))
        return data


# Forms of the actions on the order page, one per service.
class NoteForm(QuickForm):
    note = forms.CharField(label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    visibility = ChoiceField(label=_("Who sees it"), choices=Visibility.choices,
                                   initial=Visibility.INTERNAL)
    photos = PhotosField(label=_("Photos"))
    material = forms.CharField(label=_("Materials used"), max_length=200, required=False,
                               help_text=_("One per line: name, quantity, unit (e.g. 水龙头阀芯, 1, 个)"),
                               widget=forms.Textarea(attrs={"rows": 2}))

    def materials(self) -> list[dict[str, str]]:
        rows = []
        for line in (self.cleaned_data.get("material") or "").splitlines():
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if parts and parts[0]:
                rows.append({"name": parts[0], "quantity": parts[1] if len(parts) > 1 and parts[1] else "1",
                             "unit": parts[2] if len(parts) > 2 else ""})
        return rows


class ReasonForm(QuickForm):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class NoInputForm(QuickForm):
    """A step that is one tap: nothing to type (a note field there would be silently dropped)."""


class OptionalNoteForm(QuickForm):
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)


class QuestionsForm(QuickForm):
    questions = forms.CharField(label=_("Questions to ask (one per line)"), max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 3}))


class ClassifyForm(ClassificationFields):
    kind = ChoiceField(label=_("Kind"), choices=Kind.choices)
    category = ChoiceField(label=_("Category"), choices=Category.choices)
    confirm = forms.BooleanField(label=_("Confirm as supervisor"), required=False)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)


class DispatchForm(QuickForm):
    department = ChoiceField(label=_("Department"), choices=Department.choices)
    assignee = QuickModelChoiceField(label=_("Assign to"), queryset=get_user_model().objects.none(),
                                      required=False, empty_label=_("The department decides"))
    note = forms.CharField(label=_("Background for the person dispatched"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_choices("assignee", staff)


class ResolveForm(QuickForm):
    note = forms.CharField(label=_("What was done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    photos = PhotosField(label=_("Photos of the finished work"))


class ArriveForm(QuickForm):
    photos = PhotosField(label=_("Photos on arrival"))


class HandOverForm(QuickForm):
    new_owner = QuickModelChoiceField(label=_("New owner"), queryset=get_user_model().objects.none())
    promise = forms.CharField(label=_("What the resident is told"), max_length=200,
                              help_text=_("e.g. 张师傅 will call you within 1 hour"))
    promise_due_at = forms.DateTimeField(label=_("Promised by"),
                                         widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_choices("new_owner", staff)


class MergeForm(QuickForm):
    into = forms.CharField(label=_("Number of the order to keep"), max_length=32)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)


class CallbackForm(QuickForm):
    level = ChoiceField(label=_("How satisfied the resident is"), choices=RatingLevel.choices)
    comment = forms.CharField(label=_("What the resident said"), max_length=1000, required=False)


class AgreeVisitForm(QuickForm):
    visit_at = forms.DateTimeField(label=_("Agreed visit time"),
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    impact = forms.CharField(label=_("Impact told to the resident"), max_length=200, required=False,
                             help_text=_("e.g. water off for 2 hours"))


class PlanForm(QuickForm):
    solution = forms.CharField(label=_("Solution"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    resident_text = forms.CharField(label=_("In plain words for the resident"), max_length=2000,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    cost = forms.DecimalField(label=_("Estimated cost (yuan)"), required=False, max_digits=12, decimal_places=2,
                              min_value=0)
    schedule = forms.CharField(label=_("Schedule"), max_length=200, required=False)
    parties = forms.CharField(label=_("Who else is involved (comma-separated)"), max_length=400, required=False)

    def party_list(self) -> list[str]:
        text = (self.cleaned_data.get("parties") or "").replace("，", ",").replace("、", ",")
        return [p.strip() for p in text.split(",") if p.strip()]


class LinkGroupForm(QuickForm):
    group_case = QuickModelChoiceField(label=_("Existing group case"), queryset=GroupCase.objects.none(),
                                        required=False, empty_label=_("A new group case"))
    title = forms.CharField(label=_("Title of a new group case"), max_length=200, required=False)
    media_sensitive = forms.BooleanField(label=_("The media follows it"), required=False)

    def __init__(self, *args: Any, group_cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_choices("group_case", group_cases)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("group_case") and not (data.get("title") or "").strip():
            self.add_error("title", _("Choose a group case, or give a title for a new one."))
        return data


class BoardFilterForm(QueueFilterForm):
    """The board narrows by community only: its lists are already the supervisor's concerns."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in [n for n in self.fields if n != "community"]:
            del self.fields[name]


class PlanDecisionForm(QuickForm):
    """The project manager's answer to a plan: approve, or send it back saying why."""

    decision = ChoiceField(choices=[("approve", _("Approve")), ("send_back", _("Send back"))],
                                 error_messages={"required": _("Choose to approve or to send back."),
                                                 "invalid_choice": _("Choose to approve or to send back.")})
    note = forms.CharField(label=_("Note to the author (required when sending back)"), max_length=1000,
                           required=False, widget=forms.Textarea(attrs={"rows": 2}))
