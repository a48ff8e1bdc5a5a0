#!/usr/bin/env python3
# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load test of quality_progress_sync: Odoo with workers, many clients.

Run it through ``bench/load``, which finds Odoo and PostgreSQL. This script:

1. creates two fresh databases without demo data, one with ``mrp`` alone
   (plain Odoo) and one with the add-on;
2. starts one Odoo per database with ``--workers`` (prefork, as in
   production), bound to 127.0.0.1 on free ports, crons off, each in a
   private data directory;
3. fills both over JSON-RPC as the administrator: work centers, a BoM of
   ``--operations`` operations, operators (Manufacturing / User + Work
   Orders) and inspectors (Quality / Inspector); on the add-on's database, a
   blocking final inspection per operation for an inspector and a self-check
   for the operator on the second one; the manufacturing orders of every
   phase, confirmed;
4. runs the phases, each with N client threads, every client a real web
   session (``/web/session/authenticate``, then ``/web/dataset/call_kw`` for
   reads and ``/web/dataset/call_button`` for buttons, as the web client
   does):

   - **gate-only**, on both databases side by side (the same N clients on
     each, at the same time: whatever else loads the machine weighs on both
     alike; ``--alternate`` runs them one after the other instead):
     operators take the next order from a shared queue, open its work
     orders (kanban read), start and finish each one, then Mark as Done. On
     the add-on's database the inspections of these orders passed
     beforehand: the gate is on every path but finds nothing to refuse;
   - **inspect**, on the add-on's database: three operators in four do the
     same on orders whose inspections are to do, recording their
     self-checks; the others are inspectors who pass (or, for
     ``--fail-percent`` of them, fail: a rework work order and its
     re-inspection follow) the inspections of running work orders.
     Finish is refused by the gate until the inspections pass: an intended
     refusal, after which the operator waits and tries again.

   Each phase is bounded: at ``--phase-seconds`` every client stops once
   its request in flight has answered (the order in hand stays as it is);
   throughput counts the work orders finished while every client had
   orders to take;
5. checks each phase in SQL: no work order or order done with a blocking
   inspection to do or failed without a disposition; every result with its
   user and date; every work order, order and result acknowledged to a
   client is in the database, and nothing else or twice; no time log left
   open on a work order done; the work-center rows rewritten;
6. prints work orders per second, p50/p95 per call, errors by kind (the
   gate's intended refusals apart), the invariants, the verdict against
   the targets, keeps the report in ``.bench/load-latest.md``, stops Odoo
   and drops both databases.

Only 127.0.0.1 is contacted. Loops are bounded in count (the orders of a
phase, steps per order) and in time (the phase deadline, request
timeouts).
"""

import argparse
import contextlib
import os
import queue
import re
import runpy
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import psycopg2
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


# ----------------------------------------------------------------------
# JSON-RPC client: one web session per simulated user
# ----------------------------------------------------------------------


class RpcError(Exception):
    def __init__(self, kind, intended, message):
        super().__init__(message)
        self.kind = kind
        self.intended = intended


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
        except (requests.RequestException, ValueError) as error:
            kind = f"connection: {type(error).__name__}"
            if self.recorder:
                self.recorder.error(kind, False)
            raise RpcError(kind, False, str(error)) from error
        finally:
            if self.recorder:
                self.recorder.call(f"{model}.{method}", time.perf_counter() - start)


# ----------------------------------------------------------------------
# Databases, server
# ----------------------------------------------------------------------


class Postgres:
    def __init__(self, pg_args):
        self.kwargs = {}
        for arg in pg_args:
            key, value = arg.split("=", 1)
            self.kwargs[{"--db_host": "host", "--db_port": "port"}[key]] = value

    def connect(self, db):
        conn = psycopg2.connect(dbname=db, **self.kwargs)
        conn.autocommit = True
        return conn

    def drop(self, db):
        with contextlib.closing(self.connect("postgres")) as conn:
            conn.cursor().execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')

    def query(self, db, sql, params=None):
        with contextlib.closing(self.connect(db)) as conn:
            cr = conn.cursor()
            cr.execute(sql, params)
            return cr.fetchall()


def free_port(preferred):
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port")


def install(args, db, modules, log_path):
    """Start installing ``modules`` on a new database ``db``."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            *args.pg_args,
            f"--addons-path={args.addons_path}",
            "-d",
            db,
            "-i",
            modules,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            f"--logfile={log_path}",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


class Server:
    """Odoo with --workers on 127.0.0.1, crons off, a private data dir."""

    def __init__(self, args, name, dbs, port):
        self.args = args
        self.port = free_port(port)
        self.gevent_port = free_port(port + 1)
        self.url = f"http://{HOST}:{self.port}"
        self.data_dir = tempfile.mkdtemp(prefix="load-data-", dir=BENCH_DIR)
        self.log_path = BENCH_DIR / f"load-server-{name}.log"
        self.dbs = dbs
        self.process = None

    def start(self):
        db_filter = "^(" + "|".join(re.escape(db) for db in self.dbs) + ")$"
        command = [
            sys.executable,
            "-m",
            "odoo",
            *self.args.pg_args,
            f"--addons-path={self.args.addons_path}",
            f"--workers={self.args.workers}",
            "--max-cron-threads=0",
            f"--http-interface={HOST}",
            f"--http-port={self.port}",
            f"--gevent-port={self.gevent_port}",
            f"--data-dir={self.data_dir}",
            f"--db-filter={db_filter}",
            "--no-database-list",
            "--log-level=warn",
            # concurrency retries are logged at INFO by odoo.service.model
            "--log-handler=odoo.service.model:INFO",
            f"--logfile={self.log_path}",
        ]
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo stopped at start: see {self.log_path}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.url + "/web/health", timeout=5).ok:
                    return
            time.sleep(0.5)
        raise RuntimeError(f"Odoo does not answer on {self.url}")

    def stop(self):
        if self.process and self.process.poll() is None:
            # Its own process group (start_new_session): the server, its
            # workers and its gevent process, nothing else.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def retries(self, db):
        """Transactions Odoo retried after a concurrency error, on ``db``."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return 0
        return sum(
            1
            for line in text.splitlines()
            if f" {db} odoo.service.model" in line and "try again" in line
        )


# ----------------------------------------------------------------------
# Fixtures, over JSON-RPC as the administrator
# ----------------------------------------------------------------------


def xmlid(admin, module, name):
    rows = admin.call(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    return rows[0]["res_id"]


class Site:
    """One database's fixtures and the sessions of its users."""

    def __init__(self, name, db, addon):
        self.name = name  # "plain" or "add-on"
        self.db = db
        self.addon = addon
        self.operators = []  # logins
        self.inspectors = []
        self.orders = {}  # phase key -> [production ids]
        self.sessions = {}  # login -> Client
        self.workcenter_ids = []
        self.server = None  # its own Odoo


