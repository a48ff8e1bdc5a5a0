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


class TestAqlSwitching(QualityProgressCase):
    """AQL inspections feed their product's switching state, and hold their
    work order while inspection is discontinued.

    ISO 2859-1:1999, level II, AQL 2.5, lot of 500: H, n = 50, Ac 3, Re 4
    (H at AQL 1.5, one step tighter: Ac 2); tightened: Ac 2, Re 3.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["quality.sampling.plan"].create(
            {"name": "Level II, AQL 2.5", "aql": "2.5", "allow_reduced": True}
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

    def _record(self, inspection, defects, user=None):
        inspection.with_user(user or self.operator).do_sample_results(
            [False] * defects + [True] * (inspection.sample_size - defects)
        )

    def _state(self, plan=None):
        return (plan or self.plan)._get_state(self.product)

    def _discontinue(self):
        self.plan._record_lot_result(self.product, False)
        self.plan._record_lot_result(self.product, False)
        for __ in range(5):
            self.plan._record_lot_result(self.product, False)
        self.assertTrue(self._state().discontinued)

    def test_inspection_feeds_the_switching_score(self):
        inspection = self._inspection()
        self._record(inspection, 2)
        state = self._state()
        # Ac 3: 2 nonconforming would be accepted at AQL 1.5 (Ac 2): +3.
        self.assertEqual(state.switching_score, 3)
        lot = state.lot_ids
        self.assertEqual(lot.inspection_id, inspection)
        self.assertEqual((lot.defect_count, lot.result), (2, "accepted"))
        self._record(self._inspection(), 3)
        self.assertEqual(state.switching_score, 0)
        self.assertEqual(state.history, "AA")

    def test_discontinued_product_holds_its_aql_inspections(self):
        self._discontinue()
        state = self._state()
        inspection = self._inspection()
        self.assertEqual(inspection.sampling_severity, "tightened")
        workorder = inspection.workorder_id.with_user(self.operator)
        workorder.button_start()
        lots = state.lot_count
        with self.assertRaises(UserError) as error:
            self._record(inspection, 0)
        self.assertIn("discontinued", str(error.exception))
        self.assertEqual(inspection.state, "todo")
        self.assertEqual(inspection.defect_count, 0)
        self.assertEqual(state.lot_count, lots)
        with self.assertRaises(UserError):
            workorder.button_finish()
        self.assertNotEqual(workorder.state, "done")
        with self.assertRaises(UserError):
            self.plan.with_user(self.manager).unlink()
        state.with_user(self.manager).action_restart("Fixture realigned")
        self._record(inspection, 0)
        self.assertEqual(inspection.state, "pass")
        self.assertEqual(state.lot_count, lots + 1)

    def test_reinspection_of_a_reworked_lot_does_not_count(self):
        self.checkpoint.write(
            {"on_failure": "rework", "responsible_id": self.manager.id}
        )
        inspection = self._inspection()
        self._record(inspection, 4)
        self.assertEqual(inspection.state, "fail")
        reinspection = inspection.reinspection_ids
        self.assertEqual(reinspection.sampling_plan_id, self.plan)
        self._start_reworks(reinspection)
        self._record(reinspection, 5, user=self.manager)
        state = self._state()
        self.assertEqual(state.history, "R")
        self.assertEqual(state.lot_count, 2)
        self.assertEqual(state.lot_ids[0].inspection_id, reinspection)
        self.assertFalse(state.lot_ids[0].original)
        self.assertEqual(state.severity, "normal")

    def test_new_result_of_a_reopened_inspection_does_not_count(self):
        inspection = self._inspection()
        self._record(inspection, 0)
        inspection.with_user(self.manager)._reopen("Wrong gauge")
        self._record(inspection, 5)
        state = self._state()
        self.assertEqual(state.history, "A")
        self.assertEqual(state.switching_score, 3)
        self.assertEqual(state.lot_ids.mapped("original"), [False, True])

    def test_z14_reduced_lot_between_ac_and_re_passes_and_reinstates_normal(self):
        plan = self.plan.copy({"aql": "1.0", "standard": "ansi_z14"})
        self.checkpoint.sampling_plan_id = plan
        for __ in range(10):
            plan._record_lot_result(self.product, True)
        state = self._state(plan)
        state.with_user(self.manager).action_approve_reduced("Steady rate")
        # Z1.4 reduced, lot 1000: J, n = 32, Ac 1, Re 3.
        inspection = self._inspection(qty=1000.0)
        self.assertEqual(
            (inspection.sampling_severity, inspection.sample_size),
            ("reduced", 32),
        )
        self.assertEqual((inspection.accept_number, inspection.reject_number), (1, 3))
        self._record(inspection, 2)
        self.assertEqual(inspection.state, "pass")
        self.assertEqual(state.severity, "normal")
        self.assertEqual(state.lot_ids[0].result, "accepted")
        self.assertEqual(state.event_ids[0].event, "normal_between_ac_re")

    def test_iso_reduced_lot_above_ac_is_not_accepted(self):
        plan = self.plan.copy({"aql": "1.0"})
        self.checkpoint.sampling_plan_id = plan
        for __ in range(15):
            plan._record_sampled_lot(self.product, plan._get_plan(500), 0)
        state = self._state(plan)
        state.with_user(self.manager).action_approve_reduced()
        # ISO 2859-1:1999 reduced, lot 1000: J, n = 32, Ac 1, Re 2.
        inspection = self._inspection(qty=1000.0)
        self.assertEqual((inspection.accept_number, inspection.reject_number), (1, 2))
        self._record(inspection, 2)
        self.assertEqual(inspection.state, "fail")
        self.assertEqual(state.severity, "normal")
        self.assertEqual(state.event_ids[0].event, "normal_after_rejection")
