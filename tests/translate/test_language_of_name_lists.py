"""A Japanese member list (pdf12: names, universities, titles; no kana) is Japanese, not
Chinese: the previous session's real run was refused as Chinese without --from ja."""

from __future__ import annotations

from desk_assistant.documents import load
from desk_assistant.tasks.translate.languages import detect_language


def test_a_kanji_only_member_list_is_japanese(corpus_copy):
    document = load(corpus_copy("pdf12_moj_bukai_iin_meibo_1page.pdf"))
    segments = [s.text for b in document.blocks for s in b.segments if s.text.strip()]
    assert detect_language("\n".join(segments[:8])) == "ja"
    assert detect_language(document.plain_text()) == "ja"
    assert detect_language("竹林 俊憲\n藤田 友敬\n法務省大臣官房審議官") == "ja"


def test_chinese_prose_is_still_chinese():
    assert detect_language("我们的政府是为人民服务的。这个问题还没有解决。") == "zh"
    assert detect_language("国务院关于发布个人信息保护法的通知") == "zh"
    assert detect_language("个人信息保护法规定了处理规则。") == "zh"
