# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from contextlib import contextmanager

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import QualityProgressCase


class HoldCase(QualityProgressCase):
    """A failed inspection with the ``hold`` policy holds the cutting work
    center; users of every role then try to lift it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = new_test_user(
            cls.env,
            login="qps_hold_planner",
            groups="mrp.group_mrp_manager,mrp.group_mrp_routings",
        )
        cls.mailless = new_test_user(
            cls.env,
            login="qps_hold_mailless",
            groups="mrp.group_mrp_user,mrp.group_mrp_routings",
            email=False,
        )
        cls.checkpoint = cls._create_checkpoint(name="Cut hold", on_failure="hold")
        cls.loss = cls.env.ref("quality_progress_sync.loss_quality_hold")
        cls.other_loss = cls.env.ref("mrp.block_reason0")
        cls.productive_loss = cls.env["mrp.workcenter.productivity.loss"].search(
            [("loss_type", "=", "productive")], limit=1
        )

    def setUp(self):
        super().setUp()
        self.production = self._create_mo()
        self.workorder = self._workorder(self.production, self.op_cut)
        self.inspection = self.workorder.inspection_ids
        self.inspection.with_user(self.inspector).do_fail("Burr")

    def _hold_log(self, workcenter=None):
        return self.env["mrp.workcenter.productivity"].search(
            [
                ("workcenter_id", "=", (workcenter or self.wc_cut).id),
                ("loss_id", "=", self.loss.id),
                ("date_end", "=", False),
            ]
        )

    def assertHeld(self, workcenter=None):
        workcenter = workcenter or self.wc_cut
        workcenter.invalidate_recordset()
        self.assertTrue(workcenter.quality_hold)
        self.assertEqual(workcenter.working_state, "blocked")
        self.assertEqual(len(self._hold_log(workcenter)), 1)


class TestQualityHoldUnblock(HoldCase):
    def test_failed_inspection_holds_the_work_center(self):
        self.assertHeld()

    def test_operator_cannot_unblock_the_work_order(self):
        with self.assertRaises(AccessError):
            self.workorder.with_user(self.operator).button_unblock()
        self.assertHeld()

    def test_operator_and_planner_cannot_unblock_the_work_center(self):
        for user in (self.operator, self.planner, self.inspector):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.wc_cut.with_user(user).unblock()
        self.assertHeld()

    def test_quality_hold_and_alert_not_written_by_users(self):
        self.assertTrue(self.wc_cut.quality_alert_open, "0% pass rate < 98%")
        for vals in ({"quality_hold": False}, {"quality_alert_open": False}):
            for user in (self.operator, self.planner, self.manager):
                with (
                    self.subTest(vals=vals, user=user.login),
                    self.assertRaises(UserError),
                ):
                    self.wc_cut.with_user(user).write(vals)
        with self.assertRaises(UserError):
            self.env["mrp.workcenter"].with_user(self.planner).create(
                {"name": "QPS Held From Birth", "quality_hold": True}
            )
        self.assertHeld()
        self.assertTrue(self.wc_cut.quality_alert_open)
        self.assertFalse(
            self.env["mrp.workcenter"].search([("name", "=", "QPS Held From Birth")])
        )

    def test_operator_cannot_end_rewrite_or_delete_the_hold_log(self):
        log = self._hold_log().with_user(self.operator)
        for vals in (
            {"date_end": fields.Datetime.now()},
            {"loss_id": self.other_loss.id},
            {"workcenter_id": self.wc_weld.id},
            {"description": "Nothing to see"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                log.write(vals)
        with self.assertRaises(AccessError):
            log.unlink()
        with self.assertRaises(AccessError):
            self.wc_cut.with_user(self.planner).write(
                {"time_ids": [fields.Command.delete(log.id)]}
            )
        self.assertHeld()
        self.assertEqual(self._hold_log().description, log.description)

    def test_operator_cannot_log_time_that_frees_the_work_center(self):
        """The newest open time log sets Odoo's working state: a productive
        one would show the held work center working."""
        Productivity = self.env["mrp.workcenter.productivity"].with_user(self.operator)
        with self.assertRaises(UserError):
            Productivity.create(
                {
                    "workcenter_id": self.wc_cut.id,
                    "loss_id": self.productive_loss.id,
                    "date_start": fields.Datetime.now(),
                }
            )
        closed = Productivity.create(
            {
                "workcenter_id": self.wc_cut.id,
                "loss_id": self.productive_loss.id,
                "date_start": fields.Datetime.now(),
                "date_end": fields.Datetime.now(),
            }
        )
        with self.assertRaises(UserError):
            closed.write({"date_end": False})
        self.assertHeld()
        self.assertTrue(closed.date_end)

    def test_quality_hold_reason_not_logged_by_hand(self):
        Productivity = self.env["mrp.workcenter.productivity"]
        for user in (self.operator, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                Productivity.with_user(user).create(
                    {
                        "workcenter_id": self.wc_weld.id,
                        "loss_id": self.loss.id,
                        "date_start": fields.Datetime.now(),
                    }
                )
        self.assertFalse(self._hold_log(self.wc_weld))
        self.assertEqual(self.wc_weld.working_state, "normal")

    def test_quality_hold_reason_not_changed_nor_deleted(self):
        """A production manager may edit Odoo's loss reasons: not this one
        (made productive, the held work center would show as working)."""
        productive = self.productive_loss.loss_id
        for vals in (
            {"loss_type": "productive"},
            {"loss_id": productive.id},
            {"name": "Coffee"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.loss.with_user(self.planner).write(vals)
        with self.assertRaises(UserError):
            self.loss.with_user(self.planner).unlink()
        self.loss.invalidate_recordset()
        self.assertEqual(self.loss.loss_type, "quality")
        self.assertEqual(self.loss.name, "Quality Hold")
        self.assertHeld()
        self.other_loss.with_user(self.planner).name = "Jig broken"
        self.assertEqual(self.other_loss.name, "Jig broken")

    def test_ending_another_block_leaves_the_hold(self):
        """Held while blocked for another reason: ending that block (allowed)
        does not end the quality hold."""
        other = (
            self.env["mrp.workcenter.productivity"]
            .with_user(self.operator)
            .create(
                {
                    "workcenter_id": self.wc_weld.id,
                    "loss_id": self.other_loss.id,
                    "date_start": fields.Datetime.now(),
                }
            )
        )
        self.assertEqual(self.wc_weld.working_state, "blocked")
        self.wc_weld._quality_hold_for("Second hold")
        self.assertHeld(self.wc_weld)
        other.write({"date_end": fields.Datetime.now()})
        self.assertHeld(self.wc_weld)
        with self.assertRaises(AccessError):
            self.wc_weld.with_user(self.operator).unblock()
        self.assertHeld(self.wc_weld)

    def test_manager_unblock_is_the_release(self):
        self.workorder.with_user(self.manager).button_unblock()
        self.wc_cut.invalidate_recordset()
        self.assertFalse(self.wc_cut.quality_hold)
        self.assertEqual(self.wc_cut.working_state, "normal")
        self.assertFalse(self._hold_log())
        self.assertIn("released", self.wc_cut.message_ids[0].body)

    def test_manager_ending_the_log_keeps_the_gate(self):
        self._hold_log().with_user(self.manager).date_end = fields.Datetime.now()
        self.wc_cut.invalidate_recordset()
        self.assertEqual(self.wc_cut.working_state, "normal")
        self.assertTrue(self.wc_cut.quality_hold)
        with self.assertRaises(UserError):
            self.wc_cut.with_user(self.operator)._check_quality_hold()

    def test_check_quality_hold_names_the_held_work_centers(self):
        workcenters = (self.wc_cut | self.wc_weld).with_user(self.operator)
        with self.assertRaises(UserError) as error:
            workcenters._check_quality_hold()
        self.assertIn(self.wc_cut.name, str(error.exception))
        self.assertNotIn(self.wc_weld.name, str(error.exception))
        self.wc_weld.with_user(self.operator)._check_quality_hold()

    def test_check_quality_hold_reads_the_flag_not_the_time_logs(self):
        self._hold_log().sudo().date_end = fields.Datetime.now()
        self.wc_cut.invalidate_recordset()
        self.assertEqual(self.wc_cut.working_state, "normal")
        with self.assertRaises(UserError):
            self.wc_cut.with_user(self.operator)._check_quality_hold()

    def test_context_default_cannot_end_the_new_hold_log(self):
        """The hold log is created as superuser, in the caller's context: its
        ``default_*`` keys must not reach it (an ended log, or a productive
        loss type written through to Odoo's loss category)."""
        self.wc_weld.with_user(self.inspector).with_context(
            default_date_end=fields.Datetime.now(),
            default_loss_type="productive",
        )._quality_hold(self.inspection)
        self.assertHeld(self.wc_weld)
        self.assertEqual(self.loss.loss_type, "quality")

    def test_mailless_user_triggers_a_hold(self):
        self.assertFalse(self.mailless.email)
        self.wc_cut.with_user(self.manager).action_release_quality_hold()
        self.wc_cut.with_user(self.mailless)._quality_hold(self.inspection)
        self.assertHeld()


class TestPassRateThreshold(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mailless = new_test_user(
            cls.env,
            login="qps_alert_mailless",
            groups="mrp.group_mrp_user,mrp.group_mrp_routings",
            email=False,
        )
        cls.checkpoint = cls._create_checkpoint(name="Cut alert", on_failure="alert")
        cls.wc_cut.write(
            {"pass_rate_target": 0.0, "quality_responsible_id": cls.manager.id}
        )

    @contextmanager
    def _capture_queries(self):
        self.env.flush_all()
        with self._capture_statements() as queries:
            yield queries
            self.env.flush_all()

    def test_result_does_not_write_the_work_center(self):
        """Every result checks the threshold of its work center: with no
        alert to open or close, the work center's row is not written, or
        concurrent results on one work center would collide on it."""
        self._create_mo().inspection_ids.with_user(self.inspector).do_pass()
        self.assertFalse(self.wc_cut.quality_alert_open)
        inspection = self._create_mo().inspection_ids.with_user(self.inspector)
        self.env.invalidate_all()
        with self._capture_queries() as queries:
            inspection.do_pass()
        updates = [
            q for q in queries if "update" in q.lower() and "mrp_workcenter" in q
        ]
        self.assertFalse(updates, "\n".join(updates))

    def test_mailless_user_opens_the_alert_and_the_hold(self):
        self.env["ir.config_parameter"].set_param(
            "quality_progress_sync.hold_on_threshold", "True"
        )
        self._create_mo().inspection_ids.with_user(self.inspector).do_fail("Bad")
        self.assertFalse(self.wc_cut.quality_alert_open)
        self.wc_cut.pass_rate_target = 90.0
        self.wc_cut.with_user(self.mailless)._check_pass_rate_threshold()
        self.assertTrue(self.wc_cut.quality_alert_open)
        self.assertTrue(self.wc_cut.quality_hold)
        self.assertEqual(self.wc_cut.working_state, "blocked")
        self.assertIn("below the target", self.wc_cut.message_ids[0].body)
        self.assertEqual(self.wc_cut.message_ids[0].author_id, self.mailless.partner_id)
        self.assertEqual(
            self.wc_cut.activity_ids.filtered(
                lambda a: "below the target" in (a.summary or "")
            ).user_id,
            self.manager,
        )
