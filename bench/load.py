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

This module runs the phases; the others hold their parts:
``load_common.py`` (the JSON-RPC client, shared), ``load_server.py``
(PostgreSQL, Odoo), ``load_fixtures.py`` (the data, over JSON-RPC),
``load_flows.py`` (operators, inspectors, phases), ``load_invariants.py``
(the checks in SQL) and ``load_report.py`` (the tables); with
``--two-servers``, ``load_two_servers.py`` (two servers on the same databases
and filestore, one killed mid-flow), ``load_live.py`` (the Shop Floor's live
update across servers) and ``load_crons.py`` (crons on both at once).
"""

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

import load_two_servers
import psycopg2
from load_common import (
    BENCH_DIR,
    log,
)
from load_fixtures import Site, prepare_sites, warm_up
from load_flows import run_plan
from load_report import machine_info, report
from load_server import Postgres, Server, install


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--addons-path", required=True)
    parser.add_argument(
        "--odoo-bin",
        help="Odoo's odoo-bin, to start the servers with (else python -m odoo,"
        " whose --workers start no gevent process: no websocket)",
    )
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
        "--two-servers",
        action="store_true",
        help="two Odoo servers on both databases and one filestore: throughput,"
        " the Shop Floor's live update across servers, crons on both at once,"
        " a server killed mid-flow (see load_two_servers.py)",
    )
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
        if args.two_servers:
            phases, info, lines, crons_ok = load_two_servers.run(
                args, sites, lambda: machine_info(args.pg, sites["plain"].db)
            )
            text, ok = report(phases, args, info, load, started)
            text += "\n" + "\n".join(lines)
            print(text)
            Path(args.output).write_text(text + "\n")
            return 0 if ok and crons_ok else 1
        # One Odoo per database, each with its workers: side by side, the
        # two databases get the same share of the machine.
        for index, site in enumerate(sites.values()):
            site.server = Server(args, site.name, [site.db], args.port + 2 * index)
            log(f"{site.name}: Odoo --workers={args.workers} on {site.server.url}")
            site.server.start()
        # Both databases filled at once.
        prepare_sites(sites, lambda site: site.server.url, args, plan)
        warm_up(sites, args)
        info = machine_info(args.pg, sites["plain"].db)
        phases = run_plan(plan, sites, args)
        text, ok = report(phases, args, info, load, started)
        print(text)
        Path(args.output).write_text(text + "\n")
        return 0 if ok else 1
    finally:
        # One server per database, or the two servers of both.
        servers = {id(site.server): site.server for site in sites.values()}
        for server in servers.values():
            if server:
                server.stop()
        if not args.keep:
            for site in sites.values():
                with contextlib.suppress(psycopg2.Error):
                    args.pg.drop(site.db)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
    sys.exit(130)
