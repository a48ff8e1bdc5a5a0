# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared by the benchmark's modules (bench.py, one ``bench_<concern>.py``
per measured concern, profile_plain.py): measuring (:class:`Runner`,
:class:`Count`, :class:`Table`), the fixtures every concern builds on, and
what the report says of the machine.

Fixtures are committed: the databases are throw-away, and PostgreSQL plans
with statistics of committed, analyzed tables.
"""

import contextlib
import gc
import os
import platform
import runpy
import statistics
import sys
import time
from pathlib import Path

import odoo
import odoo.release

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


# Odoo inserts and updates rows by batches of 100 (odoo.models.INSERT_BATCH_SIZE)
# and so does it for the chatter records of new mail.thread records.
# The ORM inserts rows by INSERT_BATCH_SIZE and fetches and computes fields
# by PREFETCH_MAX records: statements that grow with these batches, for
# Odoo's own fields as for ours, are told apart from growth per record.
ODOO_BATCH = 100  # odoo.models.INSERT_BATCH_SIZE


PREFETCH_BATCH = 1000  # odoo.models.PREFETCH_MAX


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


def build_kanban(fx):
    """100 confirmed MOs = 2,000 work orders with one inspection each: a
    third passed, a tenth failed; at work centers of their own, which the
    Shop Floor's queue shows with none of the other concerns' work orders."""
    env = fixture_env(fx["env"](su=True))
    workcenters = create_workcenters(env, "Kanban")
    bom = create_bom(env, "Kanban", workcenters, fx["component"])
    # Alert only: the failed tenth must not add rework work orders.
    create_checkpoints(env, bom.operation_ids, 1, on_failure="alert")
    productions = create_mos(env, bom, count=100)
    productions.action_confirm()
    inspections = productions.inspection_ids.sorted("id")
    pass_inspections(inspections[: len(inspections) // 3])
    inspections[-len(inspections) // 10 :].sudo()._record_result("fail", "Bench")
    fx["kanban_product"] = bom.product_tmpl_id.product_variant_id
    env.cr.commit()


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
