"""The people and helpers of the console and portal stories: 张女士 in 3-2-1502, the desk agent
小李, the supervisor 陈主管, the technician 王师傅, and an agent of another community."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from guanjia.accounts.choices import Role
from guanjia.core.taxonomy import Channel
from guanjia.tickets.services import IntakeRequest, workorder_intake
from tests.factories import resident_of, staff_with_role


def jpeg_bytes(color: str = "blue") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, "JPEG")
    return buffer.getvalue()


def jpeg_upload(name: str = "leak.jpg", color: str = "blue") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(color), content_type="image/jpeg")


@pytest.fixture
def zhang(room):
    return resident_of(room=room, name="张女士", phone="13812345678")


@pytest.fixture
def outsider(other_community):
    return staff_with_role(community=other_community, role=Role.CS_AGENT, username="agent_other")


@pytest.fixture
def file_order(agent, room):
    def _file(*, actor=None, **overrides):
        fields = {"channel": Channel.PHONE, "room": room, "description": "卫生间天花板漏水",
                  "expectation": "尽快上门维修", "kind": "repair", "category": "facility"}
        fields.update(overrides)
        return workorder_intake(actor=actor or agent, request=IntakeRequest(**fields))

    return _file
