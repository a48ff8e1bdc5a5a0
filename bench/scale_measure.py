# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The rows of the scale mode (``bench/run --scale S|M|L``), each measured
side by side with Odoo's equivalent or raw SQL, in one run (medians, the
runs interleaved; see common.Runner), on a database of scale_build.py.
Each row has its goal (issue #28) and says ok or over.
"""

import importlib
from datetime import timedelta

from bench_spc import RAW_CAPABILITY
from common import ODOO_KANBAN_SPEC, QUALITY_KANBAN_SPEC, log

from odoo import fields

OPEN_STATES = ("pending", "waiting", "ready", "progress")
# The Progress & Quality action's domain and its default filter (Not Done).
QUALITY_DOMAIN = [
    ("state", "in", (*OPEN_STATES, "done")),
    ("state", "in", OPEN_STATES),
]
# Odoo's work orders (mrp.mrp_workorder_todo): its default filters, one
# group (ORed): Ready, In Progress, Pending (not draft), Waiting.
ODOO_DOMAIN = [
    "|",
    "|",
    "|",
    ("state", "=", "ready"),
    ("state", "=", "progress"),
    "&",
    ("state", "=", "pending"),
    ("production_state", "!=", "draft"),
    ("state", "=", "waiting"),
]
KANBAN_LIMIT = 80
KPI_WORKCENTERS = 40
XLSX_WORKORDERS = 1000
# The rows of a few tens of ms (SPC chart, kanban, recording, KPIs) run
# FAST times more often: their ratios are the most sensitive to the load.
FAST = 3
XLSX_MODEL = "report.quality_progress_sync.progress_quality_xlsx"


class ScaleTable:
    """| what | ms (queries) | baseline | ratio | goal | verdict |"""

    HEADER = ("what", "ms (queries)", "side by side", "ms (queries)", "goal", "verdict")

    def __init__(self):
        self.rows = []

    def add(self, what, measured, baseline_name, baseline, goal, ok):
        self.rows.append(
            (what, cell(*measured), baseline_name, cell(*baseline), goal, ok)
        )

    def markdown(self):
        lines = [
            "| " + " | ".join(self.HEADER) + " |",
            "|---|--:|---|--:|---|---|",
        ]
        for what, measured, name, baseline, goal, ok in self.rows:
            verdict = "ok" if ok else "over"
            lines.append(
                f"| {what} | {measured} | {name} | {baseline} | {goal} | {verdict} |"
            )
        return "\n".join(lines)


def cell(queries, seconds):
    return f"{seconds * 1000:,.1f} ({queries})"


def pair(result, name):
    queries, seconds, __ = result[name]
    return queries, seconds


def measure_all(table, runner, fx, rows=None):
    """Every row (or those named in ``rows``), in the order of issue #28."""
    for name in rows or ROWS:
        if name not in ROWS:
            raise SystemExit(f"no row {name!r}: {', '.join(ROWS)}")
        log(f"measuring: {name}")
        ROWS[name](table, runner, fx)


def cron_row(table, runner, what, func, count_sql, sql_env):
    """A cron against the raw SQL that counts its work: ≤ 1 s per 1,000
    records (≤ 1 s under 1,000), a bounded number of queries (under 100
    whatever the count)."""
    cr = sql_env.cr
    cr.execute(count_sql)
    pending = cr.fetchone()[0]
    done = []

    def cron():
        done.append(len(func()))

    def raw():
        cr.execute(count_sql)
        cr.fetchone()

    result = runner.compare([("cron", runner, cron), ("raw", runner, raw)])
    queries, seconds = pair(result, "cron")
    budget = max(done[-1], 1000) / 1000
    table.add(
        f"{what} ({pending:,} to do, {done[-1]:,} per run)",
        (queries, seconds),
        "raw SQL count of the work",
        pair(result, "raw"),
        f"< 100 queries; ≤ 1 s per 1,000 (≤ {budget:.1f} s)",
        queries < 100 and seconds <= budget,
    )


def late_patrol_row(table, runner, fx):
    env = fx["cron_env"]
    cron_row(
        table,
        runner,
        "late-patrol cron `_cron_late_workorder_patrols`",
        env["mrp.workorder"]._cron_late_workorder_patrols,
        "SELECT count(*) FROM mrp_workorder w WHERE state = 'progress'"
        " AND date_finished < now() at time zone 'UTC'"
        " AND NOT coalesce(late_patrol_done, false) AND EXISTS (SELECT 1"
        " FROM mrp_workcenter_productivity t WHERE t.workorder_id = w.id"
        " AND t.date_end IS NULL)",
        env,
    )


def escalation_row(table, runner, fx):
    env = fx["cron_env"]
    cron_row(
        table,
        runner,
        "escalation cron `_cron_escalate_actions`",
        env["quality.nonconformance"]._cron_escalate_actions,
        "SELECT count(*) FROM quality_nonconformance_action WHERE NOT"
        " coalesce(escalated, false) AND NOT coalesce(done, false)"
        " AND (deadline < current_date OR (NOT coalesce(acknowledged, false)"
        " AND create_date < now() at time zone 'UTC' - interval '24 hours'))",
        env,
    )


def spc_row(table, runner, fx):
    """The chart screen's one call against the hand-written aggregate of
    the checkpoint's capability (bench_spc.RAW_CAPABILITY)."""
    env = fx["envs"]["inspector"]
    checkpoint = fx["spc"]
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM quality_inspection WHERE checkpoint_id = %s"
        " AND state IN ('pass', 'fail')",
        [checkpoint.id],
    )
    subgroups = cr.fetchone()[0]

    def chart():
        data = env["quality.checkpoint"].get_spc_chart_data(checkpoint_id=checkpoint.id)
        assert data

    def raw():
        cr.execute(RAW_CAPABILITY, [checkpoint.id])
        cr.fetchone()

    result = runner.compare(
        [("chart", runner, chart), ("raw", runner, raw)], reps=runner.reps * FAST
    )
    queries, seconds = pair(result, "chart")
    table.add(
        f"SPC chart `get_spc_chart_data`, {subgroups:,} subgroups",
        (queries, seconds),
        "raw SQL capability aggregate",
        pair(result, "raw"),
        "≤ 150 ms at 100k subgroups",
        seconds <= 0.150,
    )


