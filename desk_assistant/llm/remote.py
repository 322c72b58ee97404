"""RemoteEngine: the Engine protocol over an IT-run OpenAI-compatible server.

llama.cpp's llama-server or vLLM on the closed network, named by machine policy
(security/remote_endpoint.py). Raw prompts (PLaMo, few-shot) go to
`/v1/completions`, chat messages to `/v1/chat/completions`, both streamed as
server-sent events over stdlib http.client (no new dependency: one request at a
time, no connection pool needed).

- Only the policy's endpoint and model ids: anything else is refused before a
  connection is opened.
- TLS: the policy's CA bundle (else the system store) with host-name check; a
  certificate pin (SHA-256 of the DER) is checked after the handshake and before
  the request is sent. A pin without CA bundle accepts a self-signed certificate
  whose hash matches, and nothing else.
- Cancel closes the socket at once (a watcher thread), so a stalled server cannot
  hold the user's Cancel.
- Generation is not idempotent for the audit: it is never retried. Only the model
  list and tokenize calls are retried once after a connection failure.
- Token counts: the server's tokenize endpoint (llama-server: /tokenize
  {"content"}; vLLM: /tokenize {"model", "prompt"}; llama-cpp-python's server:
  /extras/tokenize {"input"}); a server without one gets `estimate_tokens`.
- The API key comes from the OS keyring (service DeskAssistant, name
  remote-engine-api-key) and is never written to settings, logs or errors.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import math
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import (
    Cancelled,
    EngineNotLoadedError,
    NetworkBlockedError,
    RemoteAuthError,
    RemoteEndpointNotAllowedError,
    RemoteHTTPError,
    RemoteModelMissingError,
    RemoteModelNotAllowedError,
    RemoteOverloadedError,
    RemoteStreamBrokenError,
    RemoteTimeoutError,
    RemoteTLSError,
    RemoteUnreachableError,
)
from ..security.remote_credentials import API_KEY_NAME  # noqa: F401 - re-exported
from ..security.remote_endpoint import RemoteEndpoint
from .engine import CancelToken, GenerationParams, LoadOptions, ModelRuntimeInfo, PromptInput

MAX_LINE = 1024 * 1024  # one SSE line; a longer one is a broken or hostile server
CANCEL_POLL_SECONDS = 0.02


def keyring_api_key() -> str | None:
    """The API key stored in the OS keyring (`remote key set`), or None (no key, or no keyring)."""
    from ..security.remote_credentials import read_api_key

    return read_api_key()


def estimate_tokens(text: str) -> int:
    """A deliberately high estimate for servers without /tokenize.

    Japanese tokenizers of the supported models spend about one token per kana/kanji
    or fewer; other text about one per 3-4 characters. Counting one per non-ASCII
    character plus one per 3 ASCII characters over-estimates, so context budgets
    built on it stay inside the server's window."""
    if not text:
        return 0
    wide = sum(1 for ch in text if ord(ch) > 0x7F)
    return max(1, wide + math.ceil((len(text) - wide) / 3))


