# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where the suspect quantities of untracked products wait: a quarantine
location of their warehouse, outside its stock (deliveries and orders never
reserve from it), left only by a containment's decisions."""

from odoo import api, fields, models


class StockLocation(models.Model):
    _name = "stock.location"
    _inherit = ["stock.location", "quality.protected.mixin"]
    # Made by the containments; a user who cleared the flag would free
    # what waits there.
    _quality_protected_fields = frozenset({"quality_quarantine"})

    quality_quarantine = fields.Boolean(
        readonly=True,
        copy=False,
        help="Suspect quantities of untracked products wait here until a "
        "Quality Manager decides them (Quality > Containments): nothing "
        "leaves it otherwise.",
    )

    @api.model
    def _get_quality_quarantine(self, location):
        """The quarantine location for what is held at ``location``: one per
        warehouse (per company without a warehouse), made on first use."""
        location = location.sudo()
        parent = location.warehouse_id.view_location_id or location.location_id
        company = location.company_id
        quarantine = self.sudo().search(
            [
                ("quality_quarantine", "=", True),
                ("location_id", "=", parent.id),
                ("company_id", "=", company.id),
            ],
            limit=1,
        )
        if not quarantine:
            quarantine = self.sudo().create(
                {
                    "name": self.env._("Quarantine"),
                    "usage": "internal",
                    "location_id": parent.id,
                    "company_id": company.id,
                    "quality_quarantine": True,
                }
            )
        return quarantine
