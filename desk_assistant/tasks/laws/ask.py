"""Ask the law data: a question → relevant articles → an answer by the general model
citing them → verification of every sentence.

Verification (the answer is never shown unchecked):
- every cited article (「［行政手続法第5条］」 or any citation in the sentence) must
  exist in the store, and be one of the articles given to the model;
- every quoted phrase 「…」 must appear in a cited article's text;
- a sentence with no citation, or with little in common with what it cites, is
  flagged unsupported;
- with no relevant article found, the model is not asked and the answer says so.
The answer names the version of each law it used (data freshness).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...llm.engine import CancelToken, Engine, GenerationParams, generate
from ...llm.prompts import TaskRequest, build_prompt
from .citations import DocumentContext
from .resolver import OK, CitationResolver
from .store import LawStore, SearchHit

MAX_ARTICLES = 4
MAX_ARTICLE_CHARS = 600  # per article in the prompt: the demo model has a 2k–4k context
MIN_OVERLAP = 0.25  # share of a sentence's character bigrams found in what it cites
_BRACKET = re.compile(r"[［\[]([^］\]]{2,60})[］\]]")
_QUOTE = re.compile(r"「([^「」]{4,80})」")
_SENTENCE = re.compile(r"[^。\n]+。?")

INSTRUCTION = (
    "あなたは法令調査の補助者です。次の【条文】だけを根拠に【質問】に日本語で答えてください。"
    "各文の末尾に根拠の条文を［法令名第○条］の形で示してください。"
    "条文に書かれていないことは書かず、分からない場合は「条文からは分かりません。」と答えてください。"
)
EXAMPLE = (
    "【条文】\n［国家賠償法第1条］第一条　国又は公共団体の公権力の行使に当る公務員が、その職務を行う"
    "について、故意又は過失によつて違法に他人に損害を加えたときは、国又は公共団体が、これを賠償する責に任ずる。\n"
    "【質問】\n公務員が違法に損害を加えたとき、誰が賠償しますか。",
    "国又は公共団体が賠償する責任を負います［国家賠償法第1条］。",
)

VERIFIED = "verified"  # every sentence supported, every citation and quote checked
UNVERIFIED = "unverified"  # at least one sentence or citation failed a check
NO_ARTICLE = "no_relevant_article"


@dataclass
class SentenceCheck:
    text: str
    citations: list[str] = field(default_factory=list)  # canonical citations found
    problems: list[str] = field(default_factory=list)  # bilingual "ja / en" notes

    @property
    def supported(self) -> bool:
        return not self.problems


@dataclass
class Answer:
    question: str
    text: str
    verdict: str
    sources: list[SearchHit] = field(default_factory=list)
    sentences: list[SentenceCheck] = field(default_factory=list)

    def versions(self) -> list[str]:
        """「行政手続法（2024-04-01 施行版）」 for each law the answer drew on."""
        seen: dict[str, str] = {}
        for hit in self.sources:
            seen.setdefault(hit.law.title, hit.law.version_label())
        return [f"{title}（{version}）" for title, version in seen.items()]


def find_articles(store: LawStore, question: str, limit: int = MAX_ARTICLES) -> list[SearchHit]:
    """Articles cited in the question itself first, then the best search hits."""
    resolver = CitationResolver(store)
    hits: list[SearchHit] = []
    for citation in resolver.resolve_text(question):
        if citation.status == OK and citation.unit is not None:
            hits.append(SearchHit(citation.law, citation.unit, float("inf")))
    keys = {(h.law.law_num, h.unit.provision, h.unit.num) for h in hits}
    for hit in store.search(question, limit=limit * 2):
        key = (hit.law.law_num, hit.unit.provision, hit.unit.num)
        if key not in keys and hit.unit.kind == "article" and "削除" not in hit.unit.title:
            keys.add(key)
            hits.append(hit)
    return hits[:limit]


def ask(
    store: LawStore,
    question: str,
    engine: Engine,
    prompt_format: str,
    *,
    cancel: CancelToken | None = None,
    max_tokens: int = 256,
    n_ctx: int = 4096,
) -> Answer:
    sources = find_articles(store, question)
    if not sources:
        return Answer(
            question,
            "関連する条文が見つかりませんでした。取り込んだ法令データに該当する規定がない可能性があります。",
            NO_ARTICLE,
        )
    chars = MAX_ARTICLE_CHARS
    while True:  # fit the prompt and the answer into the context: shorter articles, then fewer
        prompt, params = _prompt(question, sources, chars, prompt_format, max_tokens)
        used = engine.count_tokens(prompt if isinstance(prompt, str) else str(prompt))
        if used + max_tokens + 32 <= n_ctx or (chars <= 150 and len(sources) == 1):
            break
        if chars > 150:
            chars //= 2
        else:
            sources = sources[:-1]
    text = generate(engine, prompt, params, cancel).strip()
    return verify_answer(store, question, text, sources)


def _prompt(
    question: str, sources: list[SearchHit], chars: int, prompt_format: str, max_tokens: int
):
    context = "\n".join(f"［{hit.citation()}］{hit.unit.text()[:chars]}" for hit in sources)
    request = TaskRequest(
        INSTRUCTION,
        f"【条文】\n{context}\n【質問】\n{question}",
        examples=(EXAMPLE,),
        input_label="入力",
        output_label="回答",
    )
    # "\n【": a base model goes on to write the next 【質問】 itself; the answer ends there
    params = GenerationParams(max_tokens=max_tokens, temperature=0.0, stop=("\n【",))
    return build_prompt(prompt_format, request, params)


def verify_answer(store: LawStore, question: str, text: str, sources: list[SearchHit]) -> Answer:
    resolver = CitationResolver(store)
    given = {hit.citation(): hit for hit in sources}
    checks = []
    for raw in _SENTENCE.findall(text):
        sentence = raw.strip()
        if not sentence:
            continue
        checks.append(_check_sentence(sentence, resolver, given))
    if not checks:
        checks.append(SentenceCheck(text, problems=["回答が空です / empty answer"]))
    verdict = VERIFIED if all(c.supported for c in checks) else UNVERIFIED
    return Answer(question, text, verdict, sources, checks)


def _check_sentence(sentence: str, resolver: CitationResolver, given: dict) -> SentenceCheck:
    check = SentenceCheck(sentence)
    cited_texts = []
    cited_spans = [m[1] for m in _BRACKET.finditer(sentence)]
    for citation in resolver.resolve_text(sentence, context=DocumentContext()):
        if citation.status != OK or citation.unit is None:
            check.problems.append(
                f"存在しない条文の引用: {citation.ref.surface} / cites a non-existent provision"
            )
            continue
        name = f"{citation.law.title}{citation.unit.citation()}"
        check.citations.append(citation.canonical())
        if name not in given:
            check.problems.append(
                f"検索結果にない条文の引用: {name} / cites an article that was not retrieved"
            )
        cited_texts.append(citation.unit.plain())
    if not check.citations and not check.problems:
        if "条文からは分かりません" in sentence:
            return check  # the honest answer needs no citation
        if cited_spans:
            check.problems.append(f"引用を解決できません: {cited_spans[0]} / citation not resolved")
        else:
            check.problems.append("根拠の条文が示されていません / no supporting citation")
    cited = "\n".join(cited_texts)
    for quote in _QUOTE.findall(sentence):
        if _squash(quote) not in _squash(cited):
            check.problems.append(
                f"引用句が条文と一致しません: 「{quote}」 / quote not in the article"
            )
    body = _BRACKET.sub("", sentence)
    if cited and _overlap(body, cited) < MIN_OVERLAP:
        check.problems.append(
            "文の内容が引用条文に見当たりません / sentence not supported by the article"
        )
    return check


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _overlap(sentence: str, source: str) -> float:
    grams = {sentence[i : i + 2] for i in range(len(sentence) - 1)}
    grams = {g for g in grams if not re.fullmatch(r"[、。\s「」（）]+", g)}
    if not grams:
        return 1.0
    have = {source[i : i + 2] for i in range(len(source) - 1)}
    return len(grams & have) / len(grams)