class RemoteEngine:
    def __init__(
        self,
        endpoint: RemoteEndpoint,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 120.0,
        api_key: Callable[[], str | None] = keyring_api_key,
    ) -> None:
        self.endpoint = endpoint
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._api_key = api_key
        self.model: str | None = None
        self.n_ctx = 0
        self.last_stats: dict = {}
        self.server_identity: dict = {}  # TLS certificate hash and subject, for selftest
        self._tokenize_style: str | None = None  # "llama" | "vllm" | "none"

    # -- Engine protocol -------------------------------------------------------

    def load(
        self, model_path: Path | str, options: LoadOptions = LoadOptions()
    ) -> ModelRuntimeInfo:
        """`model_path` is the remote model id (one of the policy's RemoteModels)."""
        model = str(model_path)
        if model not in self.endpoint.models:
            raise RemoteModelNotAllowedError(model=model, allowed=", ".join(self.endpoint.models))
        started = time.perf_counter()
        served = self.served_models(retry=True)
        entry = next((m for m in served if m.get("id") == model), None)
        if entry is None:
            shown = ", ".join(str(m.get("id")) for m in served) or "-"
            raise RemoteModelMissingError(model=model, served=shown)
        meta = entry.get("meta") or {}
        n_ctx = int(entry.get("max_model_len") or meta.get("n_ctx_train") or options.n_ctx)
        self.model = model
        self.n_ctx = n_ctx
        return ModelRuntimeInfo(
            path=f"{self.endpoint.url}#{model}",
            n_ctx=n_ctx,
            n_ctx_train=int(meta.get("n_ctx_train") or entry.get("max_model_len") or 0),
            architecture="remote",
            has_chat_template=True,  # the server renders chat; raw formats use /v1/completions
            backend=f"remote {self.endpoint.url}",
            load_seconds=time.perf_counter() - started,
        )

    def served_models(self, *, retry: bool = False) -> list[dict]:
        body = self._json_request("GET", "/v1/models", None, retry=retry)
        data = body.get("data") if isinstance(body, dict) else None
        return [m for m in data if isinstance(m, dict)] if isinstance(data, list) else []

    def stream(
        self,
        prompt: PromptInput,
        params: GenerationParams = GenerationParams(),
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        if self.model is None:
            raise EngineNotLoadedError()
        chat = not isinstance(prompt, str)
        payload = {
            "model": self.model,
            "max_tokens": params.max_tokens,
            "temperature": params.temperature,
            "top_p": params.top_p,
            "top_k": params.top_k,
            "repeat_penalty": params.repeat_penalty,
            "seed": params.seed,
            "stream": True,
        }
        if params.stop:
            payload["stop"] = list(params.stop)
        if chat:
            payload["messages"] = [dict(m) for m in prompt]
            path = "/v1/chat/completions"
        else:
            payload["prompt"] = prompt
            path = "/v1/completions"
        self.last_stats = {}
        if cancel is not None and cancel.cancelled:
            raise Cancelled()
        started = time.perf_counter()
        connection = self._connect()
        done = threading.Event()
        watcher = _CancelWatcher(connection, cancel, done)
        pieces = 0
        first_token = 0.0
        usage: dict = {}
        finish_reason = None
        try:
            response = self._send(connection, "POST", path, payload)
            watcher.start()
            for event in self._events(response, cancel):
                if isinstance(event.get("usage"), dict):
                    usage = event["usage"]
                finish_reason = _finish_reason(event) or finish_reason
                text = _event_text(event, chat)
                if text:
                    if not pieces:
                        first_token = time.perf_counter() - started
                    pieces += 1
                    yield text
                if cancel is not None and cancel.cancelled:
                    raise Cancelled()
            if finish_reason is None:
                # [DONE] without a finish_reason: the server cut the answer short (e.g.
                # llama-cpp-python's interrupt_requests when another user's request
                # arrives). A short answer must not pass as a whole one.
                raise RemoteStreamBrokenError(
                    endpoint=self.endpoint.url, reason="answer ended early, no finish_reason"
                )
        finally:
            done.set()
            connection.close()
        self.last_stats = {
            "finish_reason": finish_reason,
            "cancelled": False,
            "prompt_tokens": int(usage.get("prompt_tokens") or 0),
            "completion_tokens": int(usage.get("completion_tokens") or pieces),
            "seconds": time.perf_counter() - started,
            "first_token_seconds": first_token,
            "endpoint": self.endpoint.url,
            "model": self.model,
        }

    def count_tokens(self, text: str) -> int:
        if self.model is None:
            raise EngineNotLoadedError()
        if not text:
            return 0
        styles = [self._tokenize_style] if self._tokenize_style else list(_TOKENIZE)
        for style in styles:
            if style == "none":
                break
            path, make = _TOKENIZE[style]
            try:
                body = self._json_request("POST", path, make(self.model, text), retry=True)
            except RemoteHTTPError:
                continue  # 404 / 400 / 422: this server does not speak this form
            count = _token_count(body)
            if count is not None:
                self._tokenize_style = style
                return count
        self._tokenize_style = "none"
        return estimate_tokens(text)

    def unload(self) -> None:
        self.model = None

    def close(self) -> None:
        self.model = None

    # -- HTTP ---------------------------------------------------------------

    def _connect(self) -> http.client.HTTPConnection:
        ep = self.endpoint
        try:
            if ep.tls:
                connection = http.client.HTTPSConnection(
                    ep.host, ep.port, timeout=self.connect_timeout, context=self._tls_context()
                )
            else:
                connection = http.client.HTTPConnection(
                    ep.host, ep.port, timeout=self.connect_timeout
                )
            connection.connect()
        except ssl.SSLError as err:
            raise RemoteTLSError(endpoint=ep.url, reason=_reason(err)) from None
        except TimeoutError:
            raise RemoteUnreachableError(endpoint=ep.url, reason="timeout") from None
        except OSError as err:
            if isinstance(err, NetworkBlockedError):  # the offline guard: not this host:port
                raise RemoteEndpointNotAllowedError(endpoint=ep.url, detail=str(err)) from None
            raise RemoteUnreachableError(endpoint=ep.url, reason=_reason(err)) from None
        if ep.tls:
            self._check_pin(connection)
        connection.sock.settimeout(self.read_timeout)
        return connection

    def _tls_context(self) -> ssl.SSLContext:
        ep = self.endpoint
        if ep.pin_sha256 and not ep.ca_bundle:
            # Pin only: the hash of the exact certificate is the trust; checked below.
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        else:
            try:
                context = ssl.create_default_context(cafile=ep.ca_bundle)
            except (OSError, ssl.SSLError) as err:
                raise RemoteTLSError(endpoint=ep.url, reason=f"CA bundle: {_reason(err)}") from None
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context

    def _check_pin(self, connection: http.client.HTTPSConnection) -> None:
        der = connection.sock.getpeercert(binary_form=True) or b""
        digest = hashlib.sha256(der).hexdigest()
        self.server_identity = {"certificate_sha256": digest, "tls": connection.sock.version()}
        if self.endpoint.pin_sha256 and digest != self.endpoint.pin_sha256:
            connection.close()
            raise RemoteTLSError(
                endpoint=self.endpoint.url, reason=f"certificate pin mismatch ({digest[:16]}…)"
            )

    def _send(self, connection, method: str, path: str, payload: dict | None):
        headers = {"Accept": "application/json, text/event-stream"}
        body = None
        if payload is not None:
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        key = self._api_key()
        if key:
            headers["Authorization"] = f"Bearer {key}"
        try:
            connection.request(method, self.endpoint.base_path + path, body=body, headers=headers)
            response = connection.getresponse()
        except TimeoutError:
            raise RemoteTimeoutError(
                seconds=self.read_timeout, endpoint=self.endpoint.url
            ) from None
        except (OSError, http.client.HTTPException) as err:
            raise RemoteUnreachableError(endpoint=self.endpoint.url, reason=_reason(err)) from None
        if response.status >= 400:
            detail = _error_detail(response)
            status = response.status
            if status in (401, 403):
                raise RemoteAuthError(status=status)
            if status in (429, 503):
                raise RemoteOverloadedError(status=status, detail=detail)
            if status == 404 and payload and "model" in payload and "model" in detail.lower():
                raise RemoteModelMissingError(model=payload["model"], served="-", detail=detail)
            raise RemoteHTTPError(endpoint=self.endpoint.url, status=status, detail=detail)
        return response

    def _json_request(self, method: str, path: str, payload: dict | None, *, retry: bool) -> dict:
        attempts = 2 if retry else 1
        for attempt in range(attempts):
            connection = None
            try:
                connection = self._connect()
                response = self._send(connection, method, path, payload)
                raw = response.read(MAX_LINE + 1)
                if len(raw) > MAX_LINE:
                    raise RemoteHTTPError(
                        endpoint=self.endpoint.url, status=response.status, detail="too large"
                    )
                try:
                    return json.loads(raw.decode("utf-8"))
                except ValueError:
                    raise RemoteHTTPError(
                        endpoint=self.endpoint.url, status=response.status, detail="not JSON"
                    ) from None
            except RemoteUnreachableError:
                if attempt + 1 >= attempts:
                    raise
            finally:
                if connection is not None:
                    connection.close()
        raise AssertionError("unreachable")  # pragma: no cover

    def _events(self, response, cancel: CancelToken | None) -> Iterator[dict]:
        """Parsed `data:` events until [DONE]; a stream that ends without it is broken."""
        while True:
            try:
                line = response.readline(MAX_LINE + 1)
            except TimeoutError:
                if cancel is not None and cancel.cancelled:
                    raise Cancelled() from None
                raise RemoteTimeoutError(
                    seconds=self.read_timeout, endpoint=self.endpoint.url
                ) from None
            except (OSError, ValueError, http.client.HTTPException) as err:
                if cancel is not None and cancel.cancelled:
                    raise Cancelled() from None
                raise RemoteStreamBrokenError(
                    endpoint=self.endpoint.url, reason=_reason(err)
                ) from None
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            if not line:
                raise RemoteStreamBrokenError(
                    endpoint=self.endpoint.url, reason="connection closed"
                )
            if len(line) > MAX_LINE:
                raise RemoteStreamBrokenError(endpoint=self.endpoint.url, reason="line too long")
            text = line.decode("utf-8", errors="replace").strip()
            if not text.startswith("data:"):
                continue  # blank separators, ": keep-alive" comments, event: names
            data = text[len("data:") :].strip()
            if data == "[DONE]":
                return
            try:
                event = json.loads(data)
            except ValueError:
                raise RemoteStreamBrokenError(
                    endpoint=self.endpoint.url, reason="malformed event"
                ) from None
            if isinstance(event, dict) and event.get("error"):
                raise RemoteHTTPError(
                    endpoint=self.endpoint.url, status="stream", detail=str(event["error"])[:300]
                )
            if isinstance(event, dict):
                yield event


# Tokenize forms, tried in this order until one answers; the one that did is kept.
_TOKENIZE = {
    "llama-server": ("/tokenize", lambda model, text: {"content": text}),
    "vllm": ("/tokenize", lambda model, text: {"model": model, "prompt": text}),
    "llama-cpp-python": ("/extras/tokenize", lambda model, text: {"model": model, "input": text}),
}


class _CancelWatcher(threading.Thread):
    """Shuts the socket down the moment the user cancels: a blocked read returns at once."""

    def __init__(self, connection, cancel: CancelToken | None, done: threading.Event) -> None:
        super().__init__(name="remote-cancel", daemon=True)
        self.connection, self.cancel, self.done = connection, cancel, done

    def start(self) -> None:
        if self.cancel is not None:
            super().start()

    def run(self) -> None:
        while not self.done.wait(CANCEL_POLL_SECONDS):
            if self.cancel.cancelled:
                sock = self.connection.sock
                if sock is not None:
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                return


def _finish_reason(event: dict) -> str | None:
    choices = event.get("choices")
    if isinstance(choices, list) and choices and isinstance(choices[0], dict):
        reason = choices[0].get("finish_reason")
        return reason if isinstance(reason, str) and reason else None
    return None


def _event_text(event: dict, chat: bool) -> str:
    choices = event.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return ""
    choice = choices[0]
    if chat:
        delta = choice.get("delta") or {}
        text = delta.get("content") if isinstance(delta, dict) else None
    else:
        text = choice.get("text")
    return text if isinstance(text, str) else ""


def _token_count(body: object) -> int | None:
    if not isinstance(body, dict):
        return None
    if isinstance(body.get("count"), int):
        return body["count"]
    tokens = body.get("tokens")
    return len(tokens) if isinstance(tokens, list) else None


def _error_detail(response) -> str:
    try:
        raw = response.read(64 * 1024)
    except (OSError, http.client.HTTPException):
        return ""
    # Servers echo the prompt in some errors (a too-long context): keep their English
    # wording, drop anything else, so no Japanese document text reaches --verbose output.
    return re.sub(r"[^\x20-\x7e]+", "…", raw.decode("utf-8", errors="replace"))[:300]


def _reason(err: BaseException) -> str:
    return getattr(err, "reason", None) or getattr(err, "strerror", None) or type(err).__name__