def kanban_row(table, runner, fx):
    """The first page of the Progress & Quality kanban against Odoo's own
    work-order kanban with its default filter."""
    context = {"bin_size": True}
    ours = fx["envs"]["manager"](
        context=dict(context, quality_hide_empty_workcenters=True)
    )["mrp.workorder"]
    odoo = fx["envs"]["manager"](context=context)["mrp.workorder"]

    def read(model, domain, spec):
        def func():
            model.web_search_read(domain, spec, limit=KANBAN_LIMIT, count_limit=10001)

        return func

    result = runner.compare(
        [
            ("odoo", runner, read(odoo, ODOO_DOMAIN, ODOO_KANBAN_SPEC)),
            ("ours", runner, read(ours, QUALITY_DOMAIN, QUALITY_KANBAN_SPEC)),
        ],
        reps=runner.reps * FAST,
    )
    queries, seconds, ratio = result["ours"]
    table.add(
        f"Progress & Quality kanban, first page ({KANBAN_LIMIT} cards)",
        (queries, seconds),
        "Odoo's work-order kanban, default filter",
        pair(result, "odoo"),
        f"≤ 1.1x Odoo's ({ratio:.2f}x) and ≤ 300 ms",
        ratio <= 1.1 and seconds <= 0.300,
    )


def recording_row(table, runner, fx):
    """Pass one inspection at the busiest work center, as its inspector,
    against Odoo's bare write of the same result (the ORM, no rule)."""
    env = fx["envs"]["inspector"]
    busy = [("workcenter_id", "=", fx["busy"].id)]
    inspection = env["quality.inspection"].search(
        [*busy, ("state", "=", "todo"), ("checkpoint_id.name", "=", "Visual check")],
        order="id desc",
        limit=1,
    )
    assert inspection, "no inspection to record at the busy work center"
    history = env["quality.inspection"].sudo().search_count(busy)

    def write():
        inspection.sudo().write(
            {"state": "pass", "user_id": env.uid, "date_done": fields.Datetime.now()}
        )

    record = inspection.do_pass
    result = runner.compare(
        [("record", runner, record), ("write", runner, write)],
        reps=runner.reps * FAST,
    )
    queries, seconds = pair(result, "record")
    table.add(
        f"recording one result at the busiest work center ({history:,} inspections)",
        (queries, seconds),
        "ORM write of the same result",
        pair(result, "write"),
        "≤ 60 ms",
        seconds <= 0.060,
    )


