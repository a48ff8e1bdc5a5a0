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
"""

import argparse
import contextlib
import gc
import math
import os
import platform
import runpy
import statistics
import sys
import time
from pathlib import Path

import bench_spc

import odoo
import odoo.release
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

# The fields a work-order kanban reads, shared with the add-on's query-budget
# tests (a plain file, loaded by path so that odoo.tests is not imported).
_spec = runpy.run_path(
    str(
        Path(__file__).resolve().parent.parent
        / "quality_progress_sync/tests/kanban_spec.py"
    )
)
ODOO_KANBAN_SPEC = _spec["ODOO_KANBAN_SPEC"]
QUALITY_KANBAN_SPEC = _spec["QUALITY_KANBAN_SPEC"]
QUALITY_FIELD_COUNT = len(QUALITY_KANBAN_SPEC) - len(ODOO_KANBAN_SPEC)
OPERATIONS = 20  # work orders of every benchmarked manufacturing order
GENERATION_COUNTS = (0, 1, 5, 50)  # checkpoints per operation
# Odoo inserts and updates rows by batches of 100 (odoo.models.INSERT_BATCH_SIZE)
# and so does it for the chatter records of new mail.thread records.
# The ORM inserts rows by INSERT_BATCH_SIZE and fetches and computes fields
# by PREFETCH_MAX records: statements that grow with these batches, for
# Odoo's own fields as for ours, are told apart from growth per record.
ODOO_BATCH = 100  # odoo.models.INSERT_BATCH_SIZE
PREFETCH_BATCH = 1000  # odoo.models.PREFETCH_MAX
# The work orders a Shop Floor queue shows (mrp_workorder_shop_floor.py).
SHOP_FLOOR_QUEUE = [
    ("state", "in", ("pending", "waiting", "ready", "progress")),
    ("production_id.state", "not in", ("draft", "done", "cancel")),
]


# ----------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------


class Runner:
    """Measure callables on one cursor, each run in a rolled-back savepoint."""

    def __init__(self, env, reps):
        self.env = env
        self.cr = env.cr
        self.reps = reps

    def run(self, func):
        """Run ``func`` once from a flushed, empty cache; roll it back.
        Return (queries, seconds)."""
        env, cr = self.env, self.cr
        env.flush_all()
        env.invalidate_all()
        gc.collect()
        with contextlib.closing(cr.savepoint()):
            start_count = cr.sql_log_count
            start = time.perf_counter()
            func()
            env.flush_all()
            seconds = time.perf_counter() - start
            queries = cr.sql_log_count - start_count
        env.invalidate_all(flush=False)
        return queries, seconds

    def compare(self, variants, reps=None, baseline=None):
        """Run the variants interleaved; return {name: (queries, median
        seconds, ratio)}.

        ``variants`` is a list of (name, runner, func): the runner (cursor)
        may differ between variants, to compare two databases side by side.
        ``queries`` is a :class:`Count`: the same on every run, except where
        Odoo's own flushes depend on timing (the stock moves of Done are
        written in one UPDATE or two). ``ratio`` is
        the median of the ratios of each round's time to the time of the
        ``baseline`` variant (default: the first) in the same round: runs side
        by side share the load of the machine."""
        reps = reps or self.reps
        baseline = variants[0][0] if baseline is None else baseline
        for __, runner, func in variants:  # warm-up: caches, plans
            runner.run(func)
        counts = {name: [] for name, __, __ in variants}
        times = {name: [] for name, __, __ in variants}
        for rep in range(reps):
            shift = rep % len(variants)
            for name, runner, func in variants[shift:] + variants[:shift]:
                queries, seconds = runner.run(func)
                counts[name].append(queries)
                times[name].append(seconds)
        return {
            name: (
                Count(counts[name]),
                statistics.median(times[name]),
                statistics.median(
                    t / b for t, b in zip(times[name], times[baseline], strict=True)
                ),
            )
            for name, __, __ in variants
        }


class Count(int):
    """A query count: the most frequent of the runs, which keeps their range."""

    def __new__(cls, counts):
        self = super().__new__(cls, statistics.mode(counts))
        self.low, self.high = min(counts), max(counts)
        return self

    def __str__(self):
        if self.low == self.high:
            return str(int(self))
        return f"{int(self)} ({self.low}-{self.high})"


class Table:
    """Rows of the report: scenario, case, queries, time, ratio, target."""

    HEADER = ("scenario", "case", "queries", "median ms", "ratio", "target", "")

    def __init__(self):
        self.rows = []
        self.missed = []

    def add(self, scenario, case, queries, seconds, ratio=None, target="", ok=None):
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        if ok is False:
            self.missed.append(f"{scenario}: {case} ({target})")
        self.rows.append(
            (
                scenario,
                case,
                "" if queries is None else str(queries),
                "" if seconds is None else f"{seconds * 1000:.1f}",
                "" if ratio is None else f"{ratio:.2f}x",
                target,
                verdict,
            )
        )

    def markdown(self):
        lines = [
            "| " + " | ".join(self.HEADER) + " |",
            "|" + "|".join(["---", "---", "--:", "--:", "--:", "---", "---"]) + "|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)


# ----------------------------------------------------------------------
# Fixtures (committed: the databases are throw-away, and PostgreSQL plans
# with statistics of committed, analyzed tables)
# ----------------------------------------------------------------------


def fixture_env(env):
    return env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
        )
    )


def user_env(env):
    """The administrator as the web client calls the server: not superuser,
    record rules and access rights apply; work orders enabled."""
    admin = env.ref("base.user_admin")
    admin.groups_id += env.ref("mrp.group_mrp_routings")
    return env(
        user=admin,
        su=False,
        context={
            "lang": "en_US",
            "tz": "UTC",
            "allowed_company_ids": [admin.company_id.id],
        },
    )


def create_workcenters(env, prefix):
    return env["mrp.workcenter"].create(
        [
            {"name": f"{prefix} WC {index:02d}", "code": f"W{index:02d}"}
            for index in range(OPERATIONS)
        ]
    )


def create_bom(env, name, workcenters, component, operations=OPERATIONS):
    product = env["product.product"].create({"name": name, "type": "consu"})
    return env["mrp.bom"].create(
        {
            "product_tmpl_id": product.product_tmpl_id.id,
            "product_qty": 1.0,
            "bom_line_ids": [(0, 0, {"product_id": component.id, "product_qty": 1})],
            "operation_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"Op {index:02d}",
                        "workcenter_id": workcenters[index].id,
                        "sequence": index,
                        "time_cycle_manual": 10,
                    },
                )
                for index in range(operations)
            ],
        }
    )


def create_mos(env, bom, count=1):
    product = bom.product_tmpl_id.product_variant_id
    return env["mrp.production"].create(
        [
            {
                "product_id": product.id,
                "product_uom_id": product.uom_id.id,
                "product_qty": 1.0,
                "bom_id": bom.id,
            }
            for __ in range(count)
        ]
    )


def create_checkpoints(env, operations, per_operation, **vals):
    return env["quality.checkpoint"].create(
        [
            dict(
                {
                    "name": f"{operation.name} check {index}",
                    "operation_id": operation.id,
                },
                **vals,
            )
            for operation in operations
            for index in range(per_operation)
        ]
    )


def pass_inspections(inspections):
    inspections.sudo()._record_result("pass")


def build_base(env):
    """Work centers and a component shared by the fixtures of a database."""
    env = fixture_env(env)
    return {
        "env": user_env(env),
        "workcenters": create_workcenters(env, "Bench"),
        "component": env["product.product"].create(
            {"name": "Component", "type": "consu"}
        ),
    }


def new_bom(fx, name):
    return create_bom(
        fixture_env(fx["env"](su=True)), name, fx["workcenters"], fx["component"]
    )


def build_generation(fx):
    """Draft MOs of 20 work orders, 0 / 1 / 5 / 50 checkpoints each."""
    env = fixture_env(fx["env"](su=True))
    fx["generation"] = {}
    for count in GENERATION_COUNTS:
        bom = new_bom(fx, f"Gen {count}")
        create_checkpoints(env, bom.operation_ids, count)
        fx["generation"][count] = create_mos(env, bom).with_env(fx["env"])
    env.cr.commit()


def build_gate(fx):
    """Confirmed MOs whose first work order is started, with 0 / 10 / 100
    passed inspections."""
    env = fixture_env(fx["env"](su=True))
    fx["gate"] = {}
    for count in (0, 10, 100):
        bom = new_bom(fx, f"Gate {count}")
        create_checkpoints(env, bom.operation_ids[:1], count)
        production = create_mos(env, bom)
        production.action_confirm()
        workorder = production.workorder_ids.sorted("id")[:1]
        pass_inspections(workorder.inspection_ids)
        workorder = workorder.with_env(fx["env"])
        workorder.button_start()
        fx["gate"][count] = workorder
    env.cr.commit()


def build_kanban(fx):
    """100 confirmed MOs = 2,000 work orders with one inspection each: a
    third passed, a tenth failed."""
    env = fixture_env(fx["env"](su=True))
    bom = new_bom(fx, "Kanban")
    # Alert only: the failed tenth must not add rework work orders.
    create_checkpoints(env, bom.operation_ids, 1, on_failure="alert")
    productions = create_mos(env, bom, count=100)
    productions.action_confirm()
    inspections = productions.inspection_ids.sorted("id")
    pass_inspections(inspections[: len(inspections) // 3])
    inspections[-len(inspections) // 10 :].sudo()._record_result("fail", "Bench")
    fx["kanban_product"] = bom.product_tmpl_id.product_variant_id
    env.cr.commit()


def build_peer_ours(fx):
    """MOs of 20 work orders: no checkpoint; 5 final inspections by an
    inspector on the last operation."""
    env = fixture_env(fx["env"](su=True))
    fx["peer"] = {}
    for count in (0, 5):
        bom = new_bom(fx, f"Peer {count}")
        last = bom.operation_ids.sorted("sequence")[-1:]
        create_checkpoints(env, last, count, stage="final", performer="inspector")
        fx["peer"][count] = bom
    env.cr.commit()


PLAIN_KANBAN_ORDERS = 10  # x 20 work orders: the kanban read of 200


def operator_env(fx):
    """A Manufacturing user who sees work orders (mrp.group_mrp_user and the
    Work Orders setting), as on the shop floor: not superuser, not a
    manager, no quality group."""
    env = fixture_env(fx["env"](su=True))
    groups = env.ref("mrp.group_mrp_user") | env.ref("mrp.group_mrp_routings")
    user = env["res.users"].search([("login", "=", "bench_operator")])
    user = user or env["res.users"].create(
        {
            "name": "Bench Operator",
            "login": "bench_operator",
            "groups_id": [(6, 0, groups.ids)],
        }
    )
    return fx["env"](user=user)


def build_plain(fx):
    """The same fixtures in plain Odoo's database (mrp alone) and in the
    add-on's, with no checkpoint: an operator; a BoM of 20 operations; a
    confirmed MO whose first work order is started then finished; 10
    confirmed MOs (200 work orders) for the kanban."""
    env = fixture_env(fx["env"](su=True))
    bom = new_bom(fx, "Plain")
    fx["plain_bom"] = bom
    fx["operator_env"] = operator_env(fx)
    production = create_mos(env, bom)
    production.action_confirm()
    fx["plain_workorder"] = production.workorder_ids.sorted("id")[:1]
    kanban_bom = new_bom(fx, "Plain kanban")
    create_mos(env, kanban_bom, count=PLAIN_KANBAN_ORDERS).action_confirm()
    fx["plain_kanban_product"] = kanban_bom.product_tmpl_id.product_variant_id
    env.cr.commit()


def insert_kpi_inspections(env, product, count):
    """Add ``count`` done inspections to the kanban work orders in one
    INSERT ... SELECT: 3% to 22% failed depending on the work center, 1 in 53
    still to do."""
    cr = env.cr
    cr.execute(
        """
        WITH wo AS (
            SELECT row_number() OVER (ORDER BY w.id) - 1 AS rn, w.id,
                   w.production_id, w.workcenter_id, w.operation_id,
                   p.product_id, p.company_id, c.id AS checkpoint_id
              FROM mrp_workorder w
              JOIN mrp_production p ON p.id = w.production_id
              JOIN quality_checkpoint c ON c.operation_id = w.operation_id
             WHERE p.product_id = %(product)s
        ), n AS (SELECT count(*) AS n FROM wo)
        INSERT INTO quality_inspection (
            name, checkpoint_id, workorder_id, production_id, product_id,
            workcenter_id, operation_id, company_id, stage, performer,
            check_type, blocking, sample_size, state, gate_blocking,
            rework_loop, user_id, date_done,
            create_uid, create_date, write_uid, write_date)
        SELECT 'KPI/' || g, wo.checkpoint_id, wo.id, wo.production_id,
               wo.product_id, wo.workcenter_id, wo.operation_id, wo.company_id,
               'patrol', 'inspector', 'pass_fail', true, 1, s.state,
               s.state <> 'pass', 0, %(uid)s, now(),
               %(uid)s, now(), %(uid)s, now()
          FROM generate_series(1, %(count)s) g
          JOIN n ON true
          JOIN wo ON wo.rn = g %% n.n
          CROSS JOIN LATERAL (SELECT CASE
                 WHEN g %% 53 = 0 THEN 'todo'
                 WHEN g * 7919 %% 100 < 3 + wo.rn %% 20 THEN 'fail'
                 ELSE 'pass' END AS state) s
        """,
        {"product": product.id, "count": count, "uid": env.uid},
    )
    cr.commit()
    cr.execute("ANALYZE quality_inspection")


def build_peer_oca(fx):
    """The same MOs in OCA's database: no trigger; a 5-question test
    triggered when the MO is done."""
    env = fixture_env(fx["env"](su=True))
    fx["peer"] = {}
    for count in (0, 5):
        bom = new_bom(fx, f"Peer {count}")
        if count:
            test = env["qc.test"].create(
                {
                    "name": "Final test",
                    "test_lines": [
                        (
                            0,
                            0,
                            {
                                "name": f"Dimension {index}",
                                "type": "quantitative",
                                "min_value": 9.9,
                                "max_value": 10.1,
                                "uom_id": env.ref("uom.product_uom_unit").id,
                            },
                        )
                        for index in range(count)
                    ],
                }
            )
            env["qc.trigger.product_line"].create(
                {
                    "product": bom.product_tmpl_id.product_variant_id.id,
                    "trigger": env.ref("quality_control_mrp_oca.qc_trigger_mrp").id,
                    "test": test.id,
                    "timing": "after",
                }
            )
        fx["peer"][count] = bom
    env.cr.commit()


# ----------------------------------------------------------------------
# Scenarios
# ----------------------------------------------------------------------


def bench_generation(table, runner, fx):
    """Confirm an MO of 20 work orders with 0 / 1 / 5 / 50 checkpoints each."""
    variants = [
        (count, runner, production.action_confirm)
        for count, production in fx["generation"].items()
    ]
    result = runner.compare(variants)
    plain_q = result[0][0]
    one_q = result[1][0]
    for count, (queries, seconds, ratio) in result.items():
        inspections = count * OPERATIONS
        plural = "s" if count != 1 else ""
        case = f"confirm MO, 20 WOs x {count} checkpoint{plural} = {inspections} insp."
        if count == 0:
            table.add(
                "generation", case + " (plain)", queries, seconds, 1.0, "baseline"
            )
            continue
        # One INSERT per batch of 100 rows is the ORM's; anything else must
        # not grow with the checkpoints or the inspections.
        inserts = math.ceil(inspections / ODOO_BATCH)
        target = f"= with 1 checkpoint ({one_q})"
        if inserts > 1:
            target += f" + {inserts - 1} further INSERT batch(es) of 100"
        ok = queries == one_q + inserts - 1
        table.add(
            "generation",
            case,
            f"{queries} (+{queries - plain_q})",
            seconds,
            ratio,
            target,
            ok,
        )


def bench_gate(table, runner, fx):
    """Finish a started work order with 0 / 10 / 100 passed inspections."""
    env = fx["env"]
    counts = (0, 10, 100)
    variants = [
        (count, runner, fx["gate"][count].with_env(env).button_finish)
        for count in counts
    ]
    result = runner.compare(variants, reps=runner.reps * 8)
    plain_q = result[0][0]
    for count in counts:
        queries, seconds, ratio = result[count]
        case = f"finish a WO with {count} passed inspections"
        if count == 0:
            table.add("gate", case + " = plain", queries, seconds, 1.0, "baseline")
            continue
        table.add(
            "gate",
            case,
            f"{queries} (+{queries - plain_q})",
            seconds,
            ratio,
            f"queries = with 10 ({result[10][0]}); ≤ 1.15x",
            queries == result[10][0] and ratio <= 1.15,
        )


def bench_kanban(table, runner, fx):
    """web_search_read of the work-order kanban, 200 and 2,000 records."""
    env = fx["env"](context=dict(fx["env"].context, bin_size=True))
    Workorder = env["mrp.workorder"]
    domain = [("product_id", "=", fx["kanban_product"].id)]
    assert Workorder.search_count(domain) == 2000

    def read(spec, limit):
        def func():
            result = Workorder.web_search_read(domain, spec, limit=limit)
            assert len(result["records"]) == limit

        return func

    extra_200 = None
    for limit in (200, 2000):
        result = runner.compare(
            [
                ("odoo", runner, read(ODOO_KANBAN_SPEC, limit)),
                ("quality", runner, read(QUALITY_KANBAN_SPEC, limit)),
            ],
            reps=runner.reps * (6 if limit < 1000 else 2),
        )
        odoo_q, odoo_s, __ = result["odoo"]
        queries, seconds, ratio = result["quality"]
        extra = queries - odoo_q
        # Odoo fetches and computes by 1,000 records: its own fields take a
        # query more per batch (9 then 11), ours too.
        batches = math.ceil(limit / PREFETCH_BATCH)
        extra_200 = extra if extra_200 is None else extra_200
        table.add(
            "kanban",
            f"{limit} WOs, Odoo's kanban fields",
            odoo_q,
            odoo_s,
            1.0,
            "baseline",
        )
        table.add(
            "kanban",
            f"{limit} WOs, + the {QUALITY_FIELD_COUNT} quality fields",
            f"{queries} (+{extra})",
            seconds,
            ratio,
            f"+{extra_200} per 1,000 WOs as with 200; ≤ 1.1x",
            extra == extra_200 * batches and ratio <= 1.1,
        )


def bench_shop_floor(table, runner, fx):
    """The Shop Floor's queue, one call, against Odoo's work-order kanban
    read of the same work orders: 200 and 2,000."""
    env = fx["env"](context=dict(fx["env"].context, bin_size=True))
    Workorder = env["mrp.workorder"]
    domain = [("product_id", "=", fx["kanban_product"].id)]
    workorders = Workorder.search(domain)
    assert len(workorders) == 2000
    # The user chose the work centers of these work orders (and only them).
    env.user.quality_shop_floor_workcenter_ids = workorders.workcenter_id
    others = Workorder.search_count(
        [("workcenter_id", "in", workorders.workcenter_id.ids), *SHOP_FLOOR_QUEUE]
    )
    assert others == 2000, others
    env.flush_all()

    def kanban(limit):
        def func():
            result = Workorder.web_search_read(domain, ODOO_KANBAN_SPEC, limit=limit)
            assert len(result["records"]) == limit

        return func

    def shop_floor(limit):
        def func():
            data = Workorder.get_shop_floor_data(limit=limit)
            assert len(data["workorders"]) == limit

        return func

    queries_200 = None
    for limit in (200, 2000):
        result = runner.compare(
            [
                ("odoo", runner, kanban(limit)),
                ("shop_floor", runner, shop_floor(limit)),
            ],
            reps=runner.reps * (6 if limit < 1000 else 2),
        )
        odoo_q, odoo_s, __ = result["odoo"]
        queries, seconds, ratio = result["shop_floor"]
        queries_200 = queries if queries_200 is None else queries_200
        batches = math.ceil(limit / PREFETCH_BATCH)
        table.add(
            "shop floor",
            f"{limit} WOs, Odoo's work-order kanban read",
            odoo_q,
            odoo_s,
            1.0,
            "baseline",
        )
        table.add(
            "shop floor",
            f"{limit} WOs, the Shop Floor's queue in one call",
            queries,
            seconds,
            ratio,
            "queries as with 200 (Odoo's prefetch batches aside); ≤ 1.2x",
            queries <= queries_200 + 2 * (batches - 1) and ratio <= 1.2,
        )


def bench_kpi(table, runner, fx):
    """Pass rate per work center: _read_group vs one hand-written GROUP BY."""
    env = fx["env"]
    cr = env.cr

    def orm():
        groups = env["quality.inspection"]._read_group(
            [], ["workcenter_id", "state"], ["__count"]
        )
        return pass_rates((wc.id, state, count) for wc, state, count in groups)

    def raw():
        cr.execute(
            "SELECT workcenter_id, state, count(*) FROM quality_inspection"
            " GROUP BY workcenter_id, state"
        )
        return pass_rates(cr.fetchall())

    for size in (10_000, 100_000):
        cr.execute("SELECT count(*) FROM quality_inspection")
        existing = cr.fetchone()[0]
        insert_kpi_inspections(env, fx["kanban_product"], size - existing)
        assert orm() == raw()
        result = runner.compare(
            [("raw", runner, raw), ("orm", runner, orm)], reps=runner.reps * 6
        )
        raw_q, raw_s, __ = result["raw"]
        queries, seconds, ratio = result["orm"]
        table.add(
            "KPIs",
            f"{size:,} inspections, raw SQL GROUP BY",
            raw_q,
            raw_s,
            1.0,
            "baseline",
        )
        table.add(
            "KPIs",
            f"{size:,} inspections, _read_group",
            queries,
            seconds,
            ratio,
            "≤ 2x",
            ratio <= 2,
        )


def pass_rates(rows):
    """{work center id: passed / (passed + failed)} from (wc, state, count)."""
    done = {}
    passed = {}
    for workcenter_id, state, count in rows:
        if state in ("pass", "fail"):
            done[workcenter_id] = done.get(workcenter_id, 0) + count
        if state == "pass":
            passed[workcenter_id] = passed.get(workcenter_id, 0) + count
    return {wc: round(passed.get(wc, 0) / total, 6) for wc, total in done.items()}


def bench_peer(table, runner, fx, oca_runner, oca_fx):
    """Confirm + complete an MO of 20 WOs: ours (5 checkpoints on the last
    operation, passed before Done) vs OCA's (a 5-question test on Done)."""

    def flow(env, bom, ours):
        def func():
            production = create_mos(env, bom)
            production.action_confirm()
            if ours:
                production.inspection_ids.do_pass()
            production.button_mark_done()
            assert production.state == "done", production.state

        return func

    variants = [
        ("ours plain", runner, flow(fx["env"], fx["peer"][0], True)),
        ("ours", runner, flow(fx["env"], fx["peer"][5], True)),
        ("oca plain", oca_runner, flow(oca_fx["env"], oca_fx["peer"][0], False)),
        ("oca", oca_runner, flow(oca_fx["env"], oca_fx["peer"][5], False)),
    ]
    result = runner.compare(variants, baseline="oca")
    labels = {
        "ours plain": "quality_progress_sync, no checkpoint",
        "ours": "quality_progress_sync, 5 inspections passed",
        "oca plain": "quality_control_mrp_oca, no trigger",
        "oca": "quality_control_mrp_oca, 5-question test",
    }
    for name, (queries, seconds, ratio) in result.items():
        plain_q = result[name.split()[0] + " plain"][0]
        table.add(
            "peer: create, confirm, done MO of 20 WOs",
            labels[name],
            f"{queries} (+{queries - plain_q})" if "plain" not in name else queries,
            seconds,
            ratio,
            "baseline (peer)" if name == "oca" else "vs OCA with test",
        )


