"""Latency of the remote engine (HTTP + SSE to llama-cpp-python's server on
127.0.0.1) vs the local child-process engine, same model and prompt, one run.

Rounds alternate local / remote so machine noise hits both alike. Prints each
round (first-token seconds, total seconds, pieces) and the median ratios
remote / local (1.0 = no overhead). Needs the `dev` extra's server packages.

`--translate N` also translates the first N paragraphs of a real document
(default: corpus docx07) segment by segment through the task session, which opens
the local child or the remote engine as policy would, and prints seconds per
segment, the ratio remote / local and how many segments came out identical.

    .venv/bin/python bench/remote_overhead.py [--rounds 5] [--tokens 32] [--model PATH]
        [--translate 8] [--document PATH.docx] [--clients 4]

`--clients C` then has C users translate that document on the server at once and
prints the aggregate segments per second (capacity planning, docs/remote-engine.md).
Load models under the shared lock on a shared machine: `flock /tmp/desk-model.lock …`.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from desk_assistant.llm.engine import GenerationParams, LoadOptions
from desk_assistant.llm.host import ProcessEngine
from desk_assistant.llm.remote import RemoteEngine
from desk_assistant.security.remote_endpoint import parse_endpoint

PROMPT = (
    "以下は市役所の広報誌に掲載された記事である。\n\n"
    "市民会館の大ホールは、舞台設備の改修工事のため、来年4月から半年間休館します。"
)
ALIAS = "gemma-3-270m-demo"  # the catalog id: the session uses its prompt format remotely too
DEFAULT_DOCUMENT = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docx07_gif_499_faq_short.docx"
)


def timed(engine, params) -> tuple[float, float, int]:
    started = time.perf_counter()
    first = 0.0
    pieces = 0
    for _piece in engine.stream(PROMPT, params):
        if not pieces:
            first = time.perf_counter() - started
        pieces += 1
    return first, time.perf_counter() - started, pieces


def start_server(model: Path, threads: int) -> tuple[subprocess.Popen, int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", ALIAS,
         "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "1024", "--n_threads", str(threads),
         "--n_threads_batch", str(threads),  # as the local child: same threads for the prompt
         # Its default cuts a running answer short when another request arrives.
         "--interrupt_requests", "False"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(240):
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return proc, port
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not start")


def sample_document(source: Path, paragraphs: int, folder: Path) -> Path:
    """The first `paragraphs` non-empty paragraphs of `source` as a plain docx."""
    from desk_assistant.documents import load, write_text_docx

    texts = [s.text for s in load(source).segments() if s.text.strip()][:paragraphs]
    path = folder / "sample.docx"
    write_text_docx(path, texts)
    return path


def translate_round(opened, path: Path) -> tuple[float, list[str]]:
    from desk_assistant.documents import load
    from desk_assistant.tasks.translate import translate_document

    document = load(path)
    started = time.perf_counter()
    result = translate_document(
        opened.engine, opened.info.prompt_format, document, source_lang="ja", target_lang="en"
    )
    return time.perf_counter() - started, [s.translation for s in result.segments]


def bench_translation(model: Path, port: int, args) -> None:
    """Segments through the task session: local child vs the server, same model."""
    import tempfile
    from types import SimpleNamespace

    from desk_assistant.security.policy import Policy
    from desk_assistant.session import TaskSession
    from desk_assistant.settings import Settings

    settings = Settings()
    settings.values.update({"engine.n_ctx": 1024, "engine.threads": args.threads})
    settings.values["models.directory"] = str(model.parent)
    endpoint = parse_endpoint(f"http://127.0.0.1:{port}", models=(ALIAS,))
    security = SimpleNamespace(policy=Policy(), remote_endpoint=endpoint)
    session = TaskSession("translate", security, settings)
    local_info = session.resolve_model(str(model), "translate", engine="local")
    remote_info = session.resolve_model(None, "translate", engine="remote")
    with tempfile.TemporaryDirectory() as folder:
        path = sample_document(args.document, args.translate, Path(folder))
        with session.open_model(local_info) as local, session.open_model(remote_info) as remote:
            remote.engine._api_key = lambda: None  # the bench server needs no key
            print(f"translation: {args.translate} segments of {args.document.name}, "
                  f"local format {local.info.prompt_format}, remote format "
                  f"{remote.info.prompt_format}")  # fmt: skip
            translate_round(local, path), translate_round(remote, path)  # warm both
            ratios, same = [], []
            for n in range(args.rounds):
                lt, lout = translate_round(local, path)
                rt, rout = translate_round(remote, path)
                same.append(sum(a == b for a, b in zip(lout, rout, strict=True)))
                ratios.append(rt / lt if lt else float("nan"))
                print(f"round {n + 1}: local {lt / len(lout):.2f} s/segment | remote "
                      f"{rt / len(rout):.2f} s/segment | identical {same[-1]}/{len(lout)}")  # fmt: skip
            print(f"median remote/local translation time: {statistics.median(ratios):.2f}; "
                  f"identical segments (median): {statistics.median(same)}/{args.translate}")  # fmt: skip
            if args.clients > 1:
                concurrent_clients(session, remote_info, path, args.clients, len(lout))


def concurrent_clients(session, info, path: Path, clients: int, segments: int) -> None:
    """Capacity: `clients` users translating the same document at once on the server.
    Prints the server's aggregate segments per second vs one client alone, and how
    many of their segments match the lone client's output (an error or a time-out
    would keep the source text and make the figure look better than it is)."""
    import threading

    def one(results: list) -> None:
        try:
            with session.open_model(info) as opened:
                opened.engine._api_key = lambda: None
                results.append(translate_round(opened, path))
        except Exception as err:  # noqa: BLE001 - counted, not hidden
            results.append((float("nan"), [f"error: {type(err).__name__}"]))

    alone: list = []
    one(alone)
    solo_seconds, solo_output = alone[0]
    together: list = []
    started = time.perf_counter()
    threads = [threading.Thread(target=one, args=(together,)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    same = sum(out == solo_output for _, out in together)
    single = segments / solo_seconds
    aggregate = clients * segments / wall
    waited = statistics.median(t for t, _ in together) / solo_seconds
    print(f"capacity: 1 client {single:.2f} segments/s; {clients} clients at once "
          f"{aggregate:.2f} segments/s in all (x{aggregate / single:.2f}), each waited "
          f"{waited:.2f}x as long; {same}/{clients} clients got the lone client's output")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--translate", type=int, default=0, metavar="N")
    parser.add_argument("--document", type=Path, default=DEFAULT_DOCUMENT)
    parser.add_argument("--clients", type=int, default=1, help="concurrent translating users")
    args = parser.parse_args()
    if args.model is None:
        from desk_assistant.llm import demo_model

        args.model = demo_model.install()
    params = GenerationParams(max_tokens=args.tokens)
    proc, port = start_server(args.model, args.threads)
    local = ProcessEngine()
    try:
        local.load(args.model, LoadOptions(n_ctx=1024, n_threads=args.threads))
        remote = RemoteEngine(
            parse_endpoint(f"http://127.0.0.1:{port}", models=(ALIAS,)), api_key=lambda: None
        )
        remote.load(ALIAS)
        timed(local, params), timed(remote, params)  # warm both
        firsts, totals = [], []
        for n in range(args.rounds):
            lf, lt, lp = timed(local, params)
            rf, rt, rp = timed(remote, params)
            print(f"round {n + 1}: local first {lf:.3f}s total {lt:.3f}s ({lp} pieces) | "
                  f"remote first {rf:.3f}s total {rt:.3f}s ({rp} pieces)")  # fmt: skip
            firsts.append(rf / lf if lf else float("nan"))
            totals.append(rt / lt if lt else float("nan"))
        print(f"median remote/local: first token {statistics.median(firsts):.2f}, "
              f"total {statistics.median(totals):.2f}")  # fmt: skip
        if args.translate:
            local.close()
            bench_translation(args.model, port, args)
    finally:
        local.close()
        proc.kill()
        proc.wait(10)


if __name__ == "__main__":
    main()
