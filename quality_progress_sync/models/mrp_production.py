# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from .mrp_workorder_gate import GATE_DOMAIN, split_gate
from .mrp_workorder_progress import is_quantity_passed_on
from .quality_guard import check_done_kept
from .quality_story import format_when, reader_env

# What a done order produced: a record (the certificate prints it).
DONE_KEPT_FIELDS = frozenset({"lot_producing_id", "qty_producing", "product_qty"})


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    inspection_ids = fields.One2many(
        "quality.inspection", "production_id", string="Quality Inspections"
    )
    # What the gate reads (see ``_is_quality_gate_clear``): read at once for
    # all the orders at hand, kept in the cache, and dropped from it by Odoo
    # whenever an inspection's field of the domain changes.
    quality_gate_inspection_ids = fields.One2many(
        "quality.inspection",
        "production_id",
        domain=GATE_DOMAIN,
        string="Inspections of the Quality Gate",
    )
    inspection_count = fields.Integer(compute="_compute_inspection_counts")
    inspection_todo_count = fields.Integer(compute="_compute_inspection_counts")
    inspection_fail_count = fields.Integer(compute="_compute_inspection_counts")

    @api.depends("inspection_ids.state")
    def _compute_inspection_counts(self):
        groups = self.env["quality.inspection"]._read_group(
            [("production_id", "in", self.ids), ("state", "!=", "cancel")],
            ["production_id", "state"],
            ["__count"],
        )
        counts = {}
        for production, state, count in groups:
            counts.setdefault(production.id, {})[state] = count
        for production in self:
            by_state = counts.get(production.id, {})
            production.inspection_count = sum(by_state.values())
            production.inspection_todo_count = by_state.get("todo", 0)
            production.inspection_fail_count = by_state.get("fail", 0)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("state") == "done" for vals in vals_list):
            # Born done (created or copied so), it would skip its checkpoints.
            raise UserError(
                self.env._(
                    "A manufacturing order is not created done: create it, confirm it, "
                    "record its inspections, then mark it as done."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        """The one write of the order, in steps: what a done order produced
        kept, Done passes the gate; Odoo's write; then the quantity produced
        typed on the order recorded as its running work orders' report."""
        check_done_kept(self, vals, DONE_KEPT_FIELDS)
        self._check_quality_write(vals)
        # Not when a work order passes its own report on to the order.
        reported = "qty_producing" in vals and not is_quantity_passed_on(self)
        res = super().write(vals)
        if reported:
            self._record_operator_reports()
        return res

    def _check_quality_write(self, vals):
        """A user's write of Done passes the gate."""
        if vals.get("state") == "done" and not self.env.su:
            self._check_quality_gate(open_only=True)

    def _record_operator_reports(self):
        """The quantity produced typed on these orders: their running work
        orders' report."""
        for production in self:
            production.workorder_ids.filtered(
                lambda wo: wo.state == "progress"
            )._record_quality_report(max(production.qty_producing, 0.0))

    def copy_data(self, default=None):
        """Backorders and copies take the order's operations, not the rework
        work orders that a failure added to it (nor their re-inspections)."""
        vals_list = super().copy_data(default=default)
        if default and "workorder_ids" in default:
            return vals_list
        for production, vals in zip(self, vals_list, strict=True):
            workorders = production.workorder_ids.sorted("id")
            commands = vals.get("workorder_ids")
            if commands and len(commands) == len(workorders):
                vals["workorder_ids"] = [
                    command
                    for workorder, command in zip(workorders, commands, strict=True)
                    if not workorder.rework_of_id
                ]
        return vals_list

    def _action_cancel(self):
        # The whole order goes: the inspections still to do go with it, before
        # its work orders are cancelled (a single work order with inspections
        # that hold it cannot be).
        self.filtered(lambda mo: mo._is_open()).inspection_ids._cancel()
        return super()._action_cancel()

    def action_merge(self):
        """Merged orders are cancelled and replaced by a new one with new
        inspections: a failure of theirs would be lost. Refused while one has
        a failed inspection."""
        failed = self.inspection_ids.filtered(lambda i: i.state == "fail")
        if failed:
            raise UserError(
                self.env._(
                    "Orders with failed inspections cannot be merged: %(names)s. "
                    "Finish their rework, scrap or concession first.",
                    names=", ".join(failed.mapped("display_name")),
                )
            )
        return super().action_merge()

    def pre_button_mark_done(self):
        """Mark as Done, with or without backorder, passes here first: the
        gate read once for these orders (the paths to Done that follow, its
        work orders finished, its moves and itself written Done, find it in
        the cache, see ``_is_quality_gate_clear``)."""
        self._check_quality_gate()
        return super().pre_button_mark_done()

    def _is_open(self):
        """Neither done nor cancelled."""
        self.ensure_one()
        return self.state not in ("done", "cancel")

    def _is_quality_gate_clear(self):
        """Whether nothing holds any work order of these orders from Done:
        no blocking inspection (cross-checks included), every first piece
        cleared. One indexed read of the inspections for all the orders
        prefetched with these, kept in the cache until an inspection of
        theirs changes: Odoo's writes of Done one record at a time read it
        again for free, and none of them reads ``state``."""
        inspections, first_piece_held = split_gate(
            self.sudo().quality_gate_inspection_ids
        )
        return not inspections and not first_piece_held

    def _check_quality_gate(self, open_only=False):
        """Refuse Done while a work order of the MO has a blocking inspection
        to do or failed (see ``_is_quality_gate_clear``), or its inspections
        were never created. ``open_only``: of those of these MOs not done
        nor cancelled, whose state is read only when something holds them
        (on the way to Done, Odoo has it to recompute: reading it
        recomputes it there and then)."""
        workorders = self.workorder_ids
        workorders._check_quality_confirmed()
        if self._is_quality_gate_clear():
            return True
        if open_only:
            workorders = self.filtered(lambda mo: mo._is_open()).workorder_ids
        return workorders._check_quality_gate(include_cross=True)

    def _replan_after_rework(self, rework):
        """Move the schedule by the rework with Odoo's own planning; warn the
        planner when the order now ends after its deadline."""
        self.ensure_one()
        production = self.sudo()
        # Unplanned orders: Odoo's own compute already adds the rework's
        # expected duration to the planned finish.
        if production.is_planned:
            production._plan_workorders(replan=True)
        if production.date_deadline and production.date_finished > (
            production.date_deadline
        ):
            planner = production.user_id or self.env.user
            env = reader_env(production, planner)
            production.activity_schedule(
                "mail.mail_activity_data_warning",
                summary=env._(
                    "Rework: %(production)s now ends after its deadline",
                    production=production.display_name,
                ),
                note=env._(
                    "Planned finish %(finish)s, deadline %(deadline)s.",
                    finish=format_when(env, production.date_finished),
                    deadline=format_when(env, production.date_deadline),
                ),
                user_id=planner.id,
            )

    def action_view_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_progress_sync.quality_inspection_action"
        )
        action["domain"] = [("production_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
