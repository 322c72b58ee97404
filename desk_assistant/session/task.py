"""TaskSession: one run of one task, shared by the CLI command and the GUI tab.

The order every task follows (design §10): policy checks (the task, its features,
export) → audit log opened → pipeline → outputs → audit outcome per file. The
policy's DisabledFeatures are enforced here and only here, so the CLI and the
GUI cannot drift apart again (the CLI once used a glossary and wrote the
translation memory under a policy that disabled both).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DeskError
from ..security.policy import Policy
from .audit import AuditedTask
from .outputs import refuse_source


class TaskSession:
    """`security`: security.startup.SecurityContext (policy, audit log, vault), or
    None in tests and tools that run without one. `vault_required`: the CLI stops
    when the vault's key cannot be had; the GUI goes on without memory and resume."""

    def __init__(
        self, task: str, security=None, settings=None, *, vault_required: bool = True
    ) -> None:
        self.task = task
        self.security = security
        self.settings = settings
        self.vault_required = vault_required
        self._memories: dict[tuple[str, str], object] = {}

    # --- policy ---------------------------------------------------------------------

    @property
    def policy(self) -> Policy:
        policy = getattr(self.security, "policy", None)
        return policy if policy is not None else Policy()

    def allows(self, feature: str) -> bool:
        return self.policy.feature_enabled(feature)

    def require(self, feature: str) -> None:
        """FeatureDisabledError (JA/EN, exit 2) when IT switched `feature` off."""
        self.policy.require_feature(feature)

    def begin(self) -> TaskSession:
        """Before any work: the task must be allowed, and the audit log (and its key)
        must open, so a run that cannot be recorded does not start."""
        self.require(self.task)
        if self.security is not None:
            self.security.audit  # noqa: B018 - opening it is the check
        return self

    def audited(self, input_path: Path, model=None) -> AuditedTask:
        """The audit record of this task on one file, written whatever the outcome."""
        return AuditedTask(self.security, self.task, Path(input_path), model)

    # --- engine: this PC or the policy's inference server (session/engines.py) ---------

    @property
    def remote_endpoint(self):
        """The server machine policy names (security/remote_endpoint.py), or None."""
        return getattr(self.security, "remote_endpoint", None)

    def engine_location(self, wanted: str | None = None) -> str:
        """ "local" or "remote"; `wanted`: the user's --engine (else the setting)."""
        from .engines import choose_location

        wanted = wanted or self._setting("engine.location", "auto")
        return choose_location(self.policy, self.remote_endpoint, wanted)

    def resolve_model(self, model: str | None, role: str, *, engine: str | None = None):
        """The ModelInfo this task uses: a local file, or a model id on the server."""
        if self.engine_location(engine) == "remote":
            from .engines import remote_model_info

            return remote_model_info(self.remote_endpoint, self.task, role, model)
        from ..llm.runtime import resolve_model

        return resolve_model(model, role, self._settings())

    def open_model(self, info, progress=None):
        """Load it: the llama.cpp child (hash and allow-list checks) or the server."""
        if info.remote:
            from .engines import open_remote

            return open_remote(info, self.remote_endpoint, self._settings())
        from ..llm.runtime import open_model

        return open_model(info, self._settings(), progress=progress, policy=self.policy)

    def _settings(self):
        if self.settings is not None:
            return self.settings
        from ..settings import Settings

        return Settings.load()

    # --- outputs --------------------------------------------------------------------

    def require_export(self) -> None:
        """Writing a result to a file is the `export` feature."""
        self.require("export")

    def check_output(self, out_path, document=None) -> None:
        """Before a result is written: export allowed, and never over the source."""
        self.require_export()
        refuse_source(out_path, document)

    # --- translation aids -----------------------------------------------------------

    def glossary(self, path):
        """The glossary at `path` (None: none). Refused when IT disabled glossaries."""
        if not path:
            return None
        self.require("glossary")
        from ..tasks.translate import load_glossary

        return load_glossary(path)

    def vault(self):
        """The encrypted store, or None (no security context; or no key and not required)."""
        if self.security is None:
            return None
        if self.vault_required:
            return self.security.vault
        try:
            return self.security.vault
        except DeskError:
            return None

    def memory(self, source_lang: str, target_lang: str, wanted: bool = True):
        """The translation memory for a language pair, one per session; None when the
        user or the settings turned it off, IT disabled it, or there is no vault."""
        if not wanted or not self.allows("translation_memory"):
            return None
        if not self._setting("translate.memory", True):
            return None
        key = (source_lang, target_lang)
        if key not in self._memories:
            vault = self.vault()
            if vault is None:
                return None
            from ..tasks.translate import TranslationMemory, VaultStore, memory_name

            self._memories[key] = TranslationMemory(
                VaultStore(vault, memory_name(source_lang, target_lang)),
                fuzzy_threshold=self._setting("translate.fuzzy_threshold", 85),
            )
        return self._memories[key]

    def font_map(self) -> str:
        """translate.font_map as IT or the user set it (policy FontMap wins): "" the
        built-in map, "off", or "serif=…; sans=…" (settings.parse_font_map)."""
        if self.policy.font_map:
            return self.policy.font_map
        return self._setting("translate.font_map", "") or ""

    def job(self, job_id: str, meta: dict | None = None):
        """The resumable job state kept in the vault; None when IT disabled the history
        (nothing about the user's jobs is kept) or there is no vault."""
        if not self.allows("history"):
            return None
        vault = self.vault()
        if vault is None:
            return None
        from ..tasks.translate import Job, VaultJobStore

        return Job(VaultJobStore(vault), job_id, meta=meta)

    def _setting(self, key: str, default):
        from ..settings import BY_KEY

        if self.settings is None or key not in BY_KEY:
            return default
        return self.settings.get(key)
