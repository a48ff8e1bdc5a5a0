# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    quality_nonconformance_id = fields.Many2one(
        "quality.nonconformance",
        string="Nonconformance",
        index="btree_not_null",
        copy=False,
    )
