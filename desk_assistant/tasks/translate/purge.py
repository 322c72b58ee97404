"""The translation-memory purge rule, shared by `desk-assistant memory purge` and the
window's translate tab (翻訳メモリを点検): an entry that fails today's translation
checks (a warning or an error) is taken out, so it is never reused."""

from __future__ import annotations

from ... import i18n
from .checks import check_segment
from .tiers import memory_clean


def is_bad(source_lang: str, target_lang: str):
    """The purge rule: the entry has a warning or error finding by today's checks, or a
    content finding told as worth a look (tiers.memory_clean)."""
    from ...documents.tags import strip_tags

    def check(source: str, target: str) -> bool:
        findings = check_segment(
            strip_tags(source), strip_tags(target), (), source_lang, target_lang
        )
        return not memory_clean(findings)

    return check


def purge_memory(memory, source: str, target: str, everything: bool = False) -> tuple[int, int]:
    """Remove the bad entries (or all) and save; (entries before, entries removed).
    The CLI and the window's translate tab both purge through here."""
    before = len(memory)
    removed = memory.purge((lambda s, t: True) if everything else is_bad(source, target))
    memory.save()
    return before, len(removed)


def purged_message(source: str, target: str, before: int, removed: int) -> str:
    return i18n.tr(
        f"翻訳メモリ {source}→{target}: {before} 件中 {removed} 件を削除しました",
        f"translation memory {source}→{target}: removed {removed} of {before}",
    )
