"""The built-in model starts from the weights shipped with the package, and those weights are the
ones training on the built-in examples gives today (so the start-up shortcut never changes a
suggestion)."""

import json
import logging
from importlib import resources

from guanjia.triage import classifier, shipped


def _shipped_document() -> dict:
    return json.loads(resources.files("guanjia.triage").joinpath("data", shipped.WEIGHTS_FILE)
                      .read_text(encoding="utf-8"))


def test_the_shipped_weights_are_current_with_the_examples_and_the_code():
    assert _shipped_document()["fingerprint"] == shipped.fingerprint(classifier.training_files()), (
        "the training examples or the code changed: run `guanjia triage_weights`")


def test_the_shipped_weights_are_exactly_what_training_gives():
    trained = classifier.train(classifier.training_examples())
    # Through JSON as the file holds them, so float formatting cannot tell them apart.
    assert _shipped_document()["weights"] == json.loads(json.dumps(trained.to_json()))


def test_stale_weights_are_not_used_the_model_is_trained_instead(monkeypatch, caplog):
    monkeypatch.setattr(shipped, "fingerprint", lambda data_files: "something else")
    with caplog.at_level(logging.WARNING, logger="guanjia.triage"):
        assert shipped.load(classifier.training_files()) is None
    assert "stale" in caplog.text
    classifier.builtin_weights.cache_clear()
    try:
        weights = classifier.builtin_weights()
        assert weights.trained_on == len(classifier.training_examples())
        assert classifier.classify("电梯困人了,3栋2单元", weights=weights)["urgency"] == "urgent"
    finally:
        classifier.builtin_weights.cache_clear()