RAW_KPIS = (
    """SELECT workcenter_id, count(*) FILTER (WHERE state = 'pass'), count(*)
         FROM quality_inspection
        WHERE workcenter_id IN %(wc)s AND state IN ('pass', 'fail')
          AND date_done >= %(since)s GROUP BY workcenter_id""",
    """SELECT workcenter_id,
              count(*) FILTER (WHERE rework_of_id IS NULL
                  AND inspection_state != 'none' AND inspection_todo_count = 0
                  AND (state IN %(open)s OR date_finished >= %(since)s)),
              count(*) FILTER (WHERE rework_of_id IS NULL AND first_pass
                  AND inspection_state != 'none' AND inspection_todo_count = 0
                  AND (state IN %(open)s OR date_finished >= %(since)s)),
              count(*) FILTER (WHERE state = 'done'
                  AND date_planned_finished IS NOT NULL
                  AND date_finished >= %(since)s),
              count(*) FILTER (WHERE state = 'done' AND finished_on_time
                  AND date_planned_finished IS NOT NULL
                  AND date_finished >= %(since)s),
              count(*) FILTER (WHERE state IN %(open)s AND date_finished < now()),
              count(*) FILTER (WHERE rework_of_id IS NOT NULL
                  AND create_date >= %(since)s),
              sum(quality_qty_produced) FILTER (WHERE rework_of_id IS NULL
                  AND (state IN %(open)s OR date_finished >= %(since)s))
         FROM mrp_workorder WHERE workcenter_id IN %(wc)s GROUP BY workcenter_id""",
    """SELECT w.workcenter_id, count(*)
         FROM quality_nonconformance n
         JOIN mrp_workorder w ON w.id = n.workorder_id
        WHERE NOT n.is_closed AND w.workcenter_id IN %(wc)s
     GROUP BY w.workcenter_id""",
)


def raw_kpi_queries():
    """The losses counted and the queries: RAW_KPIS, then the OEE's and
    the cost's (the add-on's module imported once the registry has it on
    its path)."""
    oee = importlib.import_module(
        "odoo.addons.quality_progress_sync.models.mrp_workcenter_oee"
    )
    sums = ", ".join(f"sum({key})" for key in oee.COPQ_SUMS)
    return oee.RUN_TYPES + oee.DOWN_TYPES, (
        *RAW_KPIS,
        """SELECT workcenter_id, loss_type, sum(duration)
             FROM mrp_workcenter_productivity
            WHERE workcenter_id IN %(wc)s AND date_end IS NOT NULL
              AND loss_type IN %(losses)s AND date_start >= %(since)s
         GROUP BY workcenter_id, loss_type""",
        # The OEE units: the add-on's own SQL, on the done work orders.
        oee.UNITS_QUERY.replace(
            "%(done)s",
            """SELECT id, workcenter_id, qty_produced, duration_expected,
                      rework_of_id IS NULL, NULL::date
                 FROM mrp_workorder
                WHERE workcenter_id IN %(wc)s AND state = 'done'
                  AND date_finished >= %(since)s""",
        ),
        f"""SELECT workcenter_id, company_id, {sums}
              FROM quality_cost_report
             WHERE workcenter_id IN %(wc)s AND date >= %(since)s
          GROUP BY workcenter_id, company_id""",
    )


def kpi_row(table, runner, fx):
    """The KPIs of 40 work centers over 30 days against raw SQL GROUP BYs
    of the same figures (pass rate, first-pass yield, on-time, late,
    rework, produced, open nonconformances, OEE times and units, cost of
    poor quality)."""
    env = fx["envs"]["manager"]
    workcenters = fx["workcenters"].with_env(env)[:KPI_WORKCENTERS]
    since = fields.Datetime.now() - timedelta(days=30)
    cr = env.cr
    losses, queries = raw_kpi_queries()
    params = {
        "wc": tuple(workcenters.ids),
        "since": since,
        "open": OPEN_STATES,
        "losses": losses,
    }

    def orm():
        workcenters._get_quality_kpis(since=since)

    def raw():
        for query in queries:
            # The units query without JIT, as the add-on runs it
            # (mrp.workcenter._execute_without_jit): the same plan.
            units = query.startswith("\nWITH RECURSIVE")
            if units:
                cr.execute("SELECT set_config('jit', 'off', true)")
            cr.execute(query, params)
            cr.fetchall()
            if units:
                cr.execute("SELECT set_config('jit', 'on', true)")

    result = runner.compare(
        [("raw", runner, raw), ("orm", runner, orm)], reps=runner.reps * FAST
    )
    queries, seconds, ratio = result["orm"]
    table.add(
        f"work-center KPIs `_get_quality_kpis`, {len(workcenters)} work centers,"
        " 30 days",
        (queries, seconds),
        "raw SQL GROUP BYs of the same figures",
        pair(result, "raw"),
        f"≤ 1.2x raw SQL ({ratio:.2f}x)",
        ratio <= 1.2,
    )


