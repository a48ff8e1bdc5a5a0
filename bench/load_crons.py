# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Crons on two servers at once (``bench/load --two-servers``): work for
each of the add-on's scheduled actions (late work orders, running work
orders due a timed patrol, nonconformance actions past their deadline), each
action started on both servers at the same instant, then the duplicates and
the misses counted in SQL.
"""

import contextlib
import datetime
import threading

from load_common import Client, RpcError
from load_fixtures import xmlid

CRON_ROUNDS = 3

CRONS = (
    "ir_cron_generate_timed_patrols",
    "ir_cron_late_workorder_patrols",
    "ir_cron_escalate_nonconformance_actions",
)

CRON_ORDERS = 6  # orders made late, their first work order running

TIMED_MINUTES = 10  # the timed patrol's period

WORKED_MINUTES = 35  # how long the running work orders have run: 3 patrols due

ESCALATIONS = 5  # nonconformance actions past their deadline


def prepare_cron_work(site, admin, pg):
    """Work for each scheduled action: late work orders; running work
    orders that have worked long enough for 3 timed patrols; nonconformance
    actions past their deadline. Returns what the checks need."""
    orders = tuple(site.orders["cron"])
    first_operation = site.operation_ids[0]
    checkpoint = admin.call(
        "quality.checkpoint",
        "create",
        {
            "name": "Load timed patrol",
            "operation_id": first_operation,
            "stage": "patrol",
            "performer": "inspector",
            "check_type": "pass_fail",
            "frequency": "every_n_minutes",
            "frequency_minutes": TIMED_MINUTES,
            "blocking": False,
            "on_failure": "alert",
        },
    )
    running = admin.call(
        "mrp.workorder",
        "search",
        [("production_id", "in", list(orders)), ("operation_id", "=", first_operation)],
    )
    admin.call("mrp.workorder", "button_start", running, button=True)
    with contextlib.closing(pg.connect(site.db)) as conn:
        cr = conn.cursor()
        cr.execute(
            "UPDATE mrp_workcenter_productivity SET date_start = now() at time zone"
            " 'UTC' - %s * interval '1 minute' WHERE workorder_id IN %s"
            " AND date_end IS NULL",
            (WORKED_MINUTES, tuple(running)),
        )
        cr.execute(
            "UPDATE mrp_workorder SET date_finished = now() at time zone 'UTC'"
            " - interval '1 day' WHERE production_id IN %s",
            (orders,),
        )
    nonconformance = admin.call(
        "quality.nonconformance", "create", {"title": "Load test escalations"}
    )
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    admin.call(
        "quality.nonconformance.action",
        "create",
        [
            {
                "nonconformance_id": nonconformance,
                "name": f"Load escalation {index}",
                "responsible_id": admin.uid,
                "deadline": yesterday,
            }
            for index in range(ESCALATIONS)
        ],
    )
    return {
        "orders": orders,
        "running": tuple(running),
        "checkpoint": checkpoint,
        "nonconformance": nonconformance,
        "late_checkpoint": xmlid(
            admin, "quality_progress_sync", "quality_checkpoint_late_workorder"
        ),
    }


def run_crons_together(site, pair):
    """Each scheduled action started on A and B at the same instant,
    CRON_ROUNDS times: {(cron, outcome): count}."""
    admins = {
        name: Client(pair[name].url, site.db, "admin").authenticate("admin")
        for name in ("A", "B")
    }
    crons = {name: xmlid(admins["A"], "quality_progress_sync", name) for name in CRONS}
    outcomes = {}
    lock = threading.Lock()
    for __ in range(CRON_ROUNDS):
        for name, cron in crons.items():
            barrier = threading.Barrier(len(admins))

            def trigger(admin, name=name, cron=cron, barrier=barrier):
                barrier.wait()
                try:
                    admin.call("ir.cron", "method_direct_trigger", [cron], button=True)
                    outcome = "ran"
                except RpcError as error:
                    outcome = f"refused: {error.kind}"
                    if "currently being executed" in error.kind:
                        outcome = "refused: running on the other server (Odoo's lock)"
                with lock:
                    key = (name, outcome)
                    outcomes[key] = outcomes.get(key, 0) + 1

            threads = [
                threading.Thread(target=trigger, args=(admin,), daemon=True)
                for admin in admins.values()
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
    return outcomes


def check_cron_work(site, pg, work):
    """{check: count}: duplicates (must be 0), and what was done (for the
    report)."""
    checks = {}

    def one(sql, *params):
        return pg.query(site.db, sql, params)[0][0]

    checks["late patrols created twice for a work order"] = one(
        "SELECT count(*) FROM (SELECT workorder_id FROM quality_inspection"
        " WHERE checkpoint_id = %s AND production_id IN %s"
        " GROUP BY workorder_id HAVING count(*) > 1) d",
        work["late_checkpoint"],
        work["orders"],
    )
    checks["late work orders without their patrol"] = one(
        "SELECT count(*) FROM mrp_workorder w WHERE w.production_id IN %s"
        " AND w.state NOT IN ('done', 'cancel') AND NOT EXISTS (SELECT 1"
        " FROM quality_inspection i WHERE i.workorder_id = w.id"
        " AND i.checkpoint_id = %s)",
        work["orders"],
        work["late_checkpoint"],
    )
    due = WORKED_MINUTES // TIMED_MINUTES
    counts = pg.query(
        site.db,
        "SELECT w.id, count(i.id) FROM mrp_workorder w LEFT JOIN quality_inspection"
        " i ON i.workorder_id = w.id AND i.checkpoint_id = %s WHERE w.id IN %s"
        " GROUP BY w.id",
        (work["checkpoint"], work["running"]),
    )
    checks[f"timed patrols beyond the {due} due, per work order"] = sum(
        max(0, n - due) for __, n in counts
    )
    checks[f"timed patrols short of the {due} due, per work order"] = sum(
        max(0, due - n) for __, n in counts
    )
    # Each escalation: a message to the Quality Managers in the chatter and
    # an activity for one of them.
    escalated = pg.query(
        site.db,
        "SELECT a.name, (SELECT count(*) FROM mail_message m"
        " WHERE m.model = 'quality.nonconformance' AND m.res_id = a.nonconformance_id"
        " AND m.body LIKE '%%Quality Managers: action ' || a.name"
        " || ' is past its deadline%%'), (SELECT count(*) FROM mail_activity t"
        " WHERE t.res_model = 'quality.nonconformance'"
        " AND t.res_id = a.nonconformance_id"
        " AND t.summary = 'Escalated: action ' || a.name || ' is past its deadline'),"
        " a.escalated FROM quality_nonconformance_action a"
        " WHERE a.nonconformance_id = %s",
        (work["nonconformance"],),
    )
    checks["escalations posted or assigned twice for an action"] = sum(
        1 for __, posts, tasks, __ in escalated if posts > 1 or tasks > 1
    )
    checks["actions past their deadline not escalated"] = sum(
        1 for __, posts, __, flag in escalated if not posts or not flag
    )
    return checks


def report_crons(outcomes, checks):
    """The report's lines of the crons run on both servers at once."""
    lines = [
        f"Crons: each of the add-on's scheduled actions started on A and B at"
        f" the same instant (Run Manually), {CRON_ROUNDS} times, over"
        f" {CRON_ORDERS} late orders whose first work orders ran"
        f" {WORKED_MINUTES} minutes (a patrol every {TIMED_MINUTES}) and"
        f" {ESCALATIONS} nonconformance actions past their deadline:",
        "",
        "| scheduled action | outcome | runs |",
        "|---|---|--:|",
    ]
    for (cron, outcome), count in sorted(outcomes.items()):
        lines.append(f"| {cron} | {outcome} | {count} |")
    lines += ["", "| check | count |", "|---|--:|"]
    for check, count in checks.items():
        lines.append(f"| {check} | {count} |")
    return lines
