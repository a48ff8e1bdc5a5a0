# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run rules checked when an inspection's measures are recorded, against the
frozen limits: signals, and what the checkpoint does about them."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from .spc_common import SpcCase
from .spc_published import PISTONRINGS

# Subgroups of 5 against the piston-ring limits (centre 74.00118, UCL
# 74.01431; R̄ 0.02276, UCL 0.04811), all within the tolerances 73.95-74.05:
# a mean beyond the upper limit; a range beyond its limit; a mean just above
# the centre line (with a range above R̄, then below it).
HIGH_MEAN = (74.018, 74.020, 74.022, 74.019, 74.021)
WIDE_RANGE = (73.970, 74.030, 74.000, 74.000, 74.000)
ABOVE_CENTER = [
    (73.993, 74.003, 74.003, 74.003, 74.013),
    (73.990, 74.003, 74.003, 74.003, 74.016),
]


class TestSpcSignals(SpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_spc_checkpoint()
        cls.history = cls._record_subgroups(cls.checkpoint, PISTONRINGS)
        cls.checkpoint.with_user(cls.manager).action_compute_spc_limits()

    def _signals(self, inspections):
        return [
            (signal.chart, signal.rule)
            for signal in inspections.spc_signal_ids.sorted("id")
        ]

    def test_a_mean_beyond_the_limit_raises_a_signal_the_part_passes(self):
        inspection = self._record_subgroups(self.checkpoint, [HIGH_MEAN])
        self.assertEqual(self._signals(inspection), [("location", "nelson_1")])
        self.assertEqual(inspection.state, "pass")
        signal = inspection.spc_signal_ids
        self.assertAlmostEqual(signal.value, 74.02)
        self.assertEqual(signal.ucl, self.checkpoint.spc_ucl)
        self.assertEqual(signal.center_line, self.checkpoint.spc_center_line)
        self.assertEqual(signal.workorder_id, inspection.workorder_id)
        self.assertEqual(signal.workcenter_id, self.wc_cut)
        self.assertEqual(signal.product_id, self.product)
        self.assertEqual(signal.company_id, self.company)
        self.assertEqual(signal.user_id, self.inspector)
        self.assertEqual(signal.state, "new")

    def test_a_range_beyond_its_limit_raises_a_dispersion_signal(self):
        inspection = self._record_subgroups(self.checkpoint, [WIDE_RANGE])
        self.assertEqual(self._signals(inspection), [("dispersion", "nelson_1")])
        self.assertAlmostEqual(inspection.spc_signal_ids.value, 0.06)
        self.assertEqual(inspection.state, "pass")

    def test_a_part_out_of_tolerance_still_fails(self):
        inspection = self._record_subgroups(
            self.checkpoint, [(74.06, 74.02, 74.02, 74.02, 74.02)]
        )
        self.assertEqual(inspection.state, "fail")
        self.assertIn(("location", "nelson_1"), self._signals(inspection))

    def test_subgroups_within_the_limits_raise_nothing(self):
        inspections = self._record_subgroups(self.checkpoint, PISTONRINGS[:5])
        self.assertFalse(inspections.spc_signal_ids)

    def test_a_run_of_8_is_western_electric_rule_4(self):
        """Nelson 2 with 8 points; raised again by the 9th."""
        inspections = self._record_subgroups(self.checkpoint, ABOVE_CENTER * 5)
        fired = [bool(inspection.spc_signal_ids) for inspection in inspections]
        self.assertEqual(fired, [False] * 7 + [True] * 3)
        self.assertEqual(self._signals(inspections[7]), [("location", "nelson_2")])
        self.assertEqual(self._signals(inspections[8]), [("location", "nelson_2")])

    def test_nelson_rules_when_the_checkpoint_asks_for_them(self):
        """The same run: Nelson's rule 2 waits for the 9th point. (Ranges in
        pairs: alternating ones would break Nelson's rule 4.)"""
        self.checkpoint.spc_rules = "nelson"
        low, high = ABOVE_CENTER
        run = [low, low, high, high] * 2 + [low]
        inspections = self._record_subgroups(self.checkpoint, run)
        self.assertFalse(inspections[:8].spc_signal_ids)
        self.assertEqual(self._signals(inspections[8]), [("location", "nelson_2")])

    def test_no_rule_without_frozen_limits(self):
        checkpoint = self._create_spc_checkpoint(operation_id=self.op_weld.id)
        inspection = self._record_subgroups(checkpoint, [HIGH_MEAN])
        self.assertFalse(inspection.spc_signal_ids)

    def test_no_rule_without_statistical_process_control(self):
        self.checkpoint.spc_enabled = False
        inspection = self._record_subgroups(self.checkpoint, [HIGH_MEAN])
        self.assertFalse(inspection.spc_signal_ids)

    def test_an_alert_is_one_activity_for_the_responsible(self):
        first, second = self._record_subgroups(self.checkpoint, [HIGH_MEAN] * 2)
        activity = first.spc_signal_ids.activity_ids
        self.assertEqual(activity.user_id, self.manager)
        self.assertIn(self.checkpoint.name, activity.summary)
        # The process drifts on: no second activity while the first is open.
        self.assertFalse(second.spc_signal_ids.activity_ids)
        first.spc_signal_ids.with_user(self.inspector).action_acknowledge()
        self.assertFalse(activity.exists())
        third = self._record_subgroups(self.checkpoint, [HIGH_MEAN])
        self.assertTrue(third.spc_signal_ids.activity_ids)

    def test_a_patrol_inspection_on_the_running_work_order(self):
        self.checkpoint.spc_on_signal = "patrol"
        inspection = self._record_subgroups(self.checkpoint, [HIGH_MEAN])
        workorder = inspection.workorder_id
        patrol = workorder.inspection_ids - inspection
        self.assertEqual(len(patrol), 1)
        self.assertEqual(
            (patrol.checkpoint_id, patrol.stage, patrol.state, patrol.sample_size),
            (self.checkpoint, "patrol", "todo", 5),
        )
        self.assertFalse(inspection.spc_signal_ids.activity_ids)
        # Its own measures are a subgroup: drifting still, it asks for one more.
        patrol.with_user(self.inspector).do_measure(list(HIGH_MEAN))
        self.assertEqual(len(workorder.inspection_ids), 3)

    def test_a_patrol_goes_to_the_work_orders_running_at_the_work_center(self):
        """The measured work order is finished: the patrol goes to the one
        running on its work center."""
        self.checkpoint.write(
            {"spc_on_signal": "patrol", "blocking": False, "stage": "final"}
        )
        done, running = self._create_productions(2)
        done_wo = self._workorder(done, self.op_cut)
        running_wo = self._workorder(running, self.op_cut)
        for workorder in (done_wo, running_wo):
            workorder.button_start()
        done_wo.button_finish()
        measured = done_wo.inspection_ids
        measured.with_user(self.inspector).do_measure(list(HIGH_MEAN))
        self.assertEqual(done_wo.inspection_ids, measured)
        patrol = running_wo.inspection_ids.filtered(lambda i: i.stage == "patrol")
        self.assertEqual(len(patrol), 1)
        self.assertEqual(patrol.state, "todo")

    def test_a_hold_of_the_work_center(self):
        self.checkpoint.spc_on_signal = "hold"
        inspection = self._record_subgroups(self.checkpoint, [HIGH_MEAN])
        self.assertTrue(self.wc_cut.quality_hold)
        self.assertEqual(inspection.state, "pass")
        log = self.env["mrp.workcenter.productivity"].search(
            [("workcenter_id", "=", self.wc_cut.id), ("date_end", "=", False)]
        )
        self.assertIn("SPC signal", log.description)

    def _measure_cost(self, checkpoint):
        """Queries of recording a subgroup (within the limits) of
        ``checkpoint``, after one recorded on a new order just before."""
        inspections = self._create_productions(2).inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        )
        inspections[0].with_user(self.inspector).do_measure(list(PISTONRINGS[0]))
        inspection = inspections[1].with_user(self.inspector)
        return self._count_queries(lambda: inspection.do_measure(list(PISTONRINGS[1])))

    def test_evaluation_reads_a_bounded_number_of_queries(self):
        """Recording a subgroup costs the same with 25 or 75 subgroups before
        it, and one query more than without SPC: the last subgroups."""
        longer = self._create_spc_checkpoint(name="Longer")
        self._record_subgroups(longer, PISTONRINGS * 3)
        longer.with_user(self.manager).action_compute_spc_limits()
        plain = self._create_spc_checkpoint(name="Plain", spc_enabled=False)
        self._measure_cost(self.checkpoint)  # warm the caches up
        costs = {
            "short": self._measure_cost(self.checkpoint),
            "long": self._measure_cost(longer),
            "plain": self._measure_cost(plain),
        }
        self.assertEqual(costs["short"], costs["long"], costs)
        self.assertEqual(costs["short"], costs["plain"] + 1, costs)


