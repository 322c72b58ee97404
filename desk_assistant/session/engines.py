"""Where a task's inference runs: this PC (llama.cpp child) or the policy's server.

The choice, for CLI and GUI alike:
- No RemoteEndpoint in machine policy (or a malformed one): this PC. Asking for
  the server is then RemoteNotConfiguredError; nothing is sent anywhere.
- Policy RemoteEngineUse "local-only" / "remote-only": IT's choice, shown as a
  managed setting (engine.location is locked); asking for the other one is
  EngineChoiceLockedError.
- "user-choice" (default): the user's `--engine` or setting engine.location;
  "auto" means the server.

On the server each task uses the model id IT named for it (RemoteModelTranslate /
Summarize / Proofread, else the first of RemoteModels); `--model` may pick another
id of the policy's list. The prompt format comes from the model catalog when the
id is a catalog id (name the model on the server so: llama-server --alias, vLLM
--served-model-name); other ids use the server's chat template.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import EngineChoiceLockedError, RemoteModelNotAllowedError, RemoteNotConfiguredError

LOCATIONS = ("auto", "local", "remote")


def choose_location(policy, endpoint, wanted: str | None) -> str:
    """ "local" or "remote" for a task, from policy, the endpoint in force and the
    user's wish (None or "auto": no wish)."""
    wanted = wanted or "auto"
    use = getattr(policy, "remote_engine_use", "user-choice")
    if endpoint is None:
        if wanted == "remote":
            raise RemoteNotConfiguredError()
        return "local"
    if use == "local-only":
        if wanted == "remote":
            raise EngineChoiceLockedError(locked="local", wanted="remote")
        return "local"
    if use == "remote-only":
        if wanted == "local":
            raise EngineChoiceLockedError(locked="remote", wanted="local")
        return "remote"
    return "local" if wanted == "local" else "remote"


def remote_model_info(endpoint, task: str, role: str, model: str | None):
    """The ModelInfo of the model `task` uses on the server (`model`: the user's pick)."""
    from ..llm.catalog import ModelInfo, load_catalog

    model_id = model or endpoint.model_for(task)
    if model_id not in endpoint.models:
        # Refused here, before any connection (RemoteEngine.load checks it again).
        raise RemoteModelNotAllowedError(model=model_id, allowed=", ".join(endpoint.models))
    entry = next((e for e in load_catalog() if e.id == model_id), None)
    return ModelInfo(
        id=model_id,
        path=Path(model_id),
        name=entry.name if entry else model_id,
        roles=(role,),
        prompt_format=entry.prompt_format if entry else "chat_template",
        size=0,
        entry=entry,
        languages=entry.languages if entry else ("ja", "en"),
        remote=endpoint.url,
    )


def open_remote(info, endpoint, settings, engine=None):
    """Connect to the server and check the model is served; an OpenModel whose
    `endpoint` names the server (for the audit log)."""
    from ..llm.remote import RemoteEngine
    from ..llm.runtime import OpenModel, load_options

    engine = engine or RemoteEngine(endpoint)
    try:
        runtime = engine.load(info.id, load_options(settings))
    except BaseException:
        engine.close()
        raise
    return OpenModel(info=info, engine=engine, runtime=runtime, sha256="", endpoint=endpoint.url)
