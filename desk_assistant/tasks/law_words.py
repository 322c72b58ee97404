"""Ordinary words that end like a law title (方法, 司法, 規則的 …): the translate and
summarize checks that look for law titles leave text ending in these alone."""

from __future__ import annotations

NOT_LAW_ENDINGS = (
    "方法",
    "手法",
    "用法",
    "文法",
    "技法",
    "作法",
    "寸法",
    "製法",
    "工法",
    "療法",
    "司法",
    "立法",
    "違法",
    "合法",
    "適法",
    "不法",
    "無法",
    "便法",
    "論法",
    "解法",
    "算法",
    "説法",
    "兵法",
    "規則的",
    # 霊感商法, 悪徳商法: a sales practice; the Commercial Code is 商法 alone, which the title
    # patterns do not take (two kanji or more before 法)
    "商法",
)
