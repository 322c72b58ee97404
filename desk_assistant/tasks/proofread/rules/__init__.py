"""Rule modules; importing this package registers every rule in `registry.RULES`."""

from . import (  # noqa: F401
    characters,
    consistency,
    grammar,
    law_citations,
    lexical,
    numerals,
    okurigana,
    organization,
    phrases,
    structure,
)
