# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from .quality_sampling_plan import SEVERITIES

EVENTS = [
    ("tightened", "Tightened: 2 lots not accepted within 5 consecutive lots"),
    (
        "normal_after_tightened",
        "Normal: 5 consecutive lots accepted under tightened inspection",
    ),
    ("reduced_approved", "Reduced: approved by a Quality Manager"),
    ("normal_after_rejection", "Normal: a lot not accepted under reduced inspection"),
    (
        "normal_between_ac_re",
        "Normal: a lot accepted above Ac under reduced inspection (Z1.4)",
    ),
    ("normal_by_manager", "Normal: reinstated by a Quality Manager"),
    ("normal_not_allowed", "Normal: the plan no longer allows reduced inspection"),
    ("discontinued", "Discontinued: 5 lots not accepted under tightened inspection"),
    ("restarted", "Restarted at tightened inspection after corrective action"),
]


class QualitySamplingEvent(models.Model):
    """A switch of a product's inspection severity under a sampling plan, a
    discontinuation or a restart: what, when, who (the user who recorded the
    lot that triggered it, or the Quality Manager who decided) and why
    (``quality.sampling.history``)."""

    _name = "quality.sampling.event"
    _description = "Sampling Switching Event"
    _inherit = "quality.sampling.history"

    event = fields.Selection(EVENTS, required=True, readonly=True)
    severity_from = fields.Selection(SEVERITIES, string="From", readonly=True)
    severity_to = fields.Selection(SEVERITIES, string="To", readonly=True)
    reason = fields.Text(readonly=True)
    lot_id = fields.Many2one(
        "quality.sampling.lot",
        string="Lot Judged",
        readonly=True,
        ondelete="set null",
    )
