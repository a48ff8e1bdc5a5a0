# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The hold of the suspect lots and the decisions on them, split by
concern from quality_containment_line.py.

A Quality Manager of the lot's company decides each suspect lot once:

- release (:meth:`action_release`), justified by a re-inspection of the lot
  that passed (:meth:`action_reinspect`: 100 % or sampled, recorded like
  any inspection);
- rework (:meth:`action_rework`): a rework order that consumes the held lot
  (the one way out of the hold besides the decisions themselves) and makes
  it again, re-inspected; for an order still running, the failure loop of
  its failed re-inspection;
- scrap (:meth:`action_scrap`): what is left of it in stock is scrapped.

The hold follows the decisions (:meth:`_refresh_holds`)."""

import math

from odoo import Command, fields, models
from odoo.exceptions import UserError, ValidationError

from .quality_guard import clean_text
from .quality_story import reader_env
from .stock_move_line_hold import quality_hold_allowed


class QualityContainmentLineDecide(models.AbstractModel):
    """Inherited by ``quality.containment.line`` (its main file)."""

    _name = "quality.containment.line.decide"
    _description = "Containment Suspect Lot Decision"

    # ------------------------------------------------------------------
    # The hold
    # ------------------------------------------------------------------

    def _hold(self):
        """Hold these new suspects: their lots, their untracked quantities
        (moved into quarantine) and their running orders."""
        self.env["stock.lot"]._quality_update_hold(self.lot_id)
        self._quarantine()
        self.env["mrp.production"]._quality_update_containment_hold(self.production_id)

    def _is_running(self):
        self.ensure_one()
        return self.production_id.state not in ("done", "cancel")

    def _get_holds_stock(self):
        """Whether this line still holds its lot, quarantine or order:
        undecided, or decided a rework whose order is not done."""
        self.ensure_one()
        if not self.decision:
            return True
        if self.decision == "rework" and self.rework_production_id:
            return self.rework_production_id.state != "done"
        return False

    def _refresh_holds(self):
        for line in self:
            holds = line._get_holds_stock()
            if holds != line.holds_stock:
                line.sudo().holds_stock = holds
        self.env["stock.lot"]._quality_update_hold(self.lot_id)
        self.env["mrp.production"]._quality_update_containment_hold(self.production_id)

    def _quarantine(self):
        """Move the untracked quantities made by done orders, as much of
        them as is still where the order put them, into the quarantine
        location of their warehouse, in one batch of moves."""
        lines = self.filtered(
            lambda line: (
                not line.lot_id
                and line.production_id.state == "done"
                and line.product_id.is_storable
                and line.source_location_id.usage == "internal"
            )
        )
        if not lines:
            return
        on_hand = self._read_on_hand(lines)
        moves, quantities = self.env["stock.move"].sudo(), []
        for line in lines:
            key = (line.product_id, line.source_location_id)
            quantity = min(line.quantity, on_hand.get(key, 0.0))
            if quantity <= 0:
                continue
            on_hand[key] -= quantity
            quarantine = self.env["stock.location"]._get_quality_quarantine(
                line.source_location_id
            )
            line.sudo().write(
                {"quarantine_location_id": quarantine.id, "quarantine_qty": quantity}
            )
            moves |= moves.create(line._prepare_stock_move_vals(quarantine, quantity))
            quantities.append(quantity)
        self._move_now(moves, quantities)

    def _read_on_hand(self, lines):
        """{(product, location): quantity on hand, untracked}."""
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", lines.product_id.ids),
                    ("location_id", "in", lines.source_location_id.ids),
                    ("lot_id", "=", False),
                ],
                ["product_id", "location_id"],
                ["quantity:sum"],
            )
        )
        return {(product, location): qty for product, location, qty in groups}

    def _prepare_stock_move_vals(self, destination, quantity, source=None):
        self.ensure_one()
        source = source or self.source_location_id
        return {
            "name": self.containment_id.name,
            "origin": self.containment_id.name,
            "product_id": self.product_id.id,
            "product_uom": self.product_id.uom_id.id,
            "product_uom_qty": quantity,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": self.company_id.id,
        }

    def _move_now(self, moves, quantities):
        """Carry out the add-on's own ``moves`` at once, ``quantities``
        each, whatever is reserved for other transfers."""
        if not moves:
            return
        moves._action_confirm(merge=False)
        for move, quantity in zip(moves, quantities, strict=True):
            move.quantity = quantity
        moves.picked = True
        moves._action_done()

    # ------------------------------------------------------------------
    # Re-inspection
    # ------------------------------------------------------------------

    def action_reinspect(self, full=False):
        """A re-inspection of each of these suspect lots by the containment's
        checkpoint, recorded like any inspection: ``full`` (100 %, one
        measure per unit) or sampled as the checkpoint says."""
        if not isinstance(full, bool):
            raise ValidationError(
                self.env._("Say whether the re-inspection is 100 %% (true) or not.")
            )
        self._check_inspector(self.env._("ask for a re-inspection"))
        self._lock()
        self._check_undecided()
        inspections = self.env["quality.inspection"]
        for line in self:
            inspections |= line._create_reinspection(full)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_progress_sync.quality_inspection_action"
        )
        action.update(
            {
                "domain": [("id", "in", inspections.ids)],
                "context": {"create": False},
            }
        )
        if len(inspections) == 1:
            action.update({"res_id": inspections.id, "views": [(False, "form")]})
        return action

    def _create_reinspection(self, full, workorder=None):
        self.ensure_one()
        pending = self.reinspection_ids.filtered(lambda i: i.state == "todo")
        if pending:
            raise UserError(
                self.env._(
                    "%(lot)s already waits for its re-inspection %(inspection)s.",
                    lot=self.display_name,
                    inspection=pending[0].name,
                )
            )
        workorder = workorder or self._get_reinspection_workorder()
        vals = self._prepare_reinspection_vals(workorder, full)
        inspection = self.env["quality.inspection"].sudo().create(vals)
        env = reader_env(self.containment_id)
        inspection.message_post(
            body=env._(
                "Re-inspection of %(lot)s, suspect in containment %(name)s.",
                lot=self.with_env(env).display_name,
                name=self.containment_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return inspection

    def _prepare_reinspection_vals(self, workorder, full):
        """Values of a re-inspection of this lot on ``workorder`` (override
        point): by an inspector, blocking while its order runs."""
        self.ensure_one()
        checkpoint = self.containment_id.checkpoint_id
        vals = {
            "checkpoint_id": checkpoint.id,
            "workorder_id": workorder.id,
            "containment_line_id": self.id,
            "stage": "final",
            "performer": "inspector",
            "blocking": workorder.production_id.state not in ("done", "cancel"),
        }
        if (
            full
            and checkpoint.check_type == "measure"
            and checkpoint.frequency != "aql"
        ):
            vals["sample_size"] = max(1, math.ceil(self.quantity))
        return vals

    def _get_reinspection_workorder(self):
        """Where the lot is re-inspected: its work order at the contained
        operation, else the last work order of the order that made it."""
        self.ensure_one()
        workorder = (
            self.workorder_id
            or self.production_id.workorder_ids.filtered(
                lambda wo: wo.state != "cancel"
            ).sorted(lambda wo: (wo.sequence, wo.id))[-1:]
        )
        if not workorder:
            raise UserError(
                self.env._(
                    "%(lot)s was made without work orders: there is no operation "
                    "to re-inspect it on. Decide a rework or a scrap.",
                    lot=self.display_name,
                )
            )
        return workorder

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------

    def action_release(self, reason=None):
        """Release these suspect lots: each needs its passed re-inspection."""
        reason = clean_text(self.env, reason, self.env._("The reason"))
        self._check_manager(self.env._("release a suspect lot"))
        self._lock()
        self._check_undecided()
        unjustified = self.filtered(lambda line: line.reinspection_state != "pass")
        if unjustified:
            raise UserError(
                self.env._(
                    "%(lots)s cannot be released before a re-inspection of them "
                    "passes: ask for one (Re-inspect), record it, then release.",
                    lots=", ".join(unjustified.mapped("display_name")),
                )
            )
        self._release_quarantine()
        self._decide("release", reason)
        return True

    def action_scrap(self, reason=None):
        """Scrap what is left in stock of these suspect lots."""
        reason = clean_text(self.env, reason, self.env._("The reason"))
        self._check_manager(self.env._("scrap a suspect lot"))
        self._lock()
        self._check_undecided()
        for line in self:
            line._scrap_stock()
        self._decide("scrap", reason)
        return True

    def action_rework(self, reason=None):
        """Rework these suspect lots: a rework order for a lot in stock; for
        an order still running, the rework its failed re-inspection
        started."""
        reason = clean_text(self.env, reason, self.env._("The reason"))
        self._check_manager(self.env._("rework a suspect lot"))
        self._lock()
        self._check_undecided()
        for line in self:
            if not line._is_running():
                line._create_rework_order()
            elif line.reinspection_state != "fail":
                raise UserError(
                    self.env._(
                        "%(order)s is still running: re-inspect %(lot)s there; "
                        "its failure is reworked in the order.",
                        order=line.production_id.display_name,
                        lot=line.display_name,
                    )
                )
        self._decide("rework", reason)
        return True

    def _decide(self, decision, reason):
        """Record ``decision`` with who, when and why; the holds and the
        containments follow."""
        self.sudo().write(
            {
                "decision": decision,
                "decision_user_id": self.env.uid,
                "decision_date": fields.Datetime.now(),
                "decision_note": reason,
            }
        )
        self._refresh_holds()
        for line in self:
            line.containment_id._log(line._get_decision_summary())
        self.containment_id._close_if_decided()

    def _get_decision_summary(self):
        self.ensure_one()
        labels = dict(self._fields["decision"]._description_selection(self.env))
        evidence = (
            self.reinspection_ids.filtered(lambda i: i.state == "pass")[-1:].name
            or self.rework_production_id.name
            or ", ".join(self.scrap_ids.mapped("name"))
        )
        return self.env._(
            "%(user)s decided %(decision)s for %(lot)s (%(evidence)s): %(reason)s",
            user=self.env.user.name,
            decision=labels[self.decision],
            lot=self.display_name,
            evidence=evidence or "-",
            reason=self.decision_note or "-",
        )

    # ------------------------------------------------------------------
    # What the decisions move
    # ------------------------------------------------------------------

    def _release_quarantine(self):
        """Put the released quantities in quarantine back where they were."""
        lines = self.filtered(lambda line: line.quarantine_qty > 0)
        moves = self.env["stock.move"].sudo()
        for line in lines:
            moves |= moves.create(
                line._prepare_stock_move_vals(
                    line.source_location_id,
                    line.quarantine_qty,
                    source=line.quarantine_location_id,
                )
            )
        with quality_hold_allowed(self.env, locations=lines.quarantine_location_id):
            self._move_now(moves, lines.mapped("quarantine_qty"))

    def _get_stock_quants(self):
        """The quants of this line's lot in stock (or of its quarantine)."""
        self.ensure_one()
        domain = [("quantity", ">", 0), ("product_id", "=", self.product_id.id)]
        if self.lot_id:
            domain += [
                ("lot_id", "=", self.lot_id.id),
                ("location_id.usage", "in", ("internal", "transit")),
            ]
        elif self.quarantine_qty > 0:
            domain += [
                ("lot_id", "=", False),
                ("location_id", "=", self.quarantine_location_id.id),
            ]
        else:
            return self.env["stock.quant"]
        return self.env["stock.quant"].sudo().search(domain)

    def _scrap_stock(self):
        """Scrap orders for what is left of the lot in stock (a running
        order's: for its suspect quantity, to validate once produced)."""
        self.ensure_one()
        if self._is_running():
            scraps = self._create_running_scrap()
        else:
            scraps = self.env["stock.scrap"].sudo()
            for quant in self._get_stock_quants():
                scraps |= scraps.create(self._prepare_scrap_vals(quant))
            with quality_hold_allowed(
                self.env, lots=self.lot_id, locations=self.quarantine_location_id
            ):
                scraps.do_scrap()
        self.sudo().scrap_ids = [Command.link(scrap.id) for scrap in scraps]

    def _prepare_scrap_vals(self, quant):
        self.ensure_one()
        quantity = min(quant.quantity, self.quarantine_qty or quant.quantity)
        return {
            "product_id": self.product_id.id,
            "product_uom_id": self.product_id.uom_id.id,
            "scrap_qty": quantity,
            "lot_id": self.lot_id.id,
            "package_id": quant.package_id.id,
            "location_id": quant.location_id.id,
            "company_id": self.company_id.id,
            "origin": self.containment_id.name,
        }

    def _create_running_scrap(self):
        production = self.production_id
        return (
            self.env["stock.scrap"]
            .sudo()
            .create(
                {
                    "product_id": self.product_id.id,
                    "product_uom_id": self.product_id.uom_id.id,
                    "scrap_qty": self.quantity,
                    "lot_id": self.lot_id.id,
                    "production_id": production.id,
                    "location_id": production.location_dest_id.id,
                    "company_id": self.company_id.id,
                    "origin": self.containment_id.name,
                }
            )
        )
