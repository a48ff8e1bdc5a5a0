# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Capability per work center and product (Quality > Reporting > Process
Capability)."""

from odoo.exceptions import UserError

from .spc_common import SpcCase
from .spc_published import PISTONRINGS, QCC_PISTONRINGS


class TestSpcCapabilityReport(SpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_spc_checkpoint(
            operation_id=False, workcenter_id=cls.wc_cut.id
        )
        cls._record_subgroups(cls.checkpoint, PISTONRINGS)
        cls._record_subgroups(cls.checkpoint, PISTONRINGS[:10], bom=cls.other_bom)

    def test_capability_per_work_center_and_product(self):
        rows = (
            self.env["quality.spc.capability"]
            .with_user(self.operator)
            .search([("checkpoint_id", "=", self.checkpoint.id)])
        )
        self.assertEqual(rows.product_id, self.product | self.other_product)
        self.assertEqual(rows.workcenter_id, self.wc_cut)
        frame = rows.filtered(lambda row: row.product_id == self.product)
        self.assertEqual(frame.subgroup_count, 25)
        self.assertEqual(frame.measure_count, 125)
        self.assertEqual(round(frame.cp, 2), QCC_PISTONRINGS["cp"])
        self.assertEqual(round(frame.cpk, 2), QCC_PISTONRINGS["cpk"])
        self.assertAlmostEqual(
            frame.sigma_within, QCC_PISTONRINGS["sigma_within"], places=6
        )
        self.assertFalse(frame.below_target)
        # The checkpoint's own figures cover both products.
        self.assertEqual(self.checkpoint.spc_subgroup_count, 35)

    def test_capability_below_target_is_found(self):
        self.checkpoint.spc_cpk_target = 1.68
        Report = self.env["quality.spc.capability"]
        below = Report.search(
            [
                ("checkpoint_id", "=", self.checkpoint.id),
                ("below_target", "=", True),
            ]
        )
        self.assertIn(self.product, below.product_id)
        with self.assertRaises(UserError):
            Report.search([("below_target", "in", [True])])
