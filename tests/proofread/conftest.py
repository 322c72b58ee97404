from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    from .test_conformance import RESULTS

    if not RESULTS:
        return
    write = terminalreporter.write_line
    write("")
    write("textlint-ja conformance (pass/run; deliberate differences; skipped; positions matched)")
    for suite, r in sorted(RESULTS.items()):
        run = r["pass"] + r["fail"]
        pos = f"{r['pos_ok']}/{r['pos_n']}" if r["pos_n"] else "-"
        write(
            f"  {suite:28s} {r['pass']:3d}/{run:<3d} different {r['different']:2d}  skipped {r['skip']:2d}  positions {pos}"
        )
