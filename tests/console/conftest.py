import pytest

from tests.console.people import agent, file_order, outsider, supervisor, technician, zhang

__all__ = ["agent", "file_order", "outsider", "supervisor", "technician", "zhang"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
