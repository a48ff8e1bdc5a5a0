# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class QualitySpcLimitsWizard(models.TransientModel):
    _name = "quality.spc.limits.wizard"
    _description = "Compute SPC Control Limits"

    checkpoint_ids = fields.Many2many("quality.checkpoint", string="Checkpoints")
    date_from = fields.Datetime(
        string="From",
        help="Subgroups recorded from this moment. Empty: from the first one.",
    )
    date_to = fields.Datetime(
        string="To",
        help="Subgroups recorded until this moment. Empty: until the last one.",
    )

    def action_compute(self):
        self.ensure_one()
        self.checkpoint_ids.action_compute_spc_limits(self.date_from, self.date_to)
        return {"type": "ir.actions.act_window_close"}
