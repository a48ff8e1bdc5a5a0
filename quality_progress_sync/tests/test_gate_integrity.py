# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an operator can send over RPC does not open the gate.

Each test makes the calls JSON-RPC makes (``write``, ``create``, public
methods, any context) as the lowest-privileged user who could try it, and
asserts a clear refusal and that nothing changed.
"""

import random
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from ..models import quality_checkpoint
from .common import QualityProgressCase


class TestWorkflowFields(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Cut length")

    def setUp(self):
        super().setUp()
        self.production = self._create_mo()
        self.wo_cut = self._workorder(self.production, self.op_cut)
        self.inspection = self.wo_cut.inspection_ids

    def test_operator_cannot_write_workflow_fields(self):
        other = self._workorder(self.production, self.op_weld)
        attempts = {
            "quality_blocked": False,
            "inspection_state": "pass",
            "inspection_todo_count": 0,
            "inspection_pass_count": 5,
            "inspection_fail_count": 0,
            "first_pass": True,
            "late_patrol_done": True,
            "rework_of_id": other.id,
            "rework_nonconformance_id": False,
            "progress_percent": 100.0,
            "finished_on_time": True,
            "quality_operator_ids": [Command.set([])],
        }
        before = self.wo_cut.read(list(attempts))[0]
        for field, value in attempts.items():
            with self.subTest(field=field), self.assertRaises(UserError):
                self.wo_cut.with_user(self.operator).write({field: value})
        self.wo_cut.invalidate_recordset()
        self.assertEqual(self.wo_cut.read(list(attempts))[0], before)

    def test_operator_cannot_create_with_workflow_fields(self):
        with self.assertRaises(UserError):
            self.env["mrp.workorder"].with_user(self.operator).create(
                {
                    "name": "Sneaky",
                    "production_id": self.production.id,
                    "workcenter_id": self.wc_cut.id,
                    "product_uom_id": self.product.uom_id.id,
                    "rework_of_id": self.wo_cut.id,
                }
            )
        self.assertFalse(self.production.workorder_ids.filtered("rework_of_id"))

    def test_gate_reads_the_inspections_not_the_flag(self):
        """Even a stale or forced flag does not open the gate."""
        self.wo_cut.sudo().write({"quality_blocked": False})
        self.assertFalse(self.wo_cut.quality_blocked)
        self.wo_cut.with_user(self.operator).button_start()
        with self.assertRaises(UserError) as error:
            self.wo_cut.with_user(self.operator).button_finish()
        self.assertIn(self.inspection.name, str(error.exception))
        self.assertEqual(self.wo_cut.state, "progress")

    def test_cancel_context_key_does_not_cancel_inspections(self):
        wo = self.wo_cut.with_user(self.operator).with_context(
            quality_cancel_production=True
        )
        with self.assertRaises(UserError):
            wo.action_cancel()
        self.assertEqual(self.inspection.state, "todo")
        self.assertNotEqual(self.wo_cut.state, "cancel")
        with self.assertRaises(UserError):
            self._mark_done(self.production)
        self.assertNotEqual(self.production.state, "done")

    def test_work_order_with_inspections_stays_on_its_order(self):
        other = self._create_mo()
        with self.assertRaises(UserError):
            self.wo_cut.with_user(self.operator).write({"production_id": other.id})
        self.assertEqual(self.wo_cut.production_id, self.production)
        self.assertEqual(self.inspection.production_id, self.production)

    def test_cancelling_the_order_cancels_its_inspections(self):
        self.production.with_user(self.operator).action_cancel()
        self.assertEqual(self.production.state, "cancel")
        self.assertEqual(self.inspection.state, "cancel")


class TestRandomDraw(QualityProgressCase):
    def test_context_does_not_steer_the_draw(self):
        checkpoint = self._create_checkpoint(
            stage="patrol", frequency="random_percent", random_percent=90
        )
        drawn = []
        for context in ({}, {"quality_random_seed": 3}):
            productions = self.env["mrp.production"]
            for __ in range(6):
                productions |= self._create_mo(confirm=False)
            with patch.object(quality_checkpoint, "RANDOM", random.Random(11)):
                productions.with_user(self.operator).with_context(
                    **context
                ).action_confirm()
            drawn.append(
                [
                    bool(wo.inspection_ids)
                    for wo in productions.workorder_ids.filtered(
                        lambda wo: wo.operation_id == self.op_cut
                    )
                ]
            )
        self.assertEqual(drawn[0], drawn[1], "the seed in the context is ignored")
        self.assertTrue(any(drawn[0]))
        self.assertIsNotNone(checkpoint)

    def test_draw_uses_the_system_random_source(self):
        self.assertIsInstance(quality_checkpoint.RANDOM, random.SystemRandom)


class CrossCheckCase(QualityProgressCase):
    """An order whose cut has a cross-check (by the next operator)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cross = cls._create_checkpoint(name="Cross length", performer="cross")
        cls.next_operator = cls._create_operator("qps_next_operator")

    def setUp(self):
        super().setUp()
        self._set_up_order()


