"""Run by test_remote_guard.py in its own interpreter (audit hooks are permanent).

Arguments: a policy.json path (machine policy), the stub server's URL, another
listener's port. Installs the offline guard, opens it for the policy's endpoint
only, then tries the server and other addresses; prints a JSON result line.
"""

import http.client
import json
import socket
import sys

from desk_assistant.errors import DeskError, NetworkBlockedError
from desk_assistant.llm.engine import generate
from desk_assistant.llm.remote import RemoteEngine
from desk_assistant.security.offline import install_offline_guard
from desk_assistant.security.policy import load_policy
from desk_assistant.security.remote_endpoint import (
    allow_in_guard,
    endpoint_from_policy,
    parse_endpoint,
)


def attempt(results, name, func):
    try:
        func()
        results[name] = "allowed"
    except NetworkBlockedError:
        results[name] = "blocked"
    except OSError as err:
        results[name] = "oserror:" + type(err).__name__


def main() -> None:
    policy_path, url, other_port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    install_offline_guard()
    results = {}
    endpoint = endpoint_from_policy(load_policy(files=[policy_path]))
    if endpoint is not None:
        results["allowed_addresses"] = allow_in_guard(endpoint)
        engine = RemoteEngine(endpoint, api_key=lambda: None)
    else:  # a caller that bypasses policy: the guard still refuses
        engine = RemoteEngine(
            parse_endpoint(url, models=("plamo-2-translate",)), api_key=lambda: None
        )
    try:
        engine.load("plamo-2-translate")
        results["generate"] = generate(engine, "日本語")
    except DeskError as err:
        results["generate"] = type(err).__name__
        results["message"] = err.message("en")
    port = int(url.rsplit(":", 1)[1])
    attempt(
        results,
        "other_port",
        lambda: socket.create_connection(("127.0.0.1", other_port), 2).close(),
    )
    attempt(
        results,
        "other_http",
        lambda: http.client.HTTPConnection("127.0.0.1", other_port, timeout=2).connect(),
    )
    attempt(
        results, "other_family_addr", lambda: socket.create_connection(("::1", port), 2).close()
    )
    attempt(results, "dns_elsewhere", lambda: socket.getaddrinfo("example.com", 443))
    attempt(
        results,
        "udp_to_server",
        lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", port)),
    )
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
