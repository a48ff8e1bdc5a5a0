# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A re-inspection judges reworked pieces: it is recorded once its rework
work order is under way, and the rework's Done waits for it (issue #24)."""

from odoo.exceptions import UserError

from .common import QualityProgressCase


class TestReinspectionWaitsForItsRework(QualityProgressCase):
    def test_recorded_once_the_rework_runs(self):
        self._create_checkpoint(performer="inspector", on_failure="rework")
        production = self._create_mo()
        failed = production.inspection_ids
        failed.with_user(self.inspector).do_fail("Burr")
        reinspection = failed.reinspection_ids
        rework = reinspection.workorder_id
        self.assertTrue(rework.rework_of_id)
        self.assertNotIn(rework.state, ("progress", "done"))
        inspection = reinspection.with_user(self.inspector)
        self.assertFalse(inspection.can_record)
        for record in (inspection.do_pass, lambda: inspection.do_fail("Still")):
            with self.assertRaises(UserError) as refused:
                record()
            self.assertIn(rework.display_name, str(refused.exception))
            self.assertIn("started", str(refused.exception))
        self.assertEqual(reinspection.state, "todo")
        rework.with_user(self.operator).button_start()
        # The rework's Done still waits for its re-inspection.
        with self.assertRaises(UserError):
            rework.with_user(self.operator).button_finish()
        self.assertEqual(rework.state, "progress")
        self.assertTrue(inspection.can_record)
        inspection.do_pass()
        self.assertEqual(reinspection.state, "pass")
        rework.with_user(self.operator).button_finish()
        self.assertEqual(rework.state, "done")
