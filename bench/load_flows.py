# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The simulated people of the load test and the phases they play:
operators (take an order, start and finish its work orders, Mark as Done)
and inspectors (pass or fail the inspections of running work orders), N
client threads per phase, bounded in time and steps.
"""

import contextlib
import queue
import threading
import time
from collections import Counter, defaultdict

from load_common import (
    INSPECTION_LIST_SPEC,
    ODOO_KANBAN_SPEC,
    QUALITY_KANBAN_SPEC,
    REQUEST_TIMEOUT,
    Recorder,
    RpcError,
    log,
)
from load_fixtures import inspectors_of, workcenter_writes
from load_invariants import check_invariants

FAIL_DIALOG = "quality.inspection.fail"


class Phase:
    """One run of N clients on one database."""

    def __init__(self, site, flow, clients, round_, orders):
        self.site = site
        self.flow = flow  # "gate-only" or "inspect"
        self.note = ""  # how this phase differs (a server killed, say)
        self.clients = clients
        self.round = round_
        self.orders = orders
        self.recorder = Recorder()
        self.lock = threading.Lock()
        self.finished = Counter()  # work order id -> finishes acknowledged
        self.done_orders = Counter()
        self.results = defaultdict(list)  # inspection id -> [(state, uid)]
        self.finish_times = defaultdict(list)  # login -> time of each finish
        # Writes whose answer was lost (a server killed): done or not, the
        # client does not know. "workorder", "order", "inspection" -> ids.
        self.uncertain = defaultdict(set)
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
            with noting_lost(phase, "workorder", [workorder["id"]]):
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
            with noting_lost(phase, "order", [order]):
                result = client.call(
                    "mrp.production", "button_mark_done", [order], button=True
                )
        except RpcError as error:
            if error.lost and order_done(client, order):
                return True  # done, though the client was never told so
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


@contextlib.contextmanager
def noting_lost(phase, kind, ids):
    """A write whose answer is lost leaves ``ids`` uncertain: the invariants
    then do not count them as written without a client's word."""
    try:
        yield
    except RpcError as error:
        if error.lost:
            with phase.lock:
                phase.uncertain[kind].update(ids)
        raise


def order_done(client, order):
    """Whether ``order`` is done, read again as a user reloading the page."""
    with contextlib.suppress(RpcError):
        rows = client.call("mrp.production", "read", [order], ["state"])
        return rows[0]["state"] == "done"
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
        with noting_lost(phase, "inspection", mine):
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
            try:
                with noting_lost(phase, "inspection", [record["id"]]):
                    if fail:
                        fail_inspection(client, record["id"])
                    else:
                        client.call(
                            "quality.inspection",
                            "action_pass",
                            [record["id"]],
                            button=True,
                        )
            except RpcError:
                continue
            with phase.lock:
                phase.results[record["id"]].append(
                    ("fail" if fail else "pass", client.uid)
                )


def fail_inspection(client, inspection_id):
    """Fail as the web client does: Fail opens its dialog (an action), the
    dialog saves the reason and the failed quantity, Confirm fails."""
    action = client.call(
        "quality.inspection", "action_fail", [inspection_id], button=True
    )
    if not isinstance(action, dict) or action.get("res_model") != FAIL_DIALOG:
        kind = "Fail opened no dialog"
        client.recorder.error(kind, False)
        raise RpcError(kind, False, repr(action)[:200])
    context = action.get("context") or {}
    wizard = client.call(
        FAIL_DIALOG,
        "web_save",
        [],
        {"reason": "Load test: out of tolerance", "failed_qty": 1},
        specification={},
        context=context,
    )[0]["id"]
    client.call(FAIL_DIALOG, "action_confirm", [wizard], button=True, context=context)


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


def run_plan(plan, sites, args, before=None):
    """Run the planned phases in order, those of a step side by side;
    ``before(phases)``, when given, is called before each step (to route
    the clients, say). Return the phases run."""
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
        if before:
            before(together)
        run_together(together, args)
        for phase in together:
            log_phase(phase)
        phases += together
    return phases


def log_phase(phase):
    log(
        f"  {phase.site.name}: {phase.done} WOs in {phase.wall:.1f} s,"
        f" {phase.rate:.2f} WOs/s while all clients were busy"
        f" ({phase.busy:.1f} s); invariant violations"
        f" {sum(phase.invariants.values())}"
    )
