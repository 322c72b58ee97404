"""One call at start-up that puts every security piece in place, in the right order.

    ctx = secure_startup(settings)      # CLI main() and the GUI, before anything else
    for text in ctx.warnings: show(text)

Order matters: the offline guard first (before any import that might phone
home), then policy (it decides the UI language, log folder, key fallback),
then retention. Keys are fetched lazily, on first use of `ctx.vault` or
`ctx.audit`, so commands that never touch them never touch the keyring.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import fileio, i18n
from ..errors import DeskError
from . import keys
from .audit import AuditLog, default_audit_path
from .audit_mirror import default_mirror
from .offline import OfflineGuard, install_offline_guard, offline_report
from .policy import Policy, apply_policy, load_policy
from .remote_endpoint import RemoteEndpoint, allow_in_guard, endpoint_from_policy
from .retention import apply_retention
from .vault import Vault, default_vault_dir


def _stderr(text: str) -> None:
    sys.stderr.write(text + "\n")


@dataclass
class SecurityContext:
    guard: OfflineGuard
    policy: Policy
    retention_days: int | None
    purged: list[Path] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)  # vault blobs pruned by inner times
    warnings: list[str] = field(default_factory=list)
    on_warning: Callable[[str], None] = _stderr
    key_sources: dict[str, str] = field(default_factory=dict)  # key name -> keyring | file
    # The policy's inference server (remote_endpoint.py) and the addresses the guard
    # resolved for it once; None / [] when the app is fully local.
    remote_endpoint: RemoteEndpoint | None = None
    remote_addresses: list[str] = field(default_factory=list)
    _vault: Vault | None = None
    _audit: AuditLog | None = None

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)
            self.on_warning(text)

    def key(self, name: str) -> bytes:
        result = keys.load_or_create_key(name, self.policy)
        self.key_sources[name] = result.source
        if result.warning:
            if keys.fallback_warning_due(name):
                self.warn(result.warning)  # once per login session, not per command
            elif result.warning not in self.warnings:
                self.warnings.append(result.warning)  # still in selftest's report
        return result.key

    @property
    def vault(self) -> Vault:
        if self._vault is None:
            self._vault = Vault(default_vault_dir(), self.key(keys.VAULT_KEY))
            # Retention by the times inside the ciphertext, per entry (file times lie).
            self.pruned = self._vault.apply_retention(self.retention_days)
        return self._vault

    @property
    def audit(self) -> AuditLog:
        if self._audit is None:
            self._audit = AuditLog(
                default_audit_path(self.policy), self.key(keys.AUDIT_KEY), default_mirror()
            )
        return self._audit

    def report(self) -> dict:
        """The security part of `selftest --report`: guard, policy, keys, audit chain, retention."""
        audit: dict = {"path": str(default_audit_path(self.policy))}
        try:
            audit.update(self.audit.verify().as_dict())
        except DeskError as err:  # no log yet, or no key: say so rather than fail the report
            audit["error"] = err.message()
        return {
            "offline": offline_report(),
            "policy": {**self.policy.as_dict(), "present": self.policy.present},
            "keys": {**self.key_sources, "keyring_backend": keys.keyring_backend_name()},
            "audit": audit,
            "vault_dir": str(default_vault_dir()),
            "retention_days": self.retention_days,
            "purged_at_startup": len(self.purged),
            "pruned_by_inner_times": len(self.pruned),
            "controls": controls_report(self.policy, audit),
            "remote_engine": (
                {
                    **self.remote_endpoint.describe(),
                    "guard_allows": self.remote_addresses,
                    # Who chooses this PC or the server (RemoteEngineUse).
                    "engine_use": self.policy.remote_engine_use,
                }
                if self.remote_endpoint is not None
                else None
            ),
            "warnings": list(self.warnings),
        }


# Developer/test variables that production ignores (deployment.py).
OVERRIDE_VARS = (
    "DESK_ASSISTANT_HOME",
    "DESK_ASSISTANT_RESOURCES",
    "DESK_ASSISTANT_POLICY",
    "DESK_ASSISTANT_GUARD_LOG",
)


def controls_report(policy: Policy, audit: dict) -> dict:
    """Issue 14's controls, each as observed in this process (for IT's selftest report)."""
    import os
    import stat

    from .. import deployment, timeouts
    from ..errors import shown
    from .audit_mirror import default_mirror
    from .csv_safe import csv_cell
    from .processes import process_guard_active, refused

    production = deployment.production()
    mirror = default_mirror()
    log_path = Path(audit["path"])
    try:
        log_mode = oct(stat.S_IMODE(log_path.stat().st_mode))
    except OSError:
        log_mode = None
    set_overrides = [v for v in OVERRIDE_VARS if os.environ.get(v)]
    return {
        "production": production,
        "frozen": deployment.is_frozen(),
        "machine_policy_present": deployment.machine_policy_present(),
        "policy_sources": list(policy.sources),
        "env_overrides_set": set_overrides,
        "env_overrides_ignored": set_overrides if production else [],
        "model_hash_at_every_load": policy.require_model_hash,
        "model_hash_cache_trusted_for_allow_list": False,
        "audit_started_records": True,
        "audit_mirror": mirror.name,
        "audit_mirror_readable": mirror.read() is not None,
        "audit_mirror_compared": audit.get("mirror"),
        "audit_user_source": "os-account",
        "audit_log_mode": log_mode,
        "keyring_backend_selection": "platform (user keyringrc.cfg and PYTHON_KEYRING_BACKEND ignored)",
        "keyring_fallback_allowed": policy.allow_keyring_fallback,
        "child_processes_refused": process_guard_active(),
        "child_processes_refused_count": len(refused),
        "key_file_sealing": "dpapi-user" if keys.dpapi_available() else "owner-only file (0600)",
        "vault_retention": "per entry, by times inside the ciphertext",
        "vault_quarantine": "undecryptable blobs moved to vault/quarantine",
        "chat_template_time_limit_s": timeouts.TEMPLATE_SECONDS,
        "generation_time_limits_s": {
            "first_token": timeouts.FIRST_TOKEN_SECONDS,
            "between_tokens": timeouts.TOKEN_GAP_SECONDS,
        },
        "outputs_drop_external_links": True,
        "file_names_printed_escaped": shown("\x1b[2J") == "\\x1b[2J",
        "csv_export_neutralised": csv_cell("=1+1") == "'=1+1" and "\n" not in csv_cell("a\nb"),
    }


def secure_startup(
    settings=None,
    *,
    on_warning: Callable[[str], None] = _stderr,
    policy: Policy | None = None,
) -> SecurityContext:
    """Install the guard, load and apply policy, run retention. Never raises for a bad policy."""
    guard = install_offline_guard()
    policy = policy or load_policy()
    fileio.owner_only_outputs = policy.owner_only_outputs
    if policy.ui_language:  # otherwise --lang / the user's setting, as the caller chose
        i18n.set_language(policy.ui_language)
    if settings is not None:
        apply_policy(policy, settings)
        days = settings.get("data.retention_days")
    else:
        days = policy.retention_days
    ctx = SecurityContext(guard, policy, days or None, on_warning=on_warning)
    for problem in policy.problems:
        ctx.warn(problem)
    _allow_remote_endpoint(ctx)
    ctx.purged = apply_retention(days, [default_vault_dir()])
    return ctx


def _allow_remote_endpoint(ctx: SecurityContext) -> None:
    """Machine policy names an inference server: open the guard for exactly its host:port."""
    try:
        endpoint = endpoint_from_policy(ctx.policy)
        if endpoint is None:
            return  # fully local: the guard refuses every connection
        ctx.remote_addresses = allow_in_guard(endpoint)
        ctx.remote_endpoint = endpoint
    except DeskError as err:  # malformed keys: stay local, say why
        ctx.warn(err.message())
    except OSError as err:  # the name does not resolve: stay local, say why
        ctx.warn(
            i18n.tr(
                f"推論サーバーの名前を解決できません（{err}）。ローカルで動作します。",
                f"The inference server's name does not resolve ({err}); running locally.",
            )
        )
