# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Frozen control limits and capability of an SPC checkpoint, from the
subgroups recorded through the inspections."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .spc_common import SpcCase
from .spc_published import (
    LOAN_COSTS,
    MONTGOMERY_LOAN_COSTS,
    PISTONRINGS,
    QCC_PISTONRINGS,
)


class TestSpcLimits(SpcCase):
    """The 25 piston-ring subgroups recorded on 25 orders, one inspection
    each (Montgomery; qcc's ``pistonrings``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_spc_checkpoint()
        cls.inspections = cls._record_subgroups(cls.checkpoint, PISTONRINGS)

    def test_limits_of_the_piston_rings_are_those_qcc_prints(self):
        self.checkpoint.with_user(self.manager).action_compute_spc_limits()
        checkpoint = self.checkpoint
        self.assertAlmostEqual(
            checkpoint.spc_center_line, QCC_PISTONRINGS["center"], delta=5e-6
        )
        self.assertAlmostEqual(checkpoint.spc_lcl, QCC_PISTONRINGS["lcl"], delta=1e-5)
        self.assertAlmostEqual(checkpoint.spc_ucl, QCC_PISTONRINGS["ucl"], delta=1e-5)
        self.assertAlmostEqual(checkpoint.spc_range_center, 0.02276, places=6)
        self.assertAlmostEqual(checkpoint.spc_range_ucl, 2.114 * 0.02276, places=6)
        self.assertEqual(checkpoint.spc_range_lcl, 0)
        self.assertEqual(checkpoint.spc_chart_kind, "xbar_r")

    def test_limits_show_what_they_were_computed_from(self):
        self.checkpoint.with_user(self.manager).action_compute_spc_limits()
        checkpoint = self.checkpoint
        self.assertEqual(checkpoint.spc_limits_count, 25)
        self.assertEqual(checkpoint.spc_limits_subgroup_size, 5)
        self.assertEqual(checkpoint.spc_limits_date_from, self.inspections[0].date_done)
        self.assertEqual(checkpoint.spc_limits_date_to, self.inspections[-1].date_done)
        self.assertEqual(checkpoint.spc_limits_user_id, self.manager)
        self.assertTrue(checkpoint.spc_limits_computed_on)
        self.assertFalse(checkpoint.spc_limits_provisional)
        self.assertIn("25 subgroups", checkpoint.message_ids[0].body)

    def test_capability_of_the_piston_rings_is_what_qcc_prints(self):
        checkpoint = self.checkpoint
        self.assertEqual(checkpoint.spc_subgroup_count, 25)
        self.assertEqual(checkpoint.spc_measure_count, 125)
        self.assertAlmostEqual(
            checkpoint.spc_sigma_within, QCC_PISTONRINGS["sigma_within"], places=6
        )
        self.assertAlmostEqual(
            checkpoint.spc_sigma_overall, QCC_PISTONRINGS["stddev_overall"], places=5
        )
        self.assertEqual(round(checkpoint.spc_cp, 2), QCC_PISTONRINGS["cp"])
        self.assertEqual(round(checkpoint.spc_cpk, 2), QCC_PISTONRINGS["cpk"])
        self.assertAlmostEqual(checkpoint.spc_pp, 0.1 / (6 * 0.01007), places=2)
        self.assertTrue(checkpoint.spc_capability_known)
        self.assertFalse(checkpoint.spc_below_target)

    def test_capability_below_its_target_is_flagged(self):
        self.checkpoint.spc_cpk_target = 1.7
        self.assertTrue(self.checkpoint.spc_below_target)

    def test_capability_is_one_aggregate_query(self):
        checkpoint = self.checkpoint
        self.assertEqual(self._count_queries(checkpoint._spc_read_summaries), 1)
        # The fields: the checkpoint's row, then the aggregate.
        self.assertLessEqual(self._count_queries(lambda: checkpoint.spc_cpk), 2)

    def test_only_quality_managers_compute_limits(self):
        with self.assertRaises(AccessError):
            self.checkpoint.with_user(self.inspector).action_compute_spc_limits()
        with self.assertRaises(AccessError):
            self.checkpoint.with_user(self.inspector).action_open_spc_limits_wizard()
        self.assertFalse(self.checkpoint.spc_limits_count)

    def test_limits_stay_until_computed_again(self):
        self.checkpoint.with_user(self.manager).action_compute_spc_limits()
        ucl = self.checkpoint.spc_ucl
        self._record_subgroups(self.checkpoint, [(74.04, 74.041, 74.039, 74.04, 74.04)])
        self.assertEqual(self.checkpoint.spc_ucl, ucl)
        self.assertEqual(self.checkpoint.spc_limits_count, 25)
        self.checkpoint.with_user(self.manager).action_compute_spc_limits()
        self.assertEqual(self.checkpoint.spc_limits_count, 26)
        self.assertGreater(self.checkpoint.spc_ucl, ucl)

    def test_limits_are_set_by_their_computation_only(self):
        checkpoint = self.checkpoint.with_user(self.manager)
        for field_name in ("spc_ucl", "spc_limits_count", "spc_limits_user_id"):
            with self.subTest(field=field_name), self.assertRaises(UserError):
                checkpoint.write({field_name: 1})
        with self.assertRaises(UserError):
            self.env["quality.checkpoint"].with_user(self.manager).create(
                {"name": "Forged", "operation_id": self.op_cut.id, "spc_lcl": 1.0}
            )

    def test_bad_periods_are_refused_and_change_nothing(self):
        checkpoint = self.checkpoint.with_user(self.manager)
        for date_from, date_to in (
            ("last week", None),
            ([2026], None),
            (None, 20260101),
            (0, None),
            ("2026-03-01", "2026-02-01"),
        ):
            with (
                self.subTest(date_from=date_from, date_to=date_to),
                self.assertRaises(ValidationError),
            ):
                checkpoint.action_compute_spc_limits(date_from, date_to)
        self.assertFalse(self.checkpoint.spc_limits_count)

    def test_limits_need_subgroups_with_variation(self):
        flat = self._create_spc_checkpoint(name="Flat", operation_id=self.op_weld.id)
        self._record_subgroups(flat, [(74.0,) * 5])
        with self.assertRaisesRegex(UserError, "at least 2 subgroups"):
            flat.with_user(self.manager).action_compute_spc_limits()
        self._record_subgroups(flat, [(74.0,) * 5])
        with self.assertRaisesRegex(UserError, "no variation"):
            flat.with_user(self.manager).action_compute_spc_limits()

    def test_limits_need_statistical_process_control(self):
        self.checkpoint.spc_enabled = False
        with self.assertRaises(UserError):
            self.checkpoint.with_user(self.manager).action_compute_spc_limits()

    def test_spc_is_for_measure_checkpoints(self):
        with self.assertRaises(ValidationError):
            self._create_checkpoint(name="Visual", spc_enabled=True)
        with self.assertRaises(ValidationError):
            self.checkpoint.spc_cpk_target = 0

    def test_a_new_subgroup_size_outdates_the_limits(self):
        self.checkpoint.with_user(self.manager).action_compute_spc_limits()
        self.checkpoint.sample_size = 4
        self.assertTrue(self.checkpoint.spc_limits_stale)
        inspection = self._record_subgroups(self.checkpoint, [(74.04,) * 4])
        self.assertFalse(inspection.spc_signal_ids)


class TestSpcLimitsPeriod(SpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_spc_checkpoint()
        with freeze_time("2026-01-10 08:00"):
            cls.january = cls._record_subgroups(cls.checkpoint, PISTONRINGS[:10])
        with freeze_time("2026-02-10 08:00"):
            cls.february = cls._record_subgroups(cls.checkpoint, PISTONRINGS[10:])

    def test_limits_from_a_chosen_period(self):
        self.checkpoint.with_user(self.manager).action_compute_spc_limits(
            "2026-01-01 00:00:00", "2026-01-31 23:59:59"
        )
        self.assertEqual(self.checkpoint.spc_limits_count, 10)
        self.assertEqual(
            self.checkpoint.spc_limits_date_from, datetime(2026, 1, 10, 8, 0)
        )
        self.assertEqual(
            self.checkpoint.spc_limits_date_to, datetime(2026, 1, 10, 8, 0)
        )
        self.assertTrue(self.checkpoint.spc_limits_provisional)

    def test_limits_from_the_wizard(self):
        action = self.checkpoint.with_user(self.manager).action_open_spc_limits_wizard()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        wizard_form.date_from = datetime(2026, 2, 1)
        wizard_form.save().action_compute()
        self.assertEqual(self.checkpoint.spc_limits_count, 15)
        self.assertEqual(self.checkpoint.spc_limits_user_id, self.manager)

    def test_an_empty_period_is_refused(self):
        with self.assertRaisesRegex(UserError, "the period holds 0"):
            self.checkpoint.with_user(self.manager).action_compute_spc_limits(
                "2025-01-01", "2025-12-31"
            )


class TestSpcIndividuals(SpcCase):
    def test_subgroups_of_one_are_charted_as_individuals(self):
        """Montgomery, Example 6.5, measured one at a time."""
        checkpoint = self._create_spc_checkpoint(
            name="Loan cost", norm=300, tolerance_min=250, tolerance_max=350
        )
        checkpoint.sample_size = 1
        self._record_subgroups(checkpoint, [(cost,) for cost in LOAN_COSTS])
        checkpoint.with_user(self.manager).action_compute_spc_limits()
        expected = MONTGOMERY_LOAN_COSTS
        self.assertEqual(checkpoint.spc_chart_kind, "individuals")
        self.assertAlmostEqual(checkpoint.spc_center_line, expected["center"], places=2)
        self.assertAlmostEqual(checkpoint.spc_ucl, expected["ucl"], places=2)
        self.assertAlmostEqual(checkpoint.spc_lcl, expected["lcl"], places=2)
        self.assertAlmostEqual(
            checkpoint.spc_range_center, expected["mean_moving_range"], places=2
        )
        self.assertAlmostEqual(
            checkpoint.spc_range_ucl, expected["range_ucl"], places=2
        )

    def test_a_first_article_is_a_subgroup_of_its_points(self):
        # One piece measured at its sample size's points (one by default).
        checkpoint = self._create_spc_checkpoint(stage="first_article", sample_size=1)
        self.assertEqual(checkpoint.spc_subgroup_size, 1)
        self.assertEqual(checkpoint.spc_chart_kind, "individuals")
        checkpoint.sample_size = 3
        self.assertEqual(checkpoint.spc_subgroup_size, 3)
        self.assertEqual(checkpoint.spc_chart_kind, "xbar_r")
