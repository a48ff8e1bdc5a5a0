# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shop Floor screen's server side: its queue in one call whose queries
do not grow with the work orders, the panel in the order inspections must
happen, the same rules as the forms, barcodes and the bus notification."""

import json

from odoo.addons.quality_progress_sync.tests.common import QualityProgressCase
from odoo.exceptions import AccessError, UserError, ValidationError

from ..models.shop_floor_notify import SHOP_FLOOR_NOTIFICATION


class TestShopFloor(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cp_first = cls._create_checkpoint(
            name="First piece",
            stage="first_article",
            check_type="measure",
            norm=10.0,
            tolerance_min=9.9,
            tolerance_max=10.1,
        )
        cls.cp_final = cls._create_checkpoint(
            name="Final look", stage="final", performer="inspector"
        )
        cls.Workorder = cls.env["mrp.workorder"]

    def _data(self, user, workcenters=None):
        Workorder = self.Workorder.with_user(user)
        if workcenters is None:
            return Workorder.get_shop_floor_data()
        return Workorder.get_shop_floor_data(workcenters.ids)

    def _bus_payloads(self):
        """The Shop Floor notifications this transaction sends, once the
        pre-commit hooks have run."""
        self.env.cr.precommit.run()
        messages = self.env["bus.bus"].sudo().search([]).mapped("message")
        return [
            json.loads(message)["payload"]
            for message in messages
            if json.loads(message)["type"] == SHOP_FLOOR_NOTIFICATION
        ]

    def test_queue_of_the_chosen_work_centers_in_planned_order(self):
        first = self._create_mo()
        second = self._create_mo()
        data = self._data(self.operator, self.wc_cut)
        self.assertEqual(data["workcenter_ids"], [self.wc_cut.id])
        cuts = [
            self._workorder(first, self.op_cut),
            self._workorder(second, self.op_cut),
        ]
        queue = [wo["id"] for wo in data["workorders"]]
        self.assertEqual(
            queue,
            [wo.id for wo in sorted(cuts, key=lambda wo: (wo.date_start, wo.id))],
        )
        card = data["workorders"][0]
        self.assertEqual(card["todo_count"], 1)
        self.assertIn("is still to do", card["blocking_reason"])
        self.assertEqual(card["qty_production"], 1.0)
        self.assertIn(self.wc_weld.id, [wc["id"] for wc in data["workcenters"]])

    def test_choice_remembered_per_user(self):
        self._data(self.operator, self.wc_cut | self.wc_weld)
        other = self._create_operator("qps_other_operator")
        self.assertEqual(
            self._data(self.operator)["workcenter_ids"],
            sorted((self.wc_cut | self.wc_weld).ids),
        )
        self.assertEqual(self._data(other)["workcenter_ids"], [])

    def test_done_work_orders_leave_the_queue(self):
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut).with_user(self.operator)
        wo_cut.button_start()
        self._pass_all(wo_cut)
        wo_cut.button_finish()
        queue = self._data(self.operator, self.wc_cut)["workorders"]
        self.assertNotIn(wo_cut.id, [wo["id"] for wo in queue])

    def _create_productions(self, count):
        productions = self.env["mrp.production"].create(
            [
                {
                    "product_id": self.product.id,
                    "product_uom_id": self.product.uom_id.id,
                    "product_qty": 1.0,
                    "bom_id": self.bom.id,
                }
                for __ in range(count)
            ]
        )
        productions.action_confirm()
        return productions

    def _fill_floor(self, productions):
        """Some passed, one started, one failed (with its rework work
        order), the others to do, as on a real floor."""
        self._pass_all(productions[:2])
        self._workorder(productions[2], self.op_cut).with_user(
            self.operator
        ).button_start()
        productions[-1].workorder_ids.inspection_ids.filtered(
            lambda i: i.stage == "final"
        ).with_user(self.inspector).do_fail("Scratch")

    def test_queue_costs_the_same_for_5_or_50_work_orders(self):
        """Opening a work center's queue is one call whose queries do not
        depend on how many work orders and inspections it shows."""
        self._fill_floor(self._create_productions(5))
        self._data(self.operator, self.wc_cut)  # warm up
        self._count_queries(lambda: self._data(self.operator))
        few = self._count_queries(lambda: self._data(self.operator))
        self._fill_floor(self._create_productions(45))
        # 50 and the rework work orders of the two failures.
        self.assertEqual(len(self._data(self.operator)["workorders"]), 52)
        many = self._count_queries(lambda: self._data(self.operator))
        self.assertEqual(few, many)

    def test_panel_lists_inspections_in_the_order_they_happen(self):
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut).with_user(self.operator)
        panel = wo_cut.get_shop_floor_workorder()
        self.assertTrue(panel["can_start"])
        self.assertFalse(panel["can_finish"])
        # Starting adds the first article: it comes first.
        wo_cut.button_start()
        panel = wo_cut.get_shop_floor_workorder()
        self.assertEqual(
            [insp["stage"] for insp in panel["inspections"]],
            ["first_article", "final"],
        )
        self.assertTrue(panel["can_pause"], panel)
        self.assertTrue(panel["can_finish"])

    def test_panel_shows_who_may_record(self):
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut)
        wo_cut.with_user(self.operator).button_start()
        by_type = {
            insp["stage"]: insp
            for insp in wo_cut.with_user(self.operator).get_shop_floor_workorder()[
                "inspections"
            ]
        }
        self.assertTrue(by_type["first_article"]["can_record"])
        self.assertFalse(by_type["final"]["can_record"])
        by_type = {
            insp["stage"]: insp
            for insp in wo_cut.with_user(self.inspector).get_shop_floor_workorder()[
                "inspections"
            ]
        }
        self.assertTrue(by_type["final"]["can_record"])

    def test_same_rules_as_the_forms(self):
        """The screen calls the forms' methods as the user: an operator
        cannot record an inspector's check, Finish is refused by the gate."""
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut).with_user(self.operator)
        final = wo_cut.inspection_ids.filtered(lambda i: i.stage == "final")
        with self.assertRaises(AccessError):
            final.with_user(self.operator).do_pass()
        wo_cut.button_start()
        with self.assertRaisesRegex(UserError, "cannot be finished"):
            wo_cut.button_finish()

    def test_produced_quantity_and_lot(self):
        self.product.tracking = "lot"
        production = self._create_mo(qty=5.0)
        wo_cut = self._workorder(production, self.op_cut).with_user(self.operator)
        wo_cut.button_start()
        wo_cut.set_shop_floor_produced(2.0)
        self.assertEqual(production.qty_producing, 2.0)
        wo_cut.set_shop_floor_lot("LOT-SF-1")
        self.assertEqual(production.lot_producing_id.name, "LOT-SF-1")
        panel = wo_cut.get_shop_floor_workorder()
        self.assertEqual(panel["lot_name"], "LOT-SF-1")
        self.assertEqual(panel["tracking"], "lot")
        self.assertEqual(panel["qty_produced"], 2.0)

    def test_bad_input_refused_and_nothing_changed(self):
        """Every argument of the screen's methods comes over RPC: anything
        but what they take is refused with a clear error, nothing written."""
        production = self._create_mo(qty=5.0)
        wo_cut = self._workorder(production, self.op_cut).with_user(self.operator)
        wo_cut.button_start()
        Workorder = self.Workorder.with_user(self.operator)
        self._data(self.operator, self.wc_cut)
        for quantity in (-1.0, "3", [2], None, True, 1e300):
            with self.subTest(quantity=quantity), self.assertRaises(ValidationError):
                wo_cut.set_shop_floor_produced(quantity)
        for lot_name in (["LOT"], {"name": "LOT"}, 42):
            with self.subTest(lot_name=lot_name), self.assertRaises(ValidationError):
                wo_cut.set_shop_floor_lot(lot_name)
        for barcode in (["WO"], 7):
            with self.subTest(barcode=barcode), self.assertRaises(ValidationError):
                Workorder.find_shop_floor_barcode(barcode)
        for args in ({"limit": "all"}, {"limit": 0}, {"workcenter_ids": "1,2"}):
            with self.subTest(args=args), self.assertRaises(ValidationError):
                Workorder.get_shop_floor_data(**args)
        self.assertEqual(production.qty_producing, 5.0)
        self.assertFalse(production.lot_producing_id)
        self.assertEqual(self.operator.quality_shop_floor_workcenter_ids, self.wc_cut)

    def test_barcode_opens_work_order_order_or_lot(self):
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut)
        Workorder = self.Workorder.with_user(self.operator)
        self.assertEqual(
            Workorder.find_shop_floor_barcode(wo_cut.barcode)["id"], wo_cut.id
        )
        self.assertEqual(
            Workorder.find_shop_floor_barcode(production.name)["id"], wo_cut.id
        )
        lot = self.env["stock.lot"].create(
            {"name": "SF-LOT-9", "product_id": self.product.id}
        )
        production.lot_producing_id = lot
        self.assertEqual(Workorder.find_shop_floor_barcode("SF-LOT-9")["id"], wo_cut.id)
        self.assertFalse(Workorder.find_shop_floor_barcode("nothing-here"))

    def test_recording_notifies_the_screens_once(self):
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut)
        self._bus_payloads()  # what the set-up sent
        self.env["bus.bus"].sudo().search([]).unlink()
        wo_cut.with_user(self.operator).button_start()
        first = wo_cut.inspection_ids.filtered(lambda i: i.stage == "first_article")
        first.with_user(self.operator).do_measure([10.0])
        payloads = self._bus_payloads()
        self.assertEqual(len(payloads), 1)
        self.assertIn(wo_cut.id, payloads[0]["workorder_ids"])
        self.assertIn(self.wc_cut.id, payloads[0]["workcenter_ids"])

    def test_recording_from_the_screen_costs_what_the_form_does(self):
        """A measure from the numeric pad (``do_measure``) costs no more
        queries than from the form's measure dialog."""
        productions = self._create_productions(3)
        cuts = productions.workorder_ids.filtered(
            lambda wo: wo.workcenter_id == self.wc_cut
        )
        cuts.with_user(self.operator).button_start()
        screen_insp, form_insp, warm_insp = (
            production.workorder_ids.inspection_ids.filtered(
                lambda i: i.stage == "first_article"
            ).with_user(self.operator)
            for production in productions
        )
        warm_insp.do_measure([10.0])

        def form():
            Wizard = self.env["quality.inspection.measure.wizard"]
            wizard = Wizard.with_user(self.operator).create(
                {"inspection_id": form_insp.id}
            )
            wizard.line_ids.value = "10.0"
            wizard.action_confirm()

        form_queries = self._count_queries(form)
        screen_queries = self._count_queries(lambda: screen_insp.do_measure([10.0]))
        self.assertLessEqual(screen_queries, form_queries)
        self.assertEqual((screen_insp | form_insp).mapped("state"), ["pass", "pass"])

    def test_one_call_reads_the_queue_and_the_open_panel(self):
        """The screen's one data call: the queue and, when a work order is
        open, its panel; False when it is gone; its state labelled by the
        server, as Odoo names it."""
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut)
        Workorder = self.Workorder.with_user(self.operator)
        data = Workorder.get_shop_floor_data([self.wc_cut.id], workorder_id=wo_cut.id)
        self.assertEqual(
            data["workorder"],
            wo_cut.with_user(self.operator).get_shop_floor_workorder(),
        )
        states = dict(self.Workorder._fields["state"]._description_selection(self.env))
        self.assertEqual(data["workorder"]["state_label"], states[wo_cut.state])
        self.assertEqual(data["workorders"][0]["state_label"], states[wo_cut.state])
        self.assertIs(Workorder.get_shop_floor_data()["workorder"], False)
        self.assertIs(
            Workorder.get_shop_floor_data(workorder_id=2**31 - 1)["workorder"], False
        )
        for workorder_id in ("1", True, 0, 2**31, [wo_cut.id]):
            with (
                self.subTest(workorder_id=workorder_id),
                self.assertRaises(ValidationError),
            ):
                Workorder.get_shop_floor_data(workorder_id=workorder_id)

    def test_notification_names_the_screen_that_made_the_change(self):
        """A screen's change comes back to it with its token as ``origin``
        (it ignores its own echo); a change from elsewhere has none."""
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut).with_user(self.operator)
        self._bus_payloads()
        self.env["bus.bus"].sudo().search([]).unlink()
        wo_cut.with_context(shop_floor_screen="tab-1").button_start()
        payloads = self._bus_payloads()
        self.assertEqual([p["origin"] for p in payloads], ["tab-1"])
        self.env["bus.bus"].sudo().search([]).unlink()
        wo_cut.set_shop_floor_produced(1.0)
        self.assertEqual([p["origin"] for p in self._bus_payloads()], [False])
        # Not a screen's token: not repeated to every screen.
        self.env["bus.bus"].sudo().search([]).unlink()
        long_token = wo_cut.with_context(shop_floor_screen="x" * 100_000)
        long_token.set_shop_floor_produced(0.0)
        self.assertEqual([p["origin"] for p in self._bus_payloads()], [False])
