# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The rework order of a suspect lot in stock, split by concern from
quality_containment_line_decide.py: a manufacturing order that consumes the
held lot (the hold lets it, and it alone) and makes the product again, with
one work order at the contained work center and the checkpoint's
re-inspection on it, which its gate waits for. Done, it releases the hold;
cancelled, the lot waits for a new decision."""

from odoo import Command, api, models
from odoo.exceptions import UserError


class QualityContainmentLineRework(models.AbstractModel):
    """Inherited by ``quality.containment.line`` (its main file)."""

    _name = "quality.containment.line.rework"
    _description = "Containment Suspect Lot Rework"

    def _create_rework_order(self):
        self.ensure_one()
        quants = self._get_stock_quants()
        quantity = sum(quants.mapped("quantity"))
        if self.quarantine_qty:
            quantity = min(quantity, self.quarantine_qty)
        if quantity <= 0:
            raise UserError(
                self.env._(
                    "Nothing of %(lot)s is left in stock to rework (delivered or "
                    "consumed): decide a scrap or a release instead.",
                    lot=self.display_name,
                )
            )
        location = self._get_rework_location(quants)
        production = (
            self.env["mrp.production"]
            .sudo()
            .create(self._prepare_rework_order_vals(location, quantity))
        )
        production.action_confirm()
        self._reserve_for_rework(production, quants, quantity)
        self.sudo().rework_production_id = production
        workorder = production.workorder_ids[:1]
        if workorder:
            self._create_reinspection(False, workorder=workorder)
        return production

    def _get_rework_location(self, quants):
        """Where the rework order takes the lot from: its one location, or
        the stock of its warehouse."""
        self.ensure_one()
        locations = quants.location_id
        if len(locations) == 1:
            return locations
        return locations[:1].warehouse_id.lot_stock_id or locations[:1]

    def _prepare_rework_order_vals(self, location, quantity):
        """Values of the rework order (override point)."""
        self.ensure_one()
        product = self.product_id
        picking_type = self.production_id.picking_type_id
        vals = {
            "product_id": product.id,
            "product_qty": quantity,
            "product_uom_id": product.uom_id.id,
            # Not the product's bill of materials: the lot itself, made again.
            "bom_id": False,
            "company_id": self.company_id.id,
            "origin": self.containment_id.name,
            "quality_containment_rework": True,
            "location_src_id": location.id,
            "move_raw_ids": [
                Command.create(self._prepare_rework_raw_vals(location, quantity))
            ],
            "workorder_ids": [
                Command.create(
                    {
                        # Language-neutral: the containment and the lot.
                        "name": f"{self.containment_id.name} {self.display_name}",
                        "workcenter_id": self.containment_id.workcenter_id.id,
                        "product_uom_id": product.uom_id.id,
                    }
                )
            ],
        }
        if picking_type:
            vals["picking_type_id"] = picking_type.id
            vals["location_dest_id"] = self.production_id.location_dest_id.id
        return vals

    def _prepare_rework_raw_vals(self, location, quantity):
        """The rework order's one component: the lot itself."""
        self.ensure_one()
        product = self.product_id.with_company(self.company_id)
        return {
            "product_id": product.id,
            "product_uom_qty": quantity,
            "product_uom": product.uom_id.id,
            "location_id": location.id,
            "location_dest_id": product.property_stock_production.id,
            "company_id": self.company_id.id,
        }

    def _reserve_for_rework(self, production, quants, quantity):
        """Reserve the held lot itself (or the quarantined quantity) for the
        rework order's consumption, whatever Odoo reserved."""
        self.ensure_one()
        move = production.move_raw_ids.filtered(
            lambda m: m.product_id == self.product_id
        )[:1]
        move._do_unreserve()
        commands = []
        for quant in quants:
            take = min(quant.quantity, quantity)
            if take <= 0:
                break
            quantity -= take
            commands.append(
                Command.create(
                    {
                        "product_id": self.product_id.id,
                        "product_uom_id": self.product_id.uom_id.id,
                        "lot_id": self.lot_id.id,
                        "quantity": take,
                        "location_id": quant.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                        "package_id": quant.package_id.id,
                    }
                )
            )
        move.write({"move_line_ids": commands, "picked": True})

    @api.model
    def _after_rework_orders(self, productions):
        """The rework orders ``productions`` are done or cancelled: a done
        one releases its lot; a cancelled one leaves the lot waiting for a
        new decision."""
        lines = self.sudo().search([("rework_production_id", "in", productions.ids)])
        cancelled = lines.filtered(
            lambda line: line.rework_production_id.state == "cancel"
        )
        if cancelled:
            cancelled.write(
                {
                    "decision": False,
                    "decision_user_id": False,
                    "decision_date": False,
                    "decision_note": False,
                    "rework_production_id": False,
                }
            )
            cancelled.containment_id._reopen_for(cancelled)
        lines._refresh_holds()
