# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math

from odoo import Command
from odoo.models import INSERT_BATCH_SIZE

from .common import QualityProgressCase


class TestGeneration(QualityProgressCase):
    def test_confirm_creates_inspections_of_matching_operation(self):
        checkpoint = self._create_checkpoint(operation_id=self.op_weld.id)
        production = self._create_mo()
        wo_weld = self._workorder(production, self.op_weld)
        self.assertEqual(production.inspection_ids.workorder_id, wo_weld)
        inspection = wo_weld.inspection_ids
        self.assertEqual(inspection.checkpoint_id, checkpoint)
        self.assertEqual(inspection.state, "todo")
        self.assertEqual(inspection.production_id, production)
        self.assertEqual(inspection.product_id, self.product)
        self.assertEqual(inspection.workcenter_id, self.wc_weld)
        self.assertTrue(inspection.name.startswith("QI/"))
        self.assertEqual(wo_weld.inspection_state, "todo")
        self.assertEqual(wo_weld.inspection_todo_count, 1)

    def test_draft_mo_has_no_inspection(self):
        self._create_checkpoint()
        production = self._create_mo(confirm=False)
        self.assertFalse(production.inspection_ids)
        production.action_confirm()
        self.assertEqual(len(production.inspection_ids), 1)

    def test_workcenter_scope(self):
        self._create_checkpoint(workcenter_id=self.wc_paint.id)
        production = self._create_mo()
        self.assertEqual(
            production.inspection_ids.workorder_id,
            self._workorder(production, self.op_paint),
        )
        # The other BoM uses the same work center: it is inspected too.
        other = self._create_mo(product=self.other_product)
        self.assertEqual(len(other.inspection_ids), 1)

    def test_operation_and_workcenter_must_both_match(self):
        self._create_checkpoint(
            operation_id=self.op_cut.id, workcenter_id=self.wc_paint.id
        )
        production = self._create_mo()
        self.assertFalse(production.inspection_ids)

    def test_product_scope(self):
        self._create_checkpoint(
            workcenter_id=self.wc_cut.id,
            product_ids=[Command.set(self.other_product.ids)],
        )
        self.assertFalse(self._create_mo().inspection_ids)
        self.assertTrue(self._create_mo(product=self.other_product).inspection_ids)

    def test_product_template_scope(self):
        self._create_checkpoint(
            workcenter_id=self.wc_cut.id,
            product_tmpl_ids=[Command.set(self.product.product_tmpl_id.ids)],
        )
        self.assertTrue(self._create_mo().inspection_ids)
        self.assertFalse(self._create_mo(product=self.other_product).inspection_ids)

    def test_category_scope_includes_subcategories(self):
        self._create_checkpoint(
            workcenter_id=self.wc_cut.id,
            product_category_ids=[Command.set(self.category.ids)],
        )
        self.assertTrue(self._create_mo().inspection_ids)
        self.assertFalse(self._create_mo(product=self.other_product).inspection_ids)

    def test_archived_checkpoint_is_ignored(self):
        self._create_checkpoint(active=False)
        self.assertFalse(self._create_mo().inspection_ids)

    def test_other_company_checkpoint_is_ignored(self):
        other_company = self.env["res.company"].create({"name": "QPS Other Co"})
        checkpoint = self._create_checkpoint(workcenter_id=self.wc_cut.id)
        # A checkpoint of another company that still points at our work
        # center (as after a company change of the work center).
        self.env.cr.execute(
            "UPDATE quality_checkpoint SET company_id = %s WHERE id = %s",
            (other_company.id, checkpoint.id),
        )
        checkpoint.invalidate_recordset()
        self.assertFalse(self._create_mo().inspection_ids)

    def test_snapshot_of_checkpoint(self):
        checkpoint = self._create_checkpoint(
            check_type="measure",
            norm=10.0,
            tolerance_min=9.9,
            tolerance_max=10.1,
            sample_size=3,
            stage="patrol",
            performer="inspector",
        )
        inspection = self._create_mo().inspection_ids
        checkpoint.write({"tolerance_max": 10.5, "norm": 10.2, "sample_size": 5})
        self.assertEqual(inspection.tolerance_max, 10.1)
        self.assertEqual(inspection.norm, 10.0)
        self.assertEqual(inspection.sample_size, 3)
        self.assertEqual(inspection.stage, "patrol")
        self.assertEqual(inspection.performer, "inspector")

    def test_generation_is_idempotent(self):
        self._create_checkpoint()
        production = self._create_mo()
        self.env["quality.checkpoint"]._create_inspections(production.workorder_ids)
        production.workorder_ids._action_confirm()
        self.assertEqual(len(production.inspection_ids), 1)

    def test_work_order_added_to_confirmed_mo_gets_inspections(self):
        self._create_checkpoint(workcenter_id=self.wc_weld.id, operation_id=False)
        production = self._create_mo()
        self.assertEqual(len(production.inspection_ids), 1)
        workorder = self.env["mrp.workorder"].create(
            {
                "name": "Extra weld",
                "production_id": production.id,
                "workcenter_id": self.wc_weld.id,
                "product_uom_id": production.product_uom_id.id,
            }
        )
        self.assertEqual(len(workorder.inspection_ids), 1)

    def test_one_batch_whatever_the_number_of_checkpoints(self):
        """Generation costs the same queries for 1 or 6 checkpoints."""
        self._create_checkpoint(name="Only one")
        self._count_generation_queries(expected=1)  # warm the caches up
        few_queries = self._count_generation_queries(expected=1)
        for index in range(5):
            self._create_checkpoint(name=f"More {index}", operation_id=self.op_weld.id)
        many_queries = self._count_generation_queries(expected=6)
        self.assertEqual(few_queries, many_queries)

    def test_beyond_one_insert_only_the_inserts_grow(self):
        """250 inspections cost one INSERT per 100 rows (the ORM's batch)
        more than one inspection, nothing else: no UPDATE of computed
        fields after the INSERT."""
        self._create_checkpoint(name="Only one")
        self._count_generation_queries(expected=1)  # warm the caches up
        few_queries = self._count_generation_queries(expected=1)
        self.env["quality.checkpoint"].create(
            [
                {"name": f"Bulk {index}", "operation_id": self.op_weld.id}
                for index in range(249)
            ]
        )
        many_queries = self._count_generation_queries(expected=250)
        inserts = math.ceil(250 / INSERT_BATCH_SIZE)
        self.assertEqual(many_queries, few_queries + inserts - 1)

    def _count_generation_queries(self, expected):
        workorders = self._create_mo(confirm=False).workorder_ids
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        inspections = self.env["quality.checkpoint"]._create_inspections(workorders)
        self.env.flush_all()
        self.assertEqual(len(inspections), expected)
        return self.env.cr.sql_log_count - start

    def test_cancelled_workorder_cancels_its_inspections(self):
        self._create_checkpoint()
        production = self._create_mo()
        production.action_cancel()
        self.assertEqual(production.inspection_ids.state, "cancel")
        self.assertEqual(
            self._workorder(production, self.op_cut).inspection_state, "none"
        )
