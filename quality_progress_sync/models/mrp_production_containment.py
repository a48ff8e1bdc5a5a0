# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Manufacturing orders and containments: an order of a containment's
window still running is not marked as done until its suspect quantity is
decided; a rework order decided by a containment releases its lot once
done. Both read stored flags of the order, so that an order outside any
containment pays nothing."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class MrpProduction(models.Model):
    _name = "mrp.production"
    _inherit = ["mrp.production", "quality.protected.mixin"]
    # Set by the containments only.
    _quality_protected_fields = frozenset(
        {"quality_containment_hold", "quality_containment_rework"}
    )

    quality_containment_hold = fields.Boolean(
        string="Contained",
        readonly=True,
        copy=False,
        help="Suspect in an open containment: not marked as done, nor its "
        "lot delivered, until a Quality Manager decides it.",
    )
    quality_containment_rework = fields.Boolean(
        string="Containment Rework",
        readonly=True,
        copy=False,
        help="The rework order of a suspect lot, decided in a containment.",
    )

    @api.model
    def _quality_update_containment_hold(self, productions):
        """Flag ``productions`` while a containment line holds them."""
        productions = productions.sudo()
        if not productions:
            return
        held = (
            self.env["quality.containment.line"]
            .sudo()
            .search(
                [
                    ("production_id", "in", productions.ids),
                    ("holds_stock", "=", True),
                ]
            )
            .production_id
        )
        (held - held.filtered("quality_containment_hold")).write(
            {"quality_containment_hold": True}
        )
        productions.filtered("quality_containment_hold").filtered(
            lambda p: p not in held
        ).write({"quality_containment_hold": False})

    def _check_quality_gate(self, open_only=False):
        res = super()._check_quality_gate(open_only=open_only)
        self._check_containment_decided()
        return res

    def _check_containment_decided(self):
        """Refuse Done to running orders whose suspect quantity waits for a
        decision in a containment."""
        held = self.filtered(
            lambda p: p.quality_containment_hold and p.state not in ("done", "cancel")
        )
        if not held:
            return
        lines = (
            self.env["quality.containment.line"]
            .sudo()
            .search([("production_id", "in", held.ids), ("decision", "=", False)])
        )
        raise UserError(
            self.env._(
                "%(orders)s are suspect in containment %(containments)s: they are "
                "marked as done once a Quality Manager has decided them (release "
                "after a re-inspection, rework or scrap) in Quality > "
                "Containments.",
                orders=", ".join(held.mapped("display_name")),
                containments=", ".join(lines.containment_id.mapped("name")) or "-",
            )
        )

    def _get_quality_hold_errors(self):
        """Why the certificate of this order is refused by a containment:
        its lot or its suspect quantity is held."""
        self.ensure_one()
        lots = self.lot_producing_id | self.move_finished_ids.move_line_ids.lot_id
        held = lots.filtered("quality_hold")
        if not held and not self.quality_containment_hold:
            return []
        return [
            self.env._(
                "%(production)s: %(lots)s on quality hold in a containment. A "
                "Quality Manager decides it first (Quality > Containments).",
                production=self.display_name,
                lots=", ".join(held.mapped("display_name"))
                or self.env._("its suspect quantity"),
            )
        ]

    def _post_inventory(self, cancel_backorder=False):
        res = super()._post_inventory(cancel_backorder=cancel_backorder)
        self._after_containment_rework()
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        self._after_containment_rework()
        return res

    def _after_containment_rework(self):
        reworks = self.filtered("quality_containment_rework")
        if reworks:
            self.env["quality.containment.line"]._after_rework_orders(reworks)


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    # Read by the cards (Progress & Quality, Shop Floor) with the order they
    # already read: no query of its own.
    quality_containment_hold = fields.Boolean(
        related="production_id.quality_containment_hold",
        string="Held",
        help="Its order is suspect in an open containment: its output is "
        "held until a Quality Manager decides it.",
    )
