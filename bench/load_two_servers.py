# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``bench/load --two-servers``: two Odoo servers (two processes with their
own ports and workers) on the same databases and the same data directory
(filestore, sessions), as two machines behind a load balancer would be.

1. **Throughput**: the gate-only phases, plain Odoo and the add-on side by
   side, each database's operators spread over both servers; the inspect
   phase with the operators on server A and the inspectors on server B.
2. **Live updates across servers**: while the inspect phase runs, a probe
   user on A records a produced quantity on the Shop Floor every second; a
   Shop Floor screen's websocket open on B (and one on A, for reference)
   times the bus notification that tells it (load_live.py).
3. **Crons on both at once**: late work orders, running work orders due a
   timed patrol, nonconformance actions past their deadline; each of the
   add-on's scheduled actions started on A and on B at the same instant
   (*Run Manually*, as the administrator), three times; then SQL counts the
   duplicates (patrols, escalations) (load_crons.py).
4. **A server killed mid-flow**: a second inspect phase, server A killed
   (SIGKILL) half-way; its operators go on through B (their sessions are in
   the shared data directory); the invariants then hold for everything a
   client was told, and the writes whose answer was lost are counted apart
   with what became of them.
"""

import shutil
import tempfile
import threading
import time
from collections import Counter

from load_common import BENCH_DIR, Client, log
from load_crons import (
    CRON_ORDERS,
    check_cron_work,
    prepare_cron_work,
    report_crons,
    run_crons_together,
)
from load_fixtures import inspectors_of, prepare_sites, warm_up
from load_flows import Phase, log_phase, run_plan, run_together
from load_live import report_live, start_probe
from load_server import Server


class ServerPair:
    """Servers A and B, one data directory: what a Site needs of its
    server (the concurrency retries of a database, stop)."""

    def __init__(self, args, dbs):
        self.data_dir = tempfile.mkdtemp(prefix="load-data-shared-", dir=BENCH_DIR)
        self.servers = {
            name: Server(args, name, dbs, args.port + 2 * index, self.data_dir)
            for index, name in enumerate(("A", "B"))
        }
        self.killed = None

    def __getitem__(self, name):
        return self.servers[name]

    def start(self):
        for server in self.servers.values():
            log(f"server {server.name}: Odoo --workers on {server.url}")
            server.start()

    def retries(self, db):
        return sum(server.retries(db) for server in self.servers.values())

    def stop(self):
        for server in self.servers.values():
            server.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


def route(phases, pair, failover=False):
    """Gate-only: a database's operators alternately on A and B; inspect:
    operators on A, inspectors on B (with ``failover``, A's clients go on
    through B when A stops answering)."""
    for phase in phases:
        site = phase.site
        if phase.flow == "inspect":
            inspectors = inspectors_of(phase.clients)
            operators = site.operators[: phase.clients - inspectors]
            for login in operators:
                client = site.sessions[login]
                client.url = pair["A"].url
                client.failover = pair["B"].url if failover else None
            for login in site.inspectors[:inspectors]:
                site.sessions[login].url = pair["B"].url
                site.sessions[login].failover = None
        else:
            for index, login in enumerate(site.operators[: phase.clients]):
                client = site.sessions[login]
                client.url = pair["AB"[index % 2]].url
                client.failover = None


def plan_two_servers(args):
    """The gate-only rounds and an inspect phase per client count, then the
    inspect phase with server A killed (round "kill", the last count)."""
    plan = []
    for clients in args.client_counts:
        for round_ in range(1, args.rounds + 1):
            pair = ["plain", "add-on"] if round_ % 2 else ["add-on", "plain"]
            plan.append(("gate-only", clients, round_, tuple(pair)))
        plan.append(("inspect", clients, 1, ("add-on",)))
    kill = ("inspect", args.client_counts[-1], 2, ("add-on",))
    return plan, kill


def run(args, sites, info_of):
    """The whole mode, on installed databases: returns (the phases, the
    machine's description, the report's lines of this mode, whether the
    crons made no duplicate and missed nothing)."""
    plan, kill = plan_two_servers(args)
    pair = ServerPair(args, [site.db for site in sites.values()])
    for site in sites.values():
        site.server = pair
    pair.start()
    extra = {"add-on": [("probe", 1), ("cron", CRON_ORDERS)]}
    prepare_sites(sites, lambda site: pair["A"].url, args, [*plan, kill], extra)
    for server in ("A", "B"):  # every worker of both servers
        for site in sites.values():
            for client in site.sessions.values():
                client.url = pair[server].url
        warm_up(sites, args)
    addon = sites["add-on"]
    probes = {}

    def before(phases):
        route(phases, pair)
        if phases[0].flow == "inspect":
            probes[phases[0].clients] = start_probe(addon, pair)

    phases = []
    for step in plan:
        phases += run_plan([step], sites, args, before=before)
        if step[0] == "inspect":
            probes[step[1]] = probes[step[1]]()
    info = info_of()

    log("crons: each scheduled action started on A and B at once")
    admin = Client(pair["A"].url, addon.db, "admin").authenticate("admin")
    work = prepare_cron_work(addon, admin, args.pg)
    outcomes = run_crons_together(addon, pair)
    cron_checks = check_cron_work(addon, args.pg, work)
    log(f"  crons: {outcomes}; checks {cron_checks}")

    log("phase: inspect, server A killed half-way, its clients on to B")
    killed = run_kill_phase(kill, addon, pair, args)
    phases.append(killed)
    lines = report_two_servers(pair, probes, outcomes, cron_checks, killed, args)
    return phases, info, lines, not any(cron_checks.values())


def run_kill_phase(kill, site, pair, args):
    """The kill phase: A's clients fail over to B when A is killed."""
    flow, clients, round_, __ = kill
    orders = site.orders[f"{flow} {clients} r{round_}"]
    phase = Phase(site, flow, clients, round_, orders)
    phase.note = "server A killed half-way"
    route([phase], pair, failover=True)

    def killer():
        time.sleep(args.phase_seconds / 2)
        log("  killing server A (SIGKILL)")
        pair["A"].kill()
        pair.killed = time.monotonic()

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    run_together([phase], args)
    thread.join()
    log_phase(phase)
    return phase


