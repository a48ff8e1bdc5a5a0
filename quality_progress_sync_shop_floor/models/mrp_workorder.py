# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shop Floor screen's side of the work order: what the screen shows
(one RPC for the queue of the chosen work centers, one for a work order's
panel), what a scan opens, and the bus notification that keeps every open
screen up to date (shop_floor_notify.py, sent by the work order's ``create``
and ``write``).

The screen records through the same methods as the forms (``button_start``,
``button_pending``, ``button_finish``, ``write``, the inspections' ``do_*``
and the fail dialog), as the user: every rule of the forms holds."""

from odoo import api, fields, models
from odoo.addons.quality_progress_sync.models.quality_guard import clean_text
from odoo.addons.quality_progress_sync.models.quality_quantity import (
    check_workorder_quantity,
    is_whole_number,
)
from odoo.exceptions import UserError, ValidationError

from .shop_floor_notify import WORKORDER_SHOP_FLOOR_FIELDS, notify_shop_floor

# The work orders a work center's queue shows: waiting, ready and running.
QUEUE_STATES = ("pending", "waiting", "ready", "progress")
# More would be no queue for a screen at a machine.
QUEUE_LIMIT = 200


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    @api.model_create_multi
    def create(self, vals_list):
        workorders = super().create(vals_list)
        notify_shop_floor(self.env, workorders)
        return workorders

    def write(self, vals):
        res = super().write(vals)
        if WORKORDER_SHOP_FLOOR_FIELDS & vals.keys():
            notify_shop_floor(self.env, self)
        return res

    # ------------------------------------------------------------------
    # The queue: one RPC
    # ------------------------------------------------------------------

    @api.model
    def get_shop_floor_data(
        self, workcenter_ids=None, limit=QUEUE_LIMIT, workorder_id=None
    ):
        """Everything the Shop Floor shows, in one call: the work centers to
        choose from, the user's choice (``workcenter_ids`` when given,
        remembered for next time; else the remembered one), the queue of
        each chosen work center (its first ``limit`` work orders, at most
        ``QUEUE_LIMIT``) and the panel of the open work order
        (``workorder_id``; False when none is open or it is gone). A
        constant number of queries, whatever the number of work orders and
        inspections."""
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int)
            or not 1 <= limit <= QUEUE_LIMIT
        ):
            raise ValidationError(
                self.env._(
                    "The queue's length is a whole number from 1 to %(limit)s, "
                    "not %(value)r.",
                    limit=QUEUE_LIMIT,
                    value=limit,
                )
            )
        user = self.env.user
        if workcenter_ids is not None:
            self._set_shop_floor_workcenters(workcenter_ids)
        workcenters = self.env["mrp.workcenter"].search_fetch([], ["name", "code"])
        chosen = user.quality_shop_floor_workcenter_ids & workcenters
        workorders = self._get_shop_floor_queue(chosen, limit=limit)
        return {
            "workcenters": [
                {"id": wc.id, "name": wc.name, "code": wc.code or ""}
                for wc in workcenters
            ],
            "workcenter_ids": chosen.ids,
            "workorders": workorders._get_shop_floor_values(),
            "workorder": self._get_shop_floor_panel(workorder_id),
        }

    @api.model
    def _get_shop_floor_panel(self, workorder_id):
        """The panel of the work order ``workorder_id`` (None: no panel),
        False when the user may not read it or it is gone."""
        if workorder_id is None or workorder_id is False:
            return False
        if not is_whole_number(workorder_id):
            raise ValidationError(
                self.env._(
                    "Open a work order by its id, not %(value)r.",
                    value=workorder_id,
                )
            )
        workorder = self.search([("id", "=", workorder_id)])
        return workorder.get_shop_floor_workorder() if workorder else False

    @api.model
    def _set_shop_floor_workcenters(self, workcenter_ids):
        """Remember the user's choice of work centers, given by their ids
        (one no longer there is left out)."""
        if not isinstance(workcenter_ids, list | tuple) or not all(
            is_whole_number(wc_id) for wc_id in workcenter_ids
        ):
            raise ValidationError(
                self.env._(
                    "Choose the work centers by their ids, not %(value)r.",
                    value=workcenter_ids,
                )
            )
        # Among the work centers the user may read (their companies).
        chosen = self.env["mrp.workcenter"].search([("id", "in", workcenter_ids)])
        user = self.env.user
        if chosen != user.quality_shop_floor_workcenter_ids:
            user._set_shop_floor_workcenters(chosen)

    @api.model
    def _get_shop_floor_queue_domain(self, workcenters):
        return [
            ("workcenter_id", "in", workcenters.ids),
            ("state", "in", QUEUE_STATES),
            ("production_id.state", "not in", ("draft", "done", "cancel")),
        ]

    @api.model
    def _get_shop_floor_queue(self, workcenters, limit=QUEUE_LIMIT):
        """The queue of ``workcenters``, in planned order (its first
        ``limit`` work orders)."""
        if not workcenters:
            return self.browse()
        return self.search_fetch(
            self._get_shop_floor_queue_domain(workcenters),
            [
                "name",
                "state",
                "workcenter_id",
                "production_id",
                "product_id",
                "product_uom_id",
                "qty_production",
                "qty_produced",
                "date_start",
                "date_finished",
                "barcode",
                "inspection_todo_count",
                "inspection_pass_count",
                "inspection_fail_count",
                "quality_blocked",
                "rework_of_id",
            ],
            order="date_start ASC NULLS LAST, sequence, id",
            limit=limit,
        )

    def _get_shop_floor_values(self):
        """One dict per work order for a queue's card (read in batch)."""
        # Odoo computes who is working without dependencies: read it afresh.
        self.invalidate_recordset(["is_user_working", "working_user_ids"])
        # The states as Odoo names them, in the user's language.
        states = dict(self._fields["state"]._description_selection(self.env))
        values = []
        for workorder in self:
            production = workorder.production_id
            values.append(
                {
                    "id": workorder.id,
                    "display_name": workorder.display_name,
                    "operation": workorder.name,
                    "workcenter_id": workorder.workcenter_id.id,
                    "production": production.name,
                    "product": workorder.product_id.display_name,
                    "uom": workorder.product_uom_id.name,
                    "state": workorder.state,
                    "state_label": states.get(workorder.state, ""),
                    "qty_production": workorder.qty_production,
                    "qty_produced": workorder._get_shop_floor_produced_qty(),
                    "date_finished": fields.Datetime.to_string(workorder.date_finished),
                    "is_late": workorder.is_late,
                    "todo_count": workorder.inspection_todo_count,
                    "pass_count": workorder.inspection_pass_count,
                    "fail_count": workorder.inspection_fail_count,
                    "blocking_reason": workorder.blocking_reason or "",
                    "is_rework": bool(workorder.rework_of_id),
                    "is_held": production.quality_containment_hold,
                    "is_user_working": workorder.is_user_working,
                    "barcode": workorder.barcode or "",
                }
            )
        return values

    def _get_shop_floor_produced_qty(self):
        """Produced so far, as everywhere (``quality_qty_produced``): 0 at the
        start, what the operator reports while it runs, the quantity done
        once done."""
        self.ensure_one()
        return self.quality_qty_produced

    # ------------------------------------------------------------------
    # The work-order panel
    # ------------------------------------------------------------------

    def get_shop_floor_workorder(self):
        """What the panel of this work order shows: its card, its
        instructions, the buttons the user may use, its inspections in the
        order they must happen and its rework work orders."""
        self.ensure_one()
        values = self._get_shop_floor_values()[0]
        inspections = self.inspection_ids.filtered(
            lambda i: i.state != "cancel"
        )._sorted_for_shop_floor()
        values.update(
            {
                "instructions": self.operation_note or "",
                "tracking": self.product_tracking or "none",
                "lot_name": self.finished_lot_id.name or "",
                "qty_remaining": self.qty_remaining,
                "can_start": self.state in ("pending", "waiting", "ready")
                or (self.state == "progress" and not self.is_user_working),
                "can_pause": self.state == "progress" and self.is_user_working,
                "can_finish": self.state == "progress",
                "can_produce": self.state == "progress",
                "inspections": inspections._get_shop_floor_values(),
                "reworks": [
                    {"id": rework.id, "display_name": rework.display_name}
                    for rework in self.rework_workorder_ids.filtered(
                        lambda wo: wo.state != "cancel"
                    )
                ],
            }
        )
        return values

    def set_shop_floor_produced(self, quantity):
        """Record the quantity produced so far, as the work-order form does
        (its ``qty_producing``): from 0 to what the order makes (its
        quantity, ``qty_production``), on a running work order only."""
        self.ensure_one()
        self._check_shop_floor_running()
        quantity = check_workorder_quantity(
            self, quantity, self.env._("The produced quantity"), zero_allowed=True
        )
        self.qty_producing = quantity
        return True

    def set_shop_floor_lot(self, lot_name):
        """The lot or serial number of what this running work order
        produces: the product's lot of that name, created if new (as the
        form's field does)."""
        self.ensure_one()
        name = clean_text(self.env, lot_name, self.env._("The lot or serial number"))
        self._check_shop_floor_running()
        Lot = self.env["stock.lot"]
        lot = Lot.search(
            [
                ("name", "=", name),
                ("product_id", "=", self.product_id.id),
                ("company_id", "in", (self.company_id.id, False)),
            ],
            limit=1,
        )
        if not lot and name:
            lot = Lot.create(
                {
                    "name": name,
                    "product_id": self.product_id.id,
                    "company_id": self.company_id.id,
                }
            )
        self.finished_lot_id = lot
        return True

    def _check_shop_floor_running(self):
        """The Shop Floor records what a work order produces while it runs:
        started and not finished, its order neither done nor cancelled. What
        a done order made (its quantity, its lot: what the certificate
        prints) is not the screen's to change."""
        self.ensure_one()
        if self.state != "progress" or self.production_id.state in ("done", "cancel"):
            raise UserError(
                self.env._(
                    "%(workorder)s is not running: the quantity and the lot it "
                    "produces are recorded while it runs (start it first; a "
                    "finished or cancelled work order keeps them as they are).",
                    workorder=self.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Barcodes
    # ------------------------------------------------------------------

    @api.model
    def find_shop_floor_barcode(self, barcode):
        """The work order a scanned barcode opens: a work order's own
        barcode; an order's name (its first open work order); a lot or
        serial number being produced. False when nothing matches."""
        barcode = clean_text(self.env, barcode, self.env._("The barcode"))
        if not barcode:
            return False
        workorder = self.search([("barcode", "=", barcode)], limit=1)
        if not workorder:
            productions = self.env["mrp.production"].search(
                ["|", ("name", "=", barcode), ("lot_producing_id.name", "=", barcode)]
            )
            workorder = self.search(
                [
                    ("production_id", "in", productions.ids),
                    ("state", "in", QUEUE_STATES),
                ],
                order="date_start ASC NULLS LAST, sequence, id",
                limit=1,
            )
        if not workorder:
            return False
        return {"id": workorder.id, "workcenter_id": workorder.workcenter_id.id}
