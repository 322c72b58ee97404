"""文書アシスタント (desk_assistant): local-LLM assistant for official documents."""

__version__ = "0.1.0"
