# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The seed of the scale mode (``bench/run --scale S|M|L``): orders run
through the real flow, through the ORM, as the users who do each step on a
shop floor (scale_build.py then multiplies them in SQL).

- 42 work centers: a busy one, where every order starts and ends (its first
  and last operations), 40 others, two per product, and one where failed
  pieces are reworked;
- 20 products, each with a BoM of 4 operations: busy, A, B, busy;
- checkpoints on every work order: a first article (inspector, blocking),
  a patrol self-check, a final inspection (inspector, blocking, rework on
  failure), a final self-check; at the busy work center a visual check
  (not blocking) and a measure of 5 samples under SPC (blocking, rework on
  failure), at the others a measure of 5 samples (not blocking): 5.5
  inspections and about 4.5 measures per work order;
- the orders confirmed by a manager, started and finished by an operator,
  inspected by an inspector (about 10 % of final inspections fail, and are
  reworked and re-inspected; about 2 % of the measures lie out of
  tolerance), marked as done; the last few left running or ready;
- a corrective action on one nonconformance in four, most done, a few past
  their deadline (the escalation cron's work).
"""

import contextlib
import random
from datetime import date, timedelta

import common

from odoo.exceptions import UserError

PRODUCTS = 20
OPERATIONS = ("busy", "a", "b", "busy")
SAMPLE_SIZE = 5
MEASURE_BASE = {
    "stage": "final",
    "performer": "inspector",
    "check_type": "measure",
    "frequency": "every_order",
    "sample_size": SAMPLE_SIZE,
}
# The SPC checkpoint of the busy work center (blocking, reworked) ...
BORE = dict(
    MEASURE_BASE,
    name="Bore diameter",
    blocking=True,
    norm=74.0,
    tolerance_min=73.97,
    tolerance_max=74.03,
    spc_enabled=True,
)
# ... and a measure at every other work center (not blocking, no SPC).
LENGTH = dict(
    MEASURE_BASE,
    name="Length",
    blocking=False,
    on_failure="alert",
    norm=120.0,
    tolerance_min=119.9,
    tolerance_max=120.1,
)
# Failure rates (percent) of pass/fail checks, by checkpoint name.
FAIL_PERCENT = {"Final inspection": 10, "Visual check": 3}
CHECK_BASE = {"check_type": "pass_fail", "frequency": "every_order"}
# name, stage, performer, blocking, reworked on failure
CHECKS = (
    ("First article", "first_article", "inspector", True, False),
    ("Patrol self-check", "patrol", "self", False, False),
    ("Final inspection", "final", "inspector", True, True),
    ("Final self-check", "final", "self", True, False),
)
VISUAL = ("Visual check", "final", "inspector", False, False)  # busy only
BATCH = 25  # orders per round of the flow
RUNNING, READY = 5, 5  # orders left running, and only confirmed, at the end
ACTION_EVERY, OVERDUE = 4, 5  # an action per 4 NCs; those left overdue


def build_users(env):
    """Operator, inspector and quality manager (not superusers)."""
    ref = env.ref
    mrp = ref("mrp.group_mrp_user") | ref("mrp.group_mrp_routings")
    groups = {
        "operator": mrp,
        "inspector": mrp | ref("quality_progress_sync.group_quality_inspector"),
        "manager": mrp
        | ref("mrp.group_mrp_manager")
        | ref("quality_progress_sync.group_quality_manager")
        | ref("base.group_allow_export"),
    }
    users = {}
    for role, group_ids in groups.items():
        users[role] = env["res.users"].create(
            {
                "name": f"Scale {role.title()}",
                "login": f"scale_{role}",
                "groups_id": [(6, 0, group_ids.ids)],
                "tz": "UTC",
            }
        )
    return users


def build_plant(env):
    """Work centers, products and BoMs, checkpoints: {"busy", "workcenters",
    "boms", "spc"}."""
    Workcenter = env["mrp.workcenter"]
    busy = Workcenter.create({"name": "Scale Busy", "code": "BUSY"})
    rework = Workcenter.create({"name": "Scale Rework", "code": "RWK"})
    others = Workcenter.create(
        [
            {"name": f"Scale WC {index:02d}", "code": f"S{index:02d}"}
            for index in range(2 * PRODUCTS)
        ]
    )
    component = env["product.product"].create(
        {"name": "Scale Component", "type": "consu"}
    )
    boms = env["mrp.bom"]
    for index in range(PRODUCTS):
        centers = {"busy": busy, "a": others[2 * index], "b": others[2 * index + 1]}
        workcenters = [centers[key] for key in OPERATIONS]
        boms |= common.create_bom(
            env,
            f"Scale Product {index:02d}",
            workcenters,
            component,
            operations=len(workcenters),
        )
    return {
        "busy": busy,
        "workcenters": busy | others,
        "boms": boms,
        "spc": create_checkpoints(env, busy, others, rework),
    }


def create_checkpoints(env, busy, others, rework):
    """Every work order's checkpoints; return the busy center's SPC one."""
    rework_policy = {
        "on_failure": "rework",
        "max_rework_loops": 1,
        "rework_workcenter_id": rework.id,
    }
    rows = [(row, busy | others) for row in CHECKS] + [(VISUAL, busy)]
    Checkpoint = env["quality.checkpoint"]
    Checkpoint.create(
        [
            dict(
                CHECK_BASE,
                name=name,
                workcenter_id=workcenter.id,
                stage=stage,
                performer=who,
                blocking=block,
                **(rework_policy if rework_on_failure else {}),
            )
            for (name, stage, who, block, rework_on_failure), workcenters in rows
            for workcenter in workcenters
        ]
        + [dict(LENGTH, workcenter_id=workcenter.id) for workcenter in others]
    )
    return Checkpoint.create(dict(BORE, **rework_policy, workcenter_id=busy.id))


def build_seed(env, orders, log=common.log):
    """Users, plant and ``orders`` orders through the flow; committed."""
    env = common.fixture_env(env)
    env["res.config.settings"].create({"group_mrp_routings": True}).execute()
    users = build_users(env)
    plant = build_plant(env)
    env.cr.commit()
    envs = {role: env(user=user, su=False) for role, user in users.items()}
    rng = random.Random(28)
    boms = plant["boms"]
    done = 0
    for start in range(0, orders, BATCH):
        count = min(BATCH, orders - start)
        productions = confirm_orders(envs["manager"], boms, start, count)
        finish_at = orders - RUNNING - READY
        if start + count <= finish_at:
            run_orders(envs, productions, rng)
            done += count
        else:
            open_orders(envs, productions, rng, start, finish_at + RUNNING)
        env.cr.commit()
        if plant["spc"] and start == BATCH * 4:
            plant["spc"].sudo().action_compute_spc_limits()
        log(f"seed: {start + count}/{orders} orders ({done} done)")
    add_actions(envs["manager"])
    env.cr.commit()
    return {"users": users, **plant}


def confirm_orders(env, boms, start, count):
    """``count`` orders of one unit, products in turn, confirmed."""
    Production = env["mrp.production"]
    productions = Production.create(
        [
            {
                "product_id": bom.product_tmpl_id.product_variant_id.id,
                "product_qty": 1.0,
                "bom_id": bom.id,
            }
            for bom in (boms[(start + index) % len(boms)] for index in range(count))
        ]
    )
    productions.action_confirm()
    return productions


def run_orders(envs, productions, rng):
    """Work order after work order (rework ones too): start, inspect and
    finish; then mark the orders as done."""
    for __ in range(3 * len(OPERATIONS)):
        workorders = next_workorders(productions.with_env(envs["operator"]))
        if not workorders:
            break
        start_workorders(workorders)
        record_all(envs, workorders, rng)
        finish_workorders(workorders)
    productions.with_env(envs["manager"]).button_mark_done()


def next_workorders(productions):
    """The first work order not done of each of ``productions``."""
    workorders = productions.workorder_ids.filtered(
        lambda wo: wo.state not in ("done", "cancel")
    ).sorted(lambda wo: (wo.sequence, wo.id))
    return workorders.grouped("production_id") and workorders.browse(
        [wos[0].id for wos in workorders.grouped("production_id").values()]
    )


def open_orders(envs, productions, rng, start, running_until):
    """The last orders: the first ``RUNNING`` with their first work order
    done and the second started, first article passed (left running); the
    others confirmed only."""
    running = productions[: max(0, running_until - start)].with_env(envs["operator"])
    if running:
        workorders = next_workorders(running)
        start_workorders(workorders)
        record_all(envs, workorders, rng)
        workorders.button_finish()
        workorders = next_workorders(running)
        start_workorders(workorders)
        record_all(envs, workorders, rng, stages=("first_article", "patrol"))


def finish_workorders(workorders):
    """Finish ``workorders``; one by one if one of them cannot be yet (its
    failure waits for its rework), those left for the next round."""
    try:
        with workorders.env.cr.savepoint():
            workorders.button_finish()
    except UserError:
        for workorder in workorders:
            with contextlib.suppress(UserError), workorder.env.cr.savepoint():
                workorder.button_finish()


def start_workorders(workorders):
    for workorder in workorders.filtered(lambda wo: wo.state != "progress"):
        workorder.button_start()


def record_all(envs, workorders, rng, stages=("first_article", "patrol", "final")):
    """Record the inspections to do of ``workorders``, stage by stage, each
    as its performer: passes and failures in batches, measures one by one."""
    for stage in stages:
        todo = envs["inspector"]["quality.inspection"].search(
            [
                ("workorder_id", "in", workorders.ids),
                ("state", "=", "todo"),
                ("stage", "=", stage),
            ],
            order="id",
        )
        for inspection in todo.filtered(lambda i: i.check_type == "measure"):
            inspection.do_measure(measures(rng, inspection))
        judged = todo.filtered(lambda i: i.check_type == "pass_fail")
        failed = judged.filtered(
            lambda i: (
                not i.origin_inspection_id
                and rng.randrange(100) < FAIL_PERCENT.get(i.checkpoint_id.name, 0)
            )
        )
        for role in ("operator", "inspector"):
            mine = (judged - failed).filtered(
                lambda i, role=role: (i.performer == "self") == (role == "operator")
            )
            mine.with_env(envs[role]).do_pass()
        if failed:
            failed.with_env(envs["inspector"]).do_fail("Scale bench: out of spec")


def measures(rng, inspection):
    """5 measures around the norm; about 2 % of subgroups out of tolerance
    (none of the re-inspections)."""
    checkpoint = inspection.checkpoint_id
    half = (checkpoint.tolerance_max - checkpoint.tolerance_min) / 2
    bad = not inspection.origin_inspection_id and rng.randrange(100) < 8
    sigma = half * (0.67 if bad else 0.2)
    return [round(rng.gauss(checkpoint.norm, sigma), 4) for __ in range(SAMPLE_SIZE)]


def add_actions(env):
    """A corrective action on every ``ACTION_EVERY``-th nonconformance: the
    last ``OVERDUE`` past their deadline, the others acknowledged and done."""
    ncs = env["quality.nonconformance"].search([], order="id")
    targets = ncs[::ACTION_EVERY]
    today = date.today()
    actions = env["quality.nonconformance.action"].create(
        [
            {
                "nonconformance_id": nc.id,
                "name": f"Correct {nc.name}",
                "responsible_id": env.uid,
                "deadline": today + timedelta(days=7),
            }
            for nc in targets
        ]
    )
    closed = actions[: max(0, len(actions) - OVERDUE)]
    for action in closed:
        action.action_acknowledge()
        action.action_done()
    overdue = actions - closed
    overdue.sudo().write({"deadline": today - timedelta(days=3)})
    return actions
