# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Nothing held ships, moves or is consumed, on any path, as the
lowest-privileged user who could try: and nothing moved."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user

from .containment_common import ContainmentCase, at


class TestContainmentHold(ContainmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_manager = new_test_user(
            cls.env, login="qps_stock_manager", groups="stock.group_stock_manager"
        )
        cls.free = cls._make(cls.shaft, 2, at(7), at(7, 30), "LOT-FREE")
        cls._make(cls.shaft, 5, at(8), at(9), "LOT-PASSED")
        cls.held = cls._make(cls.shaft, 2, at(9, 30), at(10), "LOT-HELD")
        cls.failing = cls._start(cls.shaft, 5, at(12, 30))
        cls._record(cls.failing, at(13), "fail")
        cls.containment = cls._containment(cls.failing)

    def setUp(self):
        super().setUp()
        self.assertTrue(self.held.quality_hold)
        self.assertFalse(self.free.quality_hold)

    def assertRefused(self, func, lot=None):
        """``func`` is refused naming the lot and its containment, and the
        held lot stayed where it was."""
        lot = lot or self.held
        before = self._quants(lot)
        with self.assertRaises(UserError) as caught:
            func()
        self.assertIn(lot.name, str(caught.exception))
        self.assertIn(self.containment.name, str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(self._quants(lot), before)

    def _quants(self, lot):
        quants = self.env["stock.quant"].search([("lot_id", "=", lot.id)])
        return sorted((q.location_id.id, q.quantity) for q in quants if q.quantity)

    # Deliveries --------------------------------------------------------

    def test_delivery_refused(self):
        picking = self._deliver(self.held)
        self.assertRefused(picking.with_user(self.stock_user).button_validate)
        self.assertNotEqual(picking.state, "done")

    def test_delivery_of_a_free_lot_passes(self):
        picking = self._deliver(self.free)
        picking.with_user(self.stock_user).button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self._qty(self.free, self.customers), 1)

    def test_delivery_with_a_free_and_a_held_lot_refused(self):
        picking = self._deliver(self.free | self.held)
        self.assertRefused(picking.with_user(self.stock_user).button_validate)
        self.assertEqual(self._qty(self.free), 2, "nothing of the free lot moved")

    def test_immediate_transfer_refused(self):
        """Nothing picked: Odoo validates all of it at once."""
        picking = self._deliver(self.held)
        picking.move_ids.picked = False
        self.assertRefused(picking.with_user(self.stock_user).button_validate)

    def test_backorder_refused(self):
        picking = self._deliver(self.held, qty=1.0)
        picking.move_ids.product_uom_qty = 2.0
        action = picking.with_user(self.stock_user).button_validate()
        self.assertEqual(action["res_model"], "stock.backorder.confirmation")
        wizard = Form(
            self.env["stock.backorder.confirmation"]
            .with_user(self.stock_user)
            .with_context(**action["context"])
        ).save()
        self.assertRefused(wizard.process)
        self.assertFalse(picking.backorder_ids)

    def test_internal_transfer_refused(self):
        shelf = self.env["stock.location"].create(
            {"name": "QPS Shelf", "location_id": self.stock.id}
        )
        picking = self._deliver(self.held)
        picking.write(
            {
                "picking_type_id": self.warehouse.int_type_id.id,
                "location_dest_id": shelf.id,
            }
        )
        picking.move_ids.write({"location_dest_id": shelf.id})
        picking.move_line_ids.write({"location_dest_id": shelf.id})
        self.assertRefused(picking.with_user(self.stock_user).button_validate)

    # Writes of move lines ---------------------------------------------

    def test_done_move_line_rewritten_to_a_held_lot_refused(self):
        picking = self._deliver(self.free)
        picking.with_user(self.stock_user).button_validate()
        line = picking.move_ids.move_line_ids.with_user(self.stock_user)
        self.assertRefused(lambda: line.write({"lot_id": self.held.id}))
        self.assertEqual(line.lot_id, self.free)

    def test_done_move_line_added_with_a_held_lot_refused(self):
        picking = self._deliver(self.free)
        picking.with_user(self.stock_user).button_validate()
        move = picking.move_ids
        MoveLine = self.env["stock.move.line"].with_user(self.stock_user)
        self.assertRefused(
            lambda: MoveLine.create(
                {
                    "move_id": move.id,
                    "picking_id": picking.id,
                    "product_id": self.shaft.id,
                    "lot_id": self.held.id,
                    "quantity": 1.0,
                    "location_id": self.stock.id,
                    "location_dest_id": self.customers.id,
                }
            )
        )

    # Scrap, unbuild, consumption, inventory -----------------------------

    def test_scrap_order_refused(self):
        scrap = (
            self.env["stock.scrap"]
            .with_user(self.stock_user)
            .create(
                {
                    "product_id": self.shaft.id,
                    "lot_id": self.held.id,
                    "scrap_qty": 1.0,
                    "location_id": self.stock.id,
                }
            )
        )
        self.assertRefused(scrap.action_validate)
        self.assertEqual(scrap.state, "draft")

    def test_unbuild_refused(self):
        production = self.env["mrp.production"].search(
            [("lot_producing_id", "=", self.held.id)]
        )
        unbuild = (
            self.env["mrp.unbuild"]
            .with_user(self.operator)
            .create(
                {
                    "product_id": self.shaft.id,
                    "mo_id": production.id,
                    "lot_id": self.held.id,
                    "product_qty": 1.0,
                }
            )
        )
        self.assertRefused(unbuild.action_unbuild)
        self.assertEqual(unbuild.state, "draft")

    def test_consumption_by_a_manufacturing_order_refused(self):
        axle = self._start(self.axle, 1, at(14))
        axle.lot_producing_id = self.env["stock.lot"].create(
            {"name": "AXLE-X", "product_id": self.axle.id}
        )
        self._consume(axle, self.held)
        self.assertRefused(lambda: self._mark_done(axle))
        self.assertNotEqual(axle.state, "done")

    def test_inventory_adjustment_refused(self):
        quant = self.env["stock.quant"].search(
            [("lot_id", "=", self.held.id), ("location_id", "=", self.stock.id)]
        )
        quant = quant.with_user(self.stock_manager)
        quant.inventory_quantity = 0
        self.assertRefused(quant.action_apply_inventory)

    def test_relocation_refused(self):
        shelf = self.env["stock.location"].create(
            {"name": "QPS Shelf", "location_id": self.stock.id}
        )
        lot = self.held.with_user(self.stock_manager)
        self.assertRefused(lambda: lot.write({"location_id": shelf.id}))

    # The hold itself ------------------------------------------------------

    def test_hold_written_by_nobody_but_the_workflow(self):
        for user in (self.stock_manager, self.manager):
            with self.assertRaises(UserError):
                self.held.with_user(user).write({"quality_hold": False})
            with self.assertRaises(UserError):
                self.env["stock.lot"].with_user(user).create(
                    {"name": "X", "product_id": self.shaft.id, "quality_hold": True}
                )
        self.assertTrue(self.held.quality_hold)

    def test_containment_written_by_nobody(self):
        containment = self.containment.with_user(self.manager)
        for vals in ({"state": "closed"}, {"date_from": at(13)}):
            with self.assertRaises(UserError):
                containment.write(vals)
        line = containment.line_ids[:1]
        for vals in ({"decision": "release"}, {"holds_stock": False}):
            with self.assertRaises(UserError):
                line.write(vals)
        self.assertEqual(self.containment.state, "open")
        self.assertTrue(all(self.containment.line_ids.mapped("holds_stock")))

    def test_screens_open_for_who_sees_them(self):
        """The lot form with its hold and containments for stock users, the
        containment screens for the quality team."""
        for user, model, view_types in (
            (self.stock_user, "stock.lot", ["form", "list"]),
            (self.inspector, "quality.containment", ["form", "list", "search"]),
            (self.inspector, "quality.containment.line", ["list", "search"]),
        ):
            views = (
                self.env[model]
                .with_user(user)
                .get_views([(False, view_type) for view_type in view_types])
            )
            self.assertEqual(set(views["views"]), set(view_types))
        form = (
            self.env["stock.lot"]
            .with_user(self.stock_user)
            .get_views([(False, "form")])
        )
        self.assertIn("quality_containment_line_ids", form["views"]["form"]["arch"])
        self.assertEqual(
            self.containment.with_user(self.stock_user).line_ids.lot_id, self.held
        )

    def test_suspect_lines_kept_through_the_lot(self):
        line = self.containment.line_ids.filtered(lambda line: line.lot_id == self.held)
        lot = self.held.with_user(self.stock_manager)
        for command in (Command.unlink(line.id), Command.delete(line.id)):
            with self.assertRaises(UserError):
                lot.write({"quality_containment_line_ids": [command]})
        self.assertEqual(line.lot_id, self.held)

    def test_reinspection_link_given_by_nobody_but_the_workflow(self):
        line = self.containment.line_ids.filtered(lambda line: line.lot_id == self.held)
        Inspection = self.env["quality.inspection"].with_user(self.manager)
        with self.assertRaises(UserError):
            Inspection.create(
                {
                    "checkpoint_id": self.patrol.id,
                    "workorder_id": line.workorder_id.id,
                    "containment_line_id": line.id,
                }
            )
        self.assertFalse(line.reinspection_ids)

    def test_running_order_of_the_window_not_marked_done(self):
        self.failing.lot_producing_id = self.env["stock.lot"].create(
            {"name": "LOT-FAILING", "product_id": self.shaft.id}
        )
        inspection = self.failing.inspection_ids.filtered(lambda i: i.state == "fail")
        inspection.with_user(self.manager).action_set_disposition(
            "concession", "Measured again: within tolerance"
        )
        with self.assertRaises(UserError) as caught:
            self._mark_done(self.failing)
        self.assertIn(self.containment.name, str(caught.exception))
        self.assertNotEqual(self.failing.state, "done")

    def test_certificate_refused_for_a_held_lot(self):
        production = self.env["mrp.production"].search(
            [("lot_producing_id", "=", self.held.id)]
        )
        report = self.env["ir.actions.report"].with_user(self.inspector)
        with self.assertRaises(UserError) as caught:
            report._render_qweb_html(
                "quality_progress_sync.report_quality_certificate", production.ids
            )
        self.assertIn(self.held.name, str(caught.exception))

    def test_quarantine_left_by_nobody_but_a_decision(self):
        pin = self.env["product.product"].create(
            {"name": "QPS Pin", "type": "consu", "is_storable": True}
        )
        quarantine = self.env["stock.location"]._get_quality_quarantine(self.stock)
        self.env["stock.quant"]._update_available_quantity(pin, quarantine, 3.0)
        picking = self._transfer(
            [(pin, 3.0)], quarantine, self.stock, self.warehouse.int_type_id
        )
        picking.action_assign()
        with self.assertRaises(UserError) as caught:
            picking.button_validate()
        self.assertIn(quarantine.display_name, str(caught.exception))
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                pin, quarantine, strict=True
            ),
            0.0,
            "reserved, still there",
        )
        self.assertEqual(
            sum(
                self.env["stock.quant"]
                .search(
                    [("product_id", "=", pin.id), ("location_id", "=", quarantine.id)]
                )
                .mapped("quantity")
            ),
            3.0,
        )
        with self.assertRaises(UserError):
            quarantine.with_user(self.stock_manager).write(
                {"quality_quarantine": False}
            )
