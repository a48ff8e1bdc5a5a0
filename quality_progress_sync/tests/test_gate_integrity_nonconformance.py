# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import QualityProgressCase


class TestNonconformanceIntegrity(QualityProgressCase):
    """The fields of nonconformances and their actions that only the quality
    workflow sets, and chatter posts by users without an email address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mailless_operator = new_test_user(
            cls.env,
            login="qps_nc_mailless_operator",
            groups="mrp.group_mrp_user,mrp.group_mrp_routings",
            email=False,
        )
        cls.mailless_inspector = new_test_user(
            cls.env,
            login="qps_nc_mailless_inspector",
            groups="quality_progress_sync.group_quality_inspector",
            email=False,
        )
        cls.Nonconformance = cls.env["quality.nonconformance"]
        cls.Action = cls.env["quality.nonconformance.action"]

    def setUp(self):
        super().setUp()
        self.nonconformance = self.Nonconformance.create(
            {"title": "Scratched frame", "responsible_id": self.manager.id}
        )
        self.action = self.Action.create(self._action_vals())

    def _action_vals(self, **vals):
        return {
            "nonconformance_id": self.nonconformance.id,
            "name": "Replace the worn jig",
            "responsible_id": self.operator.id,
            "deadline": fields.Date.today() + timedelta(days=3),
            **vals,
        }

    def _workflow_values(self):
        return (
            {"done": True},
            {"date_done": fields.Datetime.now()},
            {"acknowledged": True},
            {"date_acknowledged": fields.Datetime.now()},
            {"escalated": True},
        )

    def assertActionUntouched(self, action):
        action.invalidate_recordset()
        self.assertFalse(action.done)
        self.assertFalse(action.date_done)
        self.assertFalse(action.acknowledged)
        self.assertFalse(action.date_acknowledged)
        self.assertFalse(action.escalated)

    def test_inspector_cannot_write_an_action_done(self):
        """Readonly in the view only: the inspector (not the responsible)
        writes ``done`` over RPC, then closes the nonconformance."""
        for vals in self._workflow_values():
            for user in (self.inspector, self.manager):
                with (
                    self.subTest(vals=vals, user=user.login),
                    self.assertRaises(UserError),
                ):
                    self.action.with_user(user).write(vals)
        self.assertActionUntouched(self.action)
        with self.assertRaises(UserError):
            self.nonconformance.with_user(self.manager).action_close()
        self.assertFalse(self.nonconformance.is_closed)

    def test_inspector_cannot_create_an_action_done(self):
        for vals in self._workflow_values():
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.Action.with_user(self.inspector).create(self._action_vals(**vals))
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.nonconformance.with_user(self.inspector).write(
                    {"action_ids": [fields.Command.create(self._action_vals(**vals))]}
                )
        self.assertEqual(self.nonconformance.action_ids, self.action)

    def test_action_stays_on_its_nonconformance(self):
        other = self.Nonconformance.create({"title": "Other"})
        with self.assertRaises(UserError):
            self.action.with_user(self.inspector).write({"nonconformance_id": other.id})
        self.assertEqual(self.action.nonconformance_id, self.nonconformance)

    def test_escalation_not_silenced_by_writing_escalated(self):
        with self.assertRaises(UserError):
            self.action.with_user(self.inspector).write({"escalated": True})
        with freeze_time(fields.Datetime.now() + timedelta(hours=30)):
            escalated = self.Nonconformance._cron_escalate_actions()
        self.assertEqual(escalated, self.action)
        self.assertTrue(self.action.escalated)

    def test_nonconformance_escalated_and_disposition_not_written(self):
        for vals in ({"escalated": True}, {"disposition": "concession"}):
            for user in (self.inspector, self.manager):
                with (
                    self.subTest(vals=vals, user=user.login),
                    self.assertRaises(UserError),
                ):
                    self.nonconformance.with_user(user).write(vals)
                with (
                    self.subTest(vals=vals, user=user.login),
                    self.assertRaises(UserError),
                ):
                    self.Nonconformance.with_user(user).create(
                        {"title": "Sneaky", **vals}
                    )
        self.nonconformance.invalidate_recordset()
        self.assertFalse(self.nonconformance.escalated)
        self.assertFalse(self.nonconformance.disposition)
        self.assertFalse(self.Nonconformance.search([("title", "=", "Sneaky")]))

    def test_responsible_or_manager_only_through_the_buttons(self):
        with self.assertRaises(UserError):
            self.action.with_user(self.inspector).action_acknowledge()
        with self.assertRaises(UserError):
            self.action.with_user(self.inspector).action_done()
        self.assertActionUntouched(self.action)
        self.action.with_user(self.operator).action_done()
        self.assertTrue(self.action.done)
        self.assertTrue(self.action.acknowledged)

    def test_inspector_cannot_take_an_action_over(self):
        """The inspector hands the action to himself (or moves its deadline
        past the escalation) to close it: refused, nothing changed."""
        deadline = self.action.deadline
        for vals in (
            {"responsible_id": self.inspector.id},
            {"deadline": deadline + timedelta(days=30)},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.action.with_user(self.inspector).write(vals)
        self.action.invalidate_recordset()
        self.assertEqual(self.action.responsible_id, self.operator)
        self.assertEqual(self.action.deadline, deadline)
        self.assertActionUntouched(self.action)

    def test_manager_reassigns_an_action_traced(self):
        self.action.with_user(self.manager).write({"responsible_id": self.inspector.id})
        self.assertEqual(self.action.responsible_id, self.inspector)
        message = self.nonconformance.message_ids[0]
        self.assertIn(self.operator.name, message.body)
        self.assertIn(self.inspector.name, message.body)
        self.assertEqual(message.author_id, self.manager.partner_id)

    def test_done_action_stays_as_done(self):
        self.action.with_user(self.operator).action_done()
        for vals in ({"name": "Something else"}, {"responsible_id": self.manager.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.action.with_user(self.manager).write(vals)
        self.assertEqual(self.action.name, "Replace the worn jig")
        self.assertEqual(self.action.responsible_id, self.operator)

    def test_mailless_inspector_creates_a_nonconformance_and_an_action(self):
        self.assertFalse(self.mailless_inspector.email)
        nonconformance = self.Nonconformance.with_user(self.mailless_inspector).create(
            {"title": "Dented tube", "responsible_id": self.manager.id}
        )
        self.assertEqual(nonconformance.activity_ids.user_id, self.manager)
        action = self.Action.with_user(self.mailless_inspector).create(
            {
                "nonconformance_id": nonconformance.id,
                "name": "Check the bender",
                "responsible_id": self.mailless_operator.id,
                "deadline": fields.Date.today(),
            }
        )
        message = nonconformance.message_ids[0]
        self.assertIn("Action added", message.body)
        self.assertEqual(message.author_id, self.mailless_inspector.partner_id)
        action.with_user(self.mailless_operator).action_acknowledge()
        self.assertTrue(action.acknowledged)
        action.with_user(self.mailless_operator).action_done()
        self.assertTrue(action.done)
        message = nonconformance.message_ids[0]
        self.assertIn("Action done", message.body)
        self.assertEqual(message.author_id, self.mailless_operator.partner_id)

    def test_mailless_user_escalates(self):
        self.nonconformance.with_user(self.mailless_operator)._escalate("Too late")
        self.assertTrue(self.nonconformance.escalated)
        message = self.nonconformance.message_ids[0]
        self.assertIn("Too late", message.body)
        self.assertEqual(message.author_id, self.mailless_operator.partner_id)
        self.assertIn(self.manager.partner_id, message.partner_ids)

    def test_action_buttons_refused_to_outsiders(self):
        outsider = new_test_user(
            self.env, login="qps_nc_outsider", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.action.with_user(outsider).action_done()
        self.assertActionUntouched(self.action)
