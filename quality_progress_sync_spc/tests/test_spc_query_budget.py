# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SPC sheets of the workbook and the run rules on a new subgroup cost a
number of queries that does not depend on the history (issue #28)."""

from odoo.addons.quality_progress_sync.tests.common import QualityProgressCase


class TestSpcXlsxBudget(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_checkpoint(
            name="Bore",
            operation_id=cls.op_cut.id,
            check_type="measure",
            sample_size=3,
            norm=10.0,
            tolerance_min=9.9,
            tolerance_max=10.1,
            spc_enabled=True,
        )
        cls._create_checkpoint(name="Weld seam", operation_id=cls.op_weld.id)

    def _xlsx_queries(self, count):
        """Queries of the workbook of the work orders of ``count`` orders,
        their inspections passed but one failed."""
        productions = self.env["mrp.production"]
        for __ in range(count):
            productions |= self._create_mo()
        self._pass_all(productions[1:])
        inspections = productions[0].workorder_ids.inspection_ids
        inspections.filtered(lambda i: i.check_type == "measure").with_user(
            self.manager
        ).do_measure([10.0, 10.5, 10.0])
        Report = self.env["report.quality_progress_sync.progress_quality_xlsx"]
        workorders = productions.workorder_ids
        return self._count_queries(lambda: Report._generate_xlsx(workorders))

    def test_xlsx_with_spc_costs_the_same_for_2_or_10_orders(self):
        self._xlsx_queries(2)  # warm the caches up
        self.assertEqual(self._xlsx_queries(2), self._xlsx_queries(10))
