import pytest

from tests.console.people import agent, file_order, media_in_tmp, outsider, supervisor, technician, zhang

__all__ = ["agent", "file_order", "outsider", "supervisor", "technician", "zhang"]


@pytest.fixture(autouse=True)
def _media(media_in_tmp):
    return media_in_tmp
