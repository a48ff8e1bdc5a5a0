# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from .quality_inspection import DISPOSITIONS


class QualityInspectionReopening(models.Model):
    """One reopening of a done inspection: who, when, why, and the result it
    set aside. Written by :meth:`quality.inspection._reopen` only; the
    printed inspection record lists them."""

    _name = "quality.inspection.reopening"
    _description = "Quality Inspection Reopening"
    _order = "inspection_id, date, id"

    inspection_id = fields.Many2one(
        "quality.inspection",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="inspection_id.company_id", store=True)
    user_id = fields.Many2one("res.users", string="Reopened By", readonly=True)
    date = fields.Datetime(string="Reopened On", readonly=True)
    reason = fields.Text(readonly=True)
    previous_state = fields.Selection(
        [("pass", "Passed"), ("fail", "Failed")], readonly=True
    )
    previous_user_id = fields.Many2one(
        "res.users", string="Previously Inspected By", readonly=True
    )
    previous_date = fields.Datetime(string="Previously Inspected On", readonly=True)
    previous_values = fields.Char(readonly=True)
    previous_disposition = fields.Selection(DISPOSITIONS, readonly=True)

    @api.model
    def _log(self, inspections, reason):
        """Record the reopening of ``inspections`` (still done) for ``reason``."""
        now = fields.Datetime.now()
        return self.sudo().create(
            [
                {
                    "inspection_id": inspection.id,
                    "user_id": self.env.uid,
                    "date": now,
                    "reason": reason,
                    "previous_state": inspection.state,
                    "previous_user_id": inspection.user_id.id,
                    "previous_date": inspection.date_done,
                    "previous_values": ", ".join(
                        str(value) for value in inspection.measure_ids.mapped("value")
                    ),
                    "previous_disposition": inspection.disposition,
                }
                for inspection in inspections
            ]
        )
