# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared by the load test's modules (load.py and ``load_<concern>.py``):
where things are, the log, and the JSON-RPC client, one web session per
simulated user, as the web client holds it.
"""

import re
import runpy
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent


BENCH_DIR = REPO / ".bench"


_spec = runpy.run_path(str(REPO / "quality_progress_sync/tests/kanban_spec.py"))


ODOO_KANBAN_SPEC = _spec["ODOO_KANBAN_SPEC"]


QUALITY_KANBAN_SPEC = _spec["QUALITY_KANBAN_SPEC"]


M2O = {"fields": {"display_name": {}}}


INSPECTION_LIST_SPEC = {
    "name": {},
    "state": {},
    "stage": {},
    "performer": {},
    "workorder_id": M2O,
    "checkpoint_id": M2O,
    "origin_inspection_id": {"fields": {}},
}


PASSWORD = "load-test"


HOST = "127.0.0.1"


REQUEST_TIMEOUT = 120  # seconds, above Odoo's limit_time_real (120 s)


# Refusals the gate and the start rules are meant to give: not errors.
INTENDED = (
    (re.compile(r"cannot be finished until"), "gate: Finish refused, inspection to do"),
    (re.compile(r"cannot start before"), "start rule: Start refused"),
    (re.compile(r"is already (passed|failed)"), "inspection already recorded"),
)


STARTED = time.monotonic()


def log(message):
    elapsed = time.monotonic() - STARTED
    sys.stderr.write(f"== [{elapsed:4.0f} s] {message}\n")  # one write per line
    sys.stderr.flush()


class RpcError(Exception):
    def __init__(self, kind, intended, message, lost=False):
        super().__init__(message)
        self.kind = kind
        self.intended = intended
        # No answer came back (the connection broke): whether the server
        # did it is unknown to the client.
        self.lost = lost


class Recorder:
    """Latencies per call and errors by kind, shared by the clients of a
    phase (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.errors = Counter()  # (kind, intended) -> count

    def call(self, key, seconds):
        with self.lock:
            self.latencies[key].append(seconds)

    def error(self, kind, intended):
        with self.lock:
            self.errors[(kind, intended)] += 1


def classify(error):
    """(kind, intended) of a JSON-RPC error object."""
    data = error.get("data") or {}
    name = (data.get("name") or error.get("message") or "?").rsplit(".", 1)[-1]
    message = data.get("message") or error.get("message") or ""
    for pattern, kind in INTENDED:
        if pattern.search(message):
            return kind, True
    first = re.sub(r"\d+", "N", message.strip().splitlines()[0] if message else "")
    return f"{name}: {first[:90]}", False


class Client:
    """A web session on one database, as the web client holds it."""

    def __init__(self, url, db, login, recorder=None):
        self.url = url
        self.db = db
        self.login = login
        self.session = requests.Session()
        self.recorder = recorder
        self.uid = None
        self.context = {}
        self.next_id = 0
        # Another server of the same databases and sessions: where the client
        # goes on when its own stops answering (as behind a load balancer).
        self.failover = None

    def _post(self, path, params):
        self.next_id += 1
        payload = {"jsonrpc": "2.0", "method": "call", "params": params}
        payload["id"] = self.next_id
        response = self.session.post(
            self.url + path, json=payload, timeout=REQUEST_TIMEOUT
        )
        if response.status_code != 200:
            raise RpcError(f"HTTP {response.status_code}", False, response.text[:200])
        body = response.json()
        if "error" in body:
            kind, intended = classify(body["error"])
            message = (body["error"].get("data") or {}).get("message", "")
            raise RpcError(kind, intended, message)
        return body["result"]

    def authenticate(self, password=PASSWORD):
        info = self._post(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": password},
        )
        if not info or not info.get("uid"):
            raise RuntimeError(f"{self.login} cannot log in to {self.db}")
        self.uid = info["uid"]
        self.context = dict(info.get("user_context") or {})
        company = (info.get("user_companies") or {}).get("current_company")
        if company:
            self.context["allowed_company_ids"] = [company]
        return self

    def call(self, model, method, *args, button=False, **kwargs):
        """``model.method(*args, **kwargs)`` as the web client calls it:
        ``call_button`` for buttons, ``call_kw`` otherwise; timed and its
        errors counted in the recorder."""
        kwargs = dict(kwargs)
        kwargs["context"] = dict(self.context, **kwargs.get("context", {}))
        route = "call_button" if button else "call_kw"
        path = f"/web/dataset/{route}/{model}/{method}"
        params = {"model": model, "method": method, "args": list(args)}
        params["kwargs"] = kwargs
        start = time.perf_counter()
        try:
            return self._post(path, params)
        except RpcError as error:
            if self.recorder:
                self.recorder.error(error.kind, error.intended)
            raise
        except requests.ConnectionError as error:
            if not self.failover:
                raise self._lost(
                    error, f"connection: {type(error).__name__}"
                ) from error
            self.url, self.failover = self.failover, None
            kind = "server gone: the client moved to the other server"
            raise self._lost(error, kind, intended=True) from error
        except (requests.RequestException, ValueError) as error:
            raise self._lost(error, f"connection: {type(error).__name__}") from error
        finally:
            if self.recorder:
                self.recorder.call(f"{model}.{method}", time.perf_counter() - start)

    def _lost(self, error, kind, intended=False):
        if self.recorder:
            self.recorder.error(kind, intended)
        return RpcError(kind, intended, str(error), lost=True)
