# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lots made at one operation, patrolled every 5 units, and the products
made from them: the builders of the containment tests."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user

from .common import QualityProgressCase

DAY = datetime(2026, 3, 2)


def at(hour, minute=0):
    return DAY + timedelta(hours=hour, minutes=minute)


class ContainmentCase(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_user = new_test_user(
            cls.env, login="qps_stock_user", groups="stock.group_stock_user"
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.wc_cut_2 = cls.env["mrp.workcenter"].create({"name": "QPS Cutting 2"})
        cls.shaft = cls._create_tracked("QPS Shaft")
        cls.shaft_bom = cls._create_one_step_bom(cls.shaft, cls.component, cls.wc_cut)
        cls.op_turn = cls.shaft_bom.operation_ids
        cls.patrol = cls._create_checkpoint(
            name="QPS Diameter patrol",
            operation_id=cls.op_turn.id,
            stage="patrol",
            frequency="every_n_units",
            frequency_units=5,
            performer="inspector",
            on_failure="alert",
            containment_policy="window_downstream",
        )
        # Made from a shaft, then from an axle: the forward trace.
        cls.axle = cls._create_tracked("QPS Axle")
        cls.axle_bom = cls._create_one_step_bom(cls.axle, cls.shaft, cls.wc_weld)
        cls.wheel = cls._create_tracked("QPS Wheel")
        cls.wheel_bom = cls._create_one_step_bom(cls.wheel, cls.axle, cls.wc_paint)

    @classmethod
    def _create_tracked(cls, name, tracking="lot"):
        return cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "is_storable": True,
                "tracking": tracking,
            }
        )

    @classmethod
    def _create_one_step_bom(cls, product, component, workcenter):
        return cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 1.0,
                "bom_line_ids": [
                    Command.create({"product_id": component.id, "product_qty": 1.0})
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": f"{product.name} step",
                            "workcenter_id": workcenter.id,
                            "time_cycle_manual": 10,
                        }
                    )
                ],
            }
        )

    @classmethod
    def _start(cls, product, qty, start, workcenter=None):
        """An order of ``qty`` ``product`` whose work order starts at
        ``start`` (on ``workcenter``, else its operation's)."""
        with freeze_time(start):
            production = cls._create_mo(product=product, qty=qty)
            workorder = production.workorder_ids
            if workcenter:
                workorder.workcenter_id = workcenter
            workorder.with_user(cls.operator).button_start()
            # What it makes, reported while it runs: its patrols are due.
            workorder.with_user(cls.operator).qty_producing = qty
        return production

    @classmethod
    def _patrols(cls, production):
        return production.inspection_ids.filtered(
            lambda i: i.stage == "patrol" and i.state == "todo"
        )

    @classmethod
    def _record(cls, production, when, result="pass"):
        with freeze_time(when):
            patrols = cls._patrols(production).with_user(cls.inspector)
            if result == "pass":
                patrols.do_pass()
            else:
                patrols.do_fail("Diameter out of tolerance")

    @classmethod
    def _finish(cls, production, when, lot_name=None, components=None):
        """Finish the order at ``when`` with lot ``lot_name``, consuming
        ``components`` (lots of its component)."""
        with freeze_time(when):
            if production.product_id.tracking != "none":
                production.lot_producing_id = cls.env["stock.lot"].create(
                    {
                        "name": lot_name or f"{production.name}-LOT",
                        "product_id": production.product_id.id,
                    }
                )
            if components:
                cls._consume(production, components)
            cls._mark_order_done(production)
        return production.lot_producing_id

    @classmethod
    def _mark_order_done(cls, production):
        """Mark as Done as the operator, all of its quantity produced."""
        production = production.with_user(cls.operator)
        production.qty_producing = production.product_qty
        return production.button_mark_done()

    @classmethod
    def _consume(cls, production, lots):
        move = production.move_raw_ids
        move.move_line_ids.unlink()
        move.write(
            {
                "move_line_ids": [
                    Command.create(
                        {
                            "product_id": move.product_id.id,
                            "lot_id": lot.id,
                            "quantity": production.product_qty,
                            "location_id": move.location_id.id,
                            "location_dest_id": move.location_dest_id.id,
                        }
                    )
                    for lot in lots
                ],
                "picked": True,
            }
        )

    @classmethod
    def _make(cls, product, qty, start, end, lot_name, **kwargs):
        """An order made from ``start`` to ``end``: its patrols passed at
        ``end`` (unless ``result``), done with lot ``lot_name``."""
        result = kwargs.pop("result", "pass")
        components = kwargs.pop("components", None)
        production = cls._start(product, qty, start, **kwargs)
        if cls._patrols(production):
            cls._record(production, end, result)
        return cls._finish(production, end, lot_name, components)

    @classmethod
    def _containment(cls, inspection_production):
        return cls.env["quality.containment"].search(
            [("production_id", "=", inspection_production.id)]
        )

    @classmethod
    def _qty(cls, lot, location=None):
        quants = cls.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id", "=", (location or cls.stock).id)]
        )
        return sum(quants.mapped("quantity"))

    def _reinspect(self, line, full=False):
        """Re-inspect as the inspector: the inspection the action opens."""
        action = line.with_user(self.inspector).action_reinspect(full=full)
        inspection = self.env["quality.inspection"].browse(action["res_id"])
        self.assertEqual(inspection, line.reinspection_ids.sorted("id")[-1:])
        return inspection

    @classmethod
    def _transfer(cls, moves, source=None, destination=None, picking_type=None):
        """A transfer of ``moves`` [(product, quantity)], confirmed, as the
        stock user."""
        source = source or cls.stock
        destination = destination or cls.customers
        picking = (
            cls.env["stock.picking"]
            .with_user(cls.stock_user)
            .create(
                {
                    "picking_type_id": (picking_type or cls.warehouse.out_type_id).id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": quantity,
                                "product_uom": product.uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": destination.id,
                            }
                        )
                        for product, quantity in moves
                    ],
                }
            )
        )
        picking.action_confirm()
        return picking

    @classmethod
    def _deliver(cls, lots, qty=1.0):
        """A delivery of ``qty`` of each of ``lots``, those lots picked."""
        picking = cls._transfer([(lot.product_id, qty) for lot in lots])
        picking.move_ids.move_line_ids.unlink()
        for lot in lots:
            move = picking.move_ids.filtered(
                lambda m, lot=lot: m.product_id == lot.product_id
            )
            line_vals = {
                "product_id": lot.product_id.id,
                "lot_id": lot.id,
                "quantity": qty,
                "location_id": cls.stock.id,
                "location_dest_id": cls.customers.id,
                "picking_id": picking.id,
            }
            move.write({"move_line_ids": [Command.create(line_vals)], "picked": True})
        return picking
