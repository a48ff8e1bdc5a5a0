# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shop Floor screens follow the quantity and the lot an order is
producing (its work orders show them)."""

from odoo import models

from .quality_inspection_shop_floor import notify_shop_floor

SHOP_FLOOR_FIELDS = {"qty_producing", "lot_producing_id", "state"}


# One concern of the model per file (readme/DEVELOP.md): hence R8180.
class MrpProduction(models.Model):
    _inherit = "mrp.production"  # pylint: disable=R8180

    def write(self, vals):
        res = super().write(vals)
        if SHOP_FLOOR_FIELDS & vals.keys():
            notify_shop_floor(self.env, self.workorder_ids)
        return res
