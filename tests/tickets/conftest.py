"""The people of the work-order stories: 张女士 in 3-2-1502, her neighbour, the desk agent,
the customer-service supervisor, the engineering technician 王师傅 and the project manager."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from guanjia.accounts.choices import Role
from guanjia.core.taxonomy import Channel
from guanjia.tickets.services import IntakeRequest, workorder_intake
from tests.factories import RoomFactory, resident_of, staff_with_role


@pytest.fixture
def zhang(room):
    return resident_of(room=room, name="张女士", phone="13812345678")


@pytest.fixture
def neighbour_room(room):
    return RoomFactory(unit=room.unit, community=room.community, number="1501")


@pytest.fixture
def neighbour(neighbour_room):
    return resident_of(room=neighbour_room, name="李先生", phone="13900001111")


@pytest.fixture
def project_manager(community):
    return staff_with_role(community=community, role=Role.PROJECT_MANAGER, username="pm_zhao",
                           display_name="赵经理")


@pytest.fixture
def outsider(other_community):
    """An agent of another community: must never reach this community's orders."""
    return staff_with_role(community=other_community, role=Role.CS_AGENT, username="agent_other")


def jpeg_upload(name: str = "leak.jpg", color: str = "blue") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def file_order(agent, room):
    """Take a request at the desk for 张女士's room (classified unless told otherwise)."""

    def _file(*, actor=None, **overrides):
        fields = {"channel": Channel.PHONE, "room": room, "description": "卫生间天花板漏水",
                  "expectation": "尽快上门维修", "kind": "repair", "category": "facility"}
        fields.update(overrides)
        return workorder_intake(actor=actor or agent, request=IntakeRequest(**fields))

    return _file


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
