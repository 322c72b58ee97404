"""Self-test: can this machine run a model? Used by `desk-assistant selftest` and the GUI."""

from __future__ import annotations

import time

from . import __version__, i18n
from .errors import DeskError
from .llm import hardware
from .llm.engine import GenerationParams, generate
from .llm.prompts import TaskRequest, build_prompt
from .llm.runtime import open_model, resolve_model
from .settings import Settings


def run_selftest(settings: Settings, model: str | None = None, security=None) -> dict:
    """Checks in order; a failing step is recorded with its message and stops the rest.
    `security`: the SecurityContext from start-up (policy, guard, keys) or None."""
    policy = security.policy if security is not None else None
    report: dict = {"version": __version__, "ok": False, "steps": []}
    hw = hardware.detect(with_llama=False)
    report["hardware"] = hw.to_dict()

    def step(name: str, ok: bool, detail: str = "", **extra) -> None:
        report["steps"].append({"step": name, "ok": ok, "detail": detail, **extra})

    job = None  # the self-test runs the model: audited like a task ("started" first)
    try:
        info = resolve_model(model, "general", settings)
        step("model_found", True, str(info.path), model_id=info.id, demo=info.demo)
        if security is not None:
            job = security.audit.start(task="selftest", model_id=info.id)
        started = time.perf_counter()
        with open_model(info, settings, policy=policy) as opened:
            if job is not None:
                job.model_sha256 = opened.sha256 or None
            step(
                "sha256",
                True,
                opened.sha256 or i18n.tr("確認を省略", "skipped"),
                expected=info.expected_sha256,
            )
            rt = opened.runtime
            report["hardware"].update(
                gpu_offload=rt.gpu_offload_supported,
                backend=rt.backend,
                n_threads=rt.n_threads,
                n_gpu_layers=rt.n_gpu_layers,
            )
            child_hw = getattr(opened.engine, "hardware", {})
            for key in ("llama_cpp_version", "cpu_features"):
                report["hardware"][key] = child_hw.get(key, "")
            report["model"] = {
                "id": info.id,
                "path": str(info.path),
                "sha256": opened.sha256,
                "expected_sha256": info.expected_sha256,
                "demo": info.demo,
            }
            step(
                "load",
                True,
                f"{time.perf_counter() - started:.2f} s",
                n_ctx=rt.n_ctx,
                architecture=rt.architecture,
                warnings=rt.warnings,
            )
            request = TaskRequest(
                instruction="Answer with the capital city.",
                text="Japan",
                examples=[("France", "Paris"), ("Italy", "Rome")],
                input_label="Country",
                output_label="Capital",
            )
            prompt, params = build_prompt(
                info.prompt_format, request, GenerationParams(max_tokens=16)
            )
            t0 = time.perf_counter()
            text = generate(opened.engine, prompt, params)
            seconds = time.perf_counter() - t0
            stats = dict(getattr(opened.engine, "last_stats", {}) or {})
            tokens = stats.get("completion_tokens", 0)
            ok = bool(text.strip())
            step(
                "generate",
                ok,
                text.strip()[:80],
                seconds=round(seconds, 3),
                tokens_per_second=round(tokens / seconds, 1) if seconds and tokens else None,
            )
        report["ok"] = all(s["ok"] for s in report["steps"])
    except DeskError as err:
        step("error", False, err.message())
    finally:
        if job is not None:
            try:
                job.finish("ok" if report["ok"] else "error")
            except DeskError as err:
                step("audit", False, err.message())
                report["ok"] = False
    if security is not None and getattr(security, "remote_endpoint", None) is not None:
        report["remote_engine"] = remote_engine_report(security.remote_endpoint)
        step(
            "remote_engine",
            not report["remote_engine"].get("error"),
            report["remote_engine"].get("error")
            or i18n.tr(
                f"推論サーバー {security.remote_endpoint.url} に接続できます",
                f"inference server {security.remote_endpoint.url} reachable",
            ),
        )
        report["ok"] = report["ok"] and report["steps"][-1]["ok"]
    if security is not None:
        # After the run, so the network-attempt count covers loading and generating.
        report["security"] = security.report()
        attempts = report["security"]["offline"].get("network_attempts", 0)
        step(
            "offline",
            bool(report["security"]["offline"].get("guard_active")) and attempts == 0,
            i18n.tr(
                f"オフライン保護 有効、通信試行 {attempts} 件",
                f"offline guard active, {attempts} network attempts",
            ),
        )
        report["ok"] = report["ok"] and report["steps"][-1]["ok"]
    return report


def remote_engine_report(endpoint) -> dict:
    """The policy's inference server as IT sees it: URL, TLS identity, models it serves.

    Asks only GET /v1/models (no document is sent)."""
    from .llm.remote import RemoteEngine

    engine = RemoteEngine(endpoint, connect_timeout=5.0, read_timeout=15.0)
    found: dict = dict(endpoint.describe())
    try:
        served = [str(m.get("id")) for m in engine.served_models(retry=False)]
        found["served_models"] = served
        found["allowed_models_missing"] = [m for m in endpoint.models if m not in served]
    except DeskError as err:
        found["error"] = err.message()
    found["tls"] = engine.server_identity or None
    return found
