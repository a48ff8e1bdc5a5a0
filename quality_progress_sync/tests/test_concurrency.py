# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Races between two users' requests, each on a connection of its own.

A test of Odoo runs in one transaction, rolled back at its end, that no other
connection sees. These tests commit what the requests share (users, a work
center, products with their operations and checkpoints, the orders), serve
two requests on connections of their own as the server serves them, and
delete at the end every row committed since they began.

As the server serves a request: its first query takes the snapshot it reads
(Odoo's transactions are REPEATABLE READ); a serialization failure rolls it
back and runs it again (odoo.service.model.retrying); a UserError rolls it
back. Two requests *at once* both take their snapshot before either commits,
the first commits, then the second runs. In *one waits for the other*, the
second runs, in a thread, while the first holds its locks uncommitted.

Whatever the order, one request wins and the other is refused with a clear
message: never both, never an order or a work order done (or a work order
started) while an inspection that holds it is to do or failed.
"""

from types import SimpleNamespace

from odoo import Command
from odoo.tests import Form, new_test_user

from .concurrency_common import ConcurrencyCase, call

BLOCKED = "cannot be finished until its blocking"
NOT_REOPENED = "cannot be reopened"


def correct_to_fail(inspection_id):
    """A request of the manager correcting a pass: reopened, then failed."""

    def request(env):
        inspection = env["quality.inspection"].browse(inspection_id)
        inspection._reopen("Wrong gauge")
        return inspection.do_fail("Too short")

    return request


class TestConcurrency(ConcurrencyCase):
    """Two users' requests on the same inspection, work order or order."""

    @classmethod
    def _commit_fixture(cls, env):
        cls.operator = new_test_user(
            env,
            login="qps_race_operator",
            groups="mrp.group_mrp_user,mrp.group_mrp_routings",
        ).id
        cls.inspector = new_test_user(
            env,
            login="qps_race_inspector",
            groups="quality_progress_sync.group_quality_inspector",
        ).id
        cls.manager = new_test_user(
            env,
            login="qps_race_manager",
            groups="quality_progress_sync.group_quality_manager",
        ).id
        workcenter = env["mrp.workcenter"].create({"name": "QPS Race Bench"})
        component = env["product.product"].create(
            {"name": "QPS Race Tube", "type": "consu"}
        )
        parts = {"workcenter": workcenter, "component": component}
        cls.product = cls._commit_product(env, "QPS Race Frame", parts)
        cls.cross_product = cls._commit_product(
            env, "QPS Race Fork", parts, performer="cross"
        )
        cls.patrol_product = cls._commit_product(
            env,
            "QPS Race Bar",
            parts,
            stage="patrol",
            frequency="every_n_units",
            frequency_units=1.0,
        )

    @classmethod
    def _commit_product(cls, env, name, parts, **checkpoint_vals):
        """A product made by a cut then a pack, the cut checked as
        ``checkpoint_vals`` say; a failure waits for an inspector's
        disposition (it holds the gate). Returns the product's id."""
        product = env["product.product"].create({"name": name, "type": "consu"})
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "bom_line_ids": [
                    Command.create(
                        {"product_id": parts["component"].id, "product_qty": 1.0}
                    )
                ],
                "operation_ids": [
                    Command.create(
                        {"name": operation, "workcenter_id": parts["workcenter"].id}
                    )
                    for operation in ("Cut", "Pack")
                ],
            }
        )
        env["quality.checkpoint"].create(
            {
                "name": f"{name} length",
                "operation_id": bom.operation_ids.sorted("id")[0].id,
                "on_failure": "alert",
                **checkpoint_vals,
            }
        )
        return product.id

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _commit_order(self, product=None, quantity=1.0, **steps):
        """A confirmed order, committed, after the ``steps`` that are true,
        in this order: ``started`` (its cut started), ``producing`` (its
        quantity recorded), ``passed`` (its inspections passed), ``cut`` (its
        cut started and finished). Returns the ids of the order, its cut,
        its pack and its inspection."""
        self.setup.begin()
        env = self.setup.env(user=self.operator)
        production = env["mrp.production"].create(
            {"product_id": product or self.product, "product_qty": quantity}
        )
        production.action_confirm()
        cut, pack = production.workorder_ids.sorted("id")
        if steps.get("started") or steps.get("cut"):
            cut.button_start()
        if steps.get("producing"):
            # Reported while the cut runs (before its start, no report).
            with Form(production) as order:
                order.qty_producing = 1.0
        inspection = production.inspection_ids
        self.assertEqual(inspection.mapped("state"), ["todo"])
        if steps.get("passed"):
            inspection.with_user(self.inspector).do_pass()
        if steps.get("cut"):
            cut.button_finish()
        self.setup.commit()
        return SimpleNamespace(
            production=production.id,
            cut=cut.id,
            pack=pack.id,
            inspection=inspection.id,
        )

    # ------------------------------------------------------------------
    # Two users record the same inspection
    # ------------------------------------------------------------------

    def _check_one_result(self, inspection_id, state, user):
        """The inspection holds one result, by ``user``: its chatter tells
        one change of state."""
        inspection = self._read("quality.inspection", inspection_id)
        self.assertEqual(inspection.state, state)
        self.assertEqual(inspection.user_id.id, user)
        self.assertEqual(bool(inspection.failure_note), state == "fail")
        self.assertEqual(bool(inspection.nonconformance_id), state == "fail")
        changes = inspection.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertEqual(
            [(change.old_value_char, change.new_value_char) for change in changes],
            [("To Do", "Passed" if state == "pass" else "Failed")],
        )

    def test_two_results_at_once(self):
        """The operator passes the piece while the inspector fails it, both
        having read it to do. The pass commits first: the fail cannot lock
        the row its snapshot saw to do, runs again and is told that the
        inspection passed."""
        order = self._commit_order()
        operator = self._request(self.operator)
        inspector = self._request(self.inspector)
        passed, refusal = self._race_at_once(
            operator,
            call("quality.inspection", order.inspection, "do_pass"),
            inspector,
            call("quality.inspection", order.inspection, "do_fail", "Burr"),
        )
        self.assertServed(operator, passed)
        self.assertRefused(inspector, refusal, "is already Passed")
        self._check_one_result(order.inspection, "pass", self.operator)

    def test_second_result_waits_for_the_first(self):
        """The inspector's fail holds the inspection: the operator's pass
        waits for it, runs again and is told that the inspection failed."""
        order = self._commit_order()
        inspector = self._request(self.inspector)
        operator = self._request(self.operator)
        failed, refusal = self._race_waiting(
            inspector,
            call("quality.inspection", order.inspection, "do_fail", "Burr"),
            operator,
            call("quality.inspection", order.inspection, "do_pass"),
        )
        self.assertServed(inspector, failed)
        self.assertRefused(operator, refusal, "is already Failed")
        self._check_one_result(order.inspection, "fail", self.inspector)

    # ------------------------------------------------------------------
    # Mark as Done racing a reopen
    # ------------------------------------------------------------------

    def _check_done_not_reopened(self, order):
        self.assertEqual(self._read("mrp.production", order.production).state, "done")
        inspection = self.setup.env["quality.inspection"].browse(order.inspection)
        self.assertEqual(inspection.state, "pass")
        self.assertFalse(inspection.reopening_ids)

    def _check_reopened_not_done(self, order):
        production = self._read("mrp.production", order.production)
        self.assertNotIn(production.state, ("to_close", "done"))
        self.assertNotIn("done", production.workorder_ids.mapped("state"))
        inspection = production.inspection_ids
        self.assertEqual(inspection.state, "todo")
        self.assertEqual(len(inspection.reopening_ids), 1)

    def _mark_done_and_reopen(self, order):
        """The operator's Mark as Done and the manager's reopen."""
        return (
            self._request(self.operator),
            call("mrp.production", order.production, "button_mark_done"),
            self._request(self.manager),
            call("quality.inspection", order.inspection, "_reopen", "Gauge drift"),
        )

    def test_done_and_reopen_at_once_done_first(self):
        """Both read the order with its inspection passed. Mark as Done
        commits first: the reopen cannot write the order its snapshot saw
        open, runs again and is refused: the order is done."""
        order = self._commit_order(producing=True, passed=True)
        operator, mark_done, manager, reopen = self._mark_done_and_reopen(order)
        done, refusal = self._race_at_once(operator, mark_done, manager, reopen)
        self.assertServed(operator, done)
        self.assertRefused(manager, refusal, NOT_REOPENED)
        self._check_done_not_reopened(order)

    def test_done_and_reopen_at_once_reopen_first(self):
        """The reopen commits first: Mark as Done, whose gate saw the
        inspection passed, cannot write the order, runs again and is refused
        by the gate."""
        order = self._commit_order(producing=True, passed=True)
        operator, mark_done, manager, reopen = self._mark_done_and_reopen(order)
        reopened, refusal = self._race_at_once(manager, reopen, operator, mark_done)
        self.assertServed(manager, reopened)
        self.assertRefused(operator, refusal, BLOCKED)
        self._check_reopened_not_done(order)

    def test_reopen_waits_for_done(self):
        """Mark as Done holds the order: the reopen waits for it, runs again
        and is refused."""
        order = self._commit_order(producing=True, passed=True)
        operator, mark_done, manager, reopen = self._mark_done_and_reopen(order)
        done, refusal = self._race_waiting(operator, mark_done, manager, reopen)
        self.assertServed(operator, done)
        self.assertRefused(manager, refusal, NOT_REOPENED)
        self._check_done_not_reopened(order)

    def test_done_waits_for_reopen(self):
        """The reopen holds the order and its work order: Mark as Done, whose
        gate saw the inspection passed, waits for it, runs again and is
        refused by the gate."""
        order = self._commit_order(producing=True, passed=True)
        operator, mark_done, manager, reopen = self._mark_done_and_reopen(order)
        reopened, refusal = self._race_waiting(manager, reopen, operator, mark_done)
        self.assertServed(manager, reopened)
        self.assertRefused(operator, refusal, BLOCKED)
        self._check_reopened_not_done(order)

    # ------------------------------------------------------------------
    # A result racing the work order's finish
    # ------------------------------------------------------------------

    def _check_cut(self, order, workorder_state, state):
        workorder = self._read("mrp.workorder", order.cut)
        self.assertEqual(workorder.state, workorder_state)
        inspection = workorder.inspection_ids
        self.assertEqual(inspection.state, state)
        self.assertEqual(bool(inspection.nonconformance_id), state == "fail")

    def test_fail_and_finish_at_once(self):
        """The inspector fails the piece while the operator finishes the cut:
        the finish, whose gate saw the inspection to do, is refused, whether
        the fail commits before or after it."""
        for fail_first in (True, False):
            with self.subTest(fail_first=fail_first):
                order = self._commit_order(started=True)
                operator = self._request(self.operator)
                inspector = self._request(self.inspector)
                finish = call("mrp.workorder", order.cut, "button_finish")
                fail = call("quality.inspection", order.inspection, "do_fail", "Short")
                if fail_first:
                    failed, refusal = self._race_at_once(
                        inspector, fail, operator, finish
                    )
                else:
                    refusal, failed = self._race_at_once(
                        operator, finish, inspector, fail
                    )
                self.assertServed(inspector, failed)
                self.assertRefused(operator, refusal, BLOCKED, retried=False)
                self._check_cut(order, "progress", "fail")

    def test_correction_and_finish_at_once_correction_first(self):
        """The manager corrects a pass to a fail while the operator finishes
        the cut. The correction commits first: the finish, whose gate saw
        the inspection passed, cannot write the work order, runs again and
        is refused by the gate."""
        order = self._commit_order(started=True, passed=True)
        manager = self._request(self.manager)
        operator = self._request(self.operator)
        failed, refusal = self._race_at_once(
            manager,
            correct_to_fail(order.inspection),
            operator,
            call("mrp.workorder", order.cut, "button_finish"),
        )
        self.assertServed(manager, failed)
        self.assertRefused(operator, refusal, BLOCKED)
        self._check_cut(order, "progress", "fail")

    def test_correction_and_finish_at_once_finish_first(self):
        """The finish commits first: the correction, whose snapshot saw the
        cut running, cannot write it, runs again and is refused: the cut is
        done."""
        order = self._commit_order(started=True, passed=True)
        operator = self._request(self.operator)
        manager = self._request(self.manager)
        finished, refusal = self._race_at_once(
            operator,
            call("mrp.workorder", order.cut, "button_finish"),
            manager,
            correct_to_fail(order.inspection),
        )
        self.assertServed(operator, finished)
        self.assertRefused(manager, refusal, NOT_REOPENED)
        self._check_cut(order, "done", "pass")

    def test_correction_waits_for_finish(self):
        """The finish holds the cut: the correction waits for it, runs again
        and is refused."""
        order = self._commit_order(started=True, passed=True)
        operator = self._request(self.operator)
        manager = self._request(self.manager)
        finished, refusal = self._race_waiting(
            operator,
            call("mrp.workorder", order.cut, "button_finish"),
            manager,
            correct_to_fail(order.inspection),
        )
        self.assertServed(operator, finished)
        self.assertRefused(manager, refusal, NOT_REOPENED)
        self._check_cut(order, "done", "pass")

    # ------------------------------------------------------------------
    # A new inspection racing the work order's finish
    # ------------------------------------------------------------------

    def test_new_patrol_and_finish_at_once(self):
        """A patrol each unit, 1 of 2 bars produced, its patrol passed. The
        operator records the second bar, which adds a patrol to do, while an
        inspector finishes the cut. The new patrol commits first: the
        finish, whose gate saw every patrol passed, cannot write the work
        order (the new inspection changed its quality status), runs again
        and is refused by the gate."""
        order = self._commit_order(
            self.patrol_product, 2.0, producing=True, started=True, passed=True
        )
        operator = self._request(self.operator)
        inspector = self._request(self.inspector)

        def produce(env):
            production = env["mrp.production"].browse(order.production)
            with Form(production) as form:
                form.qty_producing = 2.0
            return True

        produced, refusal = self._race_at_once(
            operator,
            produce,
            inspector,
            call("mrp.workorder", order.cut, "button_finish"),
        )
        self.assertServed(operator, produced)
        self.assertRefused(inspector, refusal, BLOCKED)
        cut = self._read("mrp.workorder", order.cut)
        self.assertEqual(cut.state, "progress")
        self.assertEqual(
            cut.inspection_ids.sorted("id").mapped("state"), ["pass", "todo"]
        )

    # ------------------------------------------------------------------
    # The next work order's start racing a reopen of its cross-check
    # ------------------------------------------------------------------

    def _check_pack(self, order, pack_state, state):
        pack = self._read("mrp.workorder", order.pack)
        self.assertEqual(pack.state, pack_state)
        inspection = self.setup.env["quality.inspection"].browse(order.inspection)
        self.assertEqual(inspection.state, state)

    def _start_and_reopen(self, order):
        """The packer's start and the manager's reopen of the cross-check of
        the cut, which holds the pack."""
        return (
            self._request(self.operator),
            call("mrp.workorder", order.pack, "button_start"),
            self._request(self.manager),
            call("quality.inspection", order.inspection, "_reopen", "Gauge drift"),
        )

    def test_start_and_cross_check_reopen_at_once_reopen_first(self):
        """The cut is done, its cross-check passed. The reopen commits first:
        the start, whose snapshot saw the cross-check passed, cannot write
        the pack (the reopen writes what the cross-check holds), runs again
        and is refused."""
        order = self._commit_order(self.cross_product, passed=True, cut=True)
        operator, start, manager, reopen = self._start_and_reopen(order)
        reopened, refusal = self._race_at_once(manager, reopen, operator, start)
        self.assertServed(manager, reopened)
        self.assertRefused(operator, refusal, "cannot start before the cross-check")
        self._check_pack(order, "ready", "todo")

    def test_start_and_cross_check_reopen_at_once_start_first(self):
        """The start commits first: the reopen, whose snapshot saw the pack
        not started, cannot write it, runs again and is refused: what the
        cross-check held has started."""
        order = self._commit_order(self.cross_product, passed=True, cut=True)
        operator, start, manager, reopen = self._start_and_reopen(order)
        started, refusal = self._race_at_once(operator, start, manager, reopen)
        self.assertServed(operator, started)
        self.assertRefused(manager, refusal, NOT_REOPENED)
        self._check_pack(order, "progress", "pass")

    def test_start_waits_for_cross_check_reopen(self):
        """The reopen holds the pack: the start waits for it, runs again and
        is refused."""
        order = self._commit_order(self.cross_product, passed=True, cut=True)
        operator, start, manager, reopen = self._start_and_reopen(order)
        reopened, refusal = self._race_waiting(manager, reopen, operator, start)
        self.assertServed(manager, reopened)
        self.assertRefused(operator, refusal, "cannot start before the cross-check")
        self._check_pack(order, "ready", "todo")
