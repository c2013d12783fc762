"""Finding the right standard answer however the resident words the question (no database)."""

import json
from pathlib import Path

import pytest

from guanjia.answers.retrieval import AnswerIndex, Entry

DEMO = Path(__file__).resolve().parents[2] / "guanjia" / "answers" / "data" / "demo_answers.jsonl"


@pytest.fixture(scope="module")
def index():
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    return AnswerIndex([Entry(code=r["id"], question=r["question"], answer=r["answer"], tags=tuple(r["tags"]))
                        for r in rows])


@pytest.mark.parametrize(("said", "code"), [
    ("我家那个卡刷不开了咋回事", "kb071"),  # colloquial + dialect: the access-card answer
    ("门卡丢了怎么补", "kb071"),  # synonym 门卡 → 门禁卡
    ("包月停车怎么收费,去哪办", "kb012"),  # synonym 包月停车 → 停车月卡
    ("想租个月租车位要多少钱", "kb012"),  # synonym 月租车位
    ("物业费一平米多少钱", "kb001"),  # paraphrase
    ("隔壁的狗一直叫", "kb107"),
])
def test_paraphrased_and_colloquial_questions_find_the_right_answer(index, said, code):
    result = index.search(said)
    assert result.answered
    assert result.matches[0].code == code


@pytest.mark.parametrize(("said", "code"), [
    ("月租車位一個月幾多錢?點樣申請", "kb012"),
    ("門禁卡唔見咗點樣補辦", "kb071"),
    ("困喺升降機入面點算", "kb064"),
])
def test_traditional_chinese_and_cantonese_find_the_right_answer(index, said, code):
    result = index.search(said)
    assert result.matches[0].code == code
    assert {"kind": "traditional", "text": ""} in result.matches[0].reasons


@pytest.mark.parametrize(("said", "code"), [
    ("物业废收费标准是多少", "kb001"),  # 废 for 费: same sound
    ("门进卡丢了能补办吗", "kb071"),  # 进 for 禁: same sound
    ("对物业服务太度不满意怎么投诉", "kb092"),  # 太度 for 态度
])
def test_typos_and_homophones_find_the_right_answer(index, said, code):
    assert index.search(said).matches[0].code == code


@pytest.mark.parametrize(("said", "code"), [
    ("I lost my access card", "kb071"),
    ("I'm stuck in the elevator", "kb064"),
    ("can you receive parcels for me", "kb111"),
])
def test_english_questions_find_the_right_answer(index, said, code):
    assert index.search(said).matches[0].code == code


@pytest.mark.parametrize("said", ["附近地铁站怎么走", "小区游泳池几点开放", "今天天气怎么样", "我想应聘保安"])
def test_a_question_the_library_does_not_cover_is_declined(index, said):
    result = index.search(said)
    assert not result.answered
    assert result.matches == []


def test_the_reason_names_the_synonym_and_the_dialect_word(index):
    best = index.search("我家那个卡刷不开了咋回事").matches[0]
    assert {"kind": "synonym", "text": "卡刷不开→门禁卡"} in best.reasons
    assert {"kind": "dialect", "text": "咋回事"} in best.reasons


def test_up_to_three_matches_best_first_with_scores_between_0_and_1(index):
    matches = index.search("装修押金多少,什么时候退").matches
    assert 1 <= len(matches) <= 3
    assert matches[0].code == "kb032"
    scores = [m.score for m in matches]
    assert all(0 < s <= 1 for s in scores)


def test_an_empty_library_or_question_declines():
    assert not AnswerIndex([]).search("物业费多少").answered
    assert not AnswerIndex([Entry("a1", "物业费多少", "2元")]).search("   ").answered
