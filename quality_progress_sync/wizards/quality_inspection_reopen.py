# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class QualityInspectionReopen(models.TransientModel):
    _name = "quality.inspection.reopen"
    _description = "Reopen Quality Inspections"

    inspection_ids = fields.Many2many("quality.inspection", required=True)
    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        self.inspection_ids._reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
