# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import QualityProgressCase


class TestReworkCommon(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(
            name="Cut length",
            on_failure="rework",
            max_rework_loops=2,
            rework_duration=30,
            responsible_id=cls.manager.id,
        )

    def setUp(self):
        super().setUp()
        self._set_up_order()

    def _fail(self, inspection, user=None):
        # A re-inspection judges reworked pieces: once its rework started.
        self._start_reworks(inspection)
        inspection.with_user(user or self.inspector).do_fail("Too short")

    def _reworks(self):
        return self.production.workorder_ids.filtered("rework_of_id")


class TestRework(TestReworkCommon):
    def test_failure_opens_nonconformance_and_rework(self):
        self._fail(self.inspection)
        self.assertEqual(self.inspection.disposition, "rework")
        self.assertEqual(self.inspection.disposition_user_id, self.inspector)
        self.assertFalse(self.inspection.gate_blocking)
        nonconformance = self.inspection.nonconformance_id
        self.assertTrue(nonconformance.name.startswith("NC/"))
        self.assertEqual(nonconformance.responsible_id, self.manager)
        self.assertEqual(nonconformance.production_id, self.production)
        self.assertEqual(nonconformance.activity_ids.user_id, self.manager)
        rework = self._reworks()
        self.assertEqual(len(rework), 1)
        self.assertEqual(rework.rework_of_id, self.wo_cut)
        self.assertEqual(rework.workcenter_id, self.wc_cut)
        self.assertEqual(rework.duration_expected, 30)
        self.assertIn(self.wo_cut, rework.blocked_by_workorder_ids)
        self.assertIn(rework, self.wo_weld.blocked_by_workorder_ids)
        reinspection = rework.inspection_ids
        self.assertEqual(reinspection.origin_inspection_id, self.inspection)
        self.assertEqual(reinspection.rework_loop, 1)
        self.assertEqual(reinspection.state, "todo")
        self.assertEqual(nonconformance.reinspection_ids, reinspection)

    def test_rework_work_center_of_the_checkpoint(self):
        self.checkpoint.rework_workcenter_id = self.wc_paint
        production = self._create_mo()
        self._fail(production.inspection_ids)
        rework = production.workorder_ids.filtered("rework_of_id")
        self.assertEqual(rework.workcenter_id, self.wc_paint)

    def test_loop_to_done(self):
        self._fail(self.inspection)
        with self.assertRaises(UserError):
            self._mark_done(self.production)
        rework = self._reworks()
        self._pass_all(rework)
        self._mark_done(self.production)
        self.assertEqual(self.production.state, "done")
        self.assertEqual(rework.state, "done")
        nonconformance = self.inspection.nonconformance_id.with_user(self.manager)
        nonconformance.root_cause = "<p>Saw stop loose</p>"
        nonconformance.action_close()
        self.assertTrue(self.inspection.nonconformance_id.is_closed)

    def test_rework_of_a_work_center_checkpoint_can_be_done(self):
        """A checkpoint of the work center (not of an operation) applies to
        its rework work order too: the re-inspection it was created with is
        what its Done waits for, nothing else."""
        self.checkpoint.write({"operation_id": False, "workcenter_id": self.wc_cut.id})
        production = self._create_mo()
        inspection = production.inspection_ids
        self._fail(inspection)
        rework = production.workorder_ids.filtered("rework_of_id")
        self.assertEqual(rework.workcenter_id, self.wc_cut)
        rework.with_user(self.operator).button_start()
        rework.inspection_ids.with_user(self.inspector).do_pass()
        rework.with_user(self.operator).button_finish()
        self.assertEqual(rework.state, "done")

    def test_handling_a_failure_twice_makes_one_rework(self):
        self._fail(self.inspection)
        Nonconformance = self.env["quality.nonconformance"]
        Nonconformance._handle_failures(self.inspection)
        self.inspection.nonconformance_id._add_rework(self.inspection)
        self.assertEqual(len(self._reworks()), 1)
        with self.assertRaises(UserError):
            self.inspection.with_user(self.inspector).action_set_disposition("scrap")

    def test_decided_failure_cannot_be_reopened(self):
        self._fail(self.inspection)
        with self.assertRaises(UserError):
            self.inspection.with_user(self.manager)._reopen("Try again")
        self.assertEqual(self.inspection.state, "fail")

    def test_loop_limit_escalates(self):
        self._fail(self.inspection)
        first = self._reworks().inspection_ids
        self._fail(first)
        self.assertEqual(len(self._reworks()), 2)
        second = (self._reworks() - first.workorder_id).inspection_ids
        self.assertEqual(second.rework_loop, 2)
        self._fail(second)
        self.assertEqual(len(self._reworks()), 2, "no third rework")
        nonconformance = self.inspection.nonconformance_id
        self.assertEqual(second.nonconformance_id, nonconformance)
        self.assertTrue(nonconformance.escalated)
        self.assertFalse(second.disposition)
        self.assertTrue(second.gate_blocking)
        with self.assertRaises(UserError):
            second.with_user(self.inspector).action_set_disposition("rework")
        second.with_user(self.manager).action_set_disposition(
            "concession", "Customer accepts the length deviation"
        )
        self.assertFalse(second.gate_blocking)

    def test_failure_after_done_opens_a_nonconformance_only(self):
        # Only the superuser finishes an order past a blocking inspection.
        self.production.sudo().write({"state": "done"})
        self._fail(self.inspection)
        self.assertEqual(self.inspection.state, "fail")
        self.assertTrue(self.inspection.nonconformance_id)
        self.assertFalse(self._reworks())

    def test_cancelled_production_refused(self):
        self.checkpoint.on_failure = "alert"
        production = self._create_mo()
        inspection = production.inspection_ids
        self._fail(inspection)
        production.action_cancel()
        with self.assertRaises(UserError):
            inspection.with_user(self.inspector).action_set_disposition("rework")
        self.assertFalse(inspection.disposition)
        self.assertFalse(production.workorder_ids.filtered("rework_of_id"))


class TestReworkPlanning(TestReworkCommon):
    def test_downstream_work_orders_and_finish_move(self):
        self.production.button_plan()
        weld_start = self.wo_weld.date_start
        finish = self.production.date_finished
        self._fail(self.inspection)
        rework = self._reworks()
        self.assertTrue(rework.date_start)
        self.assertGreaterEqual(rework.date_finished, rework.date_start)
        self.assertGreaterEqual(self.wo_weld.date_start, rework.date_finished)
        self.assertGreaterEqual(self.wo_weld.date_start, weld_start)
        self.assertGreaterEqual(
            self.production.date_finished - finish, timedelta(minutes=30)
        )

    def test_unplanned_finish_moves_by_the_rework_duration(self):
        finish = self.production.date_finished
        self._fail(self.inspection)
        self.assertEqual(self.production.date_finished - finish, timedelta(minutes=30))

    def test_planner_warned_when_the_deadline_slips(self):
        self.production.date_deadline = self.production.date_finished
        self.production.user_id = self.manager
        self._fail(self.inspection)
        warning = self.production.activity_ids.filtered(
            lambda a: "deadline" in (a.summary or "")
        )
        self.assertEqual(warning.user_id, self.manager)


class TestOtherPolicies(QualityProgressCase):
    def _fail_with(self, policy, **vals):
        checkpoint = self._create_checkpoint(
            name=f"Policy {policy}", on_failure=policy, **vals
        )
        production = self._create_mo()
        inspection = production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        )
        inspection.with_user(self.inspector).do_fail("Bad")
        return inspection

    def test_hold_blocks_the_work_center_until_released(self):
        inspection = self._fail_with("hold")
        workcenter = inspection.workcenter_id
        self.assertEqual(workcenter.working_state, "blocked")
        self.assertTrue(workcenter.quality_hold)
        self.assertTrue(inspection.nonconformance_id)
        self.assertTrue(inspection.gate_blocking)
        with self.assertRaises(UserError):
            inspection.workorder_id.with_user(self.operator).button_start()
        with self.assertRaises(AccessError):
            workcenter.with_user(self.inspector).action_release_quality_hold()
        workcenter.with_user(self.manager).action_release_quality_hold()
        workcenter.invalidate_recordset()
        self.assertEqual(workcenter.working_state, "normal")
        self.assertFalse(workcenter.quality_hold)

    def test_scrap_creates_a_scrap_order(self):
        inspection = self._fail_with("scrap")
        self.assertEqual(inspection.disposition, "scrap")
        self.assertFalse(inspection.gate_blocking)
        scrap = inspection.nonconformance_id.scrap_ids
        self.assertEqual(len(scrap), 1)
        self.assertEqual(scrap.product_id, self.product)
        self.assertEqual(scrap.scrap_qty, 1.0)
        self.assertEqual(scrap.production_id, inspection.production_id)

    def test_concession_is_for_managers_with_a_reason(self):
        inspection = self._fail_with("alert")
        self.assertTrue(inspection.nonconformance_id)
        self.assertTrue(inspection.gate_blocking)
        with self.assertRaises(AccessError):
            inspection.with_user(self.inspector).action_set_disposition(
                "concession", "Looks fine"
            )
        with self.assertRaises(UserError):
            inspection.with_user(self.manager).action_set_disposition("concession")
        self.assertFalse(inspection.disposition)
        inspection.with_user(self.manager).action_set_disposition(
            "concession", "Cosmetic only"
        )
        self.assertEqual(inspection.disposition, "concession")
        self.assertEqual(inspection.disposition_user_id, self.manager)
        self.assertEqual(inspection.disposition_reason, "Cosmetic only")
        self.assertFalse(inspection.gate_blocking)

    def test_operator_cannot_decide(self):
        inspection = self._fail_with("alert")
        with self.assertRaises(AccessError):
            inspection.with_user(self.operator).action_set_disposition("scrap")


