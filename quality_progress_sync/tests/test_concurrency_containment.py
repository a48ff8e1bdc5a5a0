# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A delivery of a suspect lot validated while the containment that holds
it is being opened, each on a connection of its own (see
concurrency_common.py): the delivery never slips through. Both write or
lock the lot's row: the opening holds it (``quality_hold``, the row locked
first by ``stock.lot._quality_lock_for_update``), the validation locks it
``FOR SHARE`` as it reads it (``_quality_lock_and_read``) and Odoo writes
it anyway (the lot's single location follows its quants). Whichever comes
second waits for the first, fails to serialize and runs again."""

import itertools
from datetime import datetime, timedelta
from types import SimpleNamespace

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user

from .concurrency_common import ConcurrencyCase, call

HELD = "is on quality hold"


def at(day, hour, minute=0):
    return datetime(2026, 3, day) + timedelta(hours=hour, minutes=minute)


class TestConcurrencyContainment(ConcurrencyCase):
    """A lathe turns shafts in lots, patrolled every 5 units; what it made
    since the last passed patrol is suspect when one fails."""

    days = itertools.count(2)

    @classmethod
    def _commit_fixture(cls, env):
        cls._commit_users(env)
        cls._commit_shaft(env)
        cls.warehouse = (
            env["stock.warehouse"]
            .search([("company_id", "=", env.company.id)], limit=1)
            .id
        )

    @classmethod
    def _commit_users(cls, env):
        cls.operator = new_test_user(
            env, login="qps_race_ct_operator", groups="mrp.group_mrp_user"
        ).id
        cls.inspector = new_test_user(
            env,
            login="qps_race_ct_inspector",
            groups="quality_progress_sync.group_quality_inspector",
        ).id
        cls.stock_user = new_test_user(
            env, login="qps_race_ct_stock", groups="stock.group_stock_user"
        ).id

    @classmethod
    def _commit_shaft(cls, env):
        """The lot-tracked shaft turned on the lathe, patrolled every 5 units
        (a failed patrol contains what was made since the last passed one)."""
        shaft = env["product.product"].create(
            {
                "name": "QPS Race Shaft",
                "type": "consu",
                "is_storable": True,
                "tracking": "lot",
            }
        )
        cls.shaft = shaft.id
        bar = env["product.product"].create({"name": "QPS Race Bar", "type": "consu"})
        lathe = env["mrp.workcenter"].create({"name": "QPS Race Lathe"})
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": shaft.product_tmpl_id.id,
                "bom_line_ids": [Command.create({"product_id": bar.id})],
                "operation_ids": [
                    Command.create({"name": "Turn", "workcenter_id": lathe.id})
                ],
            }
        )
        cls.bom = bom.id
        env["quality.checkpoint"].create(
            {
                "name": "QPS Race diameter patrol",
                "operation_id": bom.operation_ids.id,
                "stage": "patrol",
                "frequency": "every_n_units",
                "frequency_units": 5,
                "performer": "inspector",
                "on_failure": "alert",
                "containment_policy": "window",
            }
        )

    # ------------------------------------------------------------------
    # Builders (committed as the setup's superuser, users where they act)
    # ------------------------------------------------------------------

    def _start(self, env, qty, start):
        """An order of ``qty`` shafts whose turning starts at ``start``, its
        quantity reported (its patrols are due)."""
        with freeze_time(start):
            production = env["mrp.production"].create(
                {"product_id": self.shaft, "product_qty": qty, "bom_id": self.bom}
            )
            production.action_confirm()
            workorder = production.workorder_ids.with_user(self.operator)
            workorder.button_start()
            workorder.qty_producing = qty
        return production

    def _make(self, env, qty, start, end, lot_name):
        """A lot of ``qty`` shafts turned from ``start`` to ``end``, its
        patrols passed at ``end``, in stock."""
        production = self._start(env, qty, start)
        with freeze_time(end):
            production.inspection_ids.filtered(lambda i: i.state == "todo").with_user(
                self.inspector
            ).do_pass()
            production.lot_producing_id = env["stock.lot"].create(
                {"name": lot_name, "product_id": self.shaft}
            )
            production.qty_producing = qty
            production.with_user(self.operator).button_mark_done()
        return production.lot_producing_id

    def _deliver(self, env, lot, qty):
        """A delivery of ``qty`` of ``lot``, picked, ready to validate."""
        picking_type = env["stock.warehouse"].browse(self.warehouse).out_type_id
        source = picking_type.default_location_src_id
        customers = env.ref("stock.stock_location_customers")
        locations = {"location_id": source.id, "location_dest_id": customers.id}
        picking = env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                **locations,
                "move_ids": [
                    Command.create(
                        {
                            "name": lot.product_id.name,
                            "product_id": lot.product_id.id,
                            "product_uom_qty": qty,
                            "product_uom": lot.product_id.uom_id.id,
                            **locations,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        move = picking.move_ids
        move.move_line_ids.unlink()
        line_vals = {
            "product_id": lot.product_id.id,
            "lot_id": lot.id,
            "quantity": qty,
            "picking_id": picking.id,
            **locations,
        }
        move.write({"move_line_ids": [Command.create(line_vals)], "picked": True})
        return picking

    def _commit_suspect_delivery(self):
        """2 shafts of LOT-SUSPECT turned after the last passed patrol, a
        delivery of one of them ready, and the order whose patrol is about
        to fail running. Returns the ids of the lot, the delivery and the
        patrol."""
        # A day of its own, after the previous test's.
        day = next(self.days)
        self.setup.begin()
        env = self.setup.env
        self._make(env, 5, at(day, 8), at(day, 9), f"QPS-RACE-PASSED-{day}")
        lot = self._make(env, 2, at(day, 9, 30), at(day, 10), f"QPS-RACE-SUSPECT-{day}")
        picking = self._deliver(env, lot, 1)
        failing = self._start(env, 5, at(day, 12, 30))
        patrol = failing.inspection_ids.filtered(lambda i: i.state == "todo")
        self.assertEqual(len(patrol), 1)
        self.setup.commit()
        return SimpleNamespace(lot=lot.id, picking=picking.id, patrol=patrol.id)

    def _fail_and_deliver(self, race):
        """The inspector's failed patrol and the stock user's validation."""
        return (
            self._request(self.inspector),
            call("quality.inspection", race.patrol, "do_fail", "Diameter out"),
            self._request(self.stock_user),
            call("stock.picking", race.picking, "button_validate"),
        )

    def _check_held_not_delivered(self, race):
        lot = self._read("stock.lot", race.lot)
        self.assertTrue(lot.quality_hold)
        containment = lot.quality_containment_line_ids.containment_id
        self.assertEqual(containment.state, "open")
        picking = self.setup.env["stock.picking"].browse(race.picking)
        self.assertNotEqual(picking.state, "done")
        self.assertEqual(self._stock_qty(lot), 2)

    def _stock_qty(self, lot):
        """What is left of ``lot`` in stock, as committed."""
        quants = self.setup.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id.usage", "=", "internal")]
        )
        return sum(quants.mapped("quantity"))

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_delivery_waits_for_the_opening_then_is_refused(self):
        """The failed patrol opens the containment and holds the lot, not
        committed yet: the validation waits for the lot's row, fails to
        serialize once it commits, runs again and is refused."""
        race = self._commit_suspect_delivery()
        inspector, fail, stock_user, validate = self._fail_and_deliver(race)
        failed, refusal = self._race_waiting(inspector, fail, stock_user, validate)
        self.assertServed(inspector, failed)
        self.assertRefused(stock_user, refusal, HELD)
        self._check_held_not_delivered(race)

    def test_delivery_read_before_the_opening_committed_is_refused(self):
        """Both read the lot free; the opening commits first: the
        validation, whose snapshot saw the lot free, cannot lock its row,
        runs again and is refused."""
        race = self._commit_suspect_delivery()
        inspector, fail, stock_user, validate = self._fail_and_deliver(race)
        failed, refusal = self._race_at_once(inspector, fail, stock_user, validate)
        self.assertServed(inspector, failed)
        self.assertRefused(stock_user, refusal, HELD)
        self._check_held_not_delivered(race)

    def test_opening_waits_for_a_delivery_validated_first(self):
        """The delivery, validated first, holds the lot's row: the opening
        waits for it, then holds what is left of the lot in stock."""
        race = self._commit_suspect_delivery()
        inspector, fail, stock_user, validate = self._fail_and_deliver(race)
        delivered, failed = self._race_waiting(stock_user, validate, inspector, fail)
        self.assertServed(stock_user, delivered)
        self.assertNotIsInstance(failed, Exception)
        lot = self._read("stock.lot", race.lot)
        self.assertEqual(
            self.setup.env["stock.picking"].browse(race.picking).state, "done"
        )
        self.assertTrue(lot.quality_hold)
        self.assertEqual(self._stock_qty(lot), 1)
