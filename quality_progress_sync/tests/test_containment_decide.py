# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A Quality Manager of the lot's company decides each suspect lot:
release after a re-inspection that passed, rework, scrap; the containment
closes once all are decided, its chatter and the nonconformance keeping who
decided what and why."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .containment_common import ContainmentCase, at


class TestContainmentDecide(ContainmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make(cls.shaft, 5, at(8), at(9), "LOT-PASSED")
        cls.held = cls._make(cls.shaft, 2, at(9, 30), at(10), "LOT-HELD")
        cls.other = cls._make(cls.shaft, 3, at(10), at(10, 30), "LOT-OTHER")
        cls.failing = cls._start(cls.shaft, 5, at(12, 30))
        cls._record(cls.failing, at(13), "fail")
        cls.containment = cls._containment(cls.failing)
        lines = cls.containment.line_ids
        cls.line = lines.filtered(lambda line: line.lot_id == cls.held)
        cls.other_line = lines.filtered(lambda line: line.lot_id == cls.other)
        cls.running_line = lines.filtered(lambda line: not line.lot_id)
        cls.company_b = cls.env["res.company"].create({"name": "QPS Company B"})
        cls.manager_b = new_test_user(
            cls.env,
            login="qps_containment_manager_b",
            groups="quality_progress_sync.group_quality_manager",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, [cls.company_b.id])],
        )

    def _snapshot(self, line):
        line.invalidate_recordset()
        return (
            line.decision,
            line.holds_stock,
            line.lot_id.quality_hold,
            self._qty(line.lot_id) if line.lot_id else 0,
            len(line.reinspection_ids),
            line.containment_id.state,
        )

    def assertNothingChanged(self, line, func, exception=UserError):
        before = self._snapshot(line)
        with self.assertRaises(exception):
            func()
        self.assertEqual(self._snapshot(line), before)

    def _reinspect_and_pass(self, line):
        inspection = self._reinspect(line)
        inspection.with_user(self.inspector).do_pass()
        return inspection

    def _chatter(self, record):
        return "".join(record.message_ids.mapped("body"))

    # Release -------------------------------------------------------------

    def test_release_after_a_passed_reinspection(self):
        inspection = self._reinspect(self.line)
        self.assertEqual(inspection.containment_line_id, self.line)
        self.assertEqual(inspection.performer, "inspector")
        self.assertFalse(inspection.blocking, "its order is done")
        inspection.with_user(self.inspector).do_pass()
        self.assertEqual(inspection.lot_id, self.held)
        self.line.with_user(self.manager).action_release("Re-measured: conforming")
        self.assertEqual(self.line.decision, "release")
        self.assertEqual(self.line.decision_user_id, self.manager)
        self.assertFalse(self.held.quality_hold)
        for record in (self.containment, self.containment.nonconformance_id):
            self.assertIn("Re-measured: conforming", self._chatter(record))
            self.assertIn(inspection.name, self._chatter(record))
        picking = self._deliver(self.held)
        picking.with_user(self.stock_user).button_validate()
        self.assertEqual(picking.state, "done")

    def test_release_refused_without_a_passed_reinspection(self):
        line = self.line.with_user(self.manager)
        self.assertNothingChanged(line, line.action_release)
        inspection = self._reinspect(line)
        self.assertNothingChanged(line, line.action_release)
        inspection.with_user(self.inspector).do_fail("Still out")
        self.assertNothingChanged(line, line.action_release)
        self.assertTrue(self.held.quality_hold)

    def test_full_reinspection_measures_every_unit(self):
        self.patrol.write(
            {
                "check_type": "measure",
                "norm": 10.0,
                "tolerance_min": 9.0,
                "tolerance_max": 11.0,
            }
        )
        inspection = self._reinspect(self.line, full=True)
        self.assertEqual(inspection.sample_size, 2)
        inspection.with_user(self.inspector).do_measure([10.0, 10.1])
        self.assertEqual(self.line.reinspection_state, "pass")

    def test_reinspection_refused_to_operators_and_bad_input(self):
        line = self.line.with_user(self.operator)
        self.assertNothingChanged(line, line.action_reinspect, AccessError)
        line = self.line.with_user(self.inspector)
        self.assertNothingChanged(
            line, lambda: line.action_reinspect(full="yes"), ValidationError
        )
        line.action_reinspect()
        self.assertNothingChanged(line, line.action_reinspect)

    # Rework ---------------------------------------------------------------

    def test_rework_order_consumes_the_held_lot_and_releases_it(self):
        self.line.with_user(self.manager).action_rework("Grind again")
        rework = self.line.rework_production_id
        self.assertTrue(rework.quality_containment_rework)
        self.assertEqual(rework.move_raw_ids.move_line_ids.lot_id, self.held)
        self.assertEqual(rework.workorder_ids.workcenter_id, self.wc_cut)
        self.assertTrue(self.held.quality_hold, "held until the rework is done")
        self.assertRefused(self._deliver(self.held))
        reinspection = rework.inspection_ids.filtered("containment_line_id")
        self.assertTrue(reinspection.blocking)
        with self.assertRaises(UserError):
            self._mark_order_done(rework)
        reinspection.with_user(self.inspector).do_pass()
        rework.lot_producing_id = self.env["stock.lot"].create(
            {"name": "LOT-REWORKED", "product_id": self.shaft.id}
        )
        res = self._mark_order_done(rework)
        self.assertEqual(rework.state, "done", res)
        self.assertEqual(self._qty(self.held), 0)
        self.assertFalse(self.held.quality_hold)
        self.assertEqual(self._qty(rework.lot_producing_id), 2)

    def test_rework_order_cancelled_waits_for_a_new_decision(self):
        self.other_line.with_user(self.manager).action_scrap("Cracked")
        self._reinspect_and_pass(self.running_line)
        self.running_line.with_user(self.manager).action_release("Passed")
        self.line.with_user(self.manager).action_rework("Grind again")
        self.assertEqual(self.containment.state, "closed")
        self.line.rework_production_id.action_cancel()
        self.assertFalse(self.line.decision)
        self.assertTrue(self.held.quality_hold)
        self.assertEqual(self.containment.state, "open")

    def test_rework_of_a_running_order_is_its_reinspection_failure(self):
        line = self.running_line.with_user(self.manager)
        self.assertNothingChanged(line, line.action_rework)
        inspection = self._reinspect(line)
        self.assertTrue(inspection.blocking, "its order runs")
        inspection.with_user(self.inspector).do_fail("Out")
        line.action_rework("Reworked in the order")
        self.assertEqual(line.decision, "rework")
        self.assertFalse(self.failing.quality_containment_hold)

    # Scrap ----------------------------------------------------------------

    def test_scrap_scraps_what_is_left_in_stock(self):
        self.line.with_user(self.manager).action_scrap("Cracked")
        self.assertEqual(self.line.decision, "scrap")
        self.assertEqual(self.line.scrap_ids.state, "done")
        self.assertEqual(self._qty(self.held), 0)
        self.assertFalse(self.held.quality_hold)

    def test_containment_closes_when_every_lot_is_decided(self):
        self.line.with_user(self.manager).action_scrap("Cracked")
        self.other_line.with_user(self.manager).action_scrap("Cracked")
        self.assertEqual(self.containment.state, "open")
        self._reinspect_and_pass(self.running_line)
        self.running_line.with_user(self.manager).action_release("Passed")
        self.assertEqual(self.containment.state, "closed")
        self.assertFalse(self.failing.quality_containment_hold)
        self.assertIn("closed", self._chatter(self.containment))

    def test_running_order_marked_done_once_decided(self):
        self._reinspect_and_pass(self.running_line)
        self.running_line.with_user(self.manager).action_release("Passed")
        inspection = self.failing.inspection_ids.filtered(lambda i: i.state == "fail")
        inspection.with_user(self.manager).action_set_disposition(
            "concession", "Within the customer's tolerance"
        )
        self.failing.lot_producing_id = self.env["stock.lot"].create(
            {"name": "LOT-FAILING", "product_id": self.shaft.id}
        )
        self._mark_order_done(self.failing)
        self.assertEqual(self.failing.state, "done")

    # Who decides ------------------------------------------------------------

    def test_decisions_refused_to_inspectors_and_other_companies(self):
        for user in (self.inspector, self.operator, self.manager_b):
            line = self.line.with_user(user)
            for action in (line.action_release, line.action_rework, line.action_scrap):
                self.assertNothingChanged(self.line, action, AccessError)
            self.assertNothingChanged(self.line, line.action_open_decision, AccessError)
        self.assertTrue(self.held.quality_hold)

    def test_a_decision_stays_as_taken(self):
        line = self.line.with_user(self.manager)
        line.action_scrap("Cracked")
        self.assertNothingChanged(line, line.action_rework)
        self.assertNothingChanged(line, lambda: line.action_scrap("Again"))

    def test_bad_reason_refused(self):
        line = self.line.with_user(self.manager)
        self.assertNothingChanged(
            line, lambda: line.action_scrap(["x"]), ValidationError
        )

    def test_decision_form(self):
        action = self.line.with_user(self.manager).action_open_decision()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"decision": "scrap", "reason": "Cracked"})
        )
        wizard.action_confirm()
        self.assertEqual(self.line.decision, "scrap")
        self.assertEqual(self.line.decision_note, "Cracked")

    def assertRefused(self, picking):
        with self.assertRaises(UserError):
            picking.with_user(self.stock_user).button_validate()
        self.assertNotEqual(picking.state, "done")