def setup_site(site, url, args, pg, phases):
    admin = Client(url, site.db, "admin").authenticate("admin")
    settings = admin.call("res.config.settings", "create", {"group_mrp_routings": True})
    admin.call("res.config.settings", "execute", [settings], button=True)
    site.workcenter_ids = admin.call(
        "mrp.workcenter",
        "create",
        [
            {"name": f"Load WC {index + 1}", "code": f"L{index + 1}"}
            for index in range(args.operations)
        ],
    )
    component, product = admin.call(
        "product.product",
        "create",
        [
            {"name": "Load Component", "type": "consu"},
            {"name": "Load Product", "type": "consu"},
        ],
    )
    template = admin.call("product.product", "read", [product], ["product_tmpl_id"])[0][
        "product_tmpl_id"
    ][0]
    bom = admin.call(
        "mrp.bom",
        "create",
        {
            "product_tmpl_id": template,
            "product_qty": 1,
            "bom_line_ids": [(0, 0, {"product_id": component, "product_qty": 1})],
            "operation_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"Op {index + 1}",
                        "workcenter_id": workcenter,
                        "sequence": (index + 1) * 10,
                        "time_cycle_manual": 10,
                    },
                )
                for index, workcenter in enumerate(site.workcenter_ids)
            ],
        },
    )
    operations = admin.call(
        "mrp.routing.workcenter",
        "search",
        [("bom_id", "=", bom)],
        order="sequence, id",
    )
    if site.addon:
        checkpoints = [
            {
                "name": f"Final check {index + 1}",
                "operation_id": operation,
                "stage": "final",
                "performer": "inspector",
                "check_type": "pass_fail",
                "frequency": "every_order",
                "blocking": True,
                "on_failure": "rework",
            }
            for index, operation in enumerate(operations)
        ]
        checkpoints.append(
            {
                "name": "Operator self-check",
                "operation_id": operations[min(1, len(operations) - 1)],
                "stage": "final",
                "performer": "self",
                "check_type": "pass_fail",
                "frequency": "every_order",
                "blocking": True,
                "on_failure": "rework",
            }
        )
        admin.call("quality.checkpoint", "create", checkpoints)
    create_users(site, admin, pg, args)
    for key, count in phases:
        site.orders[key] = create_orders(admin, product, bom, count, key)
    return admin


