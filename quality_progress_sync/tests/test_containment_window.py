# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The bracket: a failed patrol holds exactly what its operation made on
its work center since the last patrol that passed there, and, downstream,
what was made from it since."""

from .containment_common import ContainmentCase, at


class TestContainmentWindow(ContainmentCase):
    def test_window_holds_exactly_what_was_made_after_the_last_pass(self):
        """Passes at 10:00 and 12:00, failure at 14:00: held is what the
        operation made on that work center after 12:00, not before, not on
        another work center."""
        before = self._make(self.shaft, 5, at(9), at(10), "LOT-0900")
        passed = self._make(self.shaft, 5, at(11), at(12), "LOT-1100")
        # Too short to be patrolled (every 5 units): made around and after
        # the last pass, on the same work center.
        straddling = self._make(self.shaft, 2, at(11, 30), at(12, 30), "LOT-1130")
        after = self._make(self.shaft, 2, at(12, 30), at(13), "LOT-1230")
        other_center = self._make(
            self.shaft, 2, at(12, 40), at(13, 10), "LOT-OTHER", workcenter=self.wc_cut_2
        )
        failing = self._start(self.shaft, 5, at(13, 30))
        self._record(failing, at(14), "fail")

        containment = self._containment(failing)
        self.assertEqual(len(containment), 1)
        self.assertEqual(containment.date_from, at(12))
        self.assertEqual(containment.date_to, at(14))
        self.assertEqual(
            containment.window_inspection_id.production_id.lot_producing_id, passed
        )
        lines = containment.line_ids
        self.assertEqual(lines.lot_id, straddling | after)
        running = lines.filtered(lambda line: not line.lot_id)
        self.assertEqual(running.production_id, failing)
        self.assertEqual(running.quantity, 5)
        for lot in straddling | after:
            self.assertTrue(lot.quality_hold)
        for lot in before | passed | other_center:
            self.assertFalse(lot.quality_hold, lot.name)
        self.assertTrue(failing.quality_containment_hold)
        self.assertEqual(containment.state, "open")
        bodies = "".join(containment.nonconformance_id.message_ids.mapped("body"))
        self.assertIn(containment.name, bodies)

    def test_no_pass_before_starts_at_the_failed_work_order(self):
        earlier = self._make(self.shaft, 2, at(8), at(9), "LOT-EARLY")
        failing = self._start(self.shaft, 5, at(13))
        self._record(failing, at(14), "fail")
        containment = self._containment(failing)
        self.assertEqual(containment.date_from, at(13))
        self.assertFalse(containment.window_inspection_id)
        self.assertFalse(earlier.quality_hold)
        self.assertEqual(containment.line_ids.production_id, failing)

    def test_forward_trace_through_two_levels_of_orders(self):
        self._make(self.shaft, 5, at(8), at(9), "LOT-OK")
        suspect = self._make(self.shaft, 2, at(9, 30), at(10), "LOT-SUSPECT")
        sound = self._make(self.shaft, 2, at(7), at(7, 30), "LOT-SOUND")
        axle = self._make(
            self.axle, 1, at(10, 30), at(11), "AXLE-1", components=suspect
        )
        sound_axle = self._make(
            self.axle, 1, at(10, 30), at(11), "AXLE-SOUND", components=sound
        )
        wheel = self._make(
            self.wheel, 1, at(11, 30), at(12), "WHEEL-1", components=axle
        )
        failing = self._start(self.shaft, 5, at(12, 30))
        self._record(failing, at(13), "fail")

        lines = self._containment(failing).line_ids
        self.assertEqual(lines.lot_id, suspect | axle | wheel)
        by_lot = {line.lot_id: line for line in lines if line.lot_id}
        self.assertEqual(by_lot[axle].origin, "downstream")
        self.assertEqual(by_lot[axle].parent_lot_id, suspect)
        self.assertEqual(by_lot[wheel].parent_lot_id, axle)
        self.assertEqual(by_lot[suspect].origin, "window")
        self.assertTrue(wheel.quality_hold and axle.quality_hold)
        self.assertFalse(sound_axle.quality_hold)

    def test_window_policy_does_not_trace_downstream(self):
        self.patrol.containment_policy = "window"
        self._make(self.shaft, 5, at(8), at(9), "LOT-OK")
        suspect = self._make(self.shaft, 2, at(9, 30), at(10), "LOT-SUSPECT")
        axle = self._make(
            self.axle, 1, at(10, 30), at(11), "AXLE-1", components=suspect
        )
        failing = self._start(self.shaft, 5, at(12, 30))
        self._record(failing, at(13), "fail")
        self.assertEqual(self._containment(failing).line_ids.lot_id, suspect)
        self.assertFalse(axle.quality_hold)

    def test_no_containment_without_a_policy(self):
        self.patrol.containment_policy = "none"
        failing = self._start(self.shaft, 5, at(12, 30))
        self._record(failing, at(13), "fail")
        self.assertFalse(self._containment(failing))

    def test_no_containment_for_a_first_article(self):
        first = self._create_checkpoint(
            name="QPS first piece",
            operation_id=self.op_turn.id,
            stage="first_article",
            performer="inspector",
            on_failure="alert",
            containment_policy="window",
        )
        production = self._start(self.shaft, 2, at(9))
        inspection = production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == first
        )
        inspection.with_user(self.inspector).do_fail("Burr")
        self.assertFalse(self._containment(production))
