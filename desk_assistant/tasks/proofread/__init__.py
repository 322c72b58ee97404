"""公用文チェッカー: deterministic proofreading rules for Japanese official documents.

No Qt and no LLM here. `check_text` runs every registered rule (see `rules/`)
over SudachiPy tokens; word lists live in resources/rules/.
"""

from .config import ProofreadConfig
from .engine import check_text
from .finding import ERROR, INFO, WARNING, Finding, findings_to_json
from .registry import RULES, Rule

__all__ = [
    "ERROR",
    "INFO",
    "RULES",
    "WARNING",
    "Finding",
    "ProofreadConfig",
    "Rule",
    "check_text",
    "findings_to_json",
]
