# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SPC sheets of the workbook and the run rules on a new subgroup cost a
number of queries that does not depend on the history (issue #28)."""

from odoo.addons.quality_progress_sync.tests.test_query_budget_scale import (
    XlsxBudgetCase,
)


class TestSpcXlsxBudget(XlsxBudgetCase):
    bore = {"spc_enabled": True}

    def test_xlsx_with_spc_costs_the_same_for_2_or_10_orders(self):
        self._xlsx_queries(2)  # warm the caches up
        self.assertEqual(self._xlsx_queries(2), self._xlsx_queries(10))