class TestNonconformance(TestReworkCommon):
    def test_cannot_close_with_open_actions_or_pending_reinspection(self):
        self._fail(self.inspection)
        nonconformance = self.inspection.nonconformance_id
        action = self.env["quality.nonconformance.action"].create(
            {
                "nonconformance_id": nonconformance.id,
                "name": "Recalibrate the saw stop",
                "responsible_id": self.operator.id,
                "deadline": fields.Date.today() + timedelta(days=2),
            }
        )
        with self.assertRaises(UserError):
            nonconformance.with_user(self.manager).action_close()
        with self.assertRaises(UserError):
            action.with_user(self.inspector).action_done()
        action.with_user(self.operator).action_done()
        with self.assertRaises(UserError) as error:
            nonconformance.with_user(self.manager).action_close()
        self.assertIn("re-inspection", str(error.exception))
        self._pass_all(self._reworks())
        nonconformance.with_user(self.manager).root_cause = "<p>Saw stop loose</p>"
        nonconformance.with_user(self.manager).action_close()
        self.assertTrue(nonconformance.is_closed)

    def test_escalation_runs_once(self):
        self._fail(self.inspection)
        nonconformance = self.inspection.nonconformance_id
        action = self.env["quality.nonconformance.action"].create(
            {
                "nonconformance_id": nonconformance.id,
                "name": "Train the operator",
                "responsible_id": self.operator.id,
                "deadline": fields.Date.today() + timedelta(days=10),
            }
        )
        Nonconformance = self.env["quality.nonconformance"]
        self.assertFalse(Nonconformance._cron_escalate_actions())
        with freeze_time(fields.Datetime.now() + timedelta(hours=30)):
            self.assertEqual(Nonconformance._cron_escalate_actions(), action)
            messages = nonconformance.message_ids
            self.assertTrue(action.escalated)
            self.assertIn("not acknowledged", messages[0].body)
            self.assertFalse(Nonconformance._cron_escalate_actions())
            self.assertEqual(nonconformance.message_ids, messages)
