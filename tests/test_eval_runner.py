"""The evaluation runner end to end: a tiny gold file, answered by a stand-in with the assistant's `ask`
signature (fixed answers), then the real assistant on dev questions over the ingested corpus."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from assistant.types import Answer, Citation, UnitRole
from evals.runner import GoldFileError, load_gold, run_eval, sessions

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "evals" / "gold" / "dev.jsonl"

GOLD = [
    {
        "id": "a1",
        "question": "Theo Công văn 3400, ai theo dõi, kiểm tra việc thực hiện?",
        "answerable": True,
        "units": [["Ban Tổ chức Tỉnh ủy"]],
        "allowed": ["Ban Tổ chức Tỉnh ủy", "các cơ quan có liên quan"],
        "citations": [
            {"doc": "3400-CV/TU", "locator": ["5"], "first_words": "Chủ trì phối hợp", "paragraph": 2}
        ],
        "tags": ["kind:who", "form:diacritics"],
        "group": "g01",
        "reviewer": "a field the runner does not know",
    },
    # a conversation written turn 2 first: the runner must still ask turn 1 first
    {
        "id": "c2",
        "question": "Còn Sở Tài chính thì sao?",
        "answerable": True,
        "units": [["Sở Tài chính"]],
        "tags": ["kind:followup", "form:diacritics"],
        "conversation": {"id": "c1", "turn": 2},
    },
    {
        "id": "c1",
        "question": "Sở Tư pháp phải làm gì theo kế hoạch 141?",
        "answerable": True,
        "units": [["Sở Tư pháp"]],
        "tags": ["kind:what", "form:diacritics"],
        "conversation": {"id": "c1", "turn": 1},
    },
    {
        "id": "u1",
        "question": "Kinh phi thuc hien Ket luan 155 la bao nhieu?",
        "answerable": False,
        "units": [],
        "citations": [],
        "tags": ["kind:unanswerable", "form:no_diacritics"],
    },
    {
        "id": "d1",
        "question": "Kết luận 62 ban hành ngày nào?",
        "expect_text": ["02/10/2023"],
        "tags": ["kind:doc_fact", "form:diacritics"],
    },
]


def _citation(number: str, locator: tuple[str, ...]) -> Citation:
    return Citation(1, number, None, None, None, locator, f"Mục {' › '.join(locator)}", "…", 0, 1)


class FixedAnswers:
    """Stands in for the assistant in these tests only: its `ask` signature, answers fixed by question."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    def ask(self, question: str, conversation_id: str | None = None) -> Answer:
        self.calls.append((question, conversation_id))
        conversation_id = conversation_id or f"new-{len(self.calls)}"
        if question.startswith("Theo Công văn 3400"):
            return Answer(
                "Ban Tổ chức Tỉnh ủy chủ trì theo dõi, kiểm tra [1].",
                True,
                (UnitRole("BTC Tỉnh ủy", "chủ trì", (1,)),),
                (_citation("3400-CV/TU", ("5",)),),
                conversation_id,
            )
        if question.startswith("Sở Tư pháp"):
            return Answer(
                "Sở Tư pháp chủ trì [1].",
                True,
                (UnitRole("Sở Tư pháp", "chủ trì", (1,)),),
                (_citation("141/KH-UBND", ("IV", "2")),),
                conversation_id,
            )
        if question.startswith("Còn Sở Tài chính"):  # names a vague collective as well: precision drops
            units = (
                UnitRole("Sở Tài chính", "phối hợp", (1,)),
                UnitRole("Các sở, ban, ngành", "thực hiện", (1,)),
            )
            return Answer(
                "Sở Tài chính phối hợp [1].",
                True,
                units,
                (_citation("141/KH-UBND", ("IV", "2")),),
                conversation_id,
            )
        if question.startswith("Kết luận 62"):
            raise RuntimeError("chỉ mục hỏng")
        return Answer("Các văn bản đã nạp không quy định điều này.", False, (), (), conversation_id)


@pytest.fixture
def gold_file(tmp_path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in GOLD) + "\n\n", "utf-8")
    return path


