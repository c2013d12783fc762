import pytest

from tests.console.people import file_order, outsider, zhang

__all__ = ["file_order", "outsider", "zhang"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
