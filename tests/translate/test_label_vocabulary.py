"""Issue 12, the label vocabulary sweep: the kanji compounds most frequent in the short segments
(labels, headings, table cells) of the corpus documents, with the English a translator of
government documents usually writes for them (resources/checks/ja_en_content_words.tsv).

Each row: a word, its usual English, and another word's English. The label is our own two-word
label (the word + 一覧, "List of …"), not a segment of a bench file. With its usual English the
label draws no alarm (each of these was flagged by meaning.title or meaning.added before its
row was added); with the wrong English the word is still missing (meaning.title)."""

import pytest

from desk_assistant.tasks.translate.checks import check_segment

# (word, its usual English in a label, another word's English)
LABELS = [
    ("用語", "glossary", "considerations"),
    ("改定箇所", "revisions", "women"),
    ("用途", "applications", "responses"),
    ("公開", "release", "rollout"),
    ("郵便番号", "postcodes", "first editions"),
    ("分野", "sectors", "involvement"),
    ("教材", "learning materials", "validation"),
    ("向上", "enhancement", "women"),
    ("要旨", "abstracts", "establishments"),
    ("基礎", "basics", "addresses"),
    ("留意点", "considerations", "tel"),
    ("回答", "responses", "disaster risk reduction"),
    ("展開", "rollout", "advancement"),
    ("初版決定", "first editions", "hubs"),
    ("関与", "involvement", "whether required"),
    ("検証", "validation", "taxonomies"),
    ("女性", "women", "dissemination"),
    ("転換", "transitions", "evaluation criteria"),
    ("事業所", "establishments", "timeliness"),
    ("住居表示", "addresses", "frameworks"),
    ("電話番号", "tel", "warehouse receipts"),
    ("番地以下", "street numbers", "affiliated organizations"),
    ("防災", "disaster risk reduction", "additional notes"),
    ("高度化", "advancement", "option A"),
    ("拠点", "hubs", "harmonization"),
    ("要否", "whether required", "tips"),
    ("分類体系", "taxonomies", "venues"),
    ("普及", "dissemination", "quality assurance"),
    ("評価項目", "evaluation criteria", "volumes"),
    ("最新性", "timeliness", "incorporation"),
    ("体制", "frameworks", "hubs"),
    ("倉荷証券", "warehouse receipts", "co-organizers"),
    ("補足説明", "additional notes", "training"),
    ("甲案", "option A", "hiring"),
    ("共通化", "harmonization", "attachments"),
    ("工夫", "tips", "deliverables"),
    ("開催場所", "venues", "references"),
    ("品質確保", "quality assurance", "storage"),
    ("分量", "volumes", "tips"),
    ("反映", "incorporation", "instructors"),
    ("共催団体", "co-organizers", "building and room"),
    ("関連団体", "affiliated organizations", "glossary"),
    ("人材育成", "training", "revisions"),
    ("採用", "hiring", "applications"),
    ("別紙", "attachments", "release"),
    ("成果", "deliverables", "postcodes"),
    ("参考資料", "references", "sectors"),
    ("蓄積", "storage", "learning materials"),
    ("指導者", "instructors", "transitions"),
    ("被災者", "affected people", "abstracts"),
    ("方書", "building and room", "basics"),
]


def _alarms(source: str, translation: str) -> set[str]:
    return {
        f.check for f in check_segment(source, translation, (), "ja", "en") if f.severity != "info"
    }


@pytest.mark.parametrize(("word", "english", "wrong"), LABELS)
def test_usual_english_of_a_label_word_is_accepted(word, english, wrong):
    assert _alarms(f"{word}一覧", f"List of {english}") == set()


@pytest.mark.parametrize(("word", "english", "wrong"), LABELS)
def test_another_words_english_is_still_flagged(word, english, wrong):
    assert "meaning.title" in _alarms(f"{word}一覧", f"List of {wrong}")


def test_the_wrong_english_is_another_rows():
    usual = {english for _, english, _ in LABELS}
    assert all(wrong in usual and wrong != english for _, english, wrong in LABELS)
    assert len({word for word, _, _ in LABELS}) == len(LABELS) >= 40


def test_each_word_of_the_content_list_has_one_row():
    # a second row of a word replaces the first one whole (clauses.lexicon): its English is lost
    from desk_assistant.paths import resources_dir

    text = resources_dir().joinpath("checks", "ja_en_content_words.tsv").read_text(encoding="utf-8")
    words = [line.split("\t")[0] for line in text.splitlines() if "\t" in line]
    assert len(words) == len(set(words)) > 500
