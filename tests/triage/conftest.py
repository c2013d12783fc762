import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _evidence_in_english():
    """The evidence lines are translated for the console; these tests read them by their English
    source wording (the rule codes inside never change with the language)."""
    with translation.override("en"):
        yield
