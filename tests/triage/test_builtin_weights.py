"""The built-in model starts from weights written at install time (`make install` runs
`guanjia triage_weights`), and those weights are the ones training on the built-in examples gives
today, so the start-up shortcut never changes a suggestion. When the file is missing or stale the
classifier trains instead and says so."""

import io
import json
import logging

import pytest
from django.core.management import call_command

from guanjia.triage import classifier, shipped

pytestmark = pytest.mark.usefixtures("starter_set_as_builtin_examples")


def test_a_fresh_triage_weights_run_writes_exactly_what_training_gives(tmp_path):
    path = tmp_path / shipped.WEIGHTS_FILE
    call_command("triage_weights", "--output", str(path), stdout=io.StringIO())
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["fingerprint"] == shipped.fingerprint(classifier.training_files())
    trained = classifier.train(classifier.training_examples())
    # Through JSON as the file holds them, so float formatting cannot tell them apart.
    assert document["weights"] == json.loads(json.dumps(trained.to_json()))
    # And the classifier reads them back as they were written.
    loaded = shipped.load(classifier.training_files(), path=path)
    assert loaded is not None and loaded.to_json() == document["weights"]


def _trains_instead_and_still_triages():
    classifier.builtin_weights.cache_clear()
    weights = classifier.builtin_weights()
    assert weights.trained_on == len(classifier.training_examples())
    assert classifier.classify("电梯困人了,3栋2单元", weights=weights)["urgency"] == "urgent"


def test_stale_weights_are_not_used_the_model_is_trained_instead(tmp_path, monkeypatch, caplog):
    path = shipped.write(classifier.train(classifier.starter_examples()[:200]), classifier.training_files(),
                         path=tmp_path / shipped.WEIGHTS_FILE)
    # The examples or the code changed after the file was written.
    monkeypatch.setattr(shipped, "fingerprint", lambda data_files: "something else")
    with caplog.at_level(logging.WARNING, logger="guanjia.triage"):
        assert shipped.load(classifier.training_files(), path=path) is None
    assert "stale" in caplog.text
    monkeypatch.setattr(shipped, "default_path", lambda: path)
    _trains_instead_and_still_triages()


def test_missing_weights_make_the_model_train_at_start_up_with_a_warning(tmp_path, monkeypatch, caplog):
    # A checkout where `make install` has not been run yet.
    missing = tmp_path / shipped.WEIGHTS_FILE
    monkeypatch.setattr(shipped, "default_path", lambda: missing)
    with caplog.at_level(logging.WARNING, logger="guanjia.triage"):
        assert shipped.load(classifier.training_files()) is None
    assert "missing" in caplog.text and "triage_weights" in caplog.text
    _trains_instead_and_still_triages()