def workcenter_card_spec(env):
    """The fields of the work centers' kanban (Odoo's action, with the
    add-on's KPI cards and trend): ({field: {}} of every field of the view,
    {field: {}} of those Odoo's own view has)."""
    action = env(su=True).ref("mrp.mrp_workcenter_kanban_action")
    Workcenter = env["mrp.workcenter"]
    views = Workcenter.get_views([(action.view_id.id, "kanban")])
    ours = {name: {} for name in views["models"]["mrp.workcenter"]["fields"]}
    odoo = {
        name: {}
        for name in ours
        if not Workcenter._fields[name]._module
        or Workcenter._fields[name]._module != "quality_progress_sync"
    }
    return ours, odoo


def cards_row(table, runner, fx):
    """The work centers' KPI cards (the kanban of Manufacturing >
    Configuration > Work Centers: the 30 days' KPIs, the OEE and the trend
    of 12 weeks) of every work center, against the same cards with Odoo's
    fields only (issue #27: ≤ 1 s at 200,000 work orders; the add-on's
    part, the difference, is what the goal reads)."""
    env = fx["envs"]["manager"]
    Workcenter = env["mrp.workcenter"]
    ours, odoo = workcenter_card_spec(env)
    domain = [("id", "in", fx["workcenters"].ids)]

    def read(spec):
        def func():
            Workcenter.web_search_read(domain, spec, limit=80)

        return func

    result = runner.compare(
        [("odoo", runner, read(odoo)), ("ours", runner, read(ours))]
    )
    queries, seconds = pair(result, "ours")
    # Odoo's own fields of the card cost what they cost without the add-on
    # (its load graph reads every work order of the work centers, order_ids,
    # in mrp.workcenter._get_workcenter_load_per_week): the goal is read on
    # the add-on's part, the whole shown beside it.
    added = seconds - pair(result, "odoo")[1]
    table.add(
        f"work-center KPI cards with the 12-week trend, {len(fx['workcenters'])}"
        " work centers",
        (queries, seconds),
        "the same cards, Odoo's fields only",
        pair(result, "odoo"),
        f"the add-on's part ≤ 1 s ({added * 1000:,.0f} ms)",
        added <= 1.0,
    )


def xlsx_row(table, runner, fx):
    """The Progress & Quality workbook of the 1,000 latest work orders
    against Odoo's export of the same work orders (export_data)."""
    env = fx["envs"]["manager"]
    workorders = env["mrp.workorder"].search([], order="id desc", limit=XLSX_WORKORDERS)
    report = env[XLSX_MODEL]
    columns = [
        "production_id/name",
        "name",
        "workcenter_id/name",
        "product_id/name",
        "state",
        "date_start",
        "date_finished",
        "duration",
        "qty_produced",
    ]

    def xlsx():
        assert report._generate_xlsx(workorders)

    def export():
        workorders.export_data(columns)

    result = runner.compare([("xlsx", runner, xlsx), ("export", runner, export)])
    queries, seconds = pair(result, "xlsx")
    table.add(
        f"XLSX of {len(workorders):,} work orders `_generate_xlsx`",
        (queries, seconds),
        f"Odoo's export_data, {len(columns)} columns",
        pair(result, "export"),
        "≤ 600 ms",
        seconds <= 0.600,
    )


# The rows by name (``bench/scale.py --rows``), in the order of the table.
ROWS = {
    "late_patrol": late_patrol_row,
    "escalation": escalation_row,
    "spc": spc_row,
    "kanban": kanban_row,
    "recording": recording_row,
    "kpi": kpi_row,
    "cards": cards_row,
    "xlsx": xlsx_row,
}
