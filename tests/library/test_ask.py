"""Ask with the scripted engine: citations, figures, names and support are checked."""

from __future__ import annotations

import pytest

from desk_assistant.errors import Cancelled
from desk_assistant.llm.engine import CancelToken
from desk_assistant.llm.fake import FakeEngine
from desk_assistant.retrieval import Passage
from desk_assistant.tasks.library.ask import MODEL_NO_ANSWER, ask, retrieve
from desk_assistant.tasks.library.library import Library
from desk_assistant.tasks.library.verify import check_answer, figures

KEY = bytes(range(32))


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "lib.db", KEY)
    lib.index.replace_source(
        "diet:1",
        [
            Passage(
                "○盛山国務大臣　部活動の地域移行については、令和五年度から七年度までの三年間を"
                "改革推進期間として、地域の実情に応じて進めてまいります。",
                meta={
                    "kind": "speech",
                    "session": "212",
                    "house": "衆議院",
                    "meeting": "文部科学委員会",
                    "issue": "第2号",
                    "date": "2023-11-08",
                    "speaker": "盛山正仁",
                    "position": "文部科学大臣",
                    "url": "https://kokkai.ndl.go.jp/txt/x/1",
                },
            ),
            Passage(
                "○茂里政府参考人　今年度の実証事業につきましては、運動部活動の地域移行につきましては"
                "三百三十九か所で実施しているところでございます。",
                meta={
                    "kind": "speech",
                    "session": "212",
                    "house": "衆議院",
                    "meeting": "文部科学委員会",
                    "date": "2023-11-08",
                    "speaker": "茂里毅",
                    "position": "政府参考人",
                },
            ),
        ],
    )
    yield lib
    lib.close()


def engine(reply):
    e = FakeEngine(reply)
    e.load("fake.gguf")
    return e


def test_a_grounded_answer_has_no_findings(library):
    reply = "令和5年度から7年度までの3年間を改革推進期間として進めるとしています[1]。実証事業は339か所で実施しています[2]。"
    streamed = []
    answer = ask(
        library,
        "部活動の地域移行はいつまでに進めるのか",
        engine(reply),
        "few_shot",
        on_text=streamed.append,
    )
    assert "".join(streamed) == answer.text == reply
    assert answer.findings == [], [f.to_dict() for f in answer.findings]
    assert answer.sources[0].label.startswith("第212回国会 衆議院 文部科学委員会")
    assert answer.cited_numbers() == [1, 2]


def test_invented_figure_name_and_citation_are_found(library):
    reply = (
        "令和5年度から10年間を改革推進期間とします[1]。"
        "実証事業は岸田文雄が指示しました[2]。"
        "予算は500億円です[3]。"
        "部活動は地域移行します。"
    )
    answer = ask(library, "部活動の地域移行はいつまで", engine(reply), "few_shot")
    kinds = {(f.kind, f.sentence, f.detail) for f in answer.findings}
    assert ("figure_unsupported", 0, "10") in kinds
    assert any(k == "name_unsupported" and d.startswith("岸田") for k, _, d in kinds)
    assert ("citation_unknown", 2, "3") in kinds
    assert ("no_citation", 3, "") in kinds
    assert answer.verdict.startswith("要確認")


def test_unsupported_sentence_is_flagged():
    passages = ["部活動の地域移行を進める。"]
    findings = check_answer("防衛装備品の輸出管理を強化し、同盟国との協力を深めます[1]。", passages)
    assert [f.kind for f in findings] == ["unsupported"]


def test_no_relevant_passage_means_no_model_call(library):
    fake = engine("でっちあげの回答[1]。")
    answer = ask(library, "漁業の燃料費支援の予算額はいくらか", fake, "few_shot")
    assert not answer.answered and answer.sources == [] and fake.prompts == []
    assert "見つかりませんでした" in answer.text


def test_the_model_saying_not_in_the_passages_is_not_a_finding(library):
    answer = ask(library, "部活動の地域移行の予算額", engine(MODEL_NO_ANSWER), "few_shot")
    assert answer.findings == []


def test_prompt_numbers_the_retrieved_passages(library):
    fake = engine("x[1]。")
    ask(library, "部活動の地域移行", fake, "few_shot")
    prompt = fake.prompts[0]
    assert "[1] 第212回国会" in prompt and "[2] 第212回国会" in prompt
    assert prompt.rstrip().endswith("### 回答")
    assert len(retrieve(library, "部活動の地域移行")) == 2


def test_cancel_stops_the_answer(library):
    token = CancelToken()
    fake = FakeEngine("長い回答" * 50, piece_chars=1)
    fake.load("fake.gguf")

    def on_text(piece):
        token.cancel()

    with pytest.raises(Cancelled):
        ask(library, "部活動の地域移行", fake, "few_shot", on_text=on_text, cancel=token)


def test_figures_compare_kanji_and_arabic():
    assert figures("三百三十九か所、令和五年度、1,000円") == {"339", "5", "1000"}
    assert figures("令和元年[2]") == {"1"}
