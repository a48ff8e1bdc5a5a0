# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The KPI rows (``bench/run --only kpi``): pass rate per work center over
10,000 and 100,000 inspections, _read_group against a hand-written GROUP BY
(on the work orders of common.build_kanban).
"""


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
