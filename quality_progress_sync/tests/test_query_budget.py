# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets that bench/run measures at scale: the quality gate and the
work-order kanban cost a number of queries that does not depend on how many
inspections or work orders there are. (Generation: see test_generation.)"""

from .common import QualityProgressCase
from .kanban_spec import ODOO_KANBAN_SPEC, QUALITY_KANBAN_SPEC
from .test_query_budget_plain import count_addon_queries

# The gate's budget when a started work order finishes: its queries on the
# add-on's tables, whatever its passed inspections (1, 30 or none): the
# blocking inspections read once (``gate_blocking``), the operator noted.
FINISH_ADDON_BUDGET = 2


class TestQueryBudget(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Cut of the Frame: 1 checkpoint; Cut of the Fork: 30.
        cls._create_checkpoint(name="One", operation_id=cls.op_cut.id)
        cls.other_cut = cls.other_bom.operation_ids.sorted("sequence")[:1]
        for index in range(30):
            cls._create_checkpoint(name=f"Many {index}", operation_id=cls.other_cut.id)

    def _finish_queries(self, product, operation, inspections):
        """Queries of finishing the started work order of ``operation`` of a
        new MO of ``product``, once its ``inspections`` inspections passed:
        (all of them, those on the add-on's tables)."""
        production = self._create_mo(product=product)
        self._pass_all(production)
        workorder = self._workorder(production, operation).with_user(self.operator)
        self.assertEqual(len(workorder.inspection_ids), inspections)
        workorder.button_start()
        queries = count_addon_queries(self.env, workorder.button_finish)
        self.assertEqual(workorder.state, "done")
        return queries

    def test_gate_costs_the_same_for_1_or_30_passed_inspections(self):
        self._finish_queries(self.product, self.op_cut, 1)  # warm the caches up
        one = self._finish_queries(self.product, self.op_cut, 1)
        many = self._finish_queries(self.other_product, self.other_cut, 30)
        self.assertEqual(one, many)
        self.assertLessEqual(many[1], FINISH_ADDON_BUDGET)

    def test_gate_reads_no_passed_inspection(self):
        """Finishing a work order whose 30 inspections passed costs what
        finishing one without inspection does."""
        plain_product = self.env["product.product"].create(
            {"name": "QPS Plain", "type": "consu"}
        )
        plain_cut = self._create_bom(plain_product).operation_ids.sorted("sequence")[:1]
        self._finish_queries(plain_product, plain_cut, 0)  # warm the caches up
        plain = self._finish_queries(plain_product, plain_cut, 0)
        many = self._finish_queries(self.other_product, self.other_cut, 30)
        self.assertEqual(plain, many)
        self.assertLessEqual(plain[1], FINISH_ADDON_BUDGET)

    def test_kanban_costs_the_same_for_5_or_50_work_orders(self):
        self._create_checkpoint(workcenter_id=self.wc_weld.id, operation_id=False)
        productions = self.env["mrp.production"].create(
            [
                {
                    "product_id": self.product.id,
                    "product_uom_id": self.product.uom_id.id,
                    "product_qty": 1.0,
                    "bom_id": self.bom.id,
                }
                for __ in range(17)
            ]
        )
        productions.action_confirm()
        # Some passed, one failed, the others still to do: the first five
        # work orders read count blocked ones too.
        self._pass_all(productions[2:8])
        productions[-1].workorder_ids.inspection_ids[:1].do_fail("Bench")
        self._kanban_queries(productions, QUALITY_KANBAN_SPEC, 5)  # warm up
        odoo_few = self._kanban_queries(productions, ODOO_KANBAN_SPEC, 5)
        few = self._kanban_queries(productions, QUALITY_KANBAN_SPEC, 5)
        many = self._kanban_queries(productions, QUALITY_KANBAN_SPEC, 50)
        self.assertEqual(few, many)
        # The blocking reasons, in the reader's language: the blocking
        # inspections with their checkpoints' names, in one query.
        self.assertEqual(few, odoo_few + 1)
