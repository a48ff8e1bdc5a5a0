# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A Quality Manager of another company, over RPC (any arguments, any
context), does not decide a company's sampling: its switching states are
decided by a Quality Manager of their plan's company, and stay in it."""

from odoo.addons.base.tests.common import BaseCommon
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user


class TestSwitchingStateCompany(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "QPS Company B"})
        cls.product = cls.env["product.product"].create(
            {"name": "QPS Sampled Bolt", "type": "consu"}
        )
        cls.plan = cls.env["quality.sampling.plan"].create(
            {
                "name": "QPS Z1.4 AQL 1.0",
                "aql": "1.0",
                "allow_reduced": True,
                "standard": "ansi_z14",
            }
        )
        cls.manager_a = new_test_user(
            cls.env,
            login="qps_company_manager_a",
            groups="quality_progress_sync.group_quality_manager",
        )
        cls.manager_b = new_test_user(
            cls.env,
            login="qps_company_manager_b",
            groups="quality_progress_sync.group_quality_manager",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, [cls.company_b.id])],
        )

    def _record(self, results):
        for result in results:
            self.plan._record_lot_result(self.product, result == "A")
        return self.plan._get_state(self.product)

    def _snapshot(self, state):
        state.invalidate_recordset()
        return (
            state.company_id,
            state.severity,
            state.history,
            state.discontinued,
            state.reduced_approved_by_id,
            state.reduced_approved_date,
            len(state.lot_ids),
            len(state.event_ids),
        )

    def _decide(self, state, user, decision, reason="Steady", context=None):
        """As the switching state's buttons do: the decision form, confirmed."""
        Decision = self.env["quality.sampling.state.decision"].with_user(user)
        return Decision.with_context(**(context or {})).create(
            {"state_id": state.id, "decision": decision, "reason": reason}
        )

    def test_other_company_manager_cannot_approve_reduced(self):
        state = self._record("A" * 10)
        self.assertTrue(state.reduced_eligible)
        before = self._snapshot(state)
        foreign = state.with_user(self.manager_b)
        with self.assertRaises(AccessError):
            foreign.action_approve_reduced("Mine now")
        # Naming company A in the context is refused too.
        with self.assertRaises(AccessError):
            foreign.with_context(
                allowed_company_ids=[self.company_a.id, self.company_b.id]
            ).action_approve_reduced("Mine now")
        with self.assertRaises(AccessError):
            self._decide(state, self.manager_b, "approve_reduced")
        self.assertEqual(self._snapshot(state), before)
        state.with_user(self.manager_a).action_approve_reduced("Steady production")
        self.assertEqual(state.severity, "reduced")
        self.assertEqual(state.reduced_approved_by_id, self.manager_a)

    def test_other_company_manager_cannot_reinstate_normal(self):
        state = self._record("A" * 10)
        state.with_user(self.manager_a).action_approve_reduced("Steady production")
        before = self._snapshot(state)
        with self.assertRaises(AccessError):
            state.with_user(self.manager_b).action_reinstate_normal("Irregular")
        with self.assertRaises(AccessError):
            self._decide(state, self.manager_b, "reinstate_normal")
        self.assertEqual(self._snapshot(state), before)
        self.assertEqual(state.severity, "reduced")

    def test_other_company_manager_cannot_restart(self):
        state = self._record("RR" + "R" * 5)
        self.assertTrue(state.discontinued)
        before = self._snapshot(state)
        with self.assertRaises(AccessError):
            state.with_user(self.manager_b).action_restart("Die replaced")
        with self.assertRaises(AccessError):
            self._decide(state, self.manager_b, "restart", "Die replaced")
        self.assertEqual(self._snapshot(state), before)
        decision = self._decide(state, self.manager_a, "restart", "Die replaced")
        decision.action_confirm()
        self.assertFalse(state.discontinued)
        self.assertEqual(state.severity, "tightened")

    def test_state_stays_in_its_plans_company(self):
        """A stored related field is written by the ORM as any other: the
        state would leave its plan's company, and its managers."""
        state = self._record("AR")
        before = self._snapshot(state)
        for user in (self.manager_a, self.manager_b):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                state.with_user(user).write({"company_id": self.company_b.id})
        self.manager_a.company_ids += self.company_b
        with self.assertRaises(UserError):
            state.with_user(self.manager_a).with_context(
                allowed_company_ids=[self.company_a.id, self.company_b.id]
            ).write({"company_id": self.company_b.id})
        self.assertEqual(self._snapshot(state), before)
        self.assertEqual(state.company_id, self.plan.company_id)
