# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What containment costs: opening one reads as many queries whatever the
number of lots it holds; a transfer or an order with no held lot pays
nothing for the hold (the same queries as with the hold switched off)."""

import re
from contextlib import ExitStack
from unittest.mock import patch

from .containment_common import ContainmentCase, at

# Opening a containment (the bracket, what it made, the trace, the lines,
# the hold, the record), whatever the number of lots: the figure of the
# README. The activity's e-mail is sent as under Odoo's test runner (which
# names the current test: the e-mail is marked sent, no SMTP connection).
OPENING_QUERIES = 109


class TestContainmentCost(ContainmentCase):
    # What a user's action costs, its chatter and e-mail included.
    chatter = True

    def _hold_switched_off(self):
        """The hold's additions to transfers and orders, switched off."""
        stack = ExitStack()
        for model, method in (
            ("stock.lot", "_quality_lock_and_read"),
            ("stock.move.line", "_check_quality_hold"),
            ("mrp.production", "_check_containment_decided"),
            ("mrp.production", "_after_containment_rework"),
        ):
            stack.enter_context(
                patch.object(type(self.env[model]), method, lambda *a, **k: None)
            )
        return stack

    def _compare(self, make, run, rounds=3):
        """The fewest queries of ``run`` on records made alike by ``make``,
        with the hold switched off and on, measured in turn over ``rounds``
        once Odoo's caches are warm (the first run of a test fills them): a
        query the hold makes every time shows in the fewest, a query of
        Odoo's own that a cache saves some times only does not (seen once
        in a full run, not reproduced alone)."""
        run(make())
        without, with_hold = [], []
        for __ in range(rounds):
            first, second = make(), make()
            with self._hold_switched_off():
                without.append(self._count_queries(lambda first=first: run(first)))
            with_hold.append(self._count_queries(lambda second=second: run(second)))
        return min(without), min(with_hold)

    def test_delivery_of_lots_not_held_pays_nothing(self):
        lots = [
            self._make(
                self.shaft, 2, at(7, minute), at(7, minute + 5), f"FREE-{minute}"
            )
            for minute in range(0, 70, 10)  # 1 + 2 x 3 transfers
        ]
        pickings = iter(lots)

        def make():
            return self._deliver(next(pickings))

        def run(picking):
            picking.with_user(self.stock_user).button_validate()
            self.assertEqual(picking.state, "done")

        without, with_hold = self._compare(make, run)
        self.assertEqual(with_hold, without)

    def test_delivery_of_untracked_products_pays_nothing(self):
        pin = self.env["product.product"].create(
            {"name": "QPS Pin", "type": "consu", "is_storable": True}
        )
        self.env["stock.quant"]._update_available_quantity(pin, self.stock, 30.0)

        def make():
            picking = self._transfer([(pin, 3.0)])
            picking.action_assign()
            return picking

        def run(picking):
            picking.with_user(self.stock_user).button_validate()
            self.assertEqual(picking.state, "done")

        without, with_hold = self._compare(make, run)
        self.assertEqual(with_hold, without)

    def test_order_with_no_held_lot_pays_nothing(self):
        starts = iter(range(6, 22, 2))  # 1 + 2 x 3 orders

        def make():
            start = next(starts)
            production = self._start(self.shaft, 2, at(start))
            production.lot_producing_id = self.env["stock.lot"].create(
                {"name": f"MO-{start}", "product_id": self.shaft.id}
            )
            production.qty_producing = 2
            return production.with_user(self.operator)

        def run(production):
            production.button_mark_done()
            self.assertEqual(production.state, "done")

        without, with_hold = self._compare(make, run)
        self.assertEqual(with_hold, without)

    def test_opening_reads_as_many_queries_whatever_the_number_of_lots(self):
        counts = []
        for index, count in enumerate((1, 1, 6)):
            product = self._create_tracked(f"QPS Part {index}")
            bom = self._create_one_step_bom(product, self.component, self.wc_cut)
            checkpoint = self.patrol.copy(
                {"operation_id": bom.operation_ids.id, "containment_policy": "none"}
            )
            self._make(product, 5, at(8), at(9), f"P{index}-PASSED")
            for lot in range(count):
                self._make(product, 2, at(9, lot), at(9, lot + 1), f"P{index}-{lot}")
            failing = self._start(product, 5, at(12))
            self._record(failing, at(13), "fail")
            checkpoint.containment_policy = "window_downstream"
            inspection = failing.inspection_ids.filtered(lambda i: i.state == "fail")
            Containment = self.env["quality.containment"]
            counts.append(
                self._count_queries(
                    lambda inspection=inspection, model=Containment: (
                        model._open_for_failures(inspection)
                    )
                )
            )
            self.assertEqual(len(self._containment(failing).line_ids), count + 1)
        self.assertEqual(counts[1], counts[2], "1 lot, 6 lots")
        self.assertLessEqual(counts[2], OPENING_QUERIES, counts)

    def test_lots_locked_when_held_and_when_validated(self):
        """A delivery validated while a containment is opened waits for it,
        then fails to serialize and is retried against the hold: both lock
        the lots' rows."""
        lot = self._make(self.shaft, 2, at(7), at(7, 30), "LOT-LOCKED")
        picking = self._deliver(lot)
        statements = self._statements(
            lambda: picking.with_user(self.stock_user).button_validate()
        )
        self.assertTrue(
            any('FROM "stock_lot"' in s and s.endswith("FOR SHARE") for s in statements)
        )
        self._make(self.shaft, 5, at(8), at(9), "LOT-PASSED")
        self._make(self.shaft, 2, at(9, 30), at(10), "LOT-SUSPECT")
        failing = self._start(self.shaft, 5, at(12))
        statements = self._statements(lambda: self._record(failing, at(13), "fail"))
        locking = re.compile(
            r"SELECT id FROM stock_lot WHERE id IN \(.*\) FOR NO KEY UPDATE"
        )
        self.assertTrue(any(locking.fullmatch(s) for s in statements), statements)

    def _statements(self, func):
        with self._capture_statements() as statements:
            func()
        return statements
