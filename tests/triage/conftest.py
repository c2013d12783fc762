import pytest
from django.utils import translation

from guanjia.triage import classifier


@pytest.fixture(autouse=True)
def _evidence_in_english():
    """The evidence lines are translated for the console; these tests read them by their English
    source wording (the rule codes inside never change with the language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def starter_set_as_builtin_examples(monkeypatch):
    """Train on the starter examples alone where a test trains the built-in model.

    What these tests check (the weights file holds what training gives, a stale file is retrained,
    a consistent correction is learnt, a poisoned set is refused) does not depend on how many
    examples the model learns from; with the starter set alone each training takes a fifth of the
    time, which is most of the suite's. The built-in model already loaded stays the shipped one,
    so "before" in a retrain is measured on what the desk really runs.
    """
    shipped_model = classifier.builtin_weights()
    monkeypatch.setattr(classifier, "training_files", lambda: (classifier.STARTER_FILE,))
    yield
    cached = classifier.builtin_weights.cache_info().currsize
    if cached and classifier.builtin_weights() is not shipped_model:
        # The test trained a starter-only built-in model: it must not serve the tests after it.
        classifier.builtin_weights.cache_clear()
