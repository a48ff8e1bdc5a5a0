# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from contextlib import ExitStack, closing

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, sql_db
from odoo.tools import mute_logger

from .common import QualityProgressCase


class TestSamplingStateCreation(QualityProgressCase):
    """The switching state of a product under a plan is created once, also
    when two first lots are recorded at the same time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["quality.sampling.plan"].create(
            {"name": "QPS AQL 2.5", "aql": "2.5"}
        )

    def _states(self, product=None):
        return self.env["quality.sampling.state"].search(
            [
                ("plan_id", "=", self.plan.id),
                ("product_id", "=", (product or self.product).id),
            ]
        )

    def test_first_lot_creates_the_state_once(self):
        plan = self.plan.with_user(self.operator)
        self.assertEqual(plan._record_lot_result(self.product, False), "normal")
        self.assertEqual(plan._record_lot_result(self.product, False), "tightened")
        state = self._states()
        self.assertEqual(len(state), 1)
        self.assertEqual(state.severity, "tightened")
        self.assertEqual(state.lot_count, 2)
        self.assertEqual(state.company_id, self.plan.company_id)
        self.assertEqual(state.create_uid, self.operator)
        self.assertEqual(self.plan.state_ids, state)
        self.assertEqual(plan._get_severity(self.product), "tightened")

    def test_existing_state_goes_on(self):
        self.plan._record_lot_result(self.product, True)
        state = self._states()
        self.assertEqual(state.history, "A")
        self.plan.with_user(self.inspector)._record_lot_result(self.product, False)
        self.assertEqual(self._states(), state)
        self.assertEqual(state.history, "AR")
        self.assertEqual(state.lot_count, 2)

    def test_products_get_their_own_state(self):
        self.plan._record_lot_result(self.product, False)
        self.plan._record_lot_result(self.other_product, True)
        self.assertEqual(self._states().history, "R")
        self.assertEqual(self._states(self.other_product).history, "A")
        self.assertEqual(len(self.plan.state_ids), 2)


class TestSamplingStateConcurrency(QualityProgressCase):
    """Two transactions on their own connections, as two users' requests.

    The data they share is committed, then removed: the test's own
    transaction cannot be seen by another connection. The second transaction
    reads before the first commits, as a request that began at the same
    time; it must fail with a serialization failure, which Odoo retries, and
    not with a duplicate key, which it does not, and its retry must record
    the second lot.
    """

    def _new_env(self, stack):
        cursor = sql_db.db_connect(self.env.cr.dbname).cursor()
        return api.Environment(stack.enter_context(closing(cursor)), SUPERUSER_ID, {})

    @staticmethod
    def _begin(env):
        # Never wait long on a lock (of the test's own transaction, say).
        env.cr.execute("SET LOCAL lock_timeout = '10s'")

    def _commit_fixture(self, env):
        self._begin(env)
        product = env["product.product"].create(
            {"name": "QPS Concurrent Bolt", "type": "consu"}
        )
        plan = env["quality.sampling.plan"].create({"name": "QPS Concurrent AQL"})
        env.cr.commit()
        return plan.id, product.id

    def _drop_fixture(self, env, plan_id, product_id):
        env.cr.rollback()
        self._begin(env)
        env["quality.sampling.plan"].browse(plan_id).unlink()
        env["product.product"].browse(product_id).unlink()
        env.cr.commit()

    def test_two_first_lots_at_the_same_time(self):
        with ExitStack() as stack:
            env0, env1, env2 = (self._new_env(stack) for __ in range(3))
            plan_id, product_id = self._commit_fixture(env0)
            try:
                self._check_two_first_lots(env1, env2, plan_id, product_id)
            finally:
                env1.cr.rollback()
                env2.cr.rollback()
                self._drop_fixture(env0, plan_id, product_id)

    def _check_two_first_lots(self, env1, env2, plan_id, product_id):
        def record(env, accepted):
            plan = env["quality.sampling.plan"].browse(plan_id)
            result = plan._record_lot_result(
                env["product.product"].browse(product_id), accepted
            )
            env.flush_all()
            return result

        # The second request begins (takes its snapshot) before the first ends.
        self._begin(env2)
        env2.cr.execute("SELECT count(*) FROM quality_sampling_state")
        self._begin(env1)
        self.assertEqual(record(env1, False), "normal")
        env1.cr.commit()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(errors.SerializationFailure),
        ):
            record(env2, False)
        env2.cr.rollback()
        # Odoo's retry of the request, with a new snapshot.
        self._begin(env2)
        self.assertEqual(record(env2, False), "tightened")
        env2.cr.commit()
        env1.cr.execute(
            "SELECT count(*), max(lot_count) FROM quality_sampling_state"
            " WHERE plan_id = %s AND product_id = %s",
            (plan_id, product_id),
        )
        self.assertEqual(env1.cr.fetchone(), (1, 2))
