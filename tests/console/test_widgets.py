"""The console's form widgets: the markup of Django's own widgets, without a template per widget and option."""

import pytest
from django import forms
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from guanjia.console import widgets
from guanjia.console.forms import DispatchForm, QueueFilterForm
from guanjia.console.widgets import QuickModelChoiceField, QuickSelect
from guanjia.properties.models import Community
from tests.factories import CommunityFactory


def _as_stock(form: forms.Form) -> forms.Form:
    """The same form with Django's own widgets put back, to compare the markup."""
    for field in form.fields.values():
        widget = field.widget
        stock_class = next(c for c in type(widget).__mro__ if c.__module__ == "django.forms.widgets")
        if stock_class is not type(widget):
            widget.__class__ = stock_class
    return form


def _same_markup(make) -> None:
    form = make()
    # The form under test really uses the Python-rendered widgets: no stock widget with a twin is left.
    assert not [name for name, f in form.fields.items() if type(f.widget) in widgets._QUICK]
    quick = [str(bound) for bound in form]
    stock = [str(bound) for bound in _as_stock(make())]
    assert [parse_html(html) for html in quick] == [parse_html(html) for html in stock]


def test_a_list_renders_as_djangos_select_selected_value_errors_and_escaping_included():
    class Form(forms.Form):
        colour = forms.ChoiceField(widget=QuickSelect, choices=[("", "Any"), ("r", "<red> & \"hot\""), ("b", "blue")])
        grouped = forms.ChoiceField(widget=QuickSelect, required=False,
                                    choices=[("Warm", [("r", "red"), ("o", "orange")]), ("Cold", [("b", "blue")])])

    for data in (None, {"colour": "r", "grouped": "o"}, {"colour": "lava"}):
        _same_markup(lambda data=data: Form(data))
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


@pytest.mark.django_db
def test_every_action_form_on_the_order_page_renders_as_djangos_widgets(agent, file_order):
    from guanjia.console import actions

    order = file_order(description="水管<漏水> & \"急\"")
    order.visit_at = order.created_at
    for action in actions.BY_NAME.values():
        _same_markup(lambda action=action: actions.action_form(action, order))
        data = {f"{action.name}-note": "<b>已处理</b>", f"{action.name}-confirm": "on",
                f"{action.name}-visit_at": "not a time", f"{action.name}-cost": "-3"}
        _same_markup(lambda action=action, data=data: actions.action_form(action, order, data=data))
    html = str(actions.action_form(actions.BY_NAME["resolve"], order, data={"resolve-note": "<b>已处理</b>"})["note"])
    assert ">\n&lt;b&gt;已处理&lt;/b&gt;</textarea>" in html


def test_a_checkbox_is_still_a_checkbox_to_the_templates():
    from guanjia.console.forms import ClassifyForm

    assert ClassifyForm()["confirm"].widget_type == "checkbox"
    assert 'checked' in str(ClassifyForm({"confirm": "on"})["confirm"])
