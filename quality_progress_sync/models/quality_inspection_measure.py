# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.tools import float_compare


class QualityInspectionMeasure(models.Model):
    _name = "quality.inspection.measure"
    _description = "Quality Inspection Measure"
    _order = "inspection_id, sample_no, id"

    inspection_id = fields.Many2one(
        "quality.inspection", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="inspection_id.company_id", store=True)
    sample_no = fields.Integer(string="Sample", required=True)
    value = fields.Float(digits="Quality Measure", required=True)
    uom_id = fields.Many2one(related="inspection_id.uom_id")
    is_within_tolerance = fields.Boolean(
        string="Within Tolerance", compute="_compute_is_within_tolerance", store=True
    )
    active = fields.Boolean(
        default=True, help="Measures of a reopened inspection are archived."
    )

    @api.depends("value", "inspection_id.tolerance_min", "inspection_id.tolerance_max")
    def _compute_is_within_tolerance(self):
        digits = self.env["decimal.precision"].precision_get("Quality Measure")
        for measure in self:
            inspection = measure.inspection_id
            measure.is_within_tolerance = (
                float_compare(
                    measure.value, inspection.tolerance_min, precision_digits=digits
                )
                >= 0
                and float_compare(
                    measure.value, inspection.tolerance_max, precision_digits=digits
                )
                <= 0
            )
