# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError, UserError

from .common import QualityProgressCase


class TestPerformer(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator_b = cls._create_operator("qps_operator_b")
        cls.operator_c = cls._create_operator("qps_operator_c")
        cls.cp_self = cls._create_checkpoint(name="Self", performer="self")
        cls.cp_cross = cls._create_checkpoint(name="Cross", performer="cross")

    def setUp(self):
        super().setUp()
        self._set_up_order()
        self.self_check = self.wo_cut.inspection_ids.filtered(
            lambda i: i.checkpoint_id == self.cp_self
        )
        self.cross_check = self.wo_cut.inspection_ids.filtered(
            lambda i: i.checkpoint_id == self.cp_cross
        )

    def test_self_check_by_the_work_order_operator(self):
        self.wo_cut.with_user(self.operator).button_start()
        with self.assertRaises(AccessError):
            self.self_check.with_user(self.operator_b).do_pass()
        self.assertEqual(self.self_check.state, "todo")
        self.self_check.with_user(self.operator).do_pass()
        self.assertEqual(self.self_check.state, "pass")

    def test_self_check_by_an_inspector(self):
        self.wo_cut.with_user(self.operator).button_start()
        self.self_check.with_user(self.inspector).do_pass()
        self.assertEqual(self.self_check.state, "pass")

    def test_cross_check_does_not_hold_its_own_work_order(self):
        self.self_check.with_user(self.operator).do_pass()
        wo = self.wo_cut.with_user(self.operator)
        wo.button_start()
        wo.button_finish()
        self.assertEqual(self.wo_cut.state, "done")

    def test_cross_check_never_by_the_operator_of_the_operation(self):
        self.wo_cut.with_user(self.operator).button_start()
        for user in (self.operator, self.inspector):
            if user == self.inspector:
                self.wo_cut.with_user(self.inspector).button_start()
            with self.assertRaises(AccessError):
                self.cross_check.with_user(user).do_pass()
        self.assertEqual(self.cross_check.state, "todo")
        self.cross_check.with_user(self.operator_b).do_pass()
        self.assertEqual(self.cross_check.state, "pass")

    def test_cross_check_by_the_next_operator_once_known(self):
        self.wo_cut.with_user(self.operator).button_start()
        # operator_c logged time on the next work order (e.g. on a setup).
        self.env["mrp.workcenter.productivity"].create(
            self.wo_weld.with_user(self.operator_c)._prepare_timeline_vals(
                0, self.wo_weld.create_date
            )
            | {"date_end": self.wo_weld.create_date}
        )
        with self.assertRaises(AccessError):
            self.cross_check.with_user(self.operator_b).do_pass()
        self.cross_check.with_user(self.operator_c).do_pass()
        self.assertEqual(self.cross_check.state, "pass")

    def test_next_work_order_waits_for_the_cross_check(self):
        self.self_check.with_user(self.operator).do_pass()
        wo = self.wo_cut.with_user(self.operator)
        wo.button_start()
        wo.button_finish()
        with self.assertRaises(UserError) as error:
            self.wo_weld.with_user(self.operator_b).button_start()
        self.assertIn(self.cross_check.name, str(error.exception))
        self.assertNotEqual(self.wo_weld.state, "progress")
        self.cross_check.with_user(self.operator_b).do_pass()
        self.wo_weld.with_user(self.operator_b).button_start()
        self.assertEqual(self.wo_weld.state, "progress")

    def test_mo_waits_for_the_cross_check(self):
        self.self_check.with_user(self.operator).do_pass()
        with self.assertRaises(UserError) as error:
            self._mark_done(self.production)
        self.assertIn(self.cross_check.name, str(error.exception))
