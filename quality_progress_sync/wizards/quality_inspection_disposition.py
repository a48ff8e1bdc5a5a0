# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from ..models.quality_inspection import DISPOSITIONS


class QualityInspectionDisposition(models.TransientModel):
    _name = "quality.inspection.disposition"
    _description = "Disposition of Failed Inspections"

    inspection_ids = fields.Many2many("quality.inspection", required=True)
    disposition = fields.Selection(DISPOSITIONS, required=True, default="rework")
    reason = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        self.inspection_ids.action_set_disposition(self.disposition, self.reason)
        return {"type": "ir.actions.act_window_close"}
