# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What must hold after a phase, checked in SQL against what the clients
were told: nothing done past the gate, every result with its user and date,
every acknowledged write in the database once, nothing else.
"""

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
    # A write whose answer was lost (its server killed) may be done or not:
    # not counted here, reported apart.
    uncertain = phase.uncertain
    checks["work orders done in the database, no client finished them"] = len(
        done - acked - uncertain["workorder"]
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
        done_orders - set(phase.done_orders) - uncertain["order"]
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
        " AND c.frequency = 'every_order'"
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
            if state in ("pass", "fail")
            and inspection not in phase.results
            and inspection not in uncertain["inspection"]
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
