"""答弁・文書ライブラリ: search past Diet answers and the office's own documents, and ask.

- diet.py      国会会議録 API output (XML/JSON, two JSON shapes) → speeches
- sources.py   files → passages with locations (file + block/page; meeting, speaker, date…)
- library.py   folders, incremental re-indexing (hash), progress/cancel/resume, retention
- ask.py       question → passages → cited answer by the general model → verification
- verify.py    the checks on an answer (citations, figures/dates/names, support)
- store.py     where the index lives and which key opens it (user index, IT shared index)
"""
