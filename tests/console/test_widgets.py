"""The console's drop-down lists: the markup of Django's own Select, without its per-option templates."""

import pytest
from django import forms
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from guanjia.console.forms import DispatchForm, QueueFilterForm
from guanjia.console.widgets import QuickModelChoiceField, QuickSelect
from guanjia.properties.models import Community
from tests.factories import CommunityFactory


def _as_stock(form: forms.Form) -> forms.Form:
    """The same form with Django's Select put back, to compare the markup."""
    for field in form.fields.values():
        if isinstance(field.widget, QuickSelect):
            stock = forms.Select(attrs=field.widget.attrs)
            stock.choices, stock.is_required = field.widget.choices, field.widget.is_required
            field.widget = stock
    return form


def test_a_list_renders_as_djangos_select_selected_value_errors_and_escaping_included():
    class Form(forms.Form):
        colour = forms.ChoiceField(widget=QuickSelect, choices=[("", "Any"), ("r", "<red> & \"hot\""), ("b", "blue")])
        grouped = forms.ChoiceField(widget=QuickSelect, required=False,
                                    choices=[("Warm", [("r", "red"), ("o", "orange")]), ("Cold", [("b", "blue")])])

    for data in (None, {"colour": "r", "grouped": "o"}, {"colour": "lava"}):
        quick = [str(bound) for bound in Form(data)]
        stock = [str(bound) for bound in _as_stock(Form(data))]
        assert [parse_html(html) for html in quick] == [parse_html(html) for html in stock]
    html = str(Form({"colour": "r"})["colour"])
    assert '<option value="r" selected>&lt;red&gt; &amp; &quot;hot&quot;</option>' in html
    assert 'aria-invalid="true"' in str(Form({"colour": "lava"})["colour"])  # the error is announced


@pytest.mark.django_db
def test_the_queue_filters_and_a_dispatch_form_render_as_before(agent):
    CommunityFactory(name="<b>绿城</b>")
    communities = Community.objects.order_by("name")
    filters = QueueFilterForm({"community": communities.first().pk, "status": "open", "date_from": "x"},
                              communities=communities)
    assert [parse_html(str(b)) for b in filters] == [parse_html(str(b)) for b in _as_stock(
        QueueFilterForm({"community": communities.first().pk, "status": "open", "date_from": "x"},
                        communities=communities))]
    dispatch = DispatchForm({"assignee": agent.pk}, staff=type(agent).objects.filter(pk=agent.pk))
    assert parse_html(str(dispatch["assignee"])) == parse_html(str(_as_stock(
        DispatchForm({"assignee": agent.pk}, staff=type(agent).objects.filter(pk=agent.pk)))["assignee"]))
    assert "&lt;b&gt;绿城&lt;/b&gt;" in str(filters["community"])


@pytest.mark.django_db
def test_a_model_list_is_one_plain_query_not_a_server_side_cursor():
    for n in range(3):
        CommunityFactory(name=f"小区{n}")

    class Form(forms.Form):
        community = QuickModelChoiceField(queryset=Community.objects.order_by("name"))

    with CaptureQueriesContext(connection) as queries:
        html = str(Form()["community"])
    assert html.count("<option") == 4  # the empty choice and three communities
    assert len(queries.captured_queries) == 1
    assert "DECLARE" not in queries.captured_queries[0]["sql"]
