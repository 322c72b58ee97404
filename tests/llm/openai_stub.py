"""A tiny OpenAI-compatible server (stdlib http.server) for the remote engine's tests.

Speaks what llama-server speaks: GET /v1/models, POST /v1/completions and
/v1/chat/completions (SSE when "stream": true, ending with `data: [DONE]`),
POST /tokenize. Behaviour is chosen by the prompt text so one server covers
every case: "SLOW" streams one piece every 0.2 s for a long time, "OVERLOAD"
answers 429, "BUSY" 503, "CUT" sends two pieces and closes the socket without
[DONE], "INTERRUPT" sends two pieces and [DONE] with no finish_reason. GET /_count
tells how many connections it accepted before that one.

Tests run it in its own process (`StubProcess`): other tests call the CLI's
main() in the pytest process, which installs the offline guard for good, and the
guard refuses a server's bind there. `allow_in_this_process` opens that guard
(when installed) for the stub's port only, as policy would for a real server.
"""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_ID = "plamo-2-translate"
REPLY = "これは翻訳です。This is the translation."


class StubServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *, tokenize: bool = True, api_key: str | None = None, tls=None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.accepted = 0
        self.tokenize = tokenize
        self.api_key = api_key
        self.requests: list[dict] = []
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.socket = context.wrap_socket(self.socket, server_side=True)

    def verify_request(self, request, client_address) -> bool:
        self.accepted += 1
        return True

    @property
    def port(self) -> int:
        return self.server_address[1]

    def start(self) -> StubServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet tests
        pass

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/_count":
            self._json(200, {"accepted": self.server.accepted - 1})
        elif self.path == "/_requests":
            self._json(200, {"requests": self.server.requests})
        elif self.path == "/v1/models":
            if not self._authorized():
                return
            self._json(
                200, {"object": "list", "data": [{"id": MODEL_ID, "meta": {"n_ctx_train": 8192}}]}
            )
        else:
            self._json(404, {"error": {"message": "not found"}})

    def _authorized(self) -> bool:
        key = self.server.api_key
        if key and self.headers.get("Authorization") != f"Bearer {key}":
            self._json(401, {"error": {"message": "invalid api key"}})
            return False
        return True

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append({"path": self.path, "body": body})
        if not self._authorized():
            return
        if self.path == "/tokenize":
            if not self.server.tokenize:
                self._json(404, {"error": {"message": "not found"}})
            else:
                self._json(200, {"tokens": list(range(len(body.get("content", "")) // 2 + 1))})
            return
        if self.path not in ("/v1/completions", "/v1/chat/completions"):
            self._json(404, {"error": {"message": "not found"}})
            return
        if body.get("model") != MODEL_ID:
            self._json(404, {"error": {"message": f"model {body.get('model')} not found"}})
            return
        chat = self.path.endswith("chat/completions")
        text = body["messages"][-1]["content"] if chat else body.get("prompt", "")
        if "OVERLOAD" in text:
            self._json(429, {"error": {"message": "too many requests"}})
            return
        if "BUSY" in text:
            self._json(503, {"error": {"message": "loading model"}})
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        pieces = [REPLY[i : i + 4] for i in range(0, len(REPLY), 4)]
        delay = 0.0
        if "SLOW" in text:
            pieces, delay = ["遅い"] * 300, 0.2
        try:
            for n, piece in enumerate(pieces):
                if "CUT" in text and n == 2:
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if "INTERRUPT" in text and n == 2:
                    break  # [DONE] with no finish_reason, as an interrupted llama-cpp-python
                last = n == len(pieces) - 1
                choice = (
                    {"index": 0, "delta": {"content": piece}}
                    if chat
                    else {"index": 0, "text": piece}
                )
                choice["finish_reason"] = "stop" if last else None
                self._event({"choices": [choice]})
                if delay:
                    time.sleep(delay)
            self._event(
                {"choices": [], "usage": {"prompt_tokens": 7, "completion_tokens": len(pieces)}}
            )
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
        except OSError:
            return  # the client went away (cancel)
        self.close_connection = True

    def _event(self, event: dict) -> None:
        self.wfile.write(
            b": keep-alive\n\ndata: " + json.dumps(event, ensure_ascii=False).encode() + b"\n\n"
        )
        self.wfile.flush()


def allow_in_this_process(port: int) -> None:
    from desk_assistant.security.offline import current_guard

    guard = current_guard()
    if guard is not None:
        guard.allow_endpoint("127.0.0.1", port)


class StubProcess:
    """The stub in a child process; `accepted()` / `requests()` ask it over HTTP."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True
        )
        self.port = int(self.proc.stdout.readline())
        self.tls = "--tls" in args
        allow_in_this_process(self.port)
        # Connections the tests' own queries make are not counted.
        self._own = 0

    def _get(self, path: str) -> dict:
        import http.client

        if self.tls:
            conn = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=10, context=ssl._create_unverified_context()
            )
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path)
            return json.loads(conn.getresponse().read())
        finally:
            conn.close()
            self._own += 1

    def accepted(self) -> int:
        return self._get("/_count")["accepted"] - (self._own - 1)

    def requests(self) -> list[dict]:
        return self._get("/_requests")["requests"]

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait(10)


def free_port() -> int:
    """A free port, found in a child process (a guarded process may not bind)."""
    code = "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])"
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)


if __name__ == "__main__":
    args = sys.argv[1:]
    tls = None
    if "--tls" in args:
        at = args.index("--tls")
        tls = (args[at + 1], args[at + 2])
    key = args[args.index("--api-key") + 1] if "--api-key" in args else None
    server = StubServer(tokenize="--no-tokenize" not in args, tls=tls, api_key=key)
    print(server.port, flush=True)
    server.serve_forever()
