# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from .quality_sampling_plan import SEVERITIES

LOT_RESULTS = [
    ("accepted", "Accepted"),
    ("not_accepted", "Not Accepted"),
]


class QualitySamplingLot(models.Model):
    """One lot judged under a sampling plan, in its product's switching
    history: how it was sampled, what was found, what the rules made of it
    (``quality.sampling.history``)."""

    _name = "quality.sampling.lot"
    _description = "Sampled Lot"
    _inherit = "quality.sampling.history"

    user_id = fields.Many2one(string="Judged By")
    inspection_id = fields.Many2one(
        "quality.inspection", readonly=True, index="btree_not_null"
    )
    severity = fields.Selection(
        SEVERITIES,
        readonly=True,
        help="Inspection severity of the plan the lot was sampled with.",
    )
    code_letter = fields.Char(readonly=True)
    sample_size = fields.Integer(readonly=True)
    accept_number = fields.Integer(string="Ac", readonly=True)
    reject_number = fields.Integer(string="Re", readonly=True)
    defect_count = fields.Integer(string="Nonconforming", readonly=True)
    result = fields.Selection(LOT_RESULTS, required=True, readonly=True)
    original = fields.Boolean(
        string="Original Inspection",
        readonly=True,
        help="Counted by the switching rules. A resubmitted lot (the "
        "re-inspection of a reworked lot, a new result of a reopened "
        "inspection) is kept but not counted.",
    )
    switching_score = fields.Integer(
        string="Score After",
        readonly=True,
        help="Switching score of ISO 2859-1 after this lot.",
    )
    severity_after = fields.Selection(
        SEVERITIES,
        string="Next Lot",
        readonly=True,
        help="Inspection severity for the next lot, after this one.",
    )
