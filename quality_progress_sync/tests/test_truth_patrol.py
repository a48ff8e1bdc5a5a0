# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Late patrols for running work orders only, one reminder per inspector,
at a cost that does not grow with the late work orders (issue #24)."""

from datetime import timedelta

from odoo import fields

from .common import QualityProgressCase


class TestLatePatrols(QualityProgressCase):
    """The late-patrol checkpoint of the add-on's data patrols running work
    orders late against their planned end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wc_cut.quality_responsible_id = cls.inspector
        cls.Workorder = cls.env["mrp.workorder"]

    def _cuts(self, count):
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
        return productions.workorder_ids.filtered(
            lambda wo: wo.operation_id == self.op_cut
        )

    def _make_late(self, workorders):
        workorders.with_context(bypass_duration_calculation=True).write(
            {
                "date_start": fields.Datetime.now() - timedelta(hours=3),
                "date_finished": fields.Datetime.now() - timedelta(hours=1),
            }
        )

    def _activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "quality.inspection"),
                ("user_id", "=", self.inspector.id),
            ]
        )

    def test_only_running_work_orders_are_patrolled(self):
        running, paused, waiting = self._cuts(3)
        running.with_user(self.operator).button_start()
        paused.with_user(self.operator).button_start()
        paused.with_user(self.operator).button_pending()
        self._make_late(running | paused | waiting)
        self.assertTrue(all((running | paused | waiting).mapped("is_late")))
        patrols = self.Workorder._cron_late_workorder_patrols()
        self.assertEqual(patrols.workorder_id, running)
        self.assertEqual(patrols.stage, "patrol")
        self.assertFalse(paused.late_patrol_done, "patrolled once it runs again")
        self.assertFalse(self.Workorder._cron_late_workorder_patrols(), "once")
        paused.with_user(self.operator).button_start()
        self._make_late(paused)
        self.assertEqual(
            self.Workorder._cron_late_workorder_patrols().workorder_id, paused
        )

    def test_one_reminder_per_inspector(self):
        workorders = self._cuts(3)
        workorders.with_user(self.operator).button_start()
        self._make_late(workorders)
        patrols = self.Workorder._cron_late_workorder_patrols()
        self.assertEqual(patrols.workorder_id, workorders)
        activity = self._activities()
        self.assertEqual(len(activity), 1, "one reminder, not one per work order")
        self.assertIn("3 patrol inspections", activity.summary)
        for patrol in patrols:
            self.assertIn(patrol.name, activity.note)
            self.assertIn(f'data-oe-id="{patrol.id}"', activity.note)
            self.assertIn(patrol.workorder_id.display_name, activity.note)
        self.assertFalse(patrols.message_ids, "generated in bulk: no creation note")

    def test_reminder_in_the_inspectors_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.inspector.lang = "zh_CN"
        workorder = self._cuts(1)
        workorder.with_user(self.operator).button_start()
        self._make_late(workorder)
        self.Workorder._cron_late_workorder_patrols()
        self.assertNotIn("patrol inspection", self._activities().summary)

    def test_cost_does_not_grow_with_the_late_work_orders(self):
        warm, one, many = self._cuts(1), self._cuts(1), self._cuts(20)
        (warm | one | many).with_user(self.operator).button_start()
        self._make_late(warm | one | many)

        def patrol(workorders):
            # Only these are due: the others are marked patrolled meanwhile.
            others = (warm | one | many) - workorders
            others.sudo().late_patrol_done = True
            workorders.sudo().late_patrol_done = False
            queries = self._count_queries(self.Workorder._cron_late_workorder_patrols)
            self.assertTrue(all(workorders.mapped("late_patrol_done")))
            self.assertEqual(len(workorders.inspection_ids), len(workorders))
            return queries

        patrol(warm)
        self.assertEqual(patrol(one), patrol(many))
