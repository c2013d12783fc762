"""The built-in model's weights, trained once and shipped with the package (data/builtin_weights.json).

Training from the ~2,800 built-in examples costs about a second of CPU at start-up, over the
issue's budget; reading trained weights costs a third of that. The file records a fingerprint of
everything training reads: the examples and the code that turns text into features and features
into weights. When any of it changes the file is stale: the classifier then trains at start-up as
before (the same model, only slower), logs a warning, and a test asks for
``guanjia triage_weights`` to write the file again.
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
SOURCES = ("text.py", "lexicon.py", "safety.py", "features.py", "model.py", "classifier.py")

logger = logging.getLogger("guanjia.triage")


def fingerprint(data_files: Iterable[str]) -> str:
    """A digest of the training examples and of the code that learns from them."""
    package = resources.files("guanjia.triage")
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update(package.joinpath(name).read_bytes())
    for name in data_files:
        digest.update(package.joinpath("data", name).read_bytes())
    return digest.hexdigest()


def load(data_files: Iterable[str]) -> Weights | None:
    """The shipped weights, or None when they are missing or were trained on something else."""
    try:
        raw = json.loads(resources.files("guanjia.triage").joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if raw.get("fingerprint") != fingerprint(data_files):
        logger.warning("triage: %s is stale (run `guanjia triage_weights`); training at start-up", WEIGHTS_FILE)
        return None
    return Weights.from_json(raw["weights"])


def write(weights: Weights, data_files: Iterable[str]) -> Path:
    """Write the weights beside the examples, for the package to ship."""
    path = Path(__file__).resolve().parent / "data" / WEIGHTS_FILE
    document = {"fingerprint": fingerprint(data_files), "weights": weights.to_json()}
    path.write_text(json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                    encoding="utf-8")
    return path
