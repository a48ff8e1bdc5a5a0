# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def write(self, vals):
        # A manufacturing order's state follows its moves: once they are all
        # done, it is done, whatever its work orders. A move set done passes
        # the gate of its order (read once for the orders of Mark as Done,
        # then found in the cache: see ``_is_quality_gate_clear``).
        if vals.get("state") == "done" and not self.env.su:
            moves = self.filtered(lambda move: not move.scrapped)
            productions = moves.raw_material_production_id | moves.production_id
            productions._check_quality_gate(open_only=True)
        return super().write(vals)
