"""Per-rule cases: each rule flags its positive example and stays quiet on the negative one."""

from __future__ import annotations

import json

import pytest

from desk_assistant import i18n
from desk_assistant.errors import UsageError
from desk_assistant.tasks.proofread import (
    RULES,
    Finding,
    ProofreadConfig,
    check_text,
    findings_to_json,
)
from desk_assistant.tasks.proofread.finding import SOURCES
from desk_assistant.tasks.proofread.tokens import MAX_BYTES, tokenize


def hits(text: str, rule: str, **cfg) -> list[Finding]:
    return [f for f in check_text(text, config=ProofreadConfig(**cfg)) if f.rule == rule]


# (rule, text, flagged surface, suggestion)
POSITIVE = [
    ("missing-particle", "経過措置ついて説明する。", "つい", "につい"),
    ("broken-conjugation", "課題に取り組んている。", "て", "で"),
    ("conjunction-kana", "予算が不足している。従って、計画を見直す。", "従って", "したがって"),
    ("conjunction-kana", "但し、次の場合は除く。", "但し", "ただし"),
    ("conjunction-kana", "期限は守ること。尚、詳細は別紙による。", "尚", "なお"),
    ("conjunction-kana", "迅速且つ的確に対応する。", "且つ", "かつ"),
    ("adverb-kanji", "すでに解決した。", "すでに", "既に"),
    ("adverb-kanji", "たとえば次のような場合である。", "たとえば", "例えば"),
    ("adverb-kanji", "ほぼすべての職員が参加した。", "すべて", "全て"),
    ("adverb-kana", "矢張り再検討が必要である。", "矢張り", "やはり"),
    ("adverb-kana", "予め通知する。", "予め", "あらかじめ"),
    ("sarani", "更に、次の措置を講ずる。", "更に", "さらに"),
    ("sarani", "検討をさらに進める。", "さらに", "更に"),
    ("formal-noun-kana", "許可しない事がある。", "事", "こと"),
    ("formal-noun-kana", "事故の時は連絡する。", "時", "とき"),
    ("formal-noun-kana", "次の通り定める。", "通り", "とおり"),
    ("formal-noun-kana", "正しい物と認める。", "物", "もの"),
    ("formal-noun-kana", "安全を確保する為に必要な措置", "為", "ため"),
    ("auxiliary-kana", "報告して頂く。", "頂く", "いただく"),
    ("auxiliary-kana", "問題点を話して下さい。", "下さい", "ください"),
    ("auxiliary-kana", "負担が増えて行く。", "行く", "いく"),
    ("auxiliary-kana", "通知して置く。", "置く", "おく"),
    ("auxiliary-kana", "欠点が無い。", "無い", "ない"),
    ("auxiliary-kana", "だれでも利用が出来る。", "出来る", "できる"),
    ("auxiliary-kana", "調査だけに過ぎない。", "過ぎ", "すぎ"),
    ("auxiliary-kana", "説明すると共に意見を聞く。", "共に", "ともに"),
    ("okurigana-compound-noun", "申し込みの期限を定める。", "申し込み", "申込み"),
    ("okurigana-compound-noun", "許可の取り消しを行う。", "取り消し", "取消し"),
    ("okurigana-compound-noun", "打ち合わせの日程", "打ち合わせ", "打合せ"),
    ("okurigana-compound-noun", "窓口で受け付けを行う。", "受け付け", "受付"),
    ("okurigana-unaccepted", "調査を行なう。", "行なう", "行う"),
    ("okurigana-unaccepted", "意思を表わす。", "表わす", "表す"),
    ("okurigana-unaccepted", "効果が現われる。", "現われる", "現れる"),
    ("narabini-without-oyobi", "委員並びに専門委員を置く。", "並びに", "及び"),
    ("narabini-without-oyobi", "書面若しくは口頭で申し出る。", "若しくは", "又は"),
    ("comma-before-oyobi", "住所、氏名、及び電話番号を記載する。", "、及び", "及び"),
    ("kasho-kagetsu", "3ヶ所で実施し、6ヵ月後に見直す。", "ヶ所", "か所"),
    ("kasho-kagetsu", "対象は5箇所とする。", "箇所", "か所"),
    ("unbalanced-brackets", "詳細は別紙（様式第1号を参照する。", "（", None),
    ("unbalanced-brackets", "「申請書を提出する。", "「", None),
    ("long-sentence", "あ" * 81 + "。", "あ" * 81 + "。", None),
    ("ra-nuki", "この距離からでも見れる。", "れ", "られ"),
    ("ra-nuki", "会議に来れない場合", "れ", "られ"),
    ("double-keigo", "部長がおっしゃられた。", "おっしゃられ", "おっしゃ"),
    ("double-keigo", "資料をご覧になられましたか。", "ご覧になられ", "ご覧にな"),
    ("doubled-joshi", "材料不足で代替素材で製品を作った。", "で", None),
    ("doubled-word", "申請書をを提出する。", "を", ""),
    ("redundant-expression", "まず最初に目的を述べる。", "まず最初に", "最初に"),
    ("redundant-expression", "過半数を超える賛成を得た。", "過半数を超える", "過半数に達する"),
    ("double-negative", "問題がないとは言い切れない。", "ないとは言い切れな", None),
    ("gairaigo", "コンプライアンスを徹底する。", "コンプライアンス", "法令遵守"),
    ("cjk-compatibility", "⾏政手続", "⾏", "行"),
    ("arabic-numerals", "令和五年三月三十一日から施行する。", "五", "5"),
    ("arabic-numerals", "第十二条の規定による。", "十二", "12"),
    ("hankaku-kana", "ｶﾀｶﾅで書いた。", "ｶﾀｶﾅ", "カタカナ"),
    ("decomposed-kana", "ホ\u309aケット", "ホ\u309a", "ポ"),
    (
        "spelling-variants",
        "サーバーを更新する。サーバーを停止する。サーバを起動する。",
        "サーバ",
        "サーバー",
    ),
    ("punctuation-mixed", "申請する、届出をする，確認する、期限を守る。", "，", "、"),
    ("width-mixed", "令和5年度と令和6年度、令和７年度", "７", "7"),
    (
        "dearu-desumasu-mixed",
        "申請を受け付けます。審査を行います。結果は通知である。",
        "である",
        None,
    ),
]

