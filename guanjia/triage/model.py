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
    """Multinomial naive Bayes, or its complement variant when ``complement`` is set.

    Complement NB (Rennie et al., 2003) estimates each class's word weights from the examples
    of all the *other* classes, so a small class (praise, suggestion, service quality) is not
    drowned by the large ones: on 5-fold cross-validation of the starter examples it adds about
    a point to kind and category. Urgency keeps the plain model, whose probabilities the
    "uncertain" and "model sure" thresholds were set on.
    """

    classes: list[str] = field(default_factory=list)
    class_docs: dict[str, int] = field(default_factory=dict)
    feature_counts: dict[str, dict[str, float]] = field(default_factory=dict)  # class → feature → count
    totals: dict[str, float] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)
    complement: bool = False
    # Derived on load: log-probabilities, so prediction is only lookups and additions.
    _log_prior: dict[str, float] = field(default_factory=dict, repr=False)
    _log_like: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    _log_unseen: dict[str, float] = field(default_factory=dict, repr=False)
    _base: dict[str, float] = field(default_factory=dict, repr=False)  # complement only

    @classmethod
    def train(cls, samples: Iterable[tuple[Mapping[str, float], str]], *, complement: bool = False) -> "FieldModel":
        model = cls(complement=complement)
        for features, label in samples:
            model.class_docs[label] = model.class_docs.get(label, 0) + 1
            counts = model.feature_counts.setdefault(label, {})
            for name, value in features.items():
                counts[name] = counts.get(name, 0.0) + value
        model.vocabulary = set().union(*model.feature_counts.values())
        model.classes = sorted(model.class_docs)
        model.totals = {label: sum(model.feature_counts[label].values()) for label in model.classes}
        model.prepare()
        return model

    def prepare(self) -> None:
        docs = sum(self.class_docs.values())
        size = len(self.vocabulary) or 1
        for label in self.classes:
            self._log_prior[label] = math.log(self.class_docs[label] / docs)
        if self.complement:
            self._prepare_complement(size)
            return
        for label in self.classes:
            denominator = self.totals[label] + ALPHA * size
            self._log_like[label] = {name: math.log((count + ALPHA) / denominator)
                                     for name, count in self.feature_counts[label].items()}
            self._log_unseen[label] = math.log(ALPHA / denominator)

    def _prepare_complement(self, size: int) -> None:
        # weight(c, f) = -log((count of f outside c + alpha) / (mass outside c + alpha·|V|)): a word
        # frequent in the other classes counts against this one. A class's own words are the only
        # ones whose outside count differs from the overall count, so one shared table ("base")
        # plus each class's own words is enough — training stays well under a second.
        overall: dict[str, float] = {}
        for counts in self.feature_counts.values():
            for name, count in counts.items():
                overall[name] = overall.get(name, 0.0) + count
        everything = sum(self.totals.values())
        self._base = {name: -math.log(count + ALPHA) for name, count in overall.items()}
        for label in self.classes:
            self._log_like[label] = {name: -math.log(overall[name] - count + ALPHA)
                                     for name, count in self.feature_counts[label].items()}
            self._log_unseen[label] = math.log(everything - self.totals[label] + ALPHA * size)  # the denominator

    def _weight(self, label: str, name: str) -> float:
        if self.complement:
            return self._log_like[label].get(name, self._base[name]) + self._log_unseen[label]
        return self._log_like[label].get(name, self._log_unseen[label])

    def scores(self, features: Mapping[str, float]) -> dict[str, float]:
        known = [(name, value) for name, value in features.items() if name in self.vocabulary]
        return {label: self._log_prior[label] + sum(value * self._weight(label, name) for name, value in known)
                for label in self.classes}

    def predict_proba(self, features: Mapping[str, float]) -> dict[str, float]:
        scores = self.scores(features)
        top = max(scores.values())
        exps = {label: math.exp((score - top) / TEMPERATURE) for label, score in scores.items()}
        total = sum(exps.values())
        return {label: value / total for label, value in exps.items()}

    def evidence(self, features: Mapping[str, float], *, label: str, against: str, limit: int = 4) -> list[str]:
        """The features that most favour ``label`` over ``against`` (shown to the agent)."""
        weights = Counter({name: value * (self._weight(label, name) - self._weight(against, name))
                           for name, value in features.items() if name in self.vocabulary})
        return [name for name, weight in weights.most_common(limit * 3) if weight > 0 and len(name) > 1][:limit]

    def to_json(self) -> dict[str, Any]:
        return {"class_docs": self.class_docs, "feature_counts": self.feature_counts, "complement": self.complement}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "FieldModel":
        model = cls(class_docs=dict(data["class_docs"]), complement=bool(data.get("complement", False)),
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