def create_users(site, admin, pg, args):
    operator_groups = [
        xmlid(admin, "mrp", "group_mrp_user"),
        xmlid(admin, "mrp", "group_mrp_routings"),
    ]
    inspector_groups = operator_groups[:]
    if site.addon:
        inspector_groups.append(
            xmlid(admin, "quality_progress_sync", "group_quality_inspector")
        )
    site.operators = [f"load_op_{index:02d}" for index in range(args.max_clients)]
    # Inspectors only play on the add-on's database.
    site.inspectors = (
        [f"load_insp_{index:02d}" for index in range(inspectors_of(args.max_clients))]
        if site.addon
        else []
    )
    users = [
        {
            "name": f"Operator {login[-2:]}",
            "login": login,
            "groups_id": [(6, 0, operator_groups)],
        }
        for login in site.operators
    ] + [
        {
            "name": f"Inspector {login[-2:]}",
            "login": login,
            "groups_id": [(6, 0, inspector_groups)],
        }
        for login in site.inspectors
    ]
    ids = admin.call("res.users", "create", users)
    # One password hash (pbkdf2, slow on purpose) copied to every load user.
    admin.call("res.users", "write", ids[:1], {"password": PASSWORD})
    with contextlib.closing(pg.connect(site.db)) as conn:
        conn.cursor().execute(
            "UPDATE res_users SET password = (SELECT password FROM res_users"
            " WHERE id = %s) WHERE id IN %s",
            (ids[0], tuple(ids)),
        )


def create_orders(admin, product, bom, count, key, batch=25):
    """``count`` confirmed orders of one unit, their origin naming the phase."""
    uom = admin.call("product.product", "read", [product], ["uom_id"])[0]["uom_id"][0]
    ids = []
    for start in range(0, count, batch):
        size = min(batch, count - start)
        new = admin.call(
            "mrp.production",
            "create",
            [
                {
                    "product_id": product,
                    "product_uom_id": uom,
                    "product_qty": 1,
                    "bom_id": bom,
                    "origin": f"LOAD {key}",
                }
                for __ in range(size)
            ],
        )
        admin.call("mrp.production", "action_confirm", new, button=True)
        ids += new
    return ids


def pass_beforehand(site, url, orders):
    """The inspections of the gate-only orders, passed by an inspector."""
    inspector = Client(url, site.db, site.inspectors[0]).authenticate()
    ids = inspector.call(
        "quality.inspection",
        "search",
        [("production_id", "in", orders), ("state", "=", "todo")],
        order="id",
    )
    for start in range(0, len(ids), 100):
        inspector.call(
            "quality.inspection", "action_pass", ids[start : start + 100], button=True
        )
    return len(ids)