# (rule, text): clean on that rule
NEGATIVE = [
    ("missing-particle", "経過措置について説明する。本件に関し報告する。気がついて驚いた。"),
    ("broken-conjugation", "課題に取り組んでいる。書いて読んだ。行ってみた。"),
    ("doubled-joshi", "本市における課題における対応について検討する。"),
    ("doubled-word", "早め早めに対応する。個人個人が考える。人々が集まる。"),
    ("ra-nuki", "うすれる。帰れる。受け入れる。"),
    ("auxiliary-kana", "賞状を頂く。現地へ行く。彼と共に行く。"),
    ("conjunction-kana", "規定に従って処理する。"),
    ("conjunction-kana", "申請書又は届出書を提出する。"),
    ("adverb-kanji", "もっとも、例外もある。"),
    ("sarani", "更に検討する。"),
    ("sarani", "調査を行い、さらに分析する。"),
    ("formal-noun-kana", "事は重大である。"),
    ("formal-noun-kana", "物をなくす。"),
    ("formal-noun-kana", "届いた時から起算する。"),
    ("formal-noun-kana", "申請する方は窓口に来てください。"),
    ("formal-noun-kana", "法律上の義務"),
    ("auxiliary-kana", "現地へ行く。"),
    # 行う after a compound particle (において, によって), which Sudachi reads as 行く
    ("auxiliary-kana", "設計段階において行った政策的判断を説明する。"),
    ("auxiliary-kana", "法令によって行った処分"),
    ("auxiliary-kana", "資料を頂く。"),
    ("auxiliary-kana", "民間で見られる手法"),
    ("auxiliary-kana", "AとBから成る。"),
    ("okurigana-compound-noun", "申請書を申し込み、受け付ける。"),
    ("okurigana-compound-noun", "取扱説明書を確認する。"),
    ("okurigana-unaccepted", "調査を行う。"),
    ("narabini-without-oyobi", "委員及び専門委員並びに幹事を置く。"),
    ("comma-before-oyobi", "調査を行い、及び必要な措置を講ずる。"),
    ("kasho-kagetsu", "3か所で実施し、6か月後に見直す。該当箇所を修正する。"),
    ("unbalanced-brackets", "（1）申請書「様式第1号」を提出する。"),
    ("unbalanced-brackets", "ア）書面による場合"),
    ("unbalanced-brackets", "対象は、ア）個人、イ）法人とする。"),
    ("long-sentence", "あ" * 79 + "。"),
    ("ra-nuki", "お刺身を食べられない。家に帰れる。"),
    ("double-keigo", "資料をご覧になりましたか。"),
    ("doubled-joshi", "私は彼の鼻は好きだ。"),
    ("doubled-joshi", "ナイフで切断した後、ハンマーで破砕した。"),
    ("doubled-joshi", "書面の提示又は提出は認めない。"),
    ("doubled-word", "九九を覚える。"),
    ("redundant-expression", "最初に目的を述べる。"),
    ("double-negative", "問題はない。"),
    ("gairaigo", "コンプライアンスチェックシート"),
    ("cjk-compatibility", "行政手続"),
    ("arabic-numerals", "四、五十人が参加した。一つの案を二者択一で選ぶ。令和元年"),
    ("hankaku-kana", "カタカナ"),
    ("spelling-variants", "講ずる措置と講じる措置"),
    ("spelling-variants", "手段が採られている。コミュニケーションをとる。"),
    ("punctuation-mixed", "申請する。届出をする、確認する。"),
    ("width-mixed", "図表１と図表２、2024年と2025年"),
    ("dearu-desumasu-mixed", "申請を受け付けます。審査を行います。"),
]


