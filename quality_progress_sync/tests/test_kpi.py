# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import QualityProgressCase


class TestWorkcenterKpi(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Cut check", on_failure="alert")
        cls.wc_cut.write(
            {"pass_rate_target": 75.0, "quality_responsible_id": cls.manager.id}
        )

    def _inspect(self, results):
        for passed in results:
            inspection = self._create_mo().inspection_ids
            if passed:
                inspection.with_user(self.inspector).do_pass()
            else:
                inspection.with_user(self.inspector).do_fail("Bad")

    def _alerts(self):
        return self.wc_cut.activity_ids.filtered(
            lambda a: "below the target" in (a.summary or "")
        )

    def test_pass_rate_and_counts(self):
        self._inspect([True, True, True, False])
        self.wc_cut.invalidate_recordset()
        self.assertEqual(self.wc_cut.quality_inspection_count, 4)
        self.assertAlmostEqual(self.wc_cut.quality_pass_rate, 75.0)
        self.assertEqual(self.wc_cut.open_nonconformance_count, 1)
        self.assertFalse(self._alerts(), "75% meets the 75% target")

    def test_one_alert_below_the_target(self):
        self._inspect([True, False])
        self.assertEqual(len(self._alerts()), 1)
        self.assertEqual(self._alerts().user_id, self.manager)
        self._inspect([False, False])
        self.assertEqual(len(self._alerts()), 1, "one alert, not one per inspection")
        self.assertTrue(self.wc_cut.quality_alert_open)

    def test_hold_on_threshold_setting(self):
        self.env["ir.config_parameter"].set_param(
            "quality_progress_sync.hold_on_threshold", "True"
        )
        self._inspect([False])
        self.assertEqual(self.wc_cut.working_state, "blocked")
        self.assertTrue(self.wc_cut.quality_hold)

    def test_bad_targets_and_deadlines_refused(self):
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"quality_pass_rate_target": 150.0})
        with self.assertRaises(ValidationError):
            self.checkpoint.nonconformance_deadline_days = -1
        with self.assertRaises(ValidationError):
            self.env["quality.nonconformance"].create(
                {"title": "Bad", "quantity": -3.0}
            )

    def test_first_pass_yield(self):
        for passed in (True, False):
            production = self._create_mo()
            if passed:
                self._pass_all(production)
            else:
                self.checkpoint.on_failure = "rework"
                production.inspection_ids.with_user(self.inspector).do_fail("Bad")
                self._pass_all(production)
            self._mark_done(production)
        self.wc_cut.invalidate_recordset()
        self.assertAlmostEqual(self.wc_cut.first_pass_yield, 50.0)
        self.assertEqual(self.wc_cut.first_pass_count, 2)
        self.assertEqual(self.wc_cut.rework_count, 1)

    def _plan(self, workorder, start, minutes):
        start = fields.Datetime.to_datetime(start)
        workorder.with_context(bypass_duration_calculation=True).write(
            {"date_start": start, "date_finished": start + timedelta(minutes=minutes)}
        )

    def _run(self, workorder, start, finish):
        with freeze_time(start):
            workorder.with_user(self.operator).button_start()
        with freeze_time(finish):
            workorder.with_user(self.operator).button_finish()

    def test_committed_finish_survives_odoo_rescheduling(self):
        now = fields.Datetime.now().replace(microsecond=0)
        production = self._create_mo()
        workorder = self._workorder(production, self.op_weld)
        self._plan(workorder, now - timedelta(hours=3), 10)
        # Started two hours past its planned end: Odoo moves the plan to now,
        # then writes the real end over it.
        self._run(workorder, now - timedelta(hours=1), now)
        self.assertEqual(workorder.date_finished, now)
        self.assertEqual(
            workorder.date_planned_finished, now - timedelta(hours=2, minutes=50)
        )
        self.assertFalse(workorder.finished_on_time)

    def test_committed_finish_is_not_for_users(self):
        workorder = self._workorder(self._create_mo(), self.op_weld)
        state = workorder.state
        with self.assertRaises(UserError):
            workorder.with_user(self.operator).write(
                {"date_planned_finished": fields.Datetime.now()}
            )
        with self.assertRaises(UserError):
            workorder.with_user(self.operator).write(
                {"state": "progress", "date_planned_finished": "2099-01-01"}
            )
        self.assertFalse(workorder.date_planned_finished)
        self.assertEqual(workorder.state, state)

    def test_committed_finish_in_batch(self):
        """Work orders started together keep each their own planned end."""
        now = fields.Datetime.now().replace(microsecond=0)
        production = self._create_mo()
        cut, weld, paint = production.workorder_ids.sorted("id")
        self._plan(cut, now + timedelta(hours=1), 10)
        self._plan(weld, now + timedelta(hours=2), 10)
        # Paint was never planned: Odoo plans it from its start.
        paint.leave_id.unlink()
        paint.invalidate_recordset(["date_start", "date_finished"])
        with freeze_time(now):
            (cut | weld | paint).with_user(self.operator).button_start()
        self.assertEqual(
            (cut | weld).mapped("date_planned_finished"),
            [
                now + timedelta(hours=1, minutes=10),
                now + timedelta(hours=2, minutes=10),
            ],
        )
        self.assertEqual(
            paint.date_planned_finished,
            now + timedelta(minutes=paint.duration_expected),
        )
        self._pass_all(cut)
        cut.with_user(self.operator).button_finish()
        self.assertTrue(cut.finished_on_time)
        self.assertEqual(
            cut.date_planned_finished,
            now + timedelta(hours=1, minutes=10),
            "finishing does not move the committed finish",
        )

    def test_on_time_rate(self):
        now = fields.Datetime.now().replace(microsecond=0)
        for minutes in (5, 10, 30, 60):
            workorder = self._workorder(self._create_mo(), self.op_weld)
            self._plan(workorder, now - timedelta(hours=3), 15)
            self._run(
                workorder,
                now - timedelta(hours=3),
                now - timedelta(hours=3) + timedelta(minutes=minutes),
            )
        # Done 40 days ago: outside the rolling window.
        workorder = self._workorder(self._create_mo(), self.op_weld)
        self._plan(workorder, now - timedelta(days=40), 15)
        self._run(workorder, now - timedelta(days=40), now - timedelta(days=39))
        # Finished without a plan (never started): no committed finish.
        workorder = self._workorder(self._create_mo(), self.op_weld)
        workorder.leave_id.unlink()
        workorder.with_user(self.operator).button_finish()
        self.assertFalse(workorder.date_planned_finished)
        self.wc_cut.invalidate_recordset()
        self.wc_weld.invalidate_recordset()
        self.assertAlmostEqual(self.wc_weld.on_time_rate, 50.0)
        self.assertEqual(self.wc_weld.on_time_count, 4)
        self.assertAlmostEqual(self.wc_paint.on_time_rate, 0.0)
        self.assertEqual(self.wc_paint.on_time_count, 0, "no data, not 0% on time")


