# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A transfer says which of its lots are on quality hold, and by which
containments, before anyone tries to validate it (the refusal itself is
``stock_move_line_hold.py``'s)."""

from collections import defaultdict

from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    quality_hold_warning = fields.Text(
        compute="_compute_quality_hold_warning",
        # Whoever may open the transfer reads it (a salesman from the order
        # too), without rights on the containments.
        compute_sudo=True,
        help="The lots of this transfer on quality hold and their containments: "
        "it cannot be validated until a Quality Manager decides them.",
    )

    @api.depends("state", "move_line_ids.lot_id.quality_hold")
    def _compute_quality_hold_warning(self):
        open_pickings = self.filtered(lambda p: p.state not in ("done", "cancel"))
        held = open_pickings.move_line_ids.lot_id.filtered("quality_hold")
        containments = self._get_holding_containments(held)
        for picking in self:
            lots = picking.move_line_ids.lot_id & held
            picking.quality_hold_warning = "\n".join(
                self.env._(
                    "Lot %(lot)s of %(product)s is on quality hold (%(containments)s)",
                    lot=lot.name,
                    product=lot.product_id.display_name,
                    containments=", ".join(containments[lot.id]) or "-",
                )
                for lot in lots.sorted("name")
            )

    @api.model
    def _get_holding_containments(self, lots):
        """{lot id: names of the containments holding it}: one query."""
        names = defaultdict(list)
        if not lots:
            return names
        lines = self.env["quality.containment.line"].search_fetch(
            [("lot_id", "in", lots.ids), ("holds_stock", "=", True)],
            ["lot_id", "containment_id"],
        )
        for line in lines:
            if line.containment_id.name not in names[line.lot_id.id]:
                names[line.lot_id.id].append(line.containment_id.name)
        return names
