# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of orders with no checkpoint (bench/run's "vs plain Odoo"
rows measure them against Odoo without the add-on): what the add-on costs
where nothing is inspected does not grow with the size of the order nor
with the number of work orders read."""

import functools
import os
import re
import sys
from unittest.mock import patch

import odoo
from odoo import fields

from .common import QualityProgressCase, capture_statements
from .kanban_spec import ODOO_KANBAN_SPEC, QUALITY_KANBAN_SPEC

# A statement that reads or writes one of the add-on's tables (not merely a
# column of its own on one of Odoo's).
ADDON_TABLE = re.compile(r'\b(?:FROM|JOIN|INTO|UPDATE)\s+"?quality_')

# The budgets of an order with no checkpoint: the add-on's queries on its own
# tables, whatever the size of the order (the start rules and the gate read
# the inspections in a constant number of queries), and how many times its
# reads make Odoo recompute the work orders' state there and then.
START_FINISH_ADDON_BUDGET = {0: 5, 1: 6}  # by position: the first, a next one
ORDER_ADDON_BUDGET = 4  # confirm and Mark as Done (5 with the gate marker)
STATE_RECOMPUTES_PER_WORKORDER = 3

# Where the add-on's code and Odoo's ORM live, as real paths: a frame is
# told apart by the folder its file is in, never by a word in its path (the
# folder of Odoo's set-up may well be named after the add-on).
ADDON_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__))) + os.sep
ODOO_DIR = os.path.dirname(os.path.realpath(odoo.__file__)) + os.sep
ODOO_ADDONS_DIR = os.path.join(ODOO_DIR, "addons") + os.sep


@functools.cache
def _code_owner(filename):
    """Whose code ``filename`` is: "addon" (the add-on's), "orm" (Odoo's core
    outside its addons: the ORM) or None (anyone else's)."""
    path = os.path.realpath(filename)
    if path.startswith(ADDON_DIR):
        return "addon"
    if path.startswith(ODOO_DIR) and not path.startswith(ODOO_ADDONS_DIR):
        return "orm"
    return None


def count_addon_queries(env, func):
    """Queries of ``func``, from a flushed and empty cache, its pending
    updates included: (all of them, those on the add-on's tables)."""
    env.flush_all()
    env.invalidate_all()
    with capture_statements() as statements:
        start = env.cr.sql_log_count
        func()
        env.flush_all()
        total = env.cr.sql_log_count - start
    addon_queries = [q for q in statements if ADDON_TABLE.search(q)]
    return total, len(addon_queries)


class TestQueryBudgetPlain(QualityProgressCase):
    """No checkpoint anywhere: the orders of most plants."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.long_product = cls.env["product.product"].create(
            {"name": "QPS Long Frame", "type": "consu"}
        )
        cls.long_bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.long_product.product_tmpl_id.id,
                "product_qty": 1.0,
                "bom_line_ids": [
                    (0, 0, {"product_id": cls.component.id, "product_qty": 1.0})
                ],
                "operation_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Step {index}",
                            "workcenter_id": workcenter.id,
                            "sequence": index,
                            "time_cycle_manual": 10,
                        },
                    )
                    for index, workcenter in enumerate(
                        [cls.wc_cut, cls.wc_weld, cls.wc_paint] * 4
                    )
                ],
            }
        )

    def _count_addon_queries(self, func):
        """See :func:`count_addon_queries`."""
        return count_addon_queries(self.env, func)

    def _start_finish_queries(self, product, position):
        """Queries of starting and finishing, as an operator, the work order
        at ``position`` (in the order of operations) of a new confirmed MO
        of ``product``."""
        production = self._create_mo(product=product)
        self.assertFalse(production.inspection_ids)
        workorder = production.workorder_ids.sorted(lambda wo: (wo.sequence, wo.id))[
            position
        ].with_user(self.operator)

        def start_finish():
            workorder.button_start()
            workorder.button_finish()

        queries = self._count_addon_queries(start_finish)
        self.assertEqual(workorder.state, "done")
        return queries

    def test_start_finish_cost_does_not_grow_with_the_order(self):
        """Starting and finishing a work order of an order of 3 or of 12
        work orders, none inspected: the same queries, on the add-on's
        tables as in all (the start rules and the gate read the order's
        inspections in a constant number of queries). The first work order,
        and one that waits for another (its cross-checks are read)."""
        self.assertEqual(len(self.long_bom.operation_ids), 12)
        self._start_finish_queries(self.product, 0)  # warm the caches up
        for position in (0, 1):
            short = self._start_finish_queries(self.product, position)
            long = self._start_finish_queries(self.long_product, position)
            self.assertEqual(short, long, f"work order {position + 1} of the order")
            self.assertLessEqual(long[1], START_FINISH_ADDON_BUDGET[position])

    def test_kanban_quality_fields_free_without_inspections(self):
        """With no inspection, the quality fields of the Progress & Quality
        kanban are read by the same SELECT as Odoo's fields: not one query
        more than Odoo's kanban, for 6 work orders as for 48."""
        productions = self.env["mrp.production"].create(
            [
                {
                    "product_id": self.long_product.id,
                    "product_uom_id": self.long_product.uom_id.id,
                    "product_qty": 1.0,
                    "bom_id": self.long_bom.id,
                }
                for __ in range(4)
            ]
        )
        productions.action_confirm()
        self.assertFalse(productions.inspection_ids)
        self._kanban_queries(
            productions, QUALITY_KANBAN_SPEC, 6, counter=self._count_addon_queries
        )  # warm up
        for limit in (6, 48):
            odoo, __ = self._kanban_queries(
                productions, ODOO_KANBAN_SPEC, limit, counter=self._count_addon_queries
            )
            quality, __ = self._kanban_queries(
                productions,
                QUALITY_KANBAN_SPEC,
                limit,
                counter=self._count_addon_queries,
            )
            self.assertEqual(quality, odoo, f"kanban of {limit} work orders")

    def _order_costs(self, product):
        """Confirming then marking done, as an operator, a new MO of
        ``product``, no checkpoint: its queries (all of them, those on the
        add-on's tables), and how many times a read in the add-on's code made
        Odoo recompute the work orders' state there and then (Odoo otherwise
        recomputes it once, when it needs it)."""
        production = self._create_mo(product=product, confirm=False).with_user(
            self.operator
        )
        set_off = []
        depth = [0]
        recompute = fields.Field.recompute

        def counting_recompute(field, records):
            if (field.model_name, field.name) == ("mrp.workorder", "state") and not (
                depth[0]
            ):
                # The first caller outside the ORM: Odoo's code or the add-on's.
                frame = sys._getframe(1)
                while frame and _code_owner(frame.f_code.co_filename) == "orm":
                    frame = frame.f_back
                if frame and _code_owner(frame.f_code.co_filename) == "addon":
                    set_off.append(frame.f_code.co_name)
            depth[0] += 1
            try:
                return recompute(field, records)
            finally:
                depth[0] -= 1

        def confirm_and_mark_done():
            production.action_confirm()
            production.button_mark_done()

        with patch.object(fields.Field, "recompute", counting_recompute):
            queries = self._count_addon_queries(confirm_and_mark_done)
        self.assertEqual(production.state, "done")
        self.assertFalse(production.inspection_ids)
        return (*queries, len(set_off))

    def test_order_cost_does_not_grow_with_the_order(self):
        """Confirm and Mark as Done of an order of 3 or 12 work orders, none
        inspected: the add-on reads its tables the same few times (the links'
        cross-checks and the checkpoints at confirm, the order's gate, the
        operators), not at each of the writes Odoo makes one work order at a
        time; nor does it read the work orders' state there, which made Odoo
        recompute it at each write (about 9 times per work order, against 3
        reads when the buttons start)."""
        self._order_costs(self.product)  # warm the caches up
        for product, count in ((self.product, 3), (self.long_product, 12)):
            self.assertEqual(len(product.bom_ids.operation_ids), count)
        __, short_addon, short_set_off = self._order_costs(self.product)
        __, long_addon, long_set_off = self._order_costs(self.long_product)
        self.assertEqual(short_addon, long_addon)
        self.assertLessEqual(long_addon, ORDER_ADDON_BUDGET)
        self.assertLessEqual(short_set_off, STATE_RECOMPUTES_PER_WORKORDER * 3)
        self.assertLessEqual(long_set_off, STATE_RECOMPUTES_PER_WORKORDER * 12)

    def test_mrp_writes_look_for_no_dependent_record(self):
        """The states and flags Mark as Done writes on every work order, order,
        move and move line have no relational field of the add-on among their
        dependents: such a field makes Odoo search for the records depending
        on each write (63 queries more to Mark as Done an order of 20 work
        orders when a containment line's open deliveries depended on its
        order's state)."""
        registry = self.env.registry
        addon_modules = {
            module.name
            for module in self.env["ir.module.module"].search(
                [("name", "=like", "quality_progress_sync%")]
            )
        }
        for model, name in (
            ("mrp.workorder", "state"),
            ("mrp.production", "state"),
            ("stock.move", "picked"),
            ("stock.move.line", "picked"),
        ):
            field = self.env[model]._fields[name]
            relational = [
                str(dep)
                for dep in registry.get_dependent_fields(field)
                if (dep.relational or registry.field_inverses[dep])
                and dep._module in addon_modules
            ]
            self.assertFalse(relational, f"{model}.{name}")
