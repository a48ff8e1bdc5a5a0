#!/usr/bin/env python3
# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scale mode of the benchmark: a plant's years in one database (issue #28).

Run it through ``bench/run --scale S|M|L``, which creates the database (the
add-on installed without demo data) this script fills: scale_seed.py runs
orders through the real flow, scale_build.py multiplies them in SQL (S: 2
copies, M: 20, L: 200), checks that no foreign key points to nothing and
analyzes; scale_measure.py then measures each row side by side with Odoo's
equivalent or raw SQL, and the table is printed (and kept in ``--output``).
"""

import argparse
import os
import sys
import time
from pathlib import Path

import scale_build
import scale_measure
from common import Runner, log, machine_info

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="database with the add-on")
    parser.add_argument("--scale", required=True, choices=sorted(scale_build.SIZES))
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db_host")
    parser.add_argument("--db_port")
    parser.add_argument("--reps", type=int, default=7, help="timed runs (median)")
    parser.add_argument(
        "--seed-orders",
        type=int,
        default=scale_build.SEED_ORDERS,
        help="orders run through the flow before the copies",
    )
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="measure a database built before (bench/run --scale ... --keep)",
    )
    parser.add_argument(
        "--rows",
        help="measure these rows only, comma-separated (e.g. cards,kpi): "
        + ", ".join(scale_measure.ROWS),
    )
    parser.add_argument("--output", help="also write the table (markdown) here")
    return parser.parse_args()


def fixtures(env, built):
    """The users' environments (not superuser) and the cron's (OdooBot)."""
    users = built["users"]
    return dict(
        built,
        envs={
            role: env(user=user.id, su=False, context={"lang": "en_US", "tz": "UTC"})
            for role, user in users.items()
        },
        cron_env=env(user=SUPERUSER_ID, su=True, context={"lang": "en_US"}),
        spc=built["spc"].with_env(env),
        busy=built["busy"].with_env(env),
        workcenters=built["workcenters"].with_env(env),
    )


def find_built(env):
    """The fixtures of a database built before (``--measure-only``)."""
    Workcenter = env["mrp.workcenter"]
    return {
        "users": {
            role: env["res.users"].search([("login", "=", f"scale_{role}")])
            for role in ("operator", "inspector", "manager")
        },
        "busy": Workcenter.search([("code", "=", "BUSY")]),
        "workcenters": Workcenter.search([("code", "=like", "S%")], order="id")
        | Workcenter.search([("code", "=", "BUSY")]),
        "spc": env["quality.checkpoint"].search([("name", "=", "Bore diameter")]),
        "counts": scale_build.table_counts(env.cr),
    }


def report(args, info, load, counts, table, seconds):
    sizes = ", ".join(f"{table_}: {count:,}" for table_, count in counts.items())
    return (
        f"Scale {args.scale} ({scale_build.SIZES[args.scale]} copies of a seed of"
        f" {args.seed_orders} orders): {sizes}.\n"
        f"Machine: {info}. Load average at start: {load}."
        f" Medians of {args.reps} runs ({args.reps * scale_measure.FAST} for the"
        " SPC chart, the kanban, the recording and the KPIs), interleaved with"
        f" the side-by-side ones; ms (queries); total {seconds:.0f} s.\n\n"
        + table.markdown()
    )


def main():
    args = parse_args()
    options = [f"--addons-path={args.addons_path}", "--log-level=warn"]
    options += [f"--db_host={args.db_host}"] if args.db_host else []
    options += [f"--db_port={args.db_port}"] if args.db_port else []
    odoo.tools.config.parse_config(options, setup_logging=True)
    started = time.perf_counter()
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    with Registry(args.db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        info = machine_info(cr)
        log(info)
        if args.measure_only:
            built = find_built(env)
        else:
            built = scale_build.build_scale(env, args.scale, args.seed_orders)
        log(f"counts: {built['counts']}")
        fx = fixtures(env, built)
        table = scale_measure.ScaleTable()
        runner = Runner(fx["envs"]["manager"], args.reps)
        rows = args.rows.split(",") if args.rows else None
        scale_measure.measure_all(table, runner, fx, rows)
        cr.rollback()
    text = report(
        args, info, load, built["counts"], table, time.perf_counter() - started
    )
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
