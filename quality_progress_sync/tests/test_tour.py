# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, tagged

from .common import QualityProgressCase


@tagged("post_install", "-at_install")
class TestProgressQualityTour(HttpCase, QualityProgressCase):
    """The Progress & Quality kanban, in a browser: a blocked card, its
    inspection passed from the Inspect button, then the work order finished;
    an inspection failed through its dialog, with a reason and a quantity."""

    def test_kanban_tour(self):
        admin = self.env.ref("base.user_admin")
        admin.groups_id += self.env.ref("mrp.group_mrp_routings")
        self._create_checkpoint(name="Tour check", operation_id=self.op_cut.id)
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut)
        inspection = wo_cut.inspection_ids
        self.assertEqual(inspection.state, "todo")
        # As admin, so that the kanban shows admin the Finish button.
        wo_cut.with_user(admin).button_start()
        self.assertEqual(wo_cut.state, "progress")
        self.assertIn("is still to do", wo_cut.blocking_reason)

        self.start_tour(
            "/odoo/action-quality_progress_sync.mrp_workorder_quality_kanban_action",
            "quality_progress_sync_kanban_tour",
            login="admin",
        )

        self.assertEqual(inspection.state, "pass")
        self.assertEqual(wo_cut.state, "done")
        self.assertFalse(wo_cut.blocking_reason)

    def test_fail_tour(self):
        admin = self.env.ref("base.user_admin")
        admin.groups_id += self.env.ref("mrp.group_mrp_routings")
        self._create_checkpoint(
            name="Tour check", operation_id=self.op_cut.id, on_failure="rework"
        )
        # Two of the order's three units fail.
        production = self._create_mo(qty=3.0)
        wo_cut = self._workorder(production, self.op_cut)
        inspection = wo_cut.inspection_ids
        wo_cut.with_user(admin).button_start()

        self.start_tour(
            "/odoo/action-quality_progress_sync.mrp_workorder_quality_kanban_action",
            "quality_progress_sync_fail_tour",
            login="admin",
        )

        self.assertEqual(inspection.state, "fail")
        self.assertEqual(inspection.failure_reason, "Burr on the cut edge")
        self.assertEqual(inspection.failed_qty, 2.0)
        self.assertEqual(inspection.user_id, admin)
        self.assertEqual(inspection.nonconformance_id.quantity, 2.0)
        rework = production.workorder_ids.filtered("rework_of_id")
        self.assertEqual(rework.rework_of_id, wo_cut)
