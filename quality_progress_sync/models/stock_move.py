# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models

from .quality_checked import is_quality_checked


class StockMove(models.Model):
    _inherit = "stock.move"

    def write(self, vals):
        # A manufacturing order's state follows its moves: once they are all
        # done, it is done, whatever its work orders. Mark as Done has passed
        # the gate by then; a move set done otherwise must pass it too.
        if vals.get("state") == "done" and not self.env.su:
            moves = self.filtered(lambda move: not move.scrapped)
            productions = moves.raw_material_production_id | moves.production_id
            if not is_quality_checked(productions, "gate"):
                productions._check_quality_gate(open_only=True)
        return super().write(vals)