class TestSpcAcknowledge(SpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_spc_checkpoint()
        cls._record_subgroups(cls.checkpoint, PISTONRINGS)
        cls.checkpoint.with_user(cls.manager).action_compute_spc_limits()
        cls.inspection = cls._record_subgroups(
            cls.checkpoint, [(74.018, 74.020, 74.022, 74.019, 74.021)]
        )
        cls.signal = cls.inspection.spc_signal_ids

    def test_acknowledging_records_who_and_when(self):
        with freeze_time("2026-04-01 09:30"):
            self.signal.with_user(self.inspector).action_acknowledge()
        self.assertEqual(self.signal.state, "acknowledged")
        self.assertEqual(self.signal.acknowledge_user_id, self.inspector)
        self.assertEqual(str(self.signal.acknowledge_date), "2026-04-01 09:30:00")
        self.assertFalse(self.signal.activity_ids)

    def test_acknowledging_again_keeps_the_first(self):
        self.signal.with_user(self.inspector).action_acknowledge()
        self.signal.with_user(self.manager).action_acknowledge()
        self.assertEqual(self.signal.acknowledge_user_id, self.inspector)

    def test_operators_do_not_acknowledge(self):
        with self.assertRaises(AccessError):
            self.signal.with_user(self.operator).action_acknowledge()
        self.assertEqual(self.signal.state, "new")

    def test_the_workflow_fields_are_not_written_by_users(self):
        signal = self.signal.with_user(self.manager)
        for vals in (
            {"state": "acknowledged"},
            {"acknowledge_user_id": self.manager.id},
            {"rule": "nelson_2"},
            {"value": 0.0},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                signal.write(vals)
        signal.with_user(self.inspector).note = "Tool worn: changed."
        self.assertEqual(self.signal.note, "Tool worn: changed.")

    def test_signals_are_raised_by_the_rules_only(self):
        # (AccessError is a UserError.)
        with self.assertRaises(UserError):
            self.env["quality.spc.signal"].with_user(self.manager).create(
                {
                    "checkpoint_id": self.checkpoint.id,
                    "inspection_id": self.inspection.id,
                    "company_id": self.company.id,
                    "rule": "nelson_1",
                    "chart": "location",
                }
            )
        with self.assertRaises(AccessError):
            self.signal.with_user(self.manager).unlink()

    def test_operators_read_the_signals(self):
        self.assertEqual(self.signal.with_user(self.operator).rule, "nelson_1")
