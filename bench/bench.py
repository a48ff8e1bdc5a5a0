#!/usr/bin/env python3
# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of quality_progress_sync: SQL query counts and wall-time ratios.

Run it through ``bench/run``, which creates the databases this script fills
(``--db``: the add-on installed; ``--plain-db``: ``mrp`` alone, Odoo without
the add-on; ``--oca-db``: OCA's quality_control_mrp_oca installed, the peer)
and drops them afterwards.

Every figure is measured in-process through Odoo's registry. Each measured
operation runs inside a savepoint that is rolled back afterwards, so that
every repetition starts from the same data. Query counts are exact
(``cr.sql_log_count`` deltas, after a warm-up run, from a flushed and
invalidated cache); times are medians of repeated runs, and the variants of a
scenario are run interleaved (A B C A B C ...) so that a load on the machine
weighs on all of them alike: the ratios are the figures to read.

This module runs the concerns, each measured by its own module
(``bench_<concern>.py``: its fixtures and its rows) on the fixtures and the
measuring of ``common.py``.
"""

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

import bench_containment
import bench_gate
import bench_generation
import bench_kanban
import bench_kpi
import bench_peer
import bench_plain
import bench_shop_floor
import bench_spc
from common import Runner, Table, build_base, build_kanban, log, machine_info

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

# The concerns measured on the add-on's database alone, in this order: name
# (for --only), the fixture it builds (build_kanban's is shared), its rows.
CONCERNS = (
    (
        "generation",
        bench_generation.build_generation,
        bench_generation.bench_generation,
    ),
    ("gate", bench_gate.build_gate, bench_gate.bench_gate),
    ("kanban", build_kanban, bench_kanban.bench_kanban),
    ("kpi", build_kanban, bench_kpi.bench_kpi),
    ("shop_floor", build_kanban, bench_shop_floor.bench_shop_floor),
    ("spc", bench_spc.build_spc, bench_spc.bench_spc),
    (
        "containment",
        bench_containment.build_containment,
        bench_containment.bench_containment,
    ),
)
ALL = ("plain", "peer", *(name for name, __, __ in CONCERNS))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="database with the add-on")
    parser.add_argument("--oca-db", help="database with quality_control_mrp_oca")
    parser.add_argument("--plain-db", help="database with mrp alone (no add-on)")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db_host")
    parser.add_argument("--db_port")
    parser.add_argument("--reps", type=int, default=7, help="timed runs (median)")
    parser.add_argument("--output", help="also write the table (markdown) here")
    parser.add_argument(
        "--only",
        help="comma-separated scenarios: " + ",".join(ALL),
    )
    return parser.parse_args()


def bench_against_plain(table, runner, fx, plain_cr, only):
    """The rows against Odoo without the add-on (``plain_cr``: mrp alone)."""
    log("plain: Odoo without the add-on")
    plain_fx = build_base(api.Environment(plain_cr, SUPERUSER_ID, {}))
    plain_runner = Runner(plain_fx["env"], runner.reps)
    if "plain" in only:
        bench_plain.build_plain(plain_fx)
        bench_plain.build_plain(fx)
        bench_plain.bench_plain(table, runner, fx, plain_runner, plain_fx)
    if "containment" in only:
        bench_containment.build_delivery(plain_fx)
        bench_containment.build_delivery(fx)
        bench_containment.bench_delivery(table, runner, fx, plain_runner, plain_fx)


def main():
    args = parse_args()
    options = [f"--addons-path={args.addons_path}", "--log-level=warn"]
    options += [f"--db_host={args.db_host}"] if args.db_host else []
    options += [f"--db_port={args.db_port}"] if args.db_port else []
    odoo.tools.config.parse_config(options, setup_logging=True)
    only = set(args.only.split(",") if args.only else ALL)
    unknown = only - set(ALL)
    if unknown:
        raise SystemExit(f"--only: unknown scenario(s) {', '.join(sorted(unknown))}")

    table = Table()
    started = time.perf_counter()
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    with contextlib.ExitStack() as stack:
        cr = stack.enter_context(Registry(args.db).cursor())
        info = machine_info(cr)
        log(f"{info}")
        fx = build_base(api.Environment(cr, SUPERUSER_ID, {}))
        runner = Runner(fx["env"], args.reps)
        if args.plain_db and only & {"plain", "containment"}:
            # First, while the databases hold the same few records.
            plain_cr = stack.enter_context(Registry(args.plain_db).cursor())
            bench_against_plain(table, runner, fx, plain_cr, only)
        if args.oca_db and "peer" in only:
            # First, while both databases hold the same few records.
            log("peer: quality_control_mrp_oca")
            oca_cr = stack.enter_context(Registry(args.oca_db).cursor())
            oca_fx = build_base(api.Environment(oca_cr, SUPERUSER_ID, {}))
            bench_peer.build_peer_oca(oca_fx)
            bench_peer.build_peer_ours(fx)
            oca_runner = Runner(oca_fx["env"], args.reps)
            bench_peer.bench_peer(table, runner, fx, oca_runner, oca_fx)
        for name, build, bench in CONCERNS:
            if name in only:
                log(name)
                if build is not build_kanban or "kanban_product" not in fx:
                    build(fx)
                bench(table, runner, fx)
        cr.rollback()

    report = (
        f"Machine: {info}.\n"
        f"Load average at start: {load}. Timed runs per variant: {args.reps}"
        f" (gate, plain start + finish: {args.reps * 8}; kanban of 200, KPIs,"
        f" plain kanban: {args.reps * 6}; plain order: {args.reps * 3};"
        f" kanban of 2,000: {args.reps * 2}), interleaved; ratio ="
        " median of the ratios to the baseline run in the same round;"
        f" total bench time {time.perf_counter() - started:.0f} s.\n\n"
        + table.markdown()
    )
    print(report)
    if args.output:
        Path(args.output).write_text(report + "\n")
    if table.missed:
        print("\nTargets missed:\n- " + "\n- ".join(table.missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
