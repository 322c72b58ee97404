"""Limits on size, depth and work for reading untrusted documents.

A hostile file must end in a clear error (or a partial result with a warning)
long before it can exhaust memory or time. Sizes are checked while data is
decompressed, not only against what the file declares; work is counted in
operations (deterministic, machine independent), not seconds.
"""

from __future__ import annotations

# .docx packages
MAX_XML_PART = 64 * 1024 * 1024  # one XML part, decompressed (lxml needs several times this)
MAX_XML_TOTAL = 160 * 1024 * 1024  # all XML parts together, decompressed
MAX_ELEMENTS = 3_000_000  # XML elements across the parts we walk
MAX_PARAGRAPH_CHARS = 1_000_000  # text of one paragraph kept for the tasks
MAX_PARAGRAPHS = 50_000  # paragraphs in all stories (a 2,000-page report has ~30,000)

# PDF
MAX_PDF_PAGES = 5_000
# pypdf parses a content stream in Python (~1 s per MB on a busy PC) before it
# interprets it; real text pages hold < 1 MB and < 10,000 operators.
MAX_PAGE_CONTENT = 4 * 1024 * 1024  # one page's decoded content stream(s)
MAX_PAGE_OPERATIONS = 200_000  # content-stream operators interpreted per page
MAX_PDF_OPERATIONS = 5_000_000  # … per document
# The layout pass (pdfplumber/pdfminer, ~5x pypdf's time and an object per
# character): pages over these keep pypdf's text. A dense A4 page has < 5,000
# characters and < 20,000 operators.
MAX_LAYOUT_PAGE_CHARS = 20_000
MAX_LAYOUT_PAGE_OPERATIONS = 60_000
MAX_LAYOUT_CHARS = 3_000_000  # per document (~1,000 dense pages); later pages keep pypdf's
