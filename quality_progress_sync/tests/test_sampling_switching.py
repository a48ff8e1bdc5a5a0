# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.addons.base.tests.common import BaseCommon
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user


class SwitchingCase(BaseCommon):
    """Switching rules on lots recorded straight on the plan, as the AQL
    inspections record them (``_record_sampled_lot``), or by result only
    (``_record_lot_result``).

    Level II, AQL 1.0, normal inspection (Table 2-A = Table II-A):
    lot 50 gives D, whose cell points down to E: n = 13, Ac 0, Re 1; lot 500
    gives H: n = 50, Ac 1, Re 2; lot 1000 gives J: n = 80, Ac 2, Re 3, and J
    one step tighter (AQL 0.65) is Ac 1, Re 2; lot 2000 gives K: n = 125,
    Ac 3, Re 4, and K at 0.65 is Ac 2, Re 3.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Plan = cls.env["quality.sampling.plan"]
        cls.product = cls.env["product.product"].create(
            {"name": "QPS Sampled Bolt", "type": "consu"}
        )
        cls.other_product = cls.env["product.product"].create(
            {"name": "QPS Sampled Nut", "type": "consu"}
        )
        cls.plan = Plan.create(
            {"name": "QPS ISO AQL 1.0", "aql": "1.0", "allow_reduced": True}
        )
        cls.plan_z14 = Plan.create(
            {
                "name": "QPS Z1.4 AQL 1.0",
                "aql": "1.0",
                "allow_reduced": True,
                "standard": "ansi_z14",
            }
        )
        cls.plan_no_reduced = Plan.create({"name": "QPS ISO no reduced"})
        cls.operator = new_test_user(
            cls.env, login="qps_switch_operator", groups="mrp.group_mrp_user"
        )
        cls.inspector = new_test_user(
            cls.env,
            login="qps_switch_inspector",
            groups="quality_progress_sync.group_quality_inspector",
        )
        cls.manager = new_test_user(
            cls.env,
            login="qps_switch_manager",
            groups="quality_progress_sync.group_quality_manager",
        )

    def _lot(self, plan, defects, lot_size=1000, product=None, original=True):
        """Record a lot of ``lot_size`` sampled at the product's severity, in
        which ``defects`` were found, as the operator; its plan."""
        product = product or self.product
        plan = plan.with_user(self.operator)
        lot_plan = plan._get_product_plan(product, lot_size)
        plan._record_sampled_lot(product, lot_plan, defects, original=original)
        return lot_plan

    def _scores(self, plan, lots):
        """Switching scores after each of ``lots`` ((lot size, defects))."""
        scores = []
        for lot_size, defects in lots:
            self._lot(plan, defects, lot_size)
            scores.append(plan._get_state(self.product).switching_score)
        return scores

    def _run(self, plan, results, product=None):
        """Record ``results`` ("A" accepted, "R" not); severities after each."""
        product = product or self.product
        severities = []
        for result in results:
            severity = plan._record_lot_result(product, result == "A")
            self.assertEqual(plan._get_severity(product), severity)
            severities.append(severity[0])
        return "".join(severities)

    def _state(self, plan=None, product=None):
        return (plan or self.plan)._get_state(product or self.product)

    def _snapshot(self, state):
        return (
            state.severity,
            state.history,
            state.switching_score,
            state.tightened_rejected_count,
            state.discontinued,
            state.reduced_approved_by_id,
            state.lot_count,
            len(state.lot_ids),
            len(state.event_ids),
        )

    def _reach_score_30(self, plan=None):
        """15 lots of 500 (Ac 1) accepted: 15 x 2 = 30."""
        self.assertEqual(self._scores(plan or self.plan, [(500, 0)] * 15)[-1], 30)
        return self._state(plan)

    def _approve(self, state, note="Steady production"):
        state.with_user(self.manager).action_approve_reduced(note)


class TestSwitchingScore(SwitchingCase):
    """ISO 2859-1:1999 clause 9.3.3, worked out by hand."""

    def test_acceptance_number_0_or_1_adds_2_per_accepted_lot(self):
        # H (Ac 1): +2 for 0 or 1 nonconforming; 2 is not accepted: 0. E at
        # lot 50 has Ac 0: +2 too.
        self.assertEqual(
            self._scores(self.plan, [(500, 0), (500, 1), (50, 0), (500, 2), (500, 1)]),
            [2, 4, 6, 0, 2],
        )

    def test_acceptance_number_2_adds_3_when_the_tighter_aql_accepts(self):
        # J (Ac 2; Ac 1 at AQL 0.65): 0 or 1 nonconforming +3; 2 accepts the
        # lot but not at the tighter AQL: back to 0; 10 more lots reach 30.
        scores = self._scores(
            self.plan, [(1000, d) for d in (0, 1, 0, 1, 2, *([0, 1] * 5))]
        )
        self.assertEqual(scores, [3, 6, 9, 12, 0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30])
        state = self._state()
        self.assertEqual(state.history, "A" * 10)
        self.assertEqual(state.severity, "normal")
        self.assertTrue(state.reduced_eligible)

    def test_lots_of_both_kinds_and_a_lot_not_accepted(self):
        # 500: H, Ac 1, +2. 1000: J, Ac 2, tighter Ac 1. 2000: K, Ac 3,
        # tighter Ac 2. 2000 with 4 is not accepted: 0.
        lots = [
            (500, 1),  # 2
            (1000, 1),  # 5
            (1000, 2),  # accepted, not at 0.65: 0
            (500, 0),  # 2
            (2000, 2),  # 5
            (2000, 3),  # accepted, not at 0.65: 0
            (2000, 0),  # 3
            (2000, 4),  # not accepted: 0
            (1000, 0),  # 3
        ]
        self.assertEqual(self._scores(self.plan, lots), [2, 5, 0, 2, 5, 0, 3, 0, 3])
        self.assertEqual(self._state().severity, "normal")

    def test_higher_acceptance_numbers(self):
        # AQL 2.5, lot 1000: J, Ac 5, Re 6; J at AQL 1.5: Ac 3.
        plan = self.plan.copy({"aql": "2.5"})
        self.assertEqual(
            self._scores(plan, [(1000, d) for d in (3, 0, 4, 3, 5, 6, 1)]),
            [3, 6, 0, 3, 0, 0, 3],
        )

    def test_score_qualifies_at_30_and_never_switches_alone(self):
        scores = self._scores(self.plan, [(500, 0)] * 16)
        self.assertEqual(scores[-3:], [28, 30, 32])
        state = self._state()
        self.assertTrue(state.reduced_eligible)
        self.assertEqual(state.severity, "normal")
        self.assertEqual(self.plan._get_severity(self.product), "normal")
        self.assertFalse(state.event_ids)

    def test_score_counts_normal_inspection_only_and_starts_again(self):
        self._scores(self.plan, [(500, 0)] * 3)
        # 2 lots not accepted: tightened; the score starts again at 0.
        self._scores(self.plan, [(500, 2), (500, 2)])
        self.assertEqual(self._state().severity, "tightened")
        # Tightened, lot 500 (H points down to J: n = 80, Ac 1): lots
        # accepted add nothing there.
        self.assertEqual(self._scores(self.plan, [(500, 0)] * 4), [0] * 4)
        self.assertEqual(self._scores(self.plan, [(500, 0)]), [0])
        self.assertEqual(self._state().severity, "normal")
        self.assertEqual(self._scores(self.plan, [(500, 1), (1000, 1)]), [2, 5])

    def test_lot_sampled_under_another_severity_adds_nothing(self):
        self._scores(self.plan, [(500, 0)] * 2)
        tightened = self.plan._get_plan(1000, "tightened")
        self.plan._record_sampled_lot(self.product, tightened, 0)
        self.assertEqual(self._state().switching_score, 4)
        self.plan._record_sampled_lot(self.product, tightened, 2)
        self.assertEqual(self._state().switching_score, 0)

    def test_z14_has_no_score_but_10_accepted_lots(self):
        """ANSI/ASQ Z1.4 clause 8.3.3: the last 10 lots on normal inspection
        accepted (its limit numbers are not applied, clause 8.5)."""
        self._lot(self.plan_z14, 3)
        for __ in range(9):
            self._lot(self.plan_z14, 2)
        state = self._state(self.plan_z14)
        self.assertEqual(state.history, "RAAAAAAAAA")
        self.assertFalse(state.reduced_eligible)
        self._lot(self.plan_z14, 0)
        self.assertTrue(state.reduced_eligible)
        self.assertEqual(state.switching_score, 0)
        self.assertEqual(state.accepted_in_row, 10)
        self.assertEqual(state.last_ten_defect_count, 18)
        self.assertEqual(state.last_ten_sample_units, 800)


class TestReducedInspection(SwitchingCase):
    def test_a_quality_manager_approves_reduced_inspection(self):
        state = self._reach_score_30()
        self._approve(state, "Steady rate since March")
        self.assertEqual(state.severity, "reduced")
        self.assertEqual(state.reduced_approved_by_id, self.manager)
        self.assertTrue(state.reduced_approved_date)
        self.assertEqual(state.switching_score, 0)
        event = state.event_ids
        self.assertEqual(event.event, "reduced_approved")
        self.assertEqual(event.user_id, self.manager)
        self.assertEqual(event.reason, "Steady rate since March")
        self.assertEqual(
            (event.severity_from, event.severity_to), ("normal", "reduced")
        )
        lot_plan = self.plan._get_product_plan(self.product, 1000)
        self.assertEqual(
            (lot_plan["severity"], lot_plan["sample_size"], lot_plan["reject"]),
            ("reduced", 32, 2),
        )

    def test_approval_by_others_is_refused_and_writes_nothing(self):
        state = self._reach_score_30()
        before = self._snapshot(state)
        for user in (self.operator, self.inspector):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    state.with_user(user).action_approve_reduced("Me")
                with self.assertRaises(AccessError):
                    self.env["quality.sampling.state.decision"].with_user(user).create(
                        {"state_id": state.id, "decision": "approve_reduced"}
                    )
                self.assertEqual(self._snapshot(state), before)
        self.assertEqual(self.plan._get_severity(self.product), "normal")

    def test_approval_refused_until_the_lots_qualify(self):
        self._scores(self.plan, [(500, 0)] * 14)
        state = self._state()
        before = self._snapshot(state)
        with self.assertRaises(UserError):
            self._approve(state)
        self.assertEqual(self._snapshot(state), before)

    def test_approval_refused_when_the_plan_does_not_allow_it(self):
        state = self._reach_score_30(self.plan_no_reduced)
        before = self._snapshot(state)
        with self.assertRaises(UserError):
            self._approve(state)
        self.assertEqual(self._snapshot(state), before)

    def test_approval_note_must_be_a_text(self):
        state = self._reach_score_30()
        before = self._snapshot(state)
        with self.assertRaises(ValidationError):
            state.with_user(self.manager).action_approve_reduced(["yes"])
        self.assertEqual(self._snapshot(state), before)

    def test_approval_from_the_switching_state_screen(self):
        state = self._reach_score_30()
        wizard = Form(
            self.env["quality.sampling.state.decision"]
            .with_user(self.manager)
            .with_context(default_state_id=state.id, default_decision="approve_reduced")
        ).save()
        wizard.action_confirm()
        self.assertEqual(state.severity, "reduced")
        self.assertEqual(state.reduced_approved_by_id, self.manager)

    def test_lot_not_accepted_under_reduced_returns_to_normal(self):
        self._approve(self._reach_score_30())
        # ISO reduced J: n = 32, Ac 1, Re 2.
        self.assertEqual(self._lot(self.plan, 1)["reject"], 2)
        state = self._state()
        self.assertEqual(state.severity, "reduced")
        self._lot(self.plan, 2)
        self.assertEqual(state.severity, "normal")
        self.assertEqual(state.event_ids[0].event, "normal_after_rejection")
        self.assertEqual(state.lot_ids[0].result, "not_accepted")
        self.assertEqual(state.switching_score, 0)

    def test_z14_lot_accepted_above_ac_returns_to_normal(self):
        for __ in range(10):
            self._lot(self.plan_z14, 0)
        state = self._state(self.plan_z14)
        self._approve(state)
        # Z1.4 reduced J: n = 32, Ac 1, Re 3: 2 accepts, normal comes back.
        self.assertEqual(self._lot(self.plan_z14, 1)["reject"], 3)
        self.assertEqual(state.severity, "reduced")
        self._lot(self.plan_z14, 2)
        self.assertEqual(state.severity, "normal")
        self.assertEqual(state.lot_ids[0].result, "accepted")
        self.assertEqual(state.event_ids[0].event, "normal_between_ac_re")

    def test_manager_reinstates_normal_with_a_reason(self):
        state = self._reach_score_30()
        self._approve(state)
        before = self._snapshot(state)
        for user in (self.operator, self.inspector):
            with self.assertRaises(AccessError):
                state.with_user(user).action_reinstate_normal("Line stopped")
        with self.assertRaises(UserError):
            state.with_user(self.manager).action_reinstate_normal("  ")
        self.assertEqual(self._snapshot(state), before)
        state.with_user(self.manager).action_reinstate_normal(
            "Production delayed by a new supplier"
        )
        self.assertEqual(state.severity, "normal")
        event = state.event_ids[0]
        self.assertEqual(event.event, "normal_by_manager")
        self.assertEqual(event.user_id, self.manager)
        self.assertEqual(event.reason, "Production delayed by a new supplier")
        with self.assertRaises(UserError):
            state.with_user(self.manager).action_reinstate_normal("Again")

    def test_plan_no_longer_allowing_reduced(self):
        self._approve(self._reach_score_30())
        self.plan.allow_reduced = False
        self.assertEqual(self.plan._get_severity(self.product), "normal")
        self._lot(self.plan, 0)
        state = self._state()
        self.assertEqual(state.severity, "normal")
        self.assertEqual(state.event_ids[-1:].event, "reduced_approved")
        self.assertIn("normal_not_allowed", state.event_ids.mapped("event"))


class TestTightenedAndDiscontinuation(SwitchingCase):
    def test_new_product_starts_normal(self):
        self.assertEqual(self.plan._get_severity(self.product), "normal")
        self.assertFalse(self.plan._get_state(self.product))

    def test_two_rejections_in_five_lots_tighten(self):
        self.assertEqual(self._run(self.plan, "ARAAR"), "nnnnt")
        self.assertEqual(self._state().event_ids.event, "tightened")

    def test_two_consecutive_rejections_tighten(self):
        self.assertEqual(self._run(self.plan_z14, "AARR"), "nnnt")

    def test_two_rejections_six_lots_apart_stay_normal(self):
        self.assertEqual(self._run(self.plan, "RAAAARAAAAR"), "n" * 11)

    def test_five_accepted_lots_relax_tightened(self):
        self.assertEqual(
            self._run(self.plan, "RR" + "AAAA" + "R" + "AAAAA"),
            "nt" + "tttt" + "t" + "ttttn",
        )
        self.assertEqual(
            self._state().event_ids.mapped("event"),
            ["normal_after_tightened", "tightened"],
        )

    def test_five_lots_not_accepted_under_tightened_discontinue(self):
        """Not accepted lots are counted over the whole tightened period, in
        a row or not (never 5 accepted in a row here)."""
        self._run(self.plan, "RR")
        state = self._state()
        self.assertEqual(self._run(self.plan, "RARAARAAARAAAA"), "t" * 14)
        self.assertEqual(state.tightened_rejected_count, 4)
        self.assertFalse(state.discontinued)
        self.assertEqual(self._run(self.plan, "R"), "t")
        self.assertTrue(state.discontinued)
        self.assertTrue(state.discontinued_date)
        self.assertEqual(state.tightened_rejected_count, 5)
        event = state.event_ids[0]
        self.assertEqual(event.event, "discontinued")
        self.assertEqual(event.lot_id, state.lot_ids[0])

    def test_discontinued_inspection_refuses_lots(self):
        self._run(self.plan, "RR" + "RRRRR")
        state = self._state()
        self.assertTrue(state.discontinued)
        before = self._snapshot(state)
        with self.assertRaises(UserError) as error:
            self.plan.with_user(self.operator)._record_lot_result(self.product, True)
        self.assertIn("discontinued", str(error.exception))
        with self.assertRaises(UserError):
            self._lot(self.plan, 0)
        with self.assertRaises(UserError):
            self.plan._check_not_discontinued(self.product)
        self.assertEqual(self._snapshot(state), before)
        # Other products and plans go on.
        self.assertEqual(self._run(self.plan, "A", self.other_product), "n")
        self.assertEqual(self._run(self.plan_z14, "A"), "n")

    def test_restart_after_the_corrective_action(self):
        self._run(self.plan, "RR" + "RRRRR")
        state = self._state()
        before = self._snapshot(state)
        for user in (self.operator, self.inspector):
            with self.assertRaises(AccessError):
                state.with_user(user).action_restart("Fixed it")
        with self.assertRaises(UserError):
            state.with_user(self.manager).action_restart()
        with self.assertRaises(ValidationError):
            state.with_user(self.manager).action_restart({"action": "fixed"})
        self.assertEqual(self._snapshot(state), before)
        state.with_user(self.manager).action_restart("Worn die replaced, 8D closed")
        self.assertFalse(state.discontinued)
        self.assertEqual(state.severity, "tightened")
        self.assertEqual(state.tightened_rejected_count, 0)
        event = state.event_ids[0]
        self.assertEqual(
            (event.event, event.user_id, event.reason),
            ("restarted", self.manager, "Worn die replaced, 8D closed"),
        )
        self.assertEqual(
            state.event_ids.mapped("event"), ["restarted", "discontinued", "tightened"]
        )
        self.assertEqual(self._run(self.plan, "AAAAA"), "ttttn")
        with self.assertRaises(UserError):
            state.with_user(self.manager).action_restart("Not discontinued")

    def test_restart_from_the_switching_state_screen(self):
        self._run(self.plan_z14, "RR" + "RRRRR")
        state = self._state(self.plan_z14)
        form = Form(
            self.env["quality.sampling.state.decision"]
            .with_user(self.manager)
            .with_context(default_state_id=state.id, default_decision="restart")
        )
        form.reason = "Supplier changed"
        form.save().action_confirm()
        self.assertFalse(state.discontinued)
        self.assertEqual(state.event_ids[0].reason, "Supplier changed")

    def test_discontinued_plan_cannot_be_deleted(self):
        self._run(self.plan, "RR" + "RRRRR")
        with self.assertRaises(UserError):
            self.plan.with_user(self.manager).unlink()
        self.assertTrue(self.plan.exists())


class TestSwitchingHistory(SwitchingCase):
    def test_switching_history(self):
        """A long run through every automatic rule, severity checked after
        each lot."""
        lots = (
            "RAAAR"  # 2 rejections in 5 lots: tightened
            "AARAAAAA"  # 5 accepted in a row after the last rejection: normal
            "AAAAAAAAAA"  # 10 accepted: normal until a manager approves
            "RAAAAAR"  # 2 rejections 7 lots apart: still normal
            "R"  # the second of the last 2 lots: tightened
        )
        expected = "nnnnttttttttnnnnnnnnnnnnnnnnnnt"
        self.assertEqual(self._run(self.plan, lots), expected)
        state = self._state()
        self.assertEqual(state.severity, "tightened")
        self.assertEqual(state.lot_count, len(lots))
        self.assertEqual(len(state.lot_ids), len(lots))
        self.assertFalse(state.history)

    def test_history_keeps_the_lots_since_the_last_switch(self):
        self._run(self.plan, "AARA")
        state = self._state()
        self.assertEqual(state.history, "AARA")
        self._run(self.plan, "A" * 20)
        self.assertEqual(state.history, "A" * 10)
        self.assertEqual(state.lot_count, 24)

    def test_lot_records_what_was_sampled_and_found(self):
        self._lot(self.plan, 1, lot_size=1000)
        lot = self._state().lot_ids
        self.assertEqual(
            (
                lot.severity,
                lot.code_letter,
                lot.sample_size,
                lot.accept_number,
                lot.reject_number,
                lot.defect_count,
                lot.result,
                lot.original,
                lot.switching_score,
                lot.severity_after,
                lot.user_id,
            ),
            ("normal", "J", 80, 2, 3, 1, "accepted", True, 3, "normal", self.operator),
        )

    def test_resubmitted_lot_is_kept_but_does_not_count(self):
        self._lot(self.plan, 0)
        self._lot(self.plan, 5)
        state = self._state()
        before = (state.severity, state.history, state.switching_score)
        self._lot(self.plan, 5, original=False)
        self.assertEqual((state.severity, state.history, state.switching_score), before)
        self.assertEqual(state.lot_count, 3)
        self.assertFalse(state.lot_ids[0].original)
        self.assertEqual(state.lot_ids[0].result, "not_accepted")

    def test_one_state_per_plan_and_product(self):
        self._run(self.plan, "RR")
        self._run(self.plan, "A", self.other_product)
        self.assertEqual(self.plan._get_severity(self.product), "tightened")
        self.assertEqual(self.plan._get_severity(self.other_product), "normal")
        self.assertEqual(self.plan_z14._get_severity(self.product), "normal")
        self.assertEqual(len(self.plan.state_ids), 2)

    def test_product_plan_follows_the_severity(self):
        def plan_of(plan):
            result = plan._get_product_plan(self.product, 1000)
            return result["sample_size"], result["accept"], result["reject"]

        self.assertEqual(plan_of(self.plan), (80, 2, 3))
        self._run(self.plan, "RR")
        self.assertEqual(plan_of(self.plan), (80, 1, 2))

    def test_bad_product_records_nothing(self):
        template = self.product.product_tmpl_id
        for product in (
            self.env["product.product"],
            self.product | self.other_product,
            template,
            None,
        ):
            with self.subTest(product=product):
                with self.assertRaises(ValidationError):
                    self.plan._record_lot_result(product, False)
        self.assertFalse(self.plan.state_ids)


class TestSwitchingStateSecurity(SwitchingCase):
    def test_workflow_fields_are_refused_to_users(self):
        self._run(self.plan, "RR")
        state = self._state()
        before = self._snapshot(state)
        for vals in (
            {"severity": "reduced"},
            {"switching_score": 30},
            {"discontinued": True},
            {"history": "AAAAA"},
            {"reduced_approved_by_id": self.manager.id},
        ):
            with self.subTest(vals=vals):
                for user in (self.operator, self.manager):
                    with self.assertRaises(UserError):
                        state.with_user(user).write(vals)
        with self.assertRaises(UserError):
            self.env["quality.sampling.state"].with_user(self.manager).create(
                {
                    "plan_id": self.plan.id,
                    "product_id": self.other_product.id,
                    "severity": "reduced",
                }
            )
        with self.assertRaises(UserError):
            state.with_user(self.manager).unlink()
        for record, vals in (
            (state.lot_ids[0], {"result": "accepted"}),
            (state.event_ids[0], {"reason": "x"}),
        ):
            with self.subTest(model=record._name):
                with self.assertRaises(AccessError):
                    record.with_user(self.manager).write(vals)
                with self.assertRaises(AccessError):
                    record.with_user(self.manager).unlink()
        self.assertEqual(self._snapshot(state), before)

    def test_operator_reads_the_switching_state(self):
        self._run(self.plan, "RR")
        state = self._state().with_user(self.operator)
        self.assertEqual(state.severity, "tightened")
        self.assertEqual(state.event_ids.event, "tightened")
        self.assertEqual(len(state.lot_ids), 2)

    def test_switching_state_screen_loads(self):
        self._run(self.plan, "RR")
        State = self.env["quality.sampling.state"].with_user(self.manager)
        views = State.get_views([(False, "list"), (False, "form"), (False, "search")])
        self.assertIn("event_ids", views["views"]["form"]["arch"])
        form = Form(self._state().with_user(self.operator))
        self.assertEqual(form.severity, "tightened")
        self.assertEqual(form.standard, "iso2859_1")