def report_two_servers(pair, probes, outcomes, cron_checks, killed, args):
    lines = [
        "",
        "Two servers: A on port"
        f" {pair['A'].port} (websocket {pair['A'].gevent_port}), B on port"
        f" {pair['B'].port} (websocket {pair['B'].gevent_port}), each"
        f" --workers={args.workers}, one data directory (filestore, sessions),"
        " the same databases; gate-only: each database's operators alternately"
        " on A and B; inspect: operators on A, inspectors on B.",
    ]
    lines += ["", *report_live(probes), "", *report_crons(outcomes, cron_checks)]
    lost = ", ".join(
        f"{kind}s {sum(states.values())}"
        + (
            f" ({', '.join(f'{n} {s}' for s, n in sorted(states.items()))})"
            if states
            else ""
        )
        for kind, states in uncertain_outcomes(killed, args.pg).items()
    )
    lines += [
        "",
        "Server A killed (SIGKILL) half-way through the last inspect phase:"
        " its clients went on through B with their sessions. Writes whose"
        " answer was lost with A (done or not, the client could not know;"
        f" their state in the database now): {lost}. Invariant violations"
        f" {sum(killed.invariants.values())}.",
    ]
    return lines


def uncertain_outcomes(phase, pg):
    """{kind: Counter(state in the database)} of the writes whose answer was
    lost."""
    tables = {
        "work order": ("mrp_workorder", "workorder"),
        "order": ("mrp_production", "order"),
        "inspection": ("quality_inspection", "inspection"),
    }
    result = {}
    for kind, (table, key) in tables.items():
        ids = tuple(phase.uncertain[key])
        states = Counter()
        if ids:
            rows = pg.query(
                phase.site.db, f"SELECT state FROM {table} WHERE id IN %s", (ids,)
            )
            states.update(state for (state,) in rows)
        result[kind] = states
    return result