def inspectors_of(clients):
    return max(1, clients // 4)


# ----------------------------------------------------------------------
# The simulated people
# ----------------------------------------------------------------------


class Phase:
    """One run of N clients on one database."""

    def __init__(self, site, flow, clients, round_, orders):
        self.site = site
        self.flow = flow  # "gate-only" or "inspect"
        self.clients = clients
        self.round = round_
        self.orders = orders
        self.recorder = Recorder()
        self.lock = threading.Lock()
        self.finished = Counter()  # work order id -> finishes acknowledged
        self.done_orders = Counter()
        self.results = defaultdict(list)  # inspection id -> [(state, uid)]
        self.finish_times = defaultdict(list)  # login -> time of each finish
        self.not_started = []  # orders still in the queue at the deadline
        self.in_hand = []  # orders in hand at the deadline
        self.start = 0.0
        self.wall = 0.0
        self.busy = 0.0  # seconds until a client first found no order left
        self.invariants = {}
        self.workcenter_writes = Counter()
        self.retries = 0

    @property
    def label(self):
        return f"{self.flow}, {self.clients} clients, {self.site.name}"

    @property
    def done(self):
        return sum(self.finished.values())

    @property
    def rate(self):
        """Work orders per second while every client had orders to take
        (until the deadline, or until a client first found the queue
        empty): the sum over the clients of each one's finishes in that
        time over the time of its last one. Each client's own pace, not a
        count at a cut-off that the clients, moving in step, cross in
        waves."""
        end = self.start + self.busy
        rate = 0.0
        for times in self.finish_times.values():
            within = [t for t in times if t <= end]
            if within:
                rate += len(within) / (within[-1] - self.start)
        return rate


def guarded(target):
    """A client thread that fails is counted as an unintended error, not
    lost in a traceback."""

    def run(client, phase, *args):
        try:
            target(client, phase, *args)
        except Exception as error:  # counted, then reported
            phase.recorder.error(f"client crashed: {type(error).__name__}", False)
            log(f"{client.login}: {error!r}")

    return run


@guarded
def operator(client, phase, tasks, args, deadline):
    spec = QUALITY_KANBAN_SPEC if phase.flow == "inspect" else ODOO_KANBAN_SPEC
    while time.monotonic() < deadline:
        try:
            order = tasks.get_nowait()
        except queue.Empty:
            break
        if not work_order(client, phase, order, spec, args, deadline):
            with phase.lock:
                phase.in_hand.append(order)
    with phase.lock:
        idle = min(time.monotonic(), deadline) - phase.start
        phase.busy = min(phase.busy, idle) if phase.busy else idle


def work_order(client, phase, order, spec, args, deadline):
    """Start and finish every work order of ``order``, then Mark as Done.
    False when the deadline came first."""
    for __ in range(args.max_steps):
        if time.monotonic() > deadline:
            return False
        try:
            records = client.call(
                "mrp.workorder",
                "web_search_read",
                [("production_id", "=", order)],
                spec,
                order="sequence, id",
            )["records"]
        except RpcError:
            time.sleep(args.retry_wait)
            continue
        todo = [r for r in records if r["state"] not in ("done", "cancel")]
        if not todo:
            break
        workorder = todo[0]
        try:
            if workorder["state"] != "progress":
                client.call(
                    "mrp.workorder", "button_start", [workorder["id"]], button=True
                )
                continue
            if phase.flow == "inspect":
                record_self_checks(client, phase, workorder["id"])
            client.call(
                "mrp.workorder", "button_finish", [workorder["id"]], button=True
            )
        except RpcError:
            time.sleep(args.retry_wait)
            continue
        with phase.lock:
            phase.finished[workorder["id"]] += 1
            phase.finish_times[client.login].append(time.monotonic())
    else:
        return False
    for __ in range(args.max_steps):
        if time.monotonic() > deadline:
            return False
        try:
            result = client.call(
                "mrp.production", "button_mark_done", [order], button=True
            )
        except RpcError:
            time.sleep(args.retry_wait)
            continue
        if isinstance(result, dict) and result.get("res_model"):
            client.recorder.error(
                f"Mark as Done opened a wizard: {result['res_model']}", False
            )
            return False
        with phase.lock:
            phase.done_orders[order] += 1
        return True
    return False


def record_self_checks(client, phase, workorder_id):
    mine = client.call(
        "quality.inspection",
        "search",
        [
            ("workorder_id", "=", workorder_id),
            ("state", "=", "todo"),
            ("performer", "=", "self"),
        ],
    )
    if mine:
        client.call("quality.inspection", "action_pass", mine, button=True)
        with phase.lock:
            for inspection in mine:
                phase.results[inspection].append(("pass", client.uid))


@guarded
def inspector(client, phase, index, count, args, stop, deadline):
    """Pass (or fail) the inspections of running work orders that are this
    inspector's share (id modulo the number of inspectors)."""
    domain = [
        ("production_id", "in", phase.orders),
        ("state", "=", "todo"),
        ("performer", "=", "inspector"),
        ("workorder_id.state", "=", "progress"),
    ]
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            records = client.call(
                "quality.inspection",
                "web_search_read",
                domain,
                INSPECTION_LIST_SPEC,
                limit=80,
                order="id",
            )["records"]
        except RpcError:
            stop.wait(args.retry_wait)
            continue
        mine = [r for r in records if r["id"] % count == index]
        if not mine:
            stop.wait(args.poll_wait)
            continue
        for record in mine:
            fail = (
                not record["origin_inspection_id"]
                and (record["id"] * 7919) % 100 < args.fail_percent
            )
            method = "action_fail" if fail else "action_pass"
            try:
                client.call("quality.inspection", method, [record["id"]], button=True)
            except RpcError:
                continue
            with phase.lock:
                phase.results[record["id"]].append(
                    ("fail" if fail else "pass", client.uid)
                )


def run_phase(phase, args):
    site = phase.site
    tasks = queue.Queue()
    for order in phase.orders:
        tasks.put(order)
    if phase.flow == "inspect":
        n_inspectors = inspectors_of(phase.clients)
        n_operators = phase.clients - n_inspectors
    else:
        n_inspectors, n_operators = 0, phase.clients
    operators = [site.sessions[login] for login in site.operators[:n_operators]]
    inspectors = [site.sessions[login] for login in site.inspectors[:n_inspectors]]
    for client in operators + inspectors:
        client.recorder = phase.recorder
    before = workcenter_writes(site, args.pg)
    stop = threading.Event()
    start = phase.start = time.monotonic()
    deadline = start + args.phase_seconds
    threads = [
        threading.Thread(
            target=operator,
            args=(client, phase, tasks, args, deadline),
            daemon=True,
        )
        for client in operators
    ]
    helpers = [
        threading.Thread(
            target=inspector,
            args=(client, phase, index, n_inspectors, args, stop, deadline),
            daemon=True,
        )
        for index, client in enumerate(inspectors)
    ]
    for thread in threads + helpers:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, deadline + REQUEST_TIMEOUT - time.monotonic()))
    phase.wall = time.monotonic() - start
    stop.set()
    for thread in helpers:
        thread.join(REQUEST_TIMEOUT)
    while not tasks.empty():
        phase.not_started.append(tasks.get_nowait())
    phase.workcenter_writes = workcenter_writes(site, args.pg) - before
    phase.invariants = check_invariants(phase, args.pg)


