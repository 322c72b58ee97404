"""Summaries in a chosen style (styles are data in resources/styles/).

This first version does one pass when the document fits the model's context;
map-reduce for long documents and the grounding check come with the summarize issue.
"""

from .pipeline import SummaryResult, summarize
from .styles import Style, find_style, load_styles

__all__ = ["Style", "SummaryResult", "find_style", "load_styles", "summarize"]