class TestCrossCheckIntegrity(CrossCheckCase):
    def test_deleting_time_logs_does_not_free_the_operator(self):
        self.wo_cut.with_user(self.operator).button_start()
        self.assertIn(self.operator, self.wo_cut.quality_operator_ids)
        self.wo_cut.time_ids.with_user(self.operator).unlink()
        self.assertFalse(self.wo_cut.time_ids)
        with self.assertRaises(AccessError):
            self.inspection.with_user(self.operator).do_pass()
        self.assertEqual(self.inspection.state, "todo")

    def test_reassigning_time_logs_does_not_free_the_operator(self):
        self.wo_cut.with_user(self.operator).button_start()
        self.wo_cut.time_ids.with_user(self.operator).write(
            {"user_id": self.next_operator.id}
        )
        with self.assertRaises(AccessError):
            self.inspection.with_user(self.operator).do_pass()
        self.assertEqual(self.inspection.state, "todo")

    def test_time_log_added_by_hand_counts_its_user(self):
        self.env["mrp.workcenter.productivity"].with_user(self.operator).create(
            {
                "workorder_id": self.wo_cut.id,
                "workcenter_id": self.wc_cut.id,
                "user_id": self.operator.id,
                "loss_id": self.env.ref("mrp.block_reason7").id,
                "date_start": "2026-01-01 08:00:00",
                "date_end": "2026-01-01 09:00:00",
            }
        )
        self.assertIn(self.operator, self.wo_cut.quality_operator_ids)

    def test_next_operation_cannot_start_by_write(self):
        for vals in ({"state": "progress"}, {"state": "done"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.wo_weld.with_user(self.next_operator).write(vals)
        self.assertNotIn(self.wo_weld.state, ("progress", "done"))

    def test_rework_operator_is_not_the_next_operator(self):
        """A rework work order inserted after the operation does not make
        its operator the one of the next operation."""
        self.cross.on_failure = "alert"
        check = self._create_checkpoint(
            name="Cut surface", on_failure="rework", performer="inspector"
        )
        production = self._create_mo()
        wo_cut = self._workorder(production, self.op_cut)
        failing = wo_cut.inspection_ids.filtered(lambda i: i.checkpoint_id == check)
        failing.with_user(self.inspector).do_fail("Burr")
        rework = production.workorder_ids.filtered("rework_of_id")
        self.assertEqual(
            wo_cut._get_next_workorders(), self._workorder(production, self.op_weld)
        )
        rework_operator = self._create_operator("qps_rework_operator")
        rework.with_user(rework_operator).button_start()
        cross = wo_cut.inspection_ids.filtered(lambda i: i.checkpoint_id == self.cross)
        cross.with_user(self.next_operator).do_pass()
        self.assertEqual(cross.state, "pass")

    def test_dependency_cannot_be_removed_while_cross_check_pending(self):
        with self.assertRaises(UserError):
            self.wo_weld.with_user(self.next_operator).write(
                {"blocked_by_workorder_ids": [Command.clear()]}
            )
        with self.assertRaises(UserError):
            self.wo_cut.with_user(self.operator).write(
                {"needed_by_workorder_ids": [Command.unlink(self.wo_weld.id)]}
            )
        self.assertIn(self.wo_cut, self.wo_weld.blocked_by_workorder_ids)
        with self.assertRaises(UserError):
            self.wo_weld.with_user(self.next_operator).button_start()
        self.assertNotEqual(self.wo_weld.state, "progress")

    def test_dependency_change_allowed_once_cross_check_passed(self):
        self.inspection.with_user(self.next_operator).do_pass()
        self.wo_weld.with_user(self.next_operator).write(
            {"blocked_by_workorder_ids": [Command.clear()]}
        )
        self.assertFalse(self.wo_weld.blocked_by_workorder_ids)


class TestMergeAndBackorder(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(
            name="Cut length", on_failure="alert", responsible_id=cls.manager.id
        )

    def test_merge_refused_with_a_failed_inspection(self):
        first, second = self._create_mo(), self._create_mo()
        failed = first.inspection_ids
        failed.with_user(self.inspector).do_fail("Too short")
        with self.assertRaises(UserError) as error:
            (first | second).with_user(self.operator).action_merge()
        self.assertIn(failed.name, str(error.exception))
        self.assertEqual((first | second).mapped("state"), ["confirmed"] * 2)
        self.assertEqual(failed.state, "fail")

    def test_backorder_does_not_copy_rework_work_orders(self):
        self.checkpoint.on_failure = "rework"
        production = self._create_mo(qty=4.0)
        production.inspection_ids.with_user(self.inspector).do_fail("Too short")
        rework = production.workorder_ids.filtered("rework_of_id")
        self.assertTrue(rework)
        self._pass_all(production)
        for workorder in production.workorder_ids.sorted("sequence"):
            workorder.with_user(self.operator).button_start()
            workorder.with_user(self.operator).button_finish()
        production = production.with_user(self.operator)
        production.qty_producing = 1.0
        action = production.button_mark_done()
        wizards = ("mrp.consumption.warning", "mrp.production.backorder")
        while isinstance(action, dict) and action.get("res_model") in wizards:
            wizard = (
                self.env[action["res_model"]]
                .with_user(self.operator)
                .with_context(**action["context"])
                .create({})
            )
            if action["res_model"] == "mrp.production.backorder":
                action = wizard.action_backorder()
            else:
                action = wizard.action_confirm()
        backorder = production.procurement_group_id.mrp_production_ids - production
        self.assertEqual(len(backorder), 1)
        self.assertFalse(backorder.workorder_ids.filtered("rework_of_id"))
        self.assertFalse(
            backorder.workorder_ids.filtered(lambda wo: "Rework" in wo.name)
        )
        self.assertEqual(
            len(backorder.workorder_ids),
            len(production.workorder_ids - rework),
        )


class TestFirstArticleRework(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cp_first = cls._create_checkpoint(
            name="First piece", stage="first_article", on_failure="rework"
        )

    def setUp(self):
        super().setUp()
        self.production = self._create_mo(qty=5.0)
        self.wo_cut = self._workorder(self.production, self.op_cut)
        self.wo_cut.with_user(self.operator).button_start()
        self.first = self.wo_cut._get_first_article_inspections()

    def test_reworked_first_article_holds_until_reinspection_passes(self):
        self.first.with_user(self.inspector).do_fail("Burr")
        self.assertEqual(self.first.disposition, "rework")
        rework = self.production.workorder_ids.filtered("rework_of_id")
        with self.assertRaises(UserError):
            self.wo_cut.with_user(self.operator).button_finish()
        self.assertEqual(self.wo_cut.state, "progress")
        wo_weld = self._workorder(self.production, self.op_weld)
        with self.assertRaises(UserError):
            wo_weld.with_user(self.operator).button_start()
        # The rework itself may start: it is how the first piece is cleared.
        rework.with_user(self.operator).button_start()
        reinspection = self.first.reinspection_ids
        self.assertEqual(reinspection.stage, "first_article")
        reinspection.with_user(self.inspector).do_pass()
        self.assertTrue(self.wo_cut._is_first_article_passed())
        # The full quantity goes on: no cap left behind.
        self.production.with_user(self.operator).qty_producing = 5.0
        self.assertEqual(self.production.qty_producing, 5.0)

    def test_scrapped_first_article_asks_for_a_new_first_piece(self):
        self.cp_first.on_failure = "alert"
        self.first.with_user(self.inspector).do_fail("Cracked")
        self.first.with_user(self.inspector).action_set_disposition("scrap")
        self.assertFalse(self.wo_cut._is_first_article_passed())
        new_first = self.wo_cut._get_first_article_inspections() - self.first
        self.assertEqual(len(new_first), 1)
        self.assertEqual(new_first.state, "todo")
        new_first.with_user(self.operator).do_pass()
        self.assertTrue(self.wo_cut._is_first_article_passed())


class TestPublicMethodsArguments(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.measure = cls._create_checkpoint(
            name="Diameter",
            check_type="measure",
            norm=10.0,
            tolerance_min=9.0,
            tolerance_max=11.0,
        )
        cls.check = cls._create_checkpoint(
            name="Surface", on_failure="alert", operation_id=cls.op_weld.id
        )

    def setUp(self):
        super().setUp()
        self.production = self._create_mo()
        self.measure_inspection = self.production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == self.measure
        )
        self.check_inspection = self.production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == self.check
        )

    def test_measure_values_out_of_any_range(self):
        inspection = self.measure_inspection.with_user(self.operator)
        for values in ([10**400], [1e305], [-1e13], "abc", [None], [[1]], [{}]):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                inspection.do_measure(values)
        self.assertEqual(self.measure_inspection.state, "todo")
        self.assertFalse(self.measure_inspection.measure_ids)

    def test_disposition_of_any_type(self):
        self.check_inspection.with_user(self.inspector).do_fail("Scratch")
        inspection = self.check_inspection.with_user(self.manager)
        for disposition in (["concession"], {"a": 1}, None, 3, "use_as_is"):
            with self.subTest(disposition=disposition), self.assertRaises(UserError):
                inspection.action_set_disposition(disposition, "ok")
        for reason in (["why"], {"why": 1}, 12, 1.5):
            with self.subTest(reason=reason), self.assertRaises(ValidationError):
                inspection.action_set_disposition("concession", reason)
        self.assertFalse(self.check_inspection.disposition)

    def test_fail_reason_of_any_type(self):
        inspection = self.check_inspection.with_user(self.operator)
        for reason in (["why"], {"why": 1}, 12):
            with self.subTest(reason=reason), self.assertRaises(ValidationError):
                inspection.do_fail(reason)
        self.assertEqual(self.check_inspection.state, "todo")

    def test_reopen_reason_of_any_type(self):
        self.check_inspection.with_user(self.operator).do_pass()
        for reason in (["why"], {"why": 1}, 12):
            with self.subTest(reason=reason), self.assertRaises(ValidationError):
                self.check_inspection.with_user(self.manager)._reopen(reason)
        self.assertEqual(self.check_inspection.state, "pass")


class TestReopenAfterDone(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Cut length")
        cls.cross = cls._create_checkpoint(
            name="Cross", performer="cross", operation_id=cls.op_weld.id
        )

    def setUp(self):
        super().setUp()
        self.production = self._create_mo()
        self.wo_cut = self._workorder(self.production, self.op_cut)
        self.inspection = self.wo_cut.inspection_ids

    def _reopen_wizard(self, inspections):
        return (
            self.env["quality.inspection.reopen"]
            .with_user(self.manager)
            .create({"inspection_ids": inspections.ids, "reason": "Doubt"})
        )

    def test_reopen_refused_once_the_work_order_is_done(self):
        self._pass_all(self.wo_cut)
        self.wo_cut.with_user(self.operator).button_start()
        self.wo_cut.with_user(self.operator).button_finish()
        with self.assertRaises(UserError):
            self._reopen_wizard(self.inspection).action_reopen()
        self.assertEqual(self.inspection.state, "pass")

    def test_reopen_refused_once_the_order_is_done(self):
        self._pass_all(self.production)
        self._mark_done(self.production)
        self.assertEqual(self.production.state, "done")
        with self.assertRaises(UserError):
            self.inspection.with_user(self.manager)._reopen("Doubt")
        self.assertEqual(self.inspection.state, "pass")

    def test_cross_check_reopen_refused_once_the_next_one_started(self):
        wo_weld = self._workorder(self.production, self.op_weld)
        cross = wo_weld.inspection_ids.filtered(lambda i: i.performer == "cross")
        cross.with_user(self.inspector).do_pass()
        self._reopen_wizard(cross).action_reopen()
        self.assertEqual(cross.state, "todo", "allowed while nothing started")
        cross.with_user(self.inspector).do_pass()
        self._workorder(self.production, self.op_paint).with_user(
            self.operator
        ).button_start()
        with self.assertRaises(UserError):
            self._reopen_wizard(cross).action_reopen()
        self.assertEqual(cross.state, "pass")

    def test_reopen_allowed_while_the_work_order_runs(self):
        self.inspection.with_user(self.operator).do_pass()
        self._reopen_wizard(self.inspection).action_reopen()
        self.assertEqual(self.inspection.state, "todo")


class TestUsersWithoutEmail(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(
            name="Cut length", on_failure="rework", responsible_id=cls.manager.id
        )
        cls.mute_operator = cls._create_operator("qps_mute_operator")
        cls.mute_inspector = new_test_user(
            cls.env,
            login="qps_mute_inspector",
            groups="quality_progress_sync.group_quality_inspector",
        )
        (cls.mute_operator | cls.mute_inspector).partner_id.email = False

    def test_failure_with_rework_by_a_user_without_email(self):
        production = self._create_mo()
        inspection = production.inspection_ids
        inspection.with_user(self.mute_operator).do_fail("Too short")
        self.assertEqual(inspection.state, "fail")
        self.assertEqual(inspection.disposition, "rework")
        self.assertTrue(production.workorder_ids.filtered("rework_of_id"))

    def test_rework_decided_by_an_inspector_without_email(self):
        self.checkpoint.on_failure = "alert"
        production = self._create_mo()
        inspection = production.inspection_ids
        inspection.with_user(self.mute_inspector).do_fail("Too short")
        inspection.with_user(self.mute_inspector).action_set_disposition("rework")
        self.assertEqual(inspection.disposition, "rework")

    def test_double_pass_says_already_passed(self):
        production = self._create_mo()
        inspection = production.inspection_ids.with_user(self.mute_operator)
        inspection.do_pass()
        with self.assertRaises(UserError) as error:
            inspection.do_pass()
        self.assertIn("already", str(error.exception))
