# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form

from .common import QualityProgressCase


class TestAqlInspection(QualityProgressCase):
    """AQL checkpoints on work orders: ISO 2859-1:1999, level II, AQL 2.5.

    Lot of 500 units, level II: code letter H, n = 50. Table 2-A (normal),
    H at AQL 2.5: Ac 3, Re 4. Table 2-B (tightened), H at 2.5: Ac 2, Re 3.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["quality.sampling.plan"].create(
            {"name": "Level II, AQL 2.5", "inspection_level": "II", "aql": "2.5"}
        )
        cls.checkpoint = cls._create_checkpoint(
            name="Visual AQL",
            stage="final",
            frequency="aql",
            sampling_plan_id=cls.plan.id,
            on_failure="alert",
        )

    def _inspection(self, qty=500.0):
        return self._create_mo(qty=qty).inspection_ids

    def test_sample_size_and_numbers_from_the_lot(self):
        inspection = self._inspection()
        self.assertEqual(inspection.lot_size, 500)
        self.assertEqual(inspection.sampling_code_letter, "H")
        self.assertEqual(inspection.sample_size, 50)
        self.assertEqual(inspection.accept_number, 3)
        self.assertEqual(inspection.reject_number, 4)
        self.assertEqual(inspection.sampling_severity, "normal")

    def test_accept_up_to_ac(self):
        inspection = self._inspection()
        inspection.with_user(self.operator).do_sample_results([False] * 3 + [True] * 47)
        self.assertEqual(inspection.state, "pass")
        self.assertEqual(inspection.defect_count, 3)

    def test_reject_from_re(self):
        inspection = self._inspection()
        inspection.with_user(self.operator).do_sample_results([False] * 4 + [True] * 46)
        self.assertEqual(inspection.state, "fail")
        self.assertIn("Ac 3, Re 4", inspection.failure_reason)

    def test_measures_count_units_out_of_tolerance(self):
        self.checkpoint.write(
            {
                "check_type": "measure",
                "norm": 10.0,
                "tolerance_min": 9.0,
                "tolerance_max": 11.0,
            }
        )
        inspection = self._inspection()
        values = [10.0] * 46 + [12.0] * 4
        inspection.with_user(self.operator).do_measure(values)
        self.assertEqual(inspection.state, "fail")
        self.assertEqual(inspection.defect_count, 4)

    def test_wrong_result_count_refused(self):
        inspection = self._inspection()
        for results in ([True] * 49, [True] * 51, ["yes"] * 50):
            with self.assertRaises(ValidationError):
                inspection.with_user(self.operator).do_sample_results(results)
        self.assertEqual(inspection.state, "todo")
        with self.assertRaises(UserError):
            inspection.with_user(self.operator).do_pass()

    def test_switch_to_tightened_after_two_rejected_lots(self):
        for __ in range(2):
            inspection = self._inspection()
            inspection.with_user(self.operator).do_sample_results(
                [False] * 5 + [True] * 45
            )
        self.assertEqual(self.plan._get_severity(self.product), "tightened")
        tightened = self._inspection()
        self.assertEqual(tightened.sampling_severity, "tightened")
        self.assertEqual(tightened.sample_size, 50)
        self.assertEqual(tightened.accept_number, 2)
        self.assertEqual(tightened.reject_number, 3)
        self.assertIn(self.product, self.checkpoint.sampling_state_ids.product_id)

    def test_record_samples_from_the_screen(self):
        inspection = self._inspection(qty=10.0)
        # Lot of 10 at level II: code letter B; B at AQL 2.5 (normal) is an
        # arrow down to C's plan: n = 5, Ac 0, Re 1.
        self.assertEqual(inspection.sample_size, 5)
        self.assertEqual(inspection.reject_number, 1)
        action = inspection.with_user(self.operator).action_open_measure_wizard()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.operator)
            .with_context(**action["context"])
        )
        self.assertEqual(len(form.line_ids), 5)
        with form.line_ids.edit(2) as line:
            line.defective = True
        form.save().action_confirm()
        self.assertEqual(inspection.state, "fail")
        self.assertEqual(inspection.defect_count, 1)

    def test_aql_checkpoint_needs_a_plan(self):
        with self.assertRaises(ValidationError):
            self._create_checkpoint(frequency="aql")
        with self.assertRaises(ValidationError):
            self._create_checkpoint(
                frequency="aql", sampling_plan_id=self.plan.id, check_type="photo"
            )
