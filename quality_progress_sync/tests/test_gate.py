# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form

from .common import QualityProgressCase


class TestGate(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(
            name="Cut length", operation_id=cls.op_cut.id
        )

    def setUp(self):
        super().setUp()
        self.production = self._create_mo()
        self.wo_cut = self._workorder(self.production, self.op_cut)
        self.inspection = self.wo_cut.inspection_ids

    def _assert_gate_refuses(self, action):
        with self.assertRaises(UserError) as error:
            action()
        message = str(error.exception)
        self.assertIn(self.inspection.name, message)
        self.assertIn("cannot be finished", message)
        self.assertNotEqual(self.wo_cut.state, "done")
        self.assertNotEqual(self.production.state, "done")

    def test_button_finish_refused_while_todo(self):
        wo = self.wo_cut.with_user(self.operator)
        wo.button_start()
        self._assert_gate_refuses(wo.button_finish)

    def test_button_done_refused_while_todo(self):
        self._assert_gate_refuses(self.wo_cut.with_user(self.operator).button_done)

    def test_mark_as_done_refused_while_todo(self):
        self._assert_gate_refuses(
            self.wo_cut.with_user(self.operator).action_mark_as_done
        )

    def test_write_state_refused_for_users(self):
        self._assert_gate_refuses(
            lambda: self.wo_cut.with_user(self.operator).write({"state": "done"})
        )

    def test_write_state_allowed_for_superuser(self):
        self.wo_cut.sudo().write({"state": "done"})
        self.assertEqual(self.wo_cut.state, "done")

    def test_mo_mark_done_refused_while_todo(self):
        self._assert_gate_refuses(lambda: self._mark_done(self.production))
        self.assertFalse(
            self.production.workorder_ids.filtered(lambda wo: wo.state == "done"),
            "a refused Mark as Done finishes no work order",
        )

    def test_mo_write_state_refused_for_users(self):
        self._assert_gate_refuses(
            lambda: self.production.with_user(self.operator).write({"state": "done"})
        )

    def test_failed_inspection_blocks(self):
        self.checkpoint.on_failure = "alert"
        self.inspection.with_user(self.operator).do_fail("Burr on the edge")
        self.assertEqual(self.wo_cut.inspection_state, "blocked")
        self.assertIn("failed", self.wo_cut.blocking_reason)
        with self.assertRaises(UserError) as error:
            self.wo_cut.with_user(self.operator).button_finish()
        self.assertIn("failed", str(error.exception))

    def test_blocking_reason_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        # Computed first for a Chinese reader, then read in English.
        self.assertIn(
            "尚待检验", self.wo_cut.with_context(lang="zh_CN").blocking_reason
        )
        self.assertIn("is still to do", self.wo_cut.blocking_reason)
        self.inspection.with_user(self.operator).do_pass()
        self.assertFalse(self.wo_cut.with_context(lang="zh_CN").blocking_reason)
        self.assertFalse(self.wo_cut.quality_blocked)

    def test_blocking_reason_of_a_draft_copy(self):
        """Onchange snapshots (new records of the work order) tell why too."""
        draft = self.wo_cut.new(origin=self.wo_cut)
        self.assertTrue(self.wo_cut.blocking_reason)
        self.assertEqual(draft.blocking_reason, self.wo_cut.blocking_reason)

    def test_deleting_the_work_order_refused(self):
        with self.assertRaises(UserError):
            self.wo_cut.with_user(self.operator).unlink()
        self.assertTrue(self.inspection.exists())
        self._assert_gate_refuses(lambda: self._mark_done(self.production))

    def test_cancelling_one_work_order_refused(self):
        with self.assertRaises(UserError):
            self.wo_cut.with_user(self.operator).action_cancel()
        self.assertEqual(self.inspection.state, "todo")
        self._assert_gate_refuses(lambda: self._mark_done(self.production))

    def test_cancelling_the_order_cancels_its_inspections(self):
        self.production.with_user(self.operator).action_cancel()
        self.assertEqual(self.production.state, "cancel")
        self.assertEqual(self.inspection.state, "cancel")

    def test_inspection_definition_not_writable(self):
        other = self._create_mo(product=self.other_product)
        for vals in (
            {"blocking": False},
            {"stage": "patrol"},
            {"performer": "self"},
            {"workorder_id": other.workorder_ids[:1].id},
            {"tolerance_max": 99.0},
            {"accept_number": 5},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.inspection.with_user(self.operator).write(vals)
        self.assertTrue(self.inspection.gate_blocking)
        self._assert_gate_refuses(lambda: self._mark_done(self.production))

    def test_moves_set_done_directly_refused(self):
        moves = self.production.move_raw_ids | self.production.move_finished_ids
        self._assert_gate_refuses(
            lambda: moves.with_user(self.operator).write({"state": "done"})
        )

    def test_failed_quantity_must_be_positive(self):
        with self.assertRaises(ValidationError):
            self.inspection.with_user(self.operator).failed_qty = -5
        self.assertEqual(self.inspection.failed_qty, 1.0)

    def test_finish_after_pass(self):
        self.inspection.with_user(self.operator).do_pass()
        wo = self.wo_cut.with_user(self.operator)
        wo.button_start()
        wo.button_finish()
        self.assertEqual(self.wo_cut.state, "done")

    def test_mo_done_after_pass(self):
        self.inspection.with_user(self.operator).do_pass()
        self._mark_done(self.production)
        self.assertEqual(self.production.state, "done")
        self.assertEqual(set(self.production.workorder_ids.mapped("state")), {"done"})

    def test_non_blocking_todo_does_not_block(self):
        self.checkpoint.blocking = False
        production = self._create_mo()
        self.assertEqual(production.workorder_ids.inspection_ids.blocking, False)
        self._mark_done(production)
        self.assertEqual(production.state, "done")

    def test_error_names_every_blocked_workorder(self):
        self._create_checkpoint(name="Weld seam", operation_id=self.op_weld.id)
        production = self._create_mo()
        with self.assertRaises(UserError) as error:
            self._mark_done(production)
        message = str(error.exception)
        for inspection in production.inspection_ids:
            self.assertIn(inspection.name, message)
        self.assertIn("by the operator or an inspector", message)

    def test_mo_without_checkpoint_behaves_as_core(self):
        production = self._create_mo(product=self.other_product)
        self.assertFalse(production.inspection_ids)
        self.assertEqual(
            set(production.workorder_ids.mapped("inspection_state")), {"none"}
        )
        self._mark_done(production)
        self.assertEqual(production.state, "done")

    def test_backorder_refused_while_todo(self):
        production = self._create_mo(qty=5.0)
        with self.assertRaises(UserError):
            self._mark_done(production, qty=2.0)
        self.assertEqual(production.product_qty, 5.0)

    def test_backorder_gets_its_own_inspections(self):
        production = self._create_mo(qty=5.0)
        self._pass_all(production)
        production = production.with_user(self.operator)
        with Form(production) as form:
            form.qty_producing = 2.0
        action = production.button_mark_done()
        self.assertEqual(action["res_model"], "mrp.production.backorder")
        wizard = Form(
            self.env["mrp.production.backorder"]
            .with_user(self.operator)
            .with_context(**action["context"])
        ).save()
        wizard.action_backorder()
        self.assertEqual(production.state, "done")
        backorder = production.procurement_group_id.mrp_production_ids - production
        self.assertEqual(len(backorder), 1)
        wo_cut = self._workorder(backorder, self.op_cut)
        self.assertEqual(len(wo_cut.inspection_ids), 1)
        self.assertEqual(wo_cut.inspection_ids.state, "todo")
        self.assertNotEqual(
            wo_cut.inspection_ids,
            self._workorder(production, self.op_cut).inspection_ids,
        )
        with self.assertRaises(UserError):
            self._mark_done(backorder)

    def test_split_mo_gets_inspections(self):
        production = self._create_mo(qty=4.0)
        action = production.action_split()
        wizard = Form(
            self.env["mrp.production.split"].with_context(**action["context"])
        )
        wizard.counter = 2
        wizard.save().action_split()
        productions = production.procurement_group_id.mrp_production_ids
        self.assertEqual(len(productions), 2)
        for split in productions:
            self.assertEqual(len(self._workorder(split, self.op_cut).inspection_ids), 1)
        self.assertEqual(
            len(productions.inspection_ids), len(set(productions.inspection_ids.ids))
        )

    def test_reopen_refused_on_a_done_workorder(self):
        """A done work order never shows a blocking inspection to do: its
        inspections are not reopened (issue: finish versus reopen races)."""
        self.inspection.with_user(self.operator).do_pass()
        wo = self.wo_cut.with_user(self.operator)
        wo.button_start()
        wo.button_finish()
        with self.assertRaises(UserError):
            self.inspection.with_user(self.manager)._reopen(
                "Gauge was out of calibration"
            )
        self.assertEqual(self.inspection.state, "pass")
