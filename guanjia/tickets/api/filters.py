"""Queue filters (django-filter): validated here, applied by ``selectors.workorders_filter``."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from guanjia.core.taxonomy import Category, Channel, Kind, Urgency

from ..choices import Status
from ..selectors import QUEUES, QueueFilters, workorders_filter
from .serializers import MAX_ID


class IdFilter(filters.NumberFilter):
    """A whole, positive id the database can hold (not 1.5, not 10**30)."""

    field_class = forms.IntegerField  # type: ignore[assignment]  # the stubs fix NumberFilter's to DecimalField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


class WorkOrderFilter(filters.FilterSet):
    queue = filters.ChoiceFilter(choices=[(q, q) for q in QUEUES], method="_noop",
                                 help_text=_("mine (default), assigned, department, community, for_review, "
                                             "follow_ups, escalated"))
    community = IdFilter(method="_noop")
    zone = IdFilter(method="_noop")
    kind = filters.ChoiceFilter(choices=Kind.choices, method="_noop")
    category = filters.ChoiceFilter(choices=Category.choices, method="_noop")
    urgency = filters.ChoiceFilter(choices=Urgency.choices, method="_noop")
    status = filters.ChoiceFilter(choices=Status.choices, method="_noop")
    channel = filters.ChoiceFilter(choices=Channel.choices, method="_noop")
    created_from = filters.DateFilter(method="_noop")
    created_to = filters.DateFilter(method="_noop")
    q = filters.CharFilter(method="_noop", max_length=100, help_text=_("Number, room code, contact name or description."))
    open = filters.BooleanFilter(method="_noop")

    def _noop(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset  # every filter is applied at once in filter_queryset, by the selector

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        data = {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "") and k != "queue"}
        data["open_only"] = bool(data.pop("open", False))
        return workorders_filter(queryset, QueueFilters(**data))
