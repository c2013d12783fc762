"""The admin: every register page opens, lists mask phones, and a room added there gets its code."""

import pytest
from django.urls import reverse

from guanjia.core.models import AuditEntry
from guanjia.properties.models import Room
from guanjia.properties.services import occupancy_create, person_create
from tests.factories import UnitFactory, UserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["properties.company", "properties.community", "properties.zone",
                                   "properties.building", "properties.unit", "properties.room",
                                   "properties.person", "properties.occupancy", "properties.vehicle",
                                   "accounts.user", "accounts.staffrole", "core.auditentry"])
def test_every_register_page_opens(admin_client, room, model):
    app, name = model.split(".")

    assert admin_client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200


def test_the_people_list_shows_phones_masked(admin_client, room):
    zhang = person_create(company=room.community.company, name="张女士", phones=["13812345678"],
                          id_number="330106198001011235")
    occupancy_create(person=zhang, room=room)

    page = admin_client.get(reverse("admin:properties_person_changelist")).content.decode()

    assert "138****5678" in page and "13812345678" not in page
    assert "330***********1235" in page


def test_a_room_added_in_the_admin_gets_its_canonical_code(admin_client, community):
    unit = UnitFactory(building__community=community, building__number="7", number="1")

    response = admin_client.post(reverse("admin:properties_room_add"), {
        "unit": unit.pk, "number": "０８０２室", "floor": "8", "area": "", "state": "vacant",
        "occupancies-TOTAL_FORMS": "0", "occupancies-INITIAL_FORMS": "0",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    room = Room.objects.get(unit=unit)
    assert (room.code, room.number, room.community) == ("7-1-802", "802", community)


def test_the_audit_log_cannot_be_edited(admin_client):
    assert admin_client.get(reverse("admin:core_auditentry_add")).status_code == 403
    assert not AuditEntry.objects.exists()
