# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The order's gate is read once and kept in the cache for Odoo's writes of
Done one record at a time: an inspection that starts blocking in the same
transaction, after the gate was read, still holds every path to Done."""

from odoo import Command
from odoo.exceptions import UserError

from .common import QualityProgressCase
from .test_gate_integrity import CrossCheckCase


class TestGateCache(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Cut length", blocking=True)

    def setUp(self):
        super().setUp()
        self.production = self._create_mo()
        self._pass_all(self.production)
        self.wo_cut = self._workorder(self.production, self.op_cut)
        self.operator_production = self.production.with_user(self.operator)
        # Read by the operator's check: now in the cache, clear.
        self.assertTrue(self.operator_production._is_quality_gate_clear())

    def _assert_every_path_refused(self, workorder_held=True):
        production = self.operator_production
        with self.assertRaises(UserError):
            production.write({"state": "done"})
        moves = production.move_raw_ids | production.move_finished_ids
        with self.assertRaises(UserError):
            moves.with_user(self.operator).write({"state": "done"})
        with self.assertRaises(UserError):
            production.button_mark_done()
        self.assertNotEqual(self.production.state, "done")
        if workorder_held:
            with self.assertRaises(UserError):
                self.wo_cut.with_user(self.operator).button_finish()
            self.assertNotEqual(self.wo_cut.state, "done")

    def test_inspection_created_after_the_gate_was_read_holds(self):
        self.env["quality.inspection"].create(
            {"checkpoint_id": self.checkpoint.id, "workorder_id": self.wo_cut.id}
        )
        self.assertFalse(self.operator_production._is_quality_gate_clear())
        self._assert_every_path_refused()

    def test_inspection_reopened_after_the_gate_was_read_holds(self):
        inspection = self.wo_cut.inspection_ids.filtered(
            lambda i: i.checkpoint_id == self.checkpoint
        )
        self.assertEqual(inspection.state, "pass")
        inspection.with_user(self.manager)._reopen("Measured again")
        self.assertFalse(self.operator_production._is_quality_gate_clear())
        self._assert_every_path_refused()

    def test_failure_reworked_after_the_gate_was_read_holds(self):
        self.env["quality.inspection"].create(
            {"checkpoint_id": self.checkpoint.id, "workorder_id": self.wo_cut.id}
        )
        self._pass_all(self.production)
        self.assertTrue(self.operator_production._is_quality_gate_clear())
        inspection = self.wo_cut.inspection_ids.sorted("id")[-1]
        inspection.with_user(self.manager)._reopen("Measured again")
        inspection.with_user(self.manager).do_fail("Too short")
        # Its rework (a work order of the order) now holds the order.
        self.assertEqual(inspection.disposition, "rework")
        self.assertFalse(self.operator_production._is_quality_gate_clear())
        self._assert_every_path_refused(workorder_held=False)

    def test_commands_on_the_gate_field_are_refused(self):
        self.env["quality.inspection"].create(
            {"checkpoint_id": self.checkpoint.id, "workorder_id": self.wo_cut.id}
        )
        inspection = self.production.quality_gate_inspection_ids
        self.assertEqual(len(inspection), 1)
        attempts = [
            [Command.clear()],
            [Command.set([])],
            [Command.unlink(inspection.id)],
            [Command.delete(inspection.id)],
            [Command.update(inspection.id, {"state": "pass"})],
        ]
        for commands in attempts:
            with self.subTest(commands=commands), self.assertRaises(UserError):
                self.operator_production.write(
                    {"quality_gate_inspection_ids": commands}
                )
        self.env.invalidate_all()
        self.assertEqual(self.production.quality_gate_inspection_ids, inspection)
        self._assert_every_path_refused()


class TestLinksCache(CrossCheckCase):
    """The links a pending cross-check holds, found through the same cached
    gate: a cross-check pending again after it was read still holds them,
    and a link to another order's work order is judged by that order's gate."""

    def test_cross_check_reopened_after_the_gate_was_read_holds_the_link(self):
        self.inspection.with_user(self.next_operator).do_pass()
        self.assertTrue(self.production._is_quality_gate_clear())
        self.inspection.with_user(self.manager)._reopen("Measured again")
        with self.assertRaises(UserError):
            self.wo_weld.with_user(self.next_operator).write(
                {"blocked_by_workorder_ids": [Command.clear()]}
            )
        self.assertIn(self.wo_cut, self.wo_weld.blocked_by_workorder_ids)

    def test_link_to_another_orders_work_order_is_held(self):
        other = self._create_mo(product=self.other_product)
        self._pass_all(other)
        wo_other = other.workorder_ids[:1]
        wo_other.write({"blocked_by_workorder_ids": [Command.link(self.wo_cut.id)]})
        self.assertTrue(other._is_quality_gate_clear())
        self.assertFalse(self.production._is_quality_gate_clear())
        for workorder, vals in (
            (wo_other, {"blocked_by_workorder_ids": [Command.clear()]}),
            (wo_other, {"blocked_by_workorder_ids": [Command.set([])]}),
            (self.wo_cut, {"needed_by_workorder_ids": [Command.unlink(wo_other.id)]}),
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                workorder.with_user(self.next_operator).write(vals)
        self.assertIn(self.wo_cut, wo_other.blocked_by_workorder_ids)