@pytest.mark.parametrize(("rule", "text", "surface", "suggestion"), POSITIVE)
def test_positive(rule, text, surface, suggestion):
    found = hits(text, rule)
    assert found, f"{rule} missed {text!r}"
    f = found[0]
    assert f.surface == surface and text[f.start : f.end] == surface
    assert f.suggestion == suggestion
    assert f.severity == RULES[rule].severity or rule in (
        "okurigana-compound-noun",  # error for the 訓令's 186 words, warning for the 法令 慣用
        "sarani",
        "doubled-joshi",
        "dearu-desumasu-mixed",
    )


@pytest.mark.parametrize(("rule", "text"), NEGATIVE)
def test_negative(rule, text):
    assert hits(text, rule) == []


# Rules that need imported law data: their positive cases are in tests/laws/.
LAW_DATA_RULES = {"law-citation-name", "law-citation-position", "law-citation-number"}


def test_every_rule_has_a_positive_case():
    # org-word needs an organization profile: tests/proofread/test_profile.py.
    assert {r for r, *_ in POSITIVE} == set(RULES) - {"org-word"} - LAW_DATA_RULES


# Examples of the 訓令 and clean 公用文 sentences: no finding at all (info included).
CLEAN = [
    "国及び地方公共団体は、必要な措置を講ずるものとする。",
    "許可しないことがある。",
    "事故のときは連絡する。",
    "現在のところ差し支えない。",
    "正しいものと認める。",
    "説明するとともに意見を聞く。",
    "賛成するわけにはいかない。",
    "合計すると1万円になる。",
    "間違いかもしれない。",
    "これについて考慮する。",
    "次のとおりである。",
    "更に検討する。",
    "申請者は、申込書に必要な事項を記載し、これを提出しなければならない。",
    "前項の規定による届出は、書面又は電磁的方法により行うものとする。",
    "委員は、職務上知ることのできた秘密を漏らしてはならない。",
    "市町村長は、必要があると認めるときは、報告を求めることができる。",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_official_prose(text):
    assert check_text(text) == []


def test_offsets_and_json_shape():
    text = "第1条 予算が不足している。\n従って、計画を見直す。"
    found = check_text(text)
    data = findings_to_json(found, lang="ja")
    assert list(data) == ["findings"]
    item = next(d for d in data["findings"] if d["rule"] == "conjunction-kana")
    assert set(item) == {
        "rule",
        "severity",
        "start",
        "end",
        "surface",
        "message",
        "suggestion",
        "source",
        "clause",
        "clause_id",
    }
    assert text[item["start"] : item["end"]] == item["surface"] == "従って"
    # Every finding cites its clause: document + section (issue 13).
    assert item["clause"] == "公用文における漢字使用等について（平成22年内閣訓令第1号）1(2)オ"
    assert item["severity"] == "error"  # against the 訓令
    json.dumps(data, ensure_ascii=False)


def test_messages_follow_ui_language():
    f = hits("すでに解決した。", "adverb-kanji")[0]
    try:
        i18n.set_language("en")
        assert f.message() == f.message_en and "kanji" in f.message()
        assert f.to_dict()["message"] == f.message_en
    finally:
        i18n.set_language("ja")
    assert f.message() == f.message_ja and "漢字" in f.message()


def test_rule_metadata():
    for r in RULES.values():
        assert r.severity in ("error", "warning", "info")
        assert r.source in SOURCES
        assert r.title_ja and r.title_en


def test_every_rule_and_finding_cites_a_clause():
    """Issue 13: document + section for every finding, from resources/rules/clauses.tsv."""
    from desk_assistant.tasks.proofread.clauses import clauses

    known = clauses()
    assert len(known) >= 30 and all(c.text and c.title for c in known.values())
    for r in RULES.values():
        assert r.clause in known, r.id
    for rule, text, *_ in POSITIVE:
        for f in hits(text, rule):
            assert f.clause in known and f.citation, (rule, text)
            assert f.to_dict()["clause"] == f.citation


def test_a_bare_url_is_not_a_long_sentence():
    url = "https://elaws.e-gov.go.jp/document?lawid=325M50004000040_20200907_502M60000800074"
    assert len(url) > 80 and hits(url, "long-sentence") == []
    assert hits(f"<{url}>", "long-sentence") == []
    assert hits(f"詳細は{url}を参照し、" + "あ" * 40 + "。", "long-sentence")


def test_config():
    text = "あ" * 60 + "。"
    assert hits(text, "long-sentence") == []
    assert hits(text, "long-sentence", max_sentence=50)
    assert not any(
        f.rule == "adverb-kanji"
        for f in check_text("すでに。", config=ProofreadConfig(disabled={"adverb-kanji"}))
    )
    assert {
        f.rule
        for f in check_text("すでに。従って、", config=ProofreadConfig(only={"adverb-kanji"}))
    } == {"adverb-kanji"}
    with pytest.raises(UsageError):
        ProofreadConfig(max_sentence=0)


def test_prefer_style():
    text = "申請を受け付けます。審査を行います。結果は通知である。"
    # One finding for the pair, listing every place (issue 13: consistency once per pair).
    [f] = hits(text, "dearu-desumasu-mixed", prefer_style="dearu")
    assert [text[a:b] for _loc, a, b in f.places] == ["ます", "ます"]


def test_empty_and_whitespace():
    assert check_text("") == []
    assert check_text("\n \n") == []


def test_text_beyond_the_tokenizer_byte_limit():
    """One 'sentence' far over Sudachi's 49,149-byte limit (no full stop) must not crash."""
    text = "行政手続、" * 6000 + "すでに終えた"
    assert len(text.encode("utf-8")) > MAX_BYTES
    found = check_text(text)
    assert any(f.rule == "adverb-kanji" and text[f.start : f.end] == "すでに" for f in found)
    toks = tokenize(text)
    assert "".join(t.surface for t in toks) == text


def test_rule_data_files_load(tmp_path, monkeypatch):
    """Every word list parses; a broken condition is reported with the file's path."""
    from desk_assistant.tasks.proofread.rules import lexical
    from desk_assistant.tasks.proofread.wordlists import RuleDataError, load_table, rules_dir

    for name in (
        "conjunctions_kana.tsv",
        "adverbs_kanji.tsv",
        "adverbs_kana.tsv",
        "formal_nouns.tsv",
        "auxiliary_verbs.tsv",
    ):
        assert lexical._table(name)
    assert len(load_table("okurigana_nouns.tsv", 2)) > 300
    (tmp_path / "rules").mkdir()
    for path in rules_dir().glob("*"):
        (tmp_path / "rules" / path.name).write_bytes(path.read_bytes())
    (tmp_path / "rules" / "formal_nouns.tsv").write_text(
        "事\tlemma\tafter-nothing\t=kana\t\n", encoding="utf-8"
    )
    monkeypatch.setenv("DESK_ASSISTANT_RESOURCES", str(tmp_path))
    load_table.cache_clear()
    lexical._table.cache_clear()
    try:
        with pytest.raises(RuleDataError) as info:
            lexical._table("formal_nouns.tsv")
        assert "formal_nouns.tsv" in info.value.message()
    finally:
        monkeypatch.undo()
        load_table.cache_clear()
        lexical._table.cache_clear()


def test_random_text_never_crashes_and_offsets_hold():
    """Odd characters (NUL, BOM, combining marks, Kangxi, half-width kana, CR) must not
    crash any rule, and every finding's offsets must point at its surface."""
    import random

    rng = random.Random(6)
    pool = (
        "あいうえお漢字行政手続。、，．「」『』（）()ｱｲﾊﾟ゛゜\u3099\u309a⾏\uf900"
        "123１２３ABCａｂ\n\r\t \u3000ー・!?！？\x00\ufeff𠮟"
    )
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 60)))
        for f in check_text(text):
            assert text[f.start : f.end] == f.surface, (text, f)
