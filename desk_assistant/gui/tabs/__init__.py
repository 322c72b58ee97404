"""The three task tabs: 翻訳 / 要約 / 校正. Each talks to the window through a
small surface (document, model(role), start_job, show_error, status)."""
