# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The containment rows (``bench/run --only containment``): opening a
containment costs as many queries whatever the number of lots it holds; a
delivery of a lot that is not held costs what it costs in plain Odoo."""

from datetime import datetime, timedelta

from common import fixture_env
from freezegun import freeze_time

DAY = datetime(2026, 3, 2)
WINDOW_LOTS = (2, 20)  # lots made inside the window of each fixture


def _at(hour, minute=0):
    return DAY + timedelta(hours=hour, minutes=minute)


def _tracked_bom(env, name, component, workcenter):
    product = env["product.product"].create(
        {"name": name, "type": "consu", "is_storable": True, "tracking": "lot"}
    )
    return env["mrp.bom"].create(
        {
            "product_tmpl_id": product.product_tmpl_id.id,
            "product_qty": 1.0,
            "bom_line_ids": [(0, 0, {"product_id": component.id, "product_qty": 1})],
            "operation_ids": [
                (0, 0, {"name": f"{name} step", "workcenter_id": workcenter.id})
            ],
        }
    )


def _run_order(env, bom, qty, start, end, result=None, lot=None):
    """An order of ``qty`` started at ``start``; at ``end`` its patrols get
    ``result`` and, with ``lot``, it is done with that lot."""
    with freeze_time(start):
        production = env["mrp.production"].create(
            {
                "product_id": bom.product_id.id
                or bom.product_tmpl_id.product_variant_id.id,
                "product_qty": qty,
                "bom_id": bom.id,
            }
        )
        production.action_confirm()
        production.workorder_ids.button_start()
        production.workorder_ids.qty_producing = qty
    with freeze_time(end):
        patrols = production.inspection_ids.filtered(lambda i: i.state == "todo")
        if result:
            patrols._record_result(result, "Bench" if result == "fail" else False)
        if lot:
            production.lot_producing_id = env["stock.lot"].create(
                {"name": lot, "product_id": production.product_id.id}
            )
            production.qty_producing = qty
            production.button_mark_done()
    return production


def build_containment(fx):
    """Per size of window: a patrol passed at 9:00, then that many lots made
    on the operation, then an order whose patrol failed at 13:00 with the
    checkpoint's containment switched off, switched on afterwards: the
    measured call opens the containment of that failure."""
    env = fixture_env(fx["env"](su=True))
    workcenter = fx["workcenters"][0]
    fx["containment_failures"] = {}
    for count in WINDOW_LOTS:
        bom = _tracked_bom(env, f"Bench Shaft {count}", fx["component"], workcenter)
        checkpoint = env["quality.checkpoint"].create(
            {
                "name": f"Bench patrol {count}",
                "operation_id": bom.operation_ids.id,
                "stage": "patrol",
                "frequency": "every_n_units",
                "frequency_units": 5,
                "performer": "inspector",
                "on_failure": "alert",
                "containment_policy": "none",
            }
        )
        _run_order(env, bom, 5, _at(8), _at(9), "pass", f"B{count}-PASSED")
        for index in range(count):
            start = _at(9, 5 + index * 2)
            _run_order(
                env,
                bom,
                1,
                start,
                start + timedelta(minutes=1),
                None,
                f"B{count}-{index:03d}",
            )
        failing = _run_order(env, bom, 5, _at(12), _at(13), "fail")
        checkpoint.containment_policy = "window_downstream"
        fx["containment_failures"][count] = failing.inspection_ids.filtered(
            lambda i: i.state == "fail"
        )
    env.cr.commit()


def bench_containment(table, runner, fx):
    """Opening a containment of 3 and of 21 suspect lines: the queries do
    not grow with the lots (tests/test_containment_cost.py holds the
    budget)."""
    scenario = "containment"
    counts = {}
    for count, inspection in fx["containment_failures"].items():
        Containment = fx["env"]["quality.containment"].sudo()

        def func(inspection=inspection, model=Containment, count=count):
            containment = model._open_for_failures(inspection)
            assert len(containment.line_ids) == count + 1, containment.line_ids

        queries, seconds = _median(runner, func)
        counts[count] = queries
        table.add(
            scenario,
            f"open a containment of {count + 1} suspect lines ({count} lots"
            " and the failed order)",
            queries,
            seconds,
            None,
            "queries equal for 2 and 20 lots",
            None if count == WINDOW_LOTS[0] else queries == counts[WINDOW_LOTS[0]],
        )


def _median(runner, func):
    result = runner.compare([("ours", runner, func)])
    queries, seconds, __ = result["ours"]
    return queries, seconds


def build_delivery(fx):
    """A delivery of 1 unit of a lot that is not held, its line picked: in
    the add-on's database and in plain Odoo's, alike."""
    env = fixture_env(fx["env"](su=True))
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", env.company.id)], limit=1
    )
    stock, customers = warehouse.lot_stock_id, env.ref("stock.stock_location_customers")
    product = env["product.product"].create(
        {"name": "Bench Bolt", "type": "consu", "is_storable": True, "tracking": "lot"}
    )
    lot = env["stock.lot"].create({"name": "BENCH-FREE", "product_id": product.id})
    env["stock.quant"]._update_available_quantity(product, stock, 1000.0, lot_id=lot)
    picking = env["stock.picking"].create(
        {
            "picking_type_id": warehouse.out_type_id.id,
            "location_id": stock.id,
            "location_dest_id": customers.id,
            "move_ids": [
                (
                    0,
                    0,
                    {
                        "name": product.name,
                        "product_id": product.id,
                        "product_uom_qty": 1.0,
                        "product_uom": product.uom_id.id,
                        "location_id": stock.id,
                        "location_dest_id": customers.id,
                    },
                )
            ],
        }
    )
    picking.action_confirm()
    picking.action_assign()
    picking.move_ids.picked = True
    fx["delivery"] = picking
    env.cr.commit()


def bench_delivery(table, runner, fx, plain_runner, plain_fx):
    """Validating a delivery of a lot that is not held: the add-on against
    plain Odoo (mrp alone), as the administrator."""

    def validate(fx):
        picking = fx["delivery"].with_env(fx["env"])

        def func():
            picking.button_validate()
            assert picking.state == "done", picking.state

        return func

    result = runner.compare(
        [("plain", plain_runner, validate(plain_fx)), ("ours", runner, validate(fx))],
        reps=runner.reps * 3,
    )
    plain_q, plain_s, __ = result["plain"]
    queries, seconds, ratio = result["ours"]
    scenario = "containment"
    case = "validate a delivery of a lot not held"
    table.add(scenario, f"{case}: plain Odoo", plain_q, plain_s, 1.0, "baseline")
    table.add(
        scenario,
        f"{case}: quality_progress_sync",
        f"{queries} (+{queries - plain_q})",
        seconds,
        ratio,
        "+0 queries",
        queries == plain_q,
    )