def test_run_eval_writes_predictions_metrics_and_reports(gold_file, tmp_path):
    stand_in = FixedAnswers()
    out = tmp_path / "out"
    metrics = run_eval(gold_file, out, stand_in)

    predictions = [json.loads(line) for line in (out / "predictions.jsonl").read_text("utf-8").splitlines()]
    assert [p["id"] for p in predictions] == ["a1", "c2", "c1", "u1", "d1"]  # file order
    assert predictions[0]["units"] == [{"name": "BTC Tỉnh ủy", "role": "chủ trì", "citations": [1]}]
    assert predictions[0]["citations"][0]["locator"] == ["5"] and predictions[0]["answerable"] is True
    assert predictions[4]["error"] == "RuntimeError: chỉ mục hỏng"
    assert all(p["latency_ms"] >= 0 for p in predictions)

    assert metrics == json.loads((out / "metrics.json").read_text("utf-8"))
    assert metrics["questions"] == 5 and metrics["errors"] == 1
    assert metrics["unit_recall"] == 1.0
    assert metrics["unit_precision"] == 0.75  # "Các sở, ban, ngành" does not count
    assert metrics["unit_exact_match"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics["citation_exact"] == 1.0
    assert (metrics["refusal_precision"], metrics["refusal_recall"]) == (1.0, 1.0)
    assert metrics["fully_correct"] == 0.6  # a1, c1, u1
    assert metrics["by_tag"]["kind:followup"]["fully_correct"] == 0.0
    assert metrics["by_tag"]["form:no_diacritics"]["refusal_recall"] == 1.0

    rows = [json.loads(line) for line in (out / "per_question.jsonl").read_text("utf-8").splitlines()]
    assert {row["id"]: row["fully_correct"] for row in rows} == {
        "a1": True,
        "c2": False,
        "c1": True,
        "u1": True,
        "d1": False,
    }

    report = (out / "report.md").read_text("utf-8")
    assert "| c2 | Còn Sở Tài chính thì sao? | đơn vị |" in report
    assert "đơn vị: Các sở, ban, ngành (thực hiện)" in report  # what came back, next to what was expected
    assert "lỗi: RuntimeError: chỉ mục hỏng" in report
    assert "| Độ chính xác đơn vị | `unit_precision` | 75.0% |" in report

    html = (out / "report.html").read_text("utf-8")
    images = [part.split('"', 1)[0] for part in html.split('src="data:image/png;base64,')[1:]]
    assert len(images) == 2 and all(base64.b64decode(image).startswith(b"\x89PNG") for image in images)
    assert "3400-CV/TU › 5 ¶2 «Chủ trì phối hợp…»" not in html  # a1 passed: no expected/returned for it
    assert "<li>đơn vị: Sở Tài chính</li>" in html
    assert (out / "plot_tags.png").read_bytes().startswith(b"\x89PNG")


def test_conversation_turns_are_asked_in_order_under_one_id(gold_file, tmp_path):
    stand_in = FixedAnswers()
    run_eval(gold_file, tmp_path / "out", stand_in, warmup=False)
    questions = [question for question, _ in stand_in.calls]
    assert questions.index("Sở Tư pháp phải làm gì theo kế hoạch 141?") + 1 == questions.index(
        "Còn Sở Tài chính thì sao?"
    )
    ids = dict(stand_in.calls)
    turn_one = ids["Sở Tư pháp phải làm gì theo kế hoạch 141?"]
    assert turn_one.startswith("eval-") and turn_one.endswith("-c1")  # unique to the run
    assert ids["Còn Sở Tài chính thì sao?"] == turn_one
    assert ids["Kinh phi thuc hien Ket luan 155 la bao nhieu?"] is None  # a lone question starts afresh
    assert len(stand_in.calls) == 5


def test_sessions_keep_file_order_and_group_turns():
    lines = load_gold(DEV)
    asked = [line.id for session in sessions(lines) for line in session]
    assert sorted(asked) == sorted(line.id for line in lines)
    by_id = {line.id: line for line in lines}
    for session in sessions(lines):
        turns = [by_id[line.id].conversation.turn for line in session if by_id[line.id].conversation]
        assert turns == sorted(turns) and (not turns or turns[0] == 1)


def test_a_malformed_gold_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x1", "question": "Ai chủ trì?"}\n{"id": "x2", "units": "Sở Y tế"}\n', "utf-8")
    with pytest.raises(GoldFileError, match="dòng 2") as caught:
        load_gold(path)
    assert "question" in caught.value.message


def test_a_repeated_id_is_refused(tmp_path):
    path = tmp_path / "twice.jsonl"
    path.write_text(
        '{"id": "x1", "question": "Ai chủ trì?"}\n{"id": "x1", "question": "Ai phối hợp?"}\n', "utf-8"
    )
    with pytest.raises(GoldFileError, match="x1"):
        load_gold(path)


def test_a_missing_gold_file_says_so(tmp_path):
    with pytest.raises(GoldFileError, match="Không đọc được"):
        load_gold(tmp_path / "absent.jsonl")


def test_the_real_assistant_on_dev_questions(corpus_data_dir, tmp_path, monkeypatch):
    from assistant.engine import Assistant
    from assistant.settings import Settings

    monkeypatch.setenv("CHIDAO_DATA_DIR", str(corpus_data_dir))
    lines = DEV.read_text("utf-8").splitlines()
    # a who-question, an unanswerable one and a whole conversation, as the dev set writes them
    picked = [lines[0]] + [line for line in lines if '"kind:unanswerable"' in line][:1]
    picked += [line for line in lines if '"conversation": {"id": "c1"' in line]
    gold = tmp_path / "five.jsonl"
    gold.write_text("\n".join(picked[:5]) + "\n", "utf-8")
    assistant = Assistant.open(Settings())
    try:
        metrics = run_eval(gold, tmp_path / "out", assistant)
    finally:
        assistant.close()
    assert metrics["questions"] == len(picked[:5]) == 5 and metrics["errors"] == 0
    predictions = [
        json.loads(line) for line in (tmp_path / "out" / "predictions.jsonl").read_text().splitlines()
    ]
    conversation_ids = {p["conversation_id"] for p in predictions[2:]}
    assert len(conversation_ids) == 1  # the turns of c1 went on in one conversation
    for prediction in predictions:
        assert set(prediction) >= {"id", "answer", "answerable", "units", "citations"}
    assert (tmp_path / "out" / "report.html").stat().st_size > 0