class TestContainmentQuarantine(ContainmentCase):
    """Untracked products are held by quantity: what the window made is
    moved into its warehouse's quarantine, left by a decision only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pin = cls.env["product.product"].create(
            {"name": "QPS Pin", "type": "consu", "is_storable": True}
        )
        cls.pin_bom = cls._create_one_step_bom(cls.pin, cls.component, cls.wc_cut)
        cls.patrol.write(
            {
                "operation_id": cls.pin_bom.operation_ids.id,
                "containment_policy": "window",
            }
        )
        cls._make(cls.pin, 5, at(8), at(9), None)
        cls._make(cls.pin, 3, at(9, 30), at(10), None)
        cls.failing = cls._start(cls.pin, 5, at(12, 30))
        cls._record(cls.failing, at(13), "fail")
        cls.containment = cls._containment(cls.failing)
        cls.line = cls.containment.line_ids.filtered("quarantine_qty")
        cls.quarantine = cls.line.quarantine_location_id

    def _on_hand(self, location):
        return sum(
            self.env["stock.quant"]
            .search(
                [("product_id", "=", self.pin.id), ("location_id", "=", location.id)]
            )
            .mapped("quantity")
        )

    def test_window_quantity_moved_into_quarantine(self):
        self.assertEqual(self.line.quarantine_qty, 3)
        self.assertTrue(self.quarantine.quality_quarantine)
        self.assertEqual(self.quarantine.location_id, self.warehouse.view_location_id)
        self.assertEqual(self._on_hand(self.quarantine), 3)
        self.assertEqual(self._on_hand(self.stock), 5, "the 09:00 pins stay")

    def test_release_puts_it_back(self):
        inspection = self._reinspect(self.line)
        inspection.with_user(self.inspector).do_pass()
        self.line.with_user(self.manager).action_release("Gauged: conforming")
        self.assertEqual(self._on_hand(self.quarantine), 0)
        self.assertEqual(self._on_hand(self.stock), 8)

    def test_scrap_scraps_the_quarantine(self):
        self.line.with_user(self.manager).action_scrap("Burrs")
        self.assertEqual(self._on_hand(self.quarantine), 0)
        self.assertEqual(self._on_hand(self.stock), 5)
        self.assertEqual(self.line.scrap_ids.state, "done")