PLAIN_TARGET_RATIO = 1.05
PLAIN_TARGET_QUERIES = 5


def bench_plain(table, runner, fx, plain_runner, plain_fx):
    """The add-on with no checkpoint against Odoo without it (mrp alone), as
    a Manufacturing user: an order of 20 work orders created, confirmed and
    marked done; one work order started and finished; the work-order kanban
    (Odoo's, and the add-on's Progress & Quality one) of 200 work orders."""

    def order_flow(fx):
        env = fx["operator_env"]
        bom = fx["plain_bom"].with_env(env)

        def func():
            production = create_mos(env, bom)
            production.action_confirm()
            production.button_mark_done()
            assert production.state == "done", production.state

        return func

    def start_finish(fx):
        workorder = fx["plain_workorder"].with_env(fx["operator_env"])

        def func():
            workorder.button_start()
            workorder.button_finish()
            assert workorder.state == "done", workorder.state

        return func

    def kanban(fx, spec):
        env = fx["operator_env"]
        env = env(context=dict(env.context, bin_size=True))
        domain = [("product_id", "=", fx["plain_kanban_product"].id)]
        limit = PLAIN_KANBAN_ORDERS * OPERATIONS

        def func():
            result = env["mrp.workorder"].web_search_read(domain, spec, limit=limit)
            assert len(result["records"]) == limit

        return func

    scenario = "vs plain Odoo (mrp alone)"
    target = f"≤ {PLAIN_TARGET_RATIO}x; ≤ +{PLAIN_TARGET_QUERIES} queries"
    cases = (
        (
            "create, confirm, Mark as Done MO of 20 WOs",
            order_flow(plain_fx),
            order_flow(fx),
            3,
            True,
        ),
        (
            "start + finish 1 WO",
            start_finish(plain_fx),
            start_finish(fx),
            8,
            True,
        ),
        (
            "kanban of 200 WOs, Odoo's kanban fields",
            kanban(plain_fx, ODOO_KANBAN_SPEC),
            kanban(fx, ODOO_KANBAN_SPEC),
            6,
            True,
        ),
        (
            "kanban of 200 WOs: Odoo's kanban (plain) vs the add-on's"
            " Progress & Quality kanban",
            kanban(plain_fx, ODOO_KANBAN_SPEC),
            kanban(fx, QUALITY_KANBAN_SPEC),
            6,
            False,
        ),
    )
    for case, plain_func, ours_func, reps, targeted in cases:
        result = runner.compare(
            [("plain", plain_runner, plain_func), ("ours", runner, ours_func)],
            reps=runner.reps * reps,
        )
        plain_q, plain_s, __ = result["plain"]
        queries, seconds, ratio = result["ours"]
        table.add(scenario, f"{case}: plain Odoo", plain_q, plain_s, 1.0, "baseline")
        table.add(
            scenario,
            f"{case}: quality_progress_sync, no checkpoint",
            f"{queries} (+{queries - plain_q})",
            seconds,
            ratio,
            target if targeted else "(information)",
            (
                ratio <= PLAIN_TARGET_RATIO
                and queries - plain_q <= PLAIN_TARGET_QUERIES
                if targeted
                else None
            ),
        )


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------


