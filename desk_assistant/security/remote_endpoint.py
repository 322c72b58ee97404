"""The shared inference server IT allows by machine policy, checked before any byte leaves.

Without RemoteEndpoint in machine policy there is no remote endpoint and the app
stays fully local. With it: HTTPS only (plain HTTP only to the literal loopback
addresses 127.0.0.1 and ::1, for a server on the same PC), no user name,
password, query or fragment in the URL, an optional CA bundle and/or
certificate pin, and a non-empty list of model ids. `allow_in_guard` opens the
offline guard for exactly that host:port (resolved once) and nothing else.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..errors import RemotePolicyError

LOOPBACK_LITERALS = frozenset({"127.0.0.1", "::1"})
_PIN = re.compile(r"^(sha256[:/])?([0-9a-f]{64})$")


@dataclass(frozen=True)
class RemoteEndpoint:
    url: str  # normalized: scheme://host:port/base (no trailing slash)
    scheme: str
    host: str
    port: int
    base_path: str
    ca_bundle: str | None
    pin_sha256: str | None  # lower-case hex of the server certificate's DER
    models: tuple[str, ...]
    # (task, model id) from RemoteModelTranslate / Summarize / Proofread.
    task_models: tuple[tuple[str, str], ...] = ()

    @property
    def tls(self) -> bool:
        return self.scheme == "https"

    def model_for(self, task: str) -> str:
        """The model id `task` uses on the server: its own policy key, else (tasks
        without one: library, laws) the summary model, else the first allowed id."""
        chosen = dict(self.task_models)
        return chosen.get(task) or chosen.get("summarize") or self.models[0]

    def describe(self) -> dict:
        """For selftest reports and audit records (no secret in it)."""
        return {
            "url": self.url,
            "ca_bundle": self.ca_bundle,
            "certificate_pin_sha256": self.pin_sha256,
            "models": list(self.models),
            "task_models": dict(self.task_models),
        }


def endpoint_from_policy(policy) -> RemoteEndpoint | None:
    """None when machine policy names no server; RemotePolicyError when it is malformed."""
    url = getattr(policy, "remote_endpoint", None)
    task_models = tuple(
        (task, model)
        for task, model in (
            ("translate", getattr(policy, "remote_model_translate", None)),
            ("summarize", getattr(policy, "remote_model_summarize", None)),
            ("proofread", getattr(policy, "remote_model_proofread", None)),
        )
        if model
    )
    if not url:
        if (
            policy.remote_models
            or policy.remote_certificate_pin
            or policy.remote_ca_bundle
            or task_models
        ):
            raise RemotePolicyError(what="RemoteEndpoint")
        return None
    # A model IT names for a task is allowed as if it were in RemoteModels.
    models = tuple(dict.fromkeys([*policy.remote_models, *(m for _, m in task_models)]))
    endpoint = parse_endpoint(
        url,
        ca_bundle=policy.remote_ca_bundle,
        pin=policy.remote_certificate_pin,
        models=models,
    )
    return replace(endpoint, task_models=task_models)


def parse_endpoint(
    url: str, *, ca_bundle: str | None = None, pin: str | None = None, models=()
) -> RemoteEndpoint:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise RemotePolicyError(what=f"RemoteEndpoint {url!r}") from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in ("https", "http") or not host:
        raise RemotePolicyError(what=f"RemoteEndpoint {url!r}: https://host:port")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise RemotePolicyError(what="RemoteEndpoint: user, password, query or fragment")
    if scheme == "http" and host not in LOOPBACK_LITERALS:
        # Documents in clear text on the network: refused whatever else is set.
        raise RemotePolicyError(what=f"RemoteEndpoint {url!r}: HTTPS only (HTTP: 127.0.0.1 / ::1)")
    if scheme == "http" and (ca_bundle or pin):
        raise RemotePolicyError(what="RemoteCABundle / RemoteCertificatePin need https")
    pin_hex = None
    if pin:
        found = _PIN.match(pin.strip().lower().replace(" ", ""))
        if not found:
            raise RemotePolicyError(what="RemoteCertificatePin: SHA-256 (64 hex digits)")
        pin_hex = found.group(2)
    model_ids = tuple(m for m in models if m)
    if not model_ids:
        raise RemotePolicyError(what="RemoteModels")
    port = port or (443 if scheme == "https" else 80)
    base = parts.path.rstrip("/")
    if base.endswith("/v1"):
        base = base[: -len("/v1")]
    shown_host = f"[{host}]" if _is_ipv6(host) else host
    return RemoteEndpoint(
        url=f"{scheme}://{shown_host}:{port}{base}",
        scheme=scheme,
        host=host,
        port=port,
        base_path=base,
        ca_bundle=ca_bundle or None,
        pin_sha256=pin_hex,
        models=model_ids,
    )


def allow_in_guard(endpoint: RemoteEndpoint) -> list[str]:
    """Let the installed offline guard pass exactly this host:port; the addresses it resolved."""
    from .offline import current_guard

    guard = current_guard()
    if guard is None:
        return []
    return guard.allow_endpoint(endpoint.host, endpoint.port)


def _is_ipv6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False
