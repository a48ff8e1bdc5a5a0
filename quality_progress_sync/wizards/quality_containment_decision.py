# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from ..models.quality_containment_line import DECISIONS


class QualityContainmentDecision(models.TransientModel):
    """A Quality Manager's decision on suspect lots, with its reason: the
    form behind the lines' buttons. The lines' own actions check the rights
    and the conditions."""

    _name = "quality.containment.decision"
    _description = "Decision on Suspect Lots"

    line_ids = fields.Many2many(
        "quality.containment.line", string="Suspect Lots", required=True
    )
    decision = fields.Selection(DECISIONS, required=True, default="release")
    reason = fields.Text(help="Why: kept in the containment and its nonconformance.")

    def action_confirm(self):
        self.ensure_one()
        lines = self.line_ids
        if self.decision == "release":
            lines.action_release(self.reason)
        elif self.decision == "rework":
            lines.action_rework(self.reason)
        else:
            lines.action_scrap(self.reason)
        return {"type": "ir.actions.act_window_close"}
