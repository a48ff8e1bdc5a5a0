# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import QualityProgressCase


class TestSecurity(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cp_self = cls._create_checkpoint(name="Self check")
        cls.cp_inspector = cls._create_checkpoint(
            name="Inspector check", performer="inspector"
        )
        cls.production = cls._create_mo()
        cls.self_check = cls.production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == cls.cp_self
        )
        cls.inspector_check = cls.production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == cls.cp_inspector
        )

    def test_operator_does_self_check(self):
        self.self_check.with_user(self.operator).do_pass()
        self.assertEqual(self.self_check.state, "pass")

    def test_operator_cannot_do_inspector_check(self):
        with self.assertRaises(AccessError):
            self.inspector_check.with_user(self.operator).do_pass()
        self.assertEqual(self.inspector_check.state, "todo")
        self.inspector_check.with_user(self.inspector).do_pass()
        self.assertEqual(self.inspector_check.state, "pass")

    def test_operator_cannot_create_or_change_checkpoints(self):
        Checkpoint = self.env["quality.checkpoint"].with_user(self.operator)
        with self.assertRaises(AccessError):
            Checkpoint.create({"name": "Sneaky", "operation_id": self.op_cut.id})
        with self.assertRaises(AccessError):
            self.cp_self.with_user(self.operator).write({"blocking": False})
        with self.assertRaises(AccessError):
            self.cp_self.with_user(self.inspector).write({"blocking": False})
        self.assertTrue(self.cp_self.blocking)

    def test_manager_configures_checkpoints(self):
        checkpoint = (
            self.env["quality.checkpoint"]
            .with_user(self.manager)
            .create({"name": "By the manager", "workcenter_id": self.wc_cut.id})
        )
        checkpoint.blocking = False
        self.assertFalse(checkpoint.blocking)

    def test_user_without_manufacturing_cannot_inspect(self):
        outsider = new_test_user(
            self.env, login="qps_outsider", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.self_check.with_user(outsider).do_pass()

    def test_multi_company_rule(self):
        other_company = self.env["res.company"].create({"name": "QPS Other Co"})
        other_user = new_test_user(
            self.env,
            login="qps_other_inspector",
            groups="quality_progress_sync.group_quality_manager",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        Inspection = self.env["quality.inspection"].with_user(other_user)
        self.assertFalse(
            Inspection.search([("id", "in", self.production.inspection_ids.ids)])
        )
        Checkpoint = self.env["quality.checkpoint"].with_user(other_user)
        self.assertFalse(Checkpoint.search([("id", "=", self.cp_self.id)]))
