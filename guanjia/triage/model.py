"""A small multinomial naive Bayes per field, in pure Python.

Why naive Bayes: it trains in one pass (the built-in model is trained from the starter
examples at first use in well under a second, no numpy needed), it learns sensibly from a
few hundred examples, and its weights are plain counts that serialise to JSON for the
per-community models the desk retrains.
"""

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("kind", "category", "urgency", "department")
# Additive smoothing: small, because most n-grams are rare and a large alpha drowns them.
ALPHA = 0.25
# Naive Bayes adds up evidence as if n-grams were independent, which makes raw posteriors
# close to 0 or 1. Dividing the log scores before the softmax gives confidences that mean
# something (checked against the starter data's own held-out split).
TEMPERATURE = 6.0


@dataclass
class FieldModel:
    classes: list[str] = field(default_factory=list)
    class_docs: dict[str, int] = field(default_factory=dict)
    feature_counts: dict[str, dict[str, float]] = field(default_factory=dict)  # class → feature → count
    totals: dict[str, float] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)
    # Derived on load: log-probabilities, so prediction is only lookups and additions.
    _log_prior: dict[str, float] = field(default_factory=dict, repr=False)
    _log_like: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    _log_unseen: dict[str, float] = field(default_factory=dict, repr=False)

    @classmethod
    def train(cls, samples: Iterable[tuple[Mapping[str, float], str]]) -> "FieldModel":
        model = cls()
        for features, label in samples:
            model.class_docs[label] = model.class_docs.get(label, 0) + 1
            counts = model.feature_counts.setdefault(label, {})
            for name, value in features.items():
                counts[name] = counts.get(name, 0.0) + value
                model.vocabulary.add(name)
        model.classes = sorted(model.class_docs)
        model.totals = {label: sum(model.feature_counts[label].values()) for label in model.classes}
        model.prepare()
        return model

    def prepare(self) -> None:
        docs = sum(self.class_docs.values())
        size = len(self.vocabulary) or 1
        for label in self.classes:
            self._log_prior[label] = math.log(self.class_docs[label] / docs)
            denominator = self.totals[label] + ALPHA * size
            self._log_like[label] = {name: math.log((count + ALPHA) / denominator)
                                     for name, count in self.feature_counts[label].items()}
            self._log_unseen[label] = math.log(ALPHA / denominator)

    def scores(self, features: Mapping[str, float]) -> dict[str, float]:
        known = [(name, value) for name, value in features.items() if name in self.vocabulary]
        result = {}
        for label in self.classes:
            like, unseen = self._log_like[label], self._log_unseen[label]
            result[label] = self._log_prior[label] + sum(value * like.get(name, unseen) for name, value in known)
        return result

    def predict_proba(self, features: Mapping[str, float]) -> dict[str, float]:
        scores = self.scores(features)
        top = max(scores.values())
        exps = {label: math.exp((score - top) / TEMPERATURE) for label, score in scores.items()}
        total = sum(exps.values())
        return {label: value / total for label, value in exps.items()}

    def evidence(self, features: Mapping[str, float], *, label: str, against: str, limit: int = 4) -> list[str]:
        """The features that most favour ``label`` over ``against`` (shown to the agent)."""
        like, other = self._log_like[label], self._log_like[against]
        unseen, other_unseen = self._log_unseen[label], self._log_unseen[against]
        weights = Counter({name: value * (like.get(name, unseen) - other.get(name, other_unseen))
                           for name, value in features.items() if name in self.vocabulary})
        return [name for name, weight in weights.most_common(limit * 3) if weight > 0 and len(name) > 1][:limit]

    def to_json(self) -> dict[str, Any]:
        return {"class_docs": self.class_docs, "feature_counts": self.feature_counts}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "FieldModel":
        model = cls(class_docs=dict(data["class_docs"]),
                    feature_counts={label: dict(counts) for label, counts in data["feature_counts"].items()})
        model.classes = sorted(model.class_docs)
        model.totals = {label: sum(model.feature_counts.get(label, {}).values()) for label in model.classes}
        for label in model.classes:
            model.feature_counts.setdefault(label, {})
            model.vocabulary.update(model.feature_counts[label])
        model.prepare()
        return model


@dataclass
class Weights:
    """One model per field: what a community's (or the built-in) TriageModel stores."""

    fields: dict[str, FieldModel]
    trained_on: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"format": 1, "trained_on": self.trained_on,
                "fields": {name: model.to_json() for name, model in self.fields.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Weights":
        return cls(fields={name: FieldModel.from_json(value) for name, value in data["fields"].items()},
                   trained_on=int(data.get("trained_on", 0)))