def trace_workcenter_writes(site, pg):
    """Count the committed updates of mrp_workcenter rows by what they
    change: Odoo's ``working_state`` (set at each start and finish), the
    add-on's ``quality_alert_open`` / ``quality_hold``, or something else. A
    row trigger and an unlogged table in the throw-away database."""
    quality = (
        "WHEN OLD.quality_alert_open IS DISTINCT FROM NEW.quality_alert_open"
        " OR OLD.quality_hold IS DISTINCT FROM NEW.quality_hold"
        " THEN 'the add-on''s alert or hold'"
        if site.addon
        else ""
    )
    with contextlib.closing(pg.connect(site.db)) as conn:
        conn.cursor().execute(
            f"""
            CREATE UNLOGGED TABLE load_workcenter_write (kind varchar);
            CREATE FUNCTION load_workcenter_write() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN
                INSERT INTO load_workcenter_write VALUES (CASE
                    WHEN OLD.working_state IS DISTINCT FROM NEW.working_state
                    THEN 'Odoo''s working_state' {quality}
                    ELSE 'other' END);
                RETURN NULL;
            END $$;
            CREATE TRIGGER load_workcenter_write AFTER UPDATE ON mrp_workcenter
            FOR EACH ROW EXECUTE FUNCTION load_workcenter_write();
            """
        )