class TestProgressKanban(QualityProgressCase):
    def test_progress_late_and_colour(self):
        checkpoint = self._create_checkpoint(on_failure="alert")
        production = self._create_mo(qty=4.0)
        production.button_plan()
        wo_cut = self._workorder(production, self.op_cut)
        self.assertEqual(wo_cut.quality_color, 0)
        wo_cut.with_user(self.operator).button_start()
        production.with_user(self.operator).qty_producing = 1.0
        self.assertAlmostEqual(wo_cut.progress_percent, 25.0)
        wo_paint = self._workorder(production, self.op_paint)
        wo_paint.with_context(bypass_duration_calculation=True).write(
            {
                "date_start": fields.Datetime.now() - timedelta(hours=3),
                "date_finished": fields.Datetime.now() - timedelta(hours=1),
            }
        )
        self.assertTrue(wo_paint.date_finished)
        self.assertTrue(wo_paint.is_late)
        self.assertIn(
            wo_paint, production.workorder_ids.search([("is_late", "=", True)])
        )
        self.assertEqual(wo_paint.quality_color, 2)
        wo_cut.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        ).with_user(self.operator).do_fail("Bad")
        self.assertEqual(wo_cut.quality_color, 1)

    def test_first_pass_flag(self):
        self._create_checkpoint()
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut)
        self.assertFalse(wo_cut.first_pass, "not inspected yet")
        self._pass_all(production)
        self.assertTrue(wo_cut.first_pass)

    def test_workcenter_kpis_menu_opens_the_kpi_kanban(self):
        menu = self.env.ref("quality_progress_sync.quality_workcenter_kpi_menu")
        visible = self.env["ir.ui.menu"].with_user(self.inspector)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        action = menu.action
        views = (
            self.env[action.res_model]
            .with_user(self.inspector)
            .get_views([(action.view_id.id, "kanban")])
        )
        arch = views["views"]["kanban"]["arch"]
        for field in ("quality_pass_rate", "first_pass_yield", "on_time_rate"):
            self.assertIn(field, arch)

    def test_kanban_view_loads(self):
        action = self.env.ref(
            "quality_progress_sync.mrp_workorder_quality_kanban_action"
        )
        self.assertEqual(action.res_model, "mrp.workorder")
        view = self.env.ref("quality_progress_sync.mrp_workorder_view_kanban")
        arch = (
            self.env["mrp.workorder"]
            .with_user(self.operator)
            .get_views([(view.id, "kanban")])["views"]["kanban"]["arch"]
        )
        self.assertIn("blocking_reason", arch)


class TestLateWorkorderPatrol(QualityProgressCase):
    def test_one_patrol_and_activity_per_late_running_work_order(self):
        self.wc_paint.quality_responsible_id = self.inspector
        production = self._create_mo()
        production.button_plan()
        wo_paint = self._workorder(production, self.op_paint)
        # Only a running work order is patrolled (see test_truth.py).
        wo_paint.with_user(self.operator).button_start()
        wo_paint.with_context(bypass_duration_calculation=True).write(
            {
                "date_start": fields.Datetime.now() - timedelta(hours=3),
                "date_finished": fields.Datetime.now() - timedelta(hours=1),
            }
        )
        Workorder = self.env["mrp.workorder"]
        inspections = Workorder._cron_late_workorder_patrols()
        late_patrol = inspections.filtered(lambda i: i.workorder_id == wo_paint)
        self.assertEqual(len(late_patrol), 1)
        self.assertEqual(late_patrol.stage, "patrol")
        self.assertEqual(late_patrol.activity_ids.user_id, self.inspector)
        self.assertNotIn(
            self._workorder(production, self.op_cut), inspections.workorder_id
        )
        self.assertFalse(
            Workorder._cron_late_workorder_patrols().filtered(
                lambda i: i.workorder_id == wo_paint
            ),
            "once per work order",
        )


class TestInspectionReports(QualityProgressCase):
    def test_pivot_and_graph_views_load(self):
        Inspection = self.env["quality.inspection"].with_user(self.inspector)
        views = Inspection.get_views([(False, "pivot"), (False, "graph")])["views"]
        self.assertIn("workcenter_id", views["pivot"]["arch"])
        self.assertIn("state", views["graph"]["arch"])
        action = self.env.ref("quality_progress_sync.quality_inspection_action")
        self.assertIn("pivot", action.view_mode)
        self.assertIn("graph", action.view_mode)