def machine_info(cr):
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    cr.execute("SHOW server_version")
    pg_version = cr.fetchone()[0]
    return (
        f"{os.cpu_count()} CPUs (nproc), {memory} RAM, {cpu}; "
        f"PostgreSQL {pg_version}; Python {platform.python_version()}; "
        f"Odoo {odoo.release.version}"
    )


def log(message):
    print(f"== {message}", file=sys.stderr, flush=True)


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
        help="comma-separated scenarios: "
        "plain,peer,generation,gate,kanban,kpi,shop_floor,spc",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    options = [f"--addons-path={args.addons_path}", "--log-level=warn"]
    options += [f"--db_host={args.db_host}"] if args.db_host else []
    options += [f"--db_port={args.db_port}"] if args.db_port else []
    odoo.tools.config.parse_config(options, setup_logging=True)
    only = set(
        (args.only or "plain,peer,generation,gate,kanban,kpi,shop_floor,spc").split(",")
    )

    table = Table()
    started = time.perf_counter()
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    with contextlib.ExitStack() as stack:
        cr = stack.enter_context(Registry(args.db).cursor())
        info = machine_info(cr)
        log(f"{info}")
        fx = build_base(api.Environment(cr, SUPERUSER_ID, {}))
        runner = Runner(fx["env"], args.reps)
        if args.plain_db and "plain" in only:
            # First, while the databases hold the same few records.
            log("plain: Odoo without the add-on")
            plain_cr = stack.enter_context(Registry(args.plain_db).cursor())
            plain_fx = build_base(api.Environment(plain_cr, SUPERUSER_ID, {}))
            build_plain(plain_fx)
            build_plain(fx)
            bench_plain(table, runner, fx, Runner(plain_fx["env"], args.reps), plain_fx)
        if args.oca_db and "peer" in only:
            # First, while both databases hold the same few records.
            log("peer: quality_control_mrp_oca")
            oca_cr = stack.enter_context(Registry(args.oca_db).cursor())
            oca_fx = build_base(api.Environment(oca_cr, SUPERUSER_ID, {}))
            build_peer_oca(oca_fx)
            build_peer_ours(fx)
            bench_peer(table, runner, fx, Runner(oca_fx["env"], args.reps), oca_fx)
        for name, build, bench in (
            ("generation", build_generation, bench_generation),
            ("gate", build_gate, bench_gate),
            ("kanban", build_kanban, bench_kanban),
            ("kpi", build_kanban, bench_kpi),
            ("shop_floor", build_kanban, bench_shop_floor),
            ("spc", bench_spc.build_spc, bench_spc.bench_spc),
        ):
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
