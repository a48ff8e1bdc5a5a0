# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class QualitySamplingHistory(models.AbstractModel):
    """An entry of a product's switching history under a sampling plan (a lot
    judged, a switch of severity): its state, when and by whom. Written by
    the switching rules only (``quality.sampling.state``), as superuser;
    users read them."""

    _name = "quality.sampling.history"
    _description = "Sampling Switching History Entry"
    _order = "date desc, id desc"

    state_id = fields.Many2one(
        "quality.sampling.state",
        string="Switching State",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    plan_id = fields.Many2one(related="state_id.plan_id", store=True)
    product_id = fields.Many2one(related="state_id.product_id", store=True)
    company_id = fields.Many2one(related="state_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", readonly=True, default=lambda self: self.env.user
    )
