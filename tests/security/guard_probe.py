"""Run by test_offline.py in its own interpreter: probes the network with and without the guard.

Argument: "guard" installs the offline guard first; "none" is the control run.
"""

import http.client
import json
import multiprocessing as mp
import os
import socket
import sys
import urllib.request
from multiprocessing.connection import Client, Listener

from desk_assistant.errors import NetworkBlockedError
from desk_assistant.security.offline import GuardedTarget, install_offline_guard, offline_report


def attempt(results, name, func):
    try:
        func()
        results[name] = "allowed"
    except NetworkBlockedError:
        results[name] = "blocked"
    except OSError as err:
        results[name] = "oserror:" + type(err).__name__


def child_main(conn, port):
    from desk_assistant.security.offline import current_guard

    results = {"child_guard": current_guard() is not None}
    attempt(
        results, "child_connect", lambda: socket.create_connection(("127.0.0.1", port), timeout=2)
    )
    conn.send({"echo": conn.recv(), **results})
    conn.close()


# socket.py's Windows socketpair() fallback, in outline: a loopback listener + connect.
FALLBACK_SOCKETPAIR = """
def socketpair():
    import socket
    lsock = socket.socket()
    try:
        lsock.bind(("127.0.0.1", 0))
        lsock.listen()
        csock = socket.socket()
        csock.connect(lsock.getsockname())
        ssock, _ = lsock.accept()
    finally:
        lsock.close()
    return ssock, csock
"""


def probe_socketpair(filename):
    namespace = {}
    exec(compile(FALLBACK_SOCKETPAIR, filename, "exec"), namespace)
    try:
        left, right = namespace["socketpair"]()
    except NetworkBlockedError:
        return "blocked"
    left.sendall(b"ping")
    ok = right.recv(4) == b"ping"
    left.close()
    right.close()
    return "works" if ok else "broken"


def main():
    with_guard = sys.argv[1] == "guard"
    # A real listener, opened before the guard: an allowed connect would be accepted.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.3)
    port = server.getsockname()[1]

    results = {}
    guard = None
    if with_guard:
        guard = install_offline_guard()
        results["idempotent"] = install_offline_guard() is guard
    attempt(
        results,
        "create_connection",
        lambda: socket.create_connection(("127.0.0.1", port), timeout=2).close(),
    )
    attempt(results, "raw_connect", lambda: socket.socket().connect(("127.0.0.1", port)))
    attempt(results, "getaddrinfo_remote", lambda: socket.getaddrinfo("example.org", 80))
    attempt(results, "getaddrinfo_localhost", lambda: socket.getaddrinfo("localhost", 80))
    attempt(results, "gethostbyname", lambda: socket.gethostbyname("localhost"))
    attempt(
        results,
        "udp_sendto",
        lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", port)),
    )
    attempt(
        results, "urlopen", lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=0.3)
    )
    attempt(
        results,
        "http_client",
        lambda: http.client.HTTPConnection("127.0.0.1", port, timeout=0.3).request("GET", "/"),
    )

    accepted = 0
    while True:
        try:
            conn, _ = server.accept()
            conn.close()
            accepted += 1
        except OSError:
            break
    results["server_accepted"] = accepted

    # Local IPC the engine uses keeps working.
    left, right = mp.Pipe()
    left.send({"ping": 1})
    results["pipe"] = right.recv() == {"ping": 1}
    address = os.path.join(os.environ["DESK_ASSISTANT_HOME"], "ipc.sock")
    with Listener(address, family="AF_UNIX") as listener:
        client = Client(address, family="AF_UNIX")
        with listener.accept() as served:
            client.send("hello")
            results["af_unix"] = served.recv() == "hello"
        client.close()

    # Windows builds socketpair() from a loopback listener + connect (socket.py's
    # fallback). The same code is allowed only when it runs as socket.py's own.
    results["socketpair_fallback"] = probe_socketpair(socket.__file__)
    results["socketpair_lookalike"] = probe_socketpair("elsewhere.py")

    if with_guard:
        ctx = mp.get_context("spawn")
        parent_end, child_end = ctx.Pipe()
        process = ctx.Process(target=GuardedTarget(child_main), args=(child_end, port))
        process.start()
        parent_end.send("round trip")
        results["child"] = parent_end.recv()
        process.join(30)
        results["child_exit"] = process.exitcode
        report = offline_report()
        results["count"] = guard.count
        results["attempts"] = [a.event for a in guard.attempts]
        results["report_total"] = report["network_attempts"]
        results["report_guard_active"] = report["guard_active"]
        results["hf_offline"] = os.environ.get("HF_HUB_OFFLINE")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
