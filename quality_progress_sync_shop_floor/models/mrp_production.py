# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The order's part in keeping the Shop Floor screens up to date: a change
of what its work orders show (shop_floor_notify.py)."""

from odoo import models

from .shop_floor_notify import PRODUCTION_SHOP_FLOOR_FIELDS, notify_shop_floor


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    def write(self, vals):
        res = super().write(vals)
        if PRODUCTION_SHOP_FLOOR_FIELDS & vals.keys():
            notify_shop_floor(self.env, self.workorder_ids)
        return res
