"""Ask the library: question → top passages → an answer by the general model citing
[1], [2] → verification (verify.py).

With no relevant passage the model is not called: the answer says that the library
has nothing on the question, rather than letting a small model invent one. Answer
text streams through `on_text`; `cancel` stops it (errors.Cancelled).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ... import i18n
from ...errors import Cancelled
from ...llm.engine import CancelToken, GenerationParams
from ...llm.prompts import TaskRequest, build_prompt
from ...retrieval import Filters, Hit, query_groups
from .sources import citation_label
from .verify import AnswerFinding, check_answer

TOP_K = 4
PASSAGE_CHARS = 360  # each passage in the prompt: the window around its best match
ANSWER_TOKENS = 256
RELEVANT_SHARE = 0.5  # share of the question's topic words a passage must hold

# The model's sentence for "not in the passages" (few-shot teaches it).
MODEL_NO_ANSWER = "資料には記載がありません。"

# Words that frame a question rather than name its topic.
_FRAME_WORDS = frozenset(
    "答弁 質問 回答 答える 説明 述べる 発言 言う 教える 何 なに いつ 誰 どこ どの どれ なぜ 方 件 点 "
    "内容 考え 見解 認識 国会 委員会 大臣 政府 分かる 知る ある する".split()
)

INSTRUCTION = (
    "次の資料だけを根拠に、質問に日本語で簡潔に答えてください。"
    "各文の末尾に、根拠とした資料の番号を [1] のように付けてください。"
    "資料に答えがないときは「" + MODEL_NO_ANSWER + "」とだけ答えてください。"
)

# Worked examples for base models (few-shot): invented, not from any indexed source.
EXAMPLES = (
    (
        "資料:\n[1] 総務委員会 総務大臣: 地方公共団体の情報システムの標準化は、"
        "令和七年度末までに移行を完了することを目標としております。\n"
        "[2] 総務委員会 政府参考人: 移行に要する経費は、国が補助することとしております。\n"
        "質問: 情報システムの標準化はいつまでに移行を完了するのか。",
        "令和7年度末までに移行を完了することを目標としています[1]。移行の経費は国が補助するとしています[2]。",
    ),
    (
        "資料:\n[1] 農林水産委員会 農林水産大臣: 米の需給見通しについては、毎年公表しております。\n"
        "質問: 漁業の燃料費支援の予算額はいくらか。",
        MODEL_NO_ANSWER,
    ),
)


@dataclass
class CitedSource:
    number: int
    passage_id: int
    label: str  # 第212回国会 衆議院 文部科学委員会 … / file p.3
    text: str  # what the model saw
    meta: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.number,
            "id": self.passage_id,
            "label": self.label,
            "text": self.text,
            "url": self.meta.get("url"),
            "file": self.meta.get("file"),
            "location": self.meta.get("location"),
            "page": self.meta.get("page"),
        }


@dataclass
class Answer:
    question: str
    text: str
    sources: list[CitedSource]
    findings: list[AnswerFinding] = field(default_factory=list)
    answered: bool = True  # False: no relevant passage, the model was not asked

    @property
    def verdict(self) -> str:
        if not self.findings:
            return i18n.tr("問題なし", "no issues")
        return i18n.tr(f"要確認 {len(self.findings)}", f"check {len(self.findings)}")

    def cited_numbers(self) -> list[int]:
        from .verify import citations_in

        return sorted(set(citations_in(self.text)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "answered": self.answered,
            "verdict": self.verdict,
            "sources": [s.to_dict() for s in self.sources],
            "findings": [f.to_dict() for f in self.findings],
        }


def no_answer_text() -> str:
    return i18n.tr(
        "ライブラリの資料には、この質問に答える記載が見つかりませんでした。",
        "The library holds no passage that answers this question.",
    )


def topic_words(question: str) -> list[tuple[str, tuple[str, ...]]]:
    return [g for g in query_groups(question) if g[0] not in _FRAME_WORDS]


def is_relevant(hit: Hit, topics) -> bool:
    if not topics:
        return False
    found = sum(1 for norm, _ in topics if norm in hit.matched)
    return found >= max(1, round(RELEVANT_SHARE * len(topics)))


def retrieve(
    library, question: str, filters: Filters | None = None, limit: int = TOP_K
) -> list[Hit]:
    """The relevant passages for a question, best first (may be empty)."""
    topics = topic_words(question)
    hits = library.search(
        question, filters, limit=limit * 3, match="any", snippet_chars=PASSAGE_CHARS, thorough=True
    )
    return [h for h in hits if is_relevant(h, topics)][:limit]


def sources_of(hits: list[Hit]) -> list[CitedSource]:
    return [
        CitedSource(
            n,
            h.passage_id,
            citation_label(h.meta),
            (h.snippet.text if h.snippet else h.text[:PASSAGE_CHARS]).strip("…"),
            h.meta,
        )
        for n, h in enumerate(hits, 1)
    ]


def request_for(question: str, sources: list[CitedSource]) -> TaskRequest:
    lines = ["資料:"]
    for s in sources:
        text = " ".join(s.text.split())
        lines.append(f"[{s.number}] {s.label}: {text}")
    lines.append(f"質問: {question.strip()}")
    return TaskRequest(
        instruction=INSTRUCTION,
        text="\n".join(lines),
        examples=EXAMPLES,
        input_label="入力",
        output_label="回答",
    )


def ask(
    library,
    question: str,
    engine,
    prompt_format: str,
    *,
    filters: Filters | None = None,
    limit: int = TOP_K,
    on_text: Callable[[str], None] | None = None,
    cancel: CancelToken | None = None,
    max_tokens: int = ANSWER_TOKENS,
) -> Answer:
    hits = retrieve(library, question, filters, limit)
    if not hits:
        text = no_answer_text()
        if on_text:
            on_text(text)
        return Answer(question, text, [], answered=False)
    sources = sources_of(hits)
    prompt, params = build_prompt(
        prompt_format,
        request_for(question, sources),
        GenerationParams(max_tokens=max_tokens, temperature=0.0, repeat_penalty=1.1),
    )
    pieces: list[str] = []
    for piece in engine.stream(prompt, params, cancel):
        pieces.append(piece)
        if on_text:
            on_text(piece)
    if cancel is not None and cancel.cancelled:
        raise Cancelled()
    text = "".join(pieces).strip()
    findings = check_answer(text, [s.text for s in sources], MODEL_NO_ANSWER)
    if not text:
        findings.append(AnswerFinding("no_citation", 0, "", ""))
    return Answer(question, text, sources, findings)