def run_together(phases, args):
    """Run the phases at the same time (one thread each), each then
    counting its server's concurrency retries."""
    before = [phase.site.server.retries(phase.site.db) for phase in phases]
    threads = [
        threading.Thread(target=run_phase, args=(phase, args), daemon=True)
        for phase in phases
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for phase, retries in zip(phases, before, strict=True):
        phase.retries = phase.site.server.retries(phase.site.db) - retries


def workcenter_writes(site, pg):
    return Counter(
        dict(
            pg.query(
                site.db,
                "SELECT kind, count(*) FROM load_workcenter_write GROUP BY kind",
            )
        )
    )


# ----------------------------------------------------------------------
# Invariants, in SQL
# ----------------------------------------------------------------------

GATE_BLOCKING = (
    "(i.blocking OR i.stage = 'first_article')"
    " AND (i.state = 'todo' OR (i.state = 'fail' AND i.disposition IS NULL))"
)


def check_invariants(phase, pg):
    """{check: number of violations}."""
    db = phase.site.db
    orders = tuple(phase.orders)
    checks = {}

    def count(sql, *params):
        return pg.query(db, sql, (orders, *params))[0][0]

    done_workorders = dict(
        pg.query(
            db,
            "SELECT id, state FROM mrp_workorder WHERE production_id IN %s",
            (orders,),
        )
    )
    done = {wo for wo, state in done_workorders.items() if state == "done"}
    acked = set(phase.finished)
    checks["work orders finished for a client, not done in the database"] = len(
        acked - done
    )
    checks["work orders done in the database, no client finished them"] = len(
        done - acked
    )
    checks["work orders finished twice for clients"] = sum(
        1 for n in phase.finished.values() if n > 1
    )
    done_orders = {
        row[0]
        for row in pg.query(
            db,
            "SELECT id FROM mrp_production WHERE id IN %s AND state = 'done'",
            (orders,),
        )
    }
    checks["orders marked done for a client, not done in the database"] = len(
        set(phase.done_orders) - done_orders
    )
    checks["orders done in the database, no client marked them"] = len(
        done_orders - set(phase.done_orders)
    )
    checks["time logs left open on a work order done"] = count(
        "SELECT count(*) FROM mrp_workcenter_productivity t"
        " JOIN mrp_workorder w ON w.id = t.workorder_id"
        " WHERE w.production_id IN %s AND w.state = 'done' AND t.date_end IS NULL"
    )
    if not phase.site.addon:
        return checks
    checks["work orders done with a blocking inspection to do or failed undecided"] = (
        count(
            "SELECT count(DISTINCT w.id) FROM mrp_workorder w"
            " JOIN quality_inspection i ON i.workorder_id = w.id"
            " WHERE w.production_id IN %s AND w.state = 'done'"
            " AND i.performer <> 'cross' AND " + GATE_BLOCKING
        )
    )
    checks["orders done with a blocking inspection to do or failed undecided"] = count(
        "SELECT count(DISTINCT p.id) FROM mrp_production p"
        " JOIN quality_inspection i ON i.production_id = p.id"
        " WHERE p.id IN %s AND p.state = 'done' AND " + GATE_BLOCKING
    )
    checks["results without their user or date"] = count(
        "SELECT count(*) FROM quality_inspection"
        " WHERE production_id IN %s AND state IN ('pass', 'fail')"
        " AND (user_id IS NULL OR date_done IS NULL)"
    )
    checks["inspections generated twice (work order, checkpoint)"] = count(
        "SELECT count(*) FROM (SELECT workorder_id, checkpoint_id"
        " FROM quality_inspection WHERE production_id IN %s"
        " AND origin_inspection_id IS NULL"
        " GROUP BY 1, 2 HAVING count(*) > 1) d"
    )
    checks["operations without their inspection"] = count(
        "SELECT count(*) FROM mrp_workorder w"
        " JOIN quality_checkpoint c ON c.operation_id = w.operation_id"
        " WHERE w.production_id IN %s AND w.rework_of_id IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM quality_inspection i"
        " WHERE i.workorder_id = w.id AND i.checkpoint_id = c.id)"
    )
    rows = pg.query(
        db,
        "SELECT id, state, user_id FROM quality_inspection WHERE production_id IN %s",
        (orders,),
    )
    recorded = {row[0]: (row[1], row[2]) for row in rows}
    checks["results acknowledged to a client, not so in the database"] = sum(
        1
        for inspection, results in phase.results.items()
        if recorded.get(inspection) != results[-1]
    )
    checks["inspections recorded twice for clients"] = sum(
        1 for results in phase.results.values() if len(results) > 1
    )
    if phase.flow == "inspect":
        checks["results in the database no client recorded"] = sum(
            1
            for inspection, (state, __) in recorded.items()
            if state in ("pass", "fail") and inspection not in phase.results
        )
        checks["failures without a rework work order and its re-inspection"] = count(
            "SELECT count(*) FROM quality_inspection i"
            " WHERE i.production_id IN %s AND i.state = 'fail'"
            " AND NOT EXISTS (SELECT 1 FROM quality_inspection r"
            " JOIN mrp_workorder w ON w.id = r.workorder_id"
            " WHERE r.origin_inspection_id = i.id AND w.rework_of_id IS NOT NULL)"
        )
    checks["work orders done without their operator recorded"] = count(
        "SELECT count(*) FROM mrp_workorder w"
        " WHERE w.production_id IN %s AND w.state = 'done'"
        " AND NOT EXISTS (SELECT 1 FROM quality_workorder_operator_rel r"
        " WHERE r.workorder_id = w.id)"
    )
    return checks


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def machine_info(pg, db):
    cpu = memory = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    version = pg.query(db, "SHOW server_version")[0][0]
    return (
        f"{os.cpu_count()} CPUs (nproc), {memory} RAM, {cpu}; PostgreSQL"
        f" {version}; Python {sys.version.split()[0]}"
    )


def report(phases, args, info, load, started):
    lines = [
        f"Machine: {info}. One Odoo per database, --workers={args.workers},"
        f" crons off; clients on the same machine. Load average at start:"
        f" {load}. Orders of"
        f" {args.operations} work orders, {args.orders_per_client} per client"
        f" and phase; phases bounded at {args.phase_seconds:g} s;"
        f" {args.rounds} round(s) of the gate-only phases,"
        f" {'one after the other' if args.alternate else 'side by side'};"
        f" total {time.monotonic() - started:.0f} s.",
        "",
        "| clients | flow | database | round | WOs done | s (all busy) | WOs/s |"
        " ratio to plain | intended refusals | unintended errors |"
        " concurrency retries | work-center row writes: Odoo's / add-on's |",
        "|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    ratios = defaultdict(list)
    by_key = {(p.flow, p.clients, p.round, p.site.name): p for p in phases}
    for phase in phases:
        plain = by_key.get((phase.flow, phase.clients, phase.round, "plain"))
        ratio = ""
        if phase.site.name == "add-on" and plain and plain.rate:
            value = phase.rate / plain.rate
            ratios[(phase.flow, phase.clients)].append(value)
            ratio = f"{value:.2f}x"
        intended = sum(n for (__, ok), n in phase.recorder.errors.items() if ok)
        unintended = sum(n for (__, ok), n in phase.recorder.errors.items() if not ok)
        writes = phase.workcenter_writes
        theirs = writes["Odoo's working_state"]
        ours = writes["the add-on's alert or hold"]
        other = writes["other"]
        lines.append(
            f"| {phase.clients} | {phase.flow} | {phase.site.name} | {phase.round}"
            f" | {phase.done} | {phase.wall:.1f} ({phase.busy:.1f}) | {phase.rate:.2f}"
            f" | {ratio} | {intended} | {unintended} | {phase.retries}"
            f" | {theirs} / {ours}{f' (+{other} other)' if other else ''} |"
        )
    lines += ["", "Throughput of the add-on against plain Odoo (median of rounds):", ""]
    lines += [
        "| clients | flow | ratio (rounds) | target |",
        "|--:|---|--:|---|",
    ]
    verdicts = []
    for (flow, clients), values in sorted(ratios.items(), key=lambda kv: kv[0][1]):
        median = statistics.median(values)
        target = ""
        if flow == "gate-only" and clients == 16:
            ok = median >= 0.9
            target = f"≥ 0.90x: {'ok' if ok else 'MISSED'}"
            verdicts.append(ok)
        rounds = ", ".join(f"{value:.2f}" for value in values)
        lines.append(f"| {clients} | {flow} | {median:.3f}x ({rounds}) | {target} |")

    lines += [
        "",
        "Latency per call (ms):",
        "",
        "| clients | flow | database | call | calls | p50 | p95 |",
        "|--:|---|---|---|--:|--:|--:|",
    ]
    merged = defaultdict(list)
    for phase in phases:
        for key, values in phase.recorder.latencies.items():
            merged[(phase.clients, phase.flow, phase.site.name, key)] += values
    for (clients, flow, site, key), values in sorted(merged.items()):
        lines.append(
            f"| {clients} | {flow} | {site} | {key} | {len(values)}"
            f" | {percentile(values, 0.5) * 1000:.0f}"
            f" | {percentile(values, 0.95) * 1000:.0f} |"
        )

    errors = Counter()
    for phase in phases:
        for (kind, intended), n in phase.recorder.errors.items():
            errors[(phase.flow, phase.site.name, kind, intended)] += n
    lines += ["", "Errors by kind (all rounds and client counts):", ""]
    if errors:
        lines += [
            "| flow | database | kind | intended | count |",
            "|---|---|---|---|--:|",
        ]
        for (flow, site, kind, intended), n in sorted(errors.items()):
            lines.append(
                f"| {flow} | {site} | {kind} | {'yes' if intended else 'NO'} | {n} |"
            )
    else:
        lines.append("none")
    unintended_total = sum(n for key, n in errors.items() if not key[3])

    violations = Counter()
    for phase in phases:
        for check, n in phase.invariants.items():
            violations[(check, phase.site.name)] += n
    lines += [
        "",
        "Invariants, checked in SQL after each phase (violations, all phases):",
        "",
        "| check | database | violations |",
        "|---|---|--:|",
    ]
    for (check, site), n in violations.items():
        lines.append(f"| {check} | {site} | {n} |")
    not_started = sum(len(p.not_started) for p in phases)
    in_hand = sum(len(p.in_hand) for p in phases)
    total_violations = sum(violations.values())
    lines += [
        "",
        f"Orders not started by the phase deadline: {not_started}; in hand"
        f" at the deadline (left as they were): {in_hand}.",
        f"Verdict: gate-only throughput at 16 clients"
        f" {'ok' if all(verdicts) and verdicts else 'MISSED or not run'};"
        f" invariant violations {total_violations}; unintended errors"
        f" {unintended_total}.",
    ]
    passed = bool(verdicts) and all(verdicts)
    return "\n".join(lines), (passed and not total_violations and not unintended_total)


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db_host")
    parser.add_argument("--db_port")
    parser.add_argument(
        "--clients",
        default="16",
        help="comma-separated client counts (default 16; full sweep: 8,16,32)",
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2, help="gate-only rounds")
    parser.add_argument("--operations", type=int, default=4, help="WOs per order")
    parser.add_argument("--orders-per-client", type=int, default=3)
    parser.add_argument("--phase-seconds", type=float, default=60)
    parser.add_argument("--fail-percent", type=float, default=5)
    parser.add_argument("--no-inspect", action="store_true", help="gate-only only")
    parser.add_argument(
        "--alternate",
        action="store_true",
        help="run plain Odoo and the add-on one after the other, not side by side",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8179,
        help="preferred HTTP port (plain Odoo; +1 its gevent port, +2 the add-on's)",
    )
    parser.add_argument("--retry-wait", type=float, default=0.5)
    parser.add_argument("--poll-wait", type=float, default=0.3)
    parser.add_argument("--max-steps", type=int, default=400, help="per order")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--output", default=str(BENCH_DIR / "load-latest.md"))
    args = parser.parse_args()
    args.pg_args = [f"--db_host={args.db_host}"] if args.db_host else []
    args.pg_args += [f"--db_port={args.db_port}"] if args.db_port else []
    args.client_counts = [int(n) for n in args.clients.split(",")]
    args.max_clients = max(args.client_counts)
    args.pg = Postgres(args.pg_args)
    return args


def plan_phases(args):
    """[(flow, clients, round, (site names run together))] in the order
    they run: for each client count, the gate-only rounds, plain Odoo and
    the add-on side by side (with --alternate: one after the other, their
    order alternating), then the inspect phase on the add-on."""
    plan = []
    for clients in args.client_counts:
        for round_ in range(1, args.rounds + 1):
            pair = ["plain", "add-on"] if round_ % 2 else ["add-on", "plain"]
            if args.alternate:
                plan += [("gate-only", clients, round_, (site,)) for site in pair]
            else:
                plan.append(("gate-only", clients, round_, tuple(pair)))
        if not args.no_inspect:
            plan.append(("inspect", clients, 1, ("add-on",)))
    return plan


def main():
    args = parse_args()
    started = time.monotonic()
    BENCH_DIR.mkdir(exist_ok=True)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    pid = os.getpid()
    sites = {
        "plain": Site("plain", f"qps_load_plain_{pid}", addon=False),
        "add-on": Site("add-on", f"qps_load_addon_{pid}", addon=True),
    }
    plan = plan_phases(args)
    try:
        log(f"creating {sites['plain'].db} (mrp) and {sites['add-on'].db} (add-on)")
        installs = {
            name: install(
                args,
                site.db,
                "quality_progress_sync" if site.addon else "mrp",
                BENCH_DIR / f"load-install-{name}.log",
            )
            for name, site in sites.items()
        }
        for name, process in installs.items():
            if process.wait() != 0:
                raise RuntimeError(
                    f"installing {name} failed: see .bench/load-install-{name}.log"
                )
        # One Odoo per database, each with its workers: side by side, the
        # two databases get the same share of the machine.
        for index, site in enumerate(sites.values()):
            site.server = Server(args, site.name, [site.db], args.port + 2 * index)
            log(f"{site.name}: Odoo --workers={args.workers} on {site.server.url}")
            site.server.start()
        # Both databases filled at once.
        failures = []
        threads = [
            threading.Thread(
                target=prepare_site,
                args=(site, site.server.url, args, plan, failures),
                daemon=True,
            )
            for site in sites.values()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise failures[0]
        warm_up(sites, args)
        info = machine_info(args.pg, sites["plain"].db)
        phases = []
        for flow, clients, round_, names in plan:
            key = f"{flow} {clients} r{round_}"
            together = [
                Phase(sites[name], flow, clients, round_, sites[name].orders[key])
                for name in names
            ]
            log(
                f"phase: {flow}, {clients} clients, round {round_}:"
                f" {' and '.join(names)}{' side by side' if len(names) > 1 else ''}"
            )
            run_together(together, args)
            for phase in together:
                log(
                    f"  {phase.site.name}: {phase.done} WOs in {phase.wall:.1f} s,"
                    f" {phase.rate:.2f} WOs/s while all clients were busy"
                    f" ({phase.busy:.1f} s); invariant violations"
                    f" {sum(phase.invariants.values())}"
                )
            phases += together
        text, ok = report(phases, args, info, load, started)
        print(text)
        Path(args.output).write_text(text + "\n")
        return 0 if ok else 1
    finally:
        for site in sites.values():
            if site.server:
                site.server.stop()
        if not args.keep:
            for site in sites.values():
                with contextlib.suppress(psycopg2.Error):
                    args.pg.drop(site.db)


def prepare_site(site, url, args, plan, failures):
    """Fixtures, the gate-only orders' inspections passed, the work-center
    write trace, the users' sessions; an exception is kept in
    ``failures``."""
    try:
        phases_of_site = [
            (f"{flow} {clients} r{round_}", orders_of(args, flow, clients))
            for flow, clients, round_, names in plan
            if site.name in names
        ]
        orders = sum(n for __, n in phases_of_site)
        log(f"{site.name}: users, BoM and {orders} orders")
        setup_site(site, url, args, args.pg, phases_of_site)
        if site.addon:
            passed = 0
            for key, __ in phases_of_site:
                if key.startswith("gate-only"):
                    passed += pass_beforehand(site, url, site.orders[key])
            log(f"add-on: {passed} inspections of the gate-only orders passed")
        trace_workcenter_writes(site, args.pg)
        log_in(site, url)
    except Exception as error:  # re-raised by the main thread
        failures.append(error)


def orders_of(args, flow, clients):
    """Orders of a phase: so many per operator."""
    operators = clients - inspectors_of(clients) if flow == "inspect" else clients
    return operators * args.orders_per_client


def log_in(site, url):
    """A web session per user, opened four at a time (each login checks a
    slow password hash)."""
    logins = site.operators + site.inspectors
    log(f"{site.name}: logging in {len(logins)} users")
    tasks = queue.Queue()
    for login in logins:
        tasks.put(login)

    def work():
        while True:
            try:
                login = tasks.get_nowait()
            except queue.Empty:
                return
            site.sessions[login] = Client(url, site.db, login).authenticate()

    threads = [threading.Thread(target=work, daemon=True) for __ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(REQUEST_TIMEOUT * len(logins))
    missing = set(logins) - set(site.sessions)
    if missing:
        raise RuntimeError(f"{site.name}: cannot log in {sorted(missing)}")


def warm_up(sites, args):
    """Every worker loads both registries before the first timed phase:
    every session reads the kanban a few times, all at once."""
    log("warming the workers up")

    def read(client):
        for __ in range(3):
            with contextlib.suppress(RpcError):
                client.call(
                    "mrp.workorder",
                    "web_search_read",
                    [],
                    ODOO_KANBAN_SPEC,
                    limit=20,
                )

    threads = [
        threading.Thread(target=read, args=(client,), daemon=True)
        for site in sites.values()
        for client in site.sessions.values()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(REQUEST_TIMEOUT)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
    sys.exit(130)
