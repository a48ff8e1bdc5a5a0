# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import QualityProgressCase


class TestInspection(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cp_measure = cls._create_checkpoint(
            name="Tube length",
            check_type="measure",
            norm=100.0,
            tolerance_min=99.5,
            tolerance_max=100.5,
            sample_size=3,
        )
        cls.cp_photo = cls._create_checkpoint(
            name="Weld photo", check_type="photo", operation_id=cls.op_weld.id
        )
        cls.cp_instructions = cls._create_checkpoint(
            name="Masking done",
            check_type="instructions",
            operation_id=cls.op_paint.id,
            failure_message="Mask the threads again.",
        )
        cls.cp_inspector = cls._create_checkpoint(
            name="Paint thickness",
            performer="inspector",
            operation_id=cls.op_paint.id,
        )
        cls.production = cls._create_mo()
        inspections = cls.production.inspection_ids
        cls.measure = inspections.filtered(lambda i: i.checkpoint_id == cls.cp_measure)
        cls.photo = inspections.filtered(lambda i: i.checkpoint_id == cls.cp_photo)
        cls.instructions = inspections.filtered(
            lambda i: i.checkpoint_id == cls.cp_instructions
        )
        cls.by_inspector = inspections.filtered(
            lambda i: i.checkpoint_id == cls.cp_inspector
        )

    # Results -------------------------------------------------------------

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def test_pass_records_who_and_when(self):
        self._flush_tracking()  # the inspection was created in an earlier transaction
        # Tracked as for a user (the tests' mail tracking is off).
        self.instructions.with_user(self.operator).with_context(
            tracking_disable=False, mail_notrack=False
        ).do_pass()
        self.assertEqual(self.instructions.state, "pass")
        self.assertEqual(self.instructions.user_id, self.operator)
        self.assertTrue(self.instructions.date_done)
        self._flush_tracking()
        self.assertIn(
            "Passed",
            self.instructions.message_ids.tracking_value_ids.mapped("new_value_char"),
        )

    def test_fail_keeps_reason_and_default_message(self):
        self.instructions.with_user(self.operator).do_fail()
        self.assertEqual(self.instructions.state, "fail")
        self.assertEqual(self.instructions.failure_reason, "Mask the threads again.")
        self.by_inspector.with_user(self.inspector).do_fail("Too thin")
        self.assertEqual(self.by_inspector.failure_reason, "Too thin")

    def test_measure_within_tolerance_passes(self):
        self.measure.with_user(self.operator).do_measure([100.0, 99.5, 100.5])
        self.assertEqual(self.measure.state, "pass")
        self.assertEqual(self.measure.measure_ids.mapped("sample_no"), [1, 2, 3])
        self.assertTrue(all(self.measure.measure_ids.mapped("is_within_tolerance")))

    def test_measure_outside_tolerance_fails(self):
        self.measure.with_user(self.operator).do_measure([100.0, 100.6, "99.9"])
        self.assertEqual(self.measure.state, "fail")
        self.assertEqual(
            self.measure.measure_ids.mapped("is_within_tolerance"), [True, False, True]
        )
        self.assertIn("sample 2", self.measure.failure_reason)

    def test_measure_wizard(self):
        action = self.measure.with_user(self.operator).action_open_measure_wizard()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.operator)
            .with_context(**action["context"])
        )
        self.assertEqual(len(form.line_ids), 3)
        for index, value in enumerate(("100", "101.0", "99.8")):
            with form.line_ids.edit(index) as line:
                line.value = value
        form.save().action_confirm()
        self.assertEqual(self.measure.state, "fail")
        self.assertEqual(self.measure.measure_ids.mapped("value"), [100.0, 101.0, 99.8])

    def test_pass_on_measure_is_refused(self):
        with self.assertRaises(UserError):
            self.measure.with_user(self.operator).do_pass()
        self.assertEqual(self.measure.state, "todo")

    def test_photo_needed_to_pass(self):
        with self.assertRaises(UserError):
            self.photo.with_user(self.operator).do_pass()
        self.assertEqual(self.photo.state, "todo")
        self.photo.with_user(self.operator).picture = self._png()
        self.photo.with_user(self.operator).do_pass()
        self.assertEqual(self.photo.state, "pass")

    def test_photo_attached_in_chatter_counts(self):
        self.env["ir.attachment"].create(
            {
                "name": "weld.png",
                "datas": self._png(),
                "res_model": "quality.inspection",
                "res_id": self.photo.id,
            }
        )
        self.photo.with_user(self.operator).do_pass()
        self.assertEqual(self.photo.state, "pass")

    # Bad input ------------------------------------------------------------

    def _assert_measure_refused(self, values):
        with self.assertRaises(ValidationError):
            self.measure.with_user(self.operator).do_measure(values)
        self.assertEqual(self.measure.state, "todo")
        self.assertFalse(self.measure.measure_ids)

    def test_measure_nan_refused(self):
        self._assert_measure_refused([100.0, float("nan"), 100.0])

    def test_measure_infinite_refused(self):
        self._assert_measure_refused([100.0, float("inf"), 100.0])

    def test_measure_text_refused(self):
        self._assert_measure_refused([100.0, "abc", 100.0])

    def test_measure_boolean_and_none_refused(self):
        self._assert_measure_refused([100.0, True, 100.0])
        self._assert_measure_refused([100.0, None, 100.0])

    def test_measure_wrong_count_refused(self):
        self._assert_measure_refused([100.0, 100.0])
        self._assert_measure_refused([100.0] * 4)

    def test_checkpoint_tolerance_min_above_max_refused(self):
        with self.assertRaises(ValidationError):
            self._create_checkpoint(
                check_type="measure", norm=1.0, tolerance_min=2.0, tolerance_max=0.5
            )

    def test_checkpoint_norm_outside_tolerances_refused(self):
        with self.assertRaises(ValidationError):
            self._create_checkpoint(
                check_type="measure", norm=3.0, tolerance_min=1.0, tolerance_max=2.0
            )
        with self.assertRaises(ValidationError):
            self.cp_measure.norm = 101.0
        self.assertEqual(self.cp_measure.norm, 100.0)

    def test_checkpoint_sample_size_must_be_positive(self):
        for size in (0, -3):
            with self.assertRaises(ValidationError):
                self._create_checkpoint(check_type="measure", sample_size=size)

    def test_checkpoint_needs_operation_or_workcenter(self):
        with self.assertRaises(ValidationError):
            self.env["quality.checkpoint"].create({"name": "Nowhere"})

    # Immutability ------------------------------------------------------------

    def test_done_inspection_cannot_be_changed(self):
        self.measure.with_user(self.operator).do_measure([100.0] * 3)
        for user in (self.operator, self.manager):
            with self.assertRaises(UserError):
                self.measure.with_user(user).write({"comment": "changed"})
            with self.assertRaises(UserError):
                self.measure.with_user(user).write({"state": "fail"})
        with self.assertRaises(UserError):
            self.measure.with_user(self.operator).do_fail("second thoughts")
        self.assertEqual(self.measure.state, "pass")

    def test_result_not_writable_directly(self):
        with self.assertRaises(UserError):
            self.instructions.with_user(self.manager).write({"state": "pass"})
        self.assertEqual(self.instructions.state, "todo")

    def test_partial_values_take_the_checkpoint_defaults(self):
        inspection = (
            self.env["quality.inspection"]
            .sudo()
            .create(
                {
                    "checkpoint_id": self.cp_measure.id,
                    "workorder_id": self.measure.workorder_id.id,
                    "stage": "patrol",
                    "performer": "self",
                    "check_type": "measure",
                }
            )
        )
        self.assertTrue(inspection.blocking)
        self.assertTrue(inspection.gate_blocking)
        self.assertEqual(inspection.sample_size, self.cp_measure.sample_size)
        self.assertEqual(inspection.norm, self.cp_measure.norm)

    def test_links_follow_the_work_order(self):
        other = self._create_mo(product=self.other_product)
        with self.assertRaises(UserError):
            self.instructions.with_user(self.manager).write({"production_id": other.id})
        with self.assertRaises(UserError):
            self.instructions.with_user(self.manager).gate_blocking = False
        self.assertEqual(self.instructions.production_id, self.production)
        # Moved to another work center, the work order takes its inspections.
        workorder = self.instructions.workorder_id
        workorder.workcenter_id = self.wc_paint
        self.assertEqual(self.instructions.workcenter_id, self.wc_paint)
        self.env.invalidate_all()
        self.assertEqual(self.instructions.workcenter_id, self.wc_paint)

    def test_measures_not_writable_directly(self):
        self.measure.with_user(self.operator).do_measure([100.0] * 3)
        with self.assertRaises(AccessError):
            self.measure.measure_ids[0].with_user(self.manager).value = 200.0
        self.assertEqual(self.measure.measure_ids[0].value, 100.0)

    def test_inspection_never_deleted(self):
        for user in (self.operator, self.manager):
            with self.assertRaises(AccessError):
                self.instructions.with_user(user).unlink()
        with self.assertRaises(UserError):
            self.instructions.unlink()
        self.assertTrue(self.instructions.exists())

    def test_workorder_with_done_inspection_not_deleted(self):
        self.instructions.with_user(self.operator).do_pass()
        with self.assertRaises(UserError):
            self.instructions.workorder_id.unlink()

    def test_reopen_by_manager_is_traced(self):
        self.measure.with_user(self.operator).do_measure([100.0, 100.1, 100.2])
        wizard = (
            self.env["quality.inspection.reopen"]
            .with_user(self.manager)
            .create({"inspection_ids": self.measure.ids, "reason": "Wrong gauge"})
        )
        wizard.action_reopen()
        self.assertEqual(self.measure.state, "todo")
        self.assertFalse(self.measure.user_id)
        self.assertFalse(self.measure.measure_ids)
        archived = (
            self.env["quality.inspection.measure"]
            .with_context(active_test=False)
            .search([("inspection_id", "=", self.measure.id)])
        )
        self.assertEqual(archived.mapped("value"), [100.0, 100.1, 100.2])
        self.assertIn("Wrong gauge", self.measure.message_ids[0].body)
        self.measure.with_user(self.operator).do_measure([100.0] * 3)
        self.assertEqual(self.measure.state, "pass")

    def test_reopen_needs_a_reason(self):
        self.instructions.with_user(self.operator).do_pass()
        with self.assertRaises(UserError):
            self.instructions.with_user(self.manager)._reopen("  ")
        self.assertEqual(self.instructions.state, "pass")

    def test_reopen_refused_below_manager(self):
        self.instructions.with_user(self.operator).do_pass()
        for user in (self.operator, self.inspector):
            with self.assertRaises(AccessError):
                self.instructions.with_user(user)._reopen("Because")
            with self.assertRaises(AccessError):
                self.instructions.with_user(user).action_open_reopen_wizard()
        self.assertEqual(self.instructions.state, "pass")

    def test_reopen_todo_refused(self):
        with self.assertRaises(UserError):
            self.instructions.with_user(self.manager)._reopen("Nothing to reopen")
