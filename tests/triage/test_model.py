"""The learnt part of kind and category: complement naive Bayes blended with a linear SVM
(model.LinearModel). It must learn what the examples teach, survive the trip through JSON that the
shipped weights and every community's retrained model take, and train the same way every time."""

import json

from guanjia.triage.model import FieldModel, LinearModel, Weights

# A toy desk: lifts are repairs, fees are inquiries, noise is a complaint; the shared words
# ("请", "物业") say nothing.
TOY = [({"电梯": 1, "请": 1}, "repair"), ({"电梯": 1, "坏了": 1}, "repair"), ({"电梯": 1, "物业": 1}, "repair"),
       ({"物业费": 1, "请": 1}, "inquiry"), ({"物业费": 1, "多少": 1}, "inquiry"), ({"物业费": 1, "物业": 1}, "inquiry"),
       ({"噪音": 1, "请": 1}, "complaint"), ({"噪音": 1, "太吵": 1}, "complaint"), ({"噪音": 1, "物业": 1}, "complaint")]


def _top(probabilities):
    return max(probabilities, key=probabilities.get)


def test_the_svm_alone_separates_a_separable_problem():
    model = LinearModel.train(TOY, classes=["complaint", "inquiry", "repair"])
    vocabulary = {name for features, _ in TOY for name in features}
    for features, label in TOY:
        scores = model.scores(features, vocabulary)
        assert max(scores, key=scores.get) == label, (features, scores)


def test_the_blended_model_reads_new_messages_by_their_telling_words():
    model = FieldModel.train(TOY, complement=True, linear=True)
    assert model.linear is not None
    assert _top(model.predict_proba({"电梯": 1, "多少": 1, "没见过": 1})) == "repair"
    assert _top(model.predict_proba({"噪音": 1, "请": 1, "物业": 1})) == "complaint"
    probabilities = model.predict_proba({"物业费": 1})
    assert abs(sum(probabilities.values()) - 1) < 1e-9 and probabilities["inquiry"] > 0.5


def test_weights_through_json_give_identical_probabilities():
    weights = Weights(fields={"kind": FieldModel.train(TOY, complement=True, linear=True)}, trained_on=len(TOY))
    loaded = Weights.from_json(json.loads(json.dumps(weights.to_json(), ensure_ascii=False)))
    for features in [{"电梯": 1, "请": 1}, {"物业费": 2, "噪音": 1}, {"从没见过": 1}]:
        assert loaded.fields["kind"].predict_proba(features) == weights.fields["kind"].predict_proba(features)
    assert loaded.to_json() == weights.to_json()


def test_training_is_deterministic_and_the_seed_is_what_fixes_it():
    first = LinearModel.train(TOY, classes=["complaint", "inquiry", "repair"], seed=7)
    again = LinearModel.train(TOY, classes=["complaint", "inquiry", "repair"], seed=7)
    assert first == again
    # Another visiting order converges towards the same separator, so it still separates the toy.
    other = LinearModel.train(TOY, classes=["complaint", "inquiry", "repair"], seed=8)
    vocabulary = {name for features, _ in TOY for name in features}
    assert all(max(scores := other.scores(features, vocabulary), key=scores.get) == label
               for features, label in TOY)


def test_a_model_stored_before_the_svm_loads_as_naive_bayes_alone():
    stored = FieldModel.train(TOY, complement=True, linear=True).to_json()
    stored.pop("linear")
    model = FieldModel.from_json(stored)
    assert model.linear is None and _top(model.predict_proba({"电梯": 1})) == "repair"
