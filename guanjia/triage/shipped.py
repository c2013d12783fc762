"""The built-in model's weights, trained at install time (data/builtin_weights.json).

Training from the ~2,900 built-in examples costs about ten seconds of CPU (naive Bayes about
one, the SVM of kind and category the rest: model.py), far over the issue's start-up budget;
reading trained weights costs about half a second. ``make install`` runs
``guanjia triage_weights`` to write the file; it is not kept in git, where every retraining
would add 6.6 MB to the history. The file records a fingerprint of everything training reads: the
examples and the code that turns text into features and features into weights. When the file is
missing or any of that has changed since, the classifier trains at start-up instead (the same
model, only slower) and logs a warning saying which command writes the file again.
"""

import hashlib
import json
import logging
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from .model import Weights

WEIGHTS_FILE = "builtin_weights.json"
# The modules whose code decides the features or the weights (labels, questions and overrides do not).
SOURCES = ("text.py", "lexicon.py", "triggers.py", "context.py", "safety.py", "features.py", "model.py",
           "classifier.py")

logger = logging.getLogger("guanjia.triage")


def default_path() -> Path:
    """Beside the examples, where the installed package looks for it."""
    return Path(__file__).resolve().parent / "data" / WEIGHTS_FILE


def fingerprint(data_files: Iterable[str]) -> str:
    """A digest of the training examples and of the code that learns from them."""
    package = resources.files("guanjia.triage")
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update(package.joinpath(name).read_bytes())
    for name in data_files:
        digest.update(package.joinpath("data", name).read_bytes())
    return digest.hexdigest()


def load(data_files: Iterable[str], path: Path | None = None) -> Weights | None:
    """The installed weights, or None when they are missing or were trained on something else."""
    path = path or default_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        logger.warning("triage: %s is missing (run `guanjia triage_weights`, as `make install` does); "
                       "training at start-up", path.name)
        return None
    except ValueError:
        logger.warning("triage: %s is unreadable (run `guanjia triage_weights`); training at start-up", path.name)
        return None
    if raw.get("fingerprint") != fingerprint(data_files):
        logger.warning("triage: %s is stale (run `guanjia triage_weights`); training at start-up", path.name)
        return None
    return Weights.from_json(raw["weights"])


def write(weights: Weights, data_files: Iterable[str], path: Path | None = None) -> Path:
    """Write the weights (by default beside the examples, where ``load`` looks)."""
    path = path or default_path()
    document = {"fingerprint": fingerprint(data_files), "weights": weights.to_json()}
    # Written beside the target and renamed, so a process starting meanwhile never reads half a file.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                       encoding="utf-8")
    partial.replace(path)
    return path
