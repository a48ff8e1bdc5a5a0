# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Opening a containment, split by concern from quality_containment.py:

1. the bracket (:meth:`_get_window_start`, :meth:`_get_window_workorders`):
   from the last inspection of the checkpoint that passed on the operation
   and work center to the failure; suspect are the work orders of that
   operation that ran on that work center inside it (their time logs);
2. their output (:meth:`_read_produced`): the lots and untracked
   quantities their orders made, or the order itself while it runs;
3. the forward trace (:meth:`_trace_downstream`): what was made since from
   those lots, to any depth, in one recursive query;
4. the hold (``quality.containment.line._hold``).

Its queries do not grow with the number of lots: a constant number per
containment (see tests/test_containment_cost.py)."""

from odoo import api, fields, models
from odoo.tools import SQL

from .quality_story import format_when, reader_env

# The forward trace: from the suspect lots, the orders that consumed them
# (done consumptions), the lots those orders produced, and so on; a row per
# (order, produced lot or NULL for untracked output) with one consumed
# suspect lot. UNION (not UNION ALL) ends the recursion on cycles.
TRACE_QUERY = """
WITH RECURSIVE trace(lot_id, production_id, parent_lot_id) AS (
    SELECT lot.id, NULL::integer, NULL::integer
      FROM unnest(%(lots)s::integer[]) AS lot(id)
    UNION
    SELECT produced.lot_id,
           consumed_move.raw_material_production_id,
           trace.lot_id
      FROM trace
      JOIN stock_move_line consumed
        ON consumed.lot_id = trace.lot_id
       AND consumed.state = 'done'
      JOIN stock_move consumed_move
        ON consumed_move.id = consumed.move_id
       AND consumed_move.raw_material_production_id IS NOT NULL
      JOIN stock_move produced_move
        ON produced_move.production_id
           = consumed_move.raw_material_production_id
       AND produced_move.state = 'done'
      JOIN stock_move_line produced
        ON produced.move_id = produced_move.id
       AND produced.state = 'done'
)
SELECT production_id, lot_id, MIN(parent_lot_id)
  FROM trace
 WHERE production_id IS NOT NULL
 GROUP BY production_id, lot_id
"""


class QualityContainmentOpen(models.AbstractModel):
    """Inherited by ``quality.containment`` (models/quality_containment.py),
    opened through :meth:`_open_for_failures` and :meth:`_open_for_signal`."""

    _name = "quality.containment.open"
    _description = "Containment Opening"

    @api.model
    def _open_for_failures(self, inspections):
        """Open a containment for each of these failed inspections whose
        checkpoint brackets its failures (``containment_policy``)."""
        failures = inspections.filtered(lambda i: i._is_containment_trigger())
        if not failures:
            return self.browse()
        known = self.sudo().search([("inspection_id", "in", failures.ids)])
        return self._open_all(failures - known.inspection_id, "failure")

    @api.model
    def _open_for_signal(self, inspection):
        """Open a containment for the SPC signal raised by ``inspection``'s
        measures, unless one is open already for its checkpoint on that
        operation and work center (a drift raises a signal per subgroup)."""
        if not inspection._is_containment_scope():
            return self.browse()
        if self.sudo().search_count(
            [
                ("checkpoint_id", "=", inspection.checkpoint_id.id),
                ("operation_id", "=", inspection.operation_id.id),
                ("workcenter_id", "=", inspection.workcenter_id.id),
                ("state", "=", "open"),
            ],
            limit=1,
        ):
            return self.browse()
        return self._open_all(inspection, "spc_signal")

    @api.model
    def _open_all(self, inspections, trigger):
        containments = self.browse()
        for inspection in inspections:
            containments |= self._open(inspection, trigger)
        return containments

    @api.model
    def _open(self, inspection, trigger):
        """Open the containment of ``inspection`` and hold its suspects."""
        date_to = inspection.date_done or fields.Datetime.now()
        containment = (
            self.sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(self._prepare_containment_vals(inspection, trigger, date_to))
        )
        lines = (
            self.env["quality.containment.line"]
            .sudo()
            .create(containment._prepare_suspect_vals())
        )
        lines._hold()
        containment._log_opened()
        containment._close_if_decided()
        return containment

    @api.model
    def _prepare_containment_vals(self, inspection, trigger, date_to):
        """Values of the containment of ``inspection`` (override point)."""
        date_from, window_inspection = self._get_window_start(inspection, date_to)
        checkpoint = inspection.checkpoint_id
        return {
            "trigger": trigger,
            "inspection_id": inspection.id,
            "nonconformance_id": inspection.nonconformance_id.id,
            "checkpoint_id": checkpoint.id,
            "operation_id": inspection.operation_id.id,
            "workcenter_id": inspection.workcenter_id.id,
            "production_id": inspection.production_id.id,
            "policy": checkpoint.containment_policy,
            "date_from": date_from,
            "date_to": date_to,
            "window_inspection_id": window_inspection.id,
            "company_id": inspection.company_id.id,
        }

    # ------------------------------------------------------------------
    # 1. The bracket
    # ------------------------------------------------------------------

    @api.model
    def _get_window_start(self, inspection, date_to):
        """(start, inspection): the last inspection of the checkpoint that
        passed on this operation and work center before ``date_to``;
        without one, the first start of the failed work order."""
        last_pass = (
            self.env["quality.inspection"]
            .sudo()
            .search(
                [
                    ("checkpoint_id", "=", inspection.checkpoint_id.id),
                    ("operation_id", "=", inspection.operation_id.id),
                    ("workcenter_id", "=", inspection.workcenter_id.id),
                    ("state", "=", "pass"),
                    ("date_done", "<=", date_to),
                    ("containment_line_id", "=", False),
                    ("id", "!=", inspection.id),
                ],
                order="date_done desc, id desc",
                limit=1,
            )
        )
        if last_pass:
            return last_pass.date_done, last_pass
        starts = inspection.workorder_id.sudo().time_ids.mapped("date_start")
        return min(starts, default=date_to), last_pass

    def _get_window_workorders(self):
        """The work orders of the operation that ran on the work center
        inside the window (a time log overlapping it), and the failed one."""
        self.ensure_one()
        logs = (
            self.env["mrp.workcenter.productivity"]
            .sudo()
            .search(
                [
                    ("workcenter_id", "=", self.workcenter_id.id),
                    ("workorder_id.operation_id", "=", self.operation_id.id),
                    ("date_start", "<=", self.date_to),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">", self.date_from),
                ]
            )
        )
        workorders = logs.workorder_id | self.inspection_id.workorder_id.sudo()
        return workorders.filtered(lambda wo: wo.state != "cancel")

    # ------------------------------------------------------------------
    # 2. What they made
    # ------------------------------------------------------------------

    def _prepare_suspect_vals(self):
        """Values of the suspect lines: the window's, then downstream."""
        self.ensure_one()
        workorders = self._get_window_workorders()
        by_production = {wo.production_id: wo for wo in workorders}
        productions = workorders.production_id
        done = productions.filtered(lambda p: p.state == "done")
        vals_list = [
            self._prepare_running_vals(production, by_production[production])
            for production in productions - done
            if production.state != "cancel"
        ]
        seen = set()
        for key, (quantity, location) in self._read_produced(done).items():
            production = key[0]
            vals = self._prepare_produced_vals(key, quantity, location, "window")
            vals["workorder_id"] = by_production[production].id
            vals_list.append(vals)
            seen.add(key)
        if self.policy == "window_downstream":
            window_lots = {lot for __, __, lot in seen if lot}
            vals_list += self._prepare_downstream_vals(window_lots, seen)
        return vals_list

    def _prepare_running_vals(self, production, workorder):
        """A running order: its lot (if chosen yet) and its quantity."""
        return {
            "containment_id": self.id,
            "origin": "window",
            "production_id": production.id,
            "workorder_id": workorder.id,
            "product_id": production.product_id.id,
            "lot_id": production.lot_producing_id.id,
            "quantity": production.product_uom_qty,
            "holds_stock": True,
        }

    def _prepare_produced_vals(self, key, quantity, location, origin):
        production, product, lot = key
        return {
            "containment_id": self.id,
            "origin": origin,
            "production_id": production.id,
            "product_id": product.id,
            "lot_id": lot.id if lot else False,
            "quantity": quantity,
            "source_location_id": location.id,
            "holds_stock": True,
        }

    @api.model
    def _read_produced(self, productions):
        """{(production, product, lot or None): (quantity, location)}: what
        these done orders made (their done finished move lines), in the
        product's unit, and where it went."""
        if not productions:
            return {}
        move_lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("move_id.production_id", "in", productions.ids),
                    ("state", "=", "done"),
                ]
            )
        )
        produced = {}
        for move_line in move_lines:
            key = (
                move_line.move_id.production_id,
                move_line.product_id,
                move_line.lot_id or None,
            )
            quantity, __ = produced.get(key, (0.0, None))
            produced[key] = (
                quantity + move_line.quantity_product_uom,
                move_line.location_dest_id,
            )
        return produced

    # ------------------------------------------------------------------
    # 3. Downstream
    # ------------------------------------------------------------------

    def _prepare_downstream_vals(self, lots, seen):
        """Lines for what the orders that consumed ``lots`` made, to any
        depth; ``seen``: the (production, product, lot) already suspect."""
        parents = self._trace_downstream(lots)
        productions = self.env["mrp.production"].browse(
            {production_id for production_id, __ in parents}
        )
        vals_list = []
        for key, (quantity, location) in self._read_produced(productions).items():
            production, __, lot = key
            traced = (production.id, lot.id if lot else None)
            if key in seen or traced not in parents:
                continue
            vals = self._prepare_produced_vals(key, quantity, location, "downstream")
            vals["parent_lot_id"] = parents[traced]
            vals_list.append(vals)
        return vals_list

    @api.model
    def _trace_downstream(self, lots):
        """{(production id, produced lot id or None): consumed lot id}: the
        orders that consumed ``lots`` (done consumptions), what they
        produced, and so on from the lots produced, in one recursive query
        following Odoo's move lines (consumed → produced)."""
        if not lots:
            return {}
        self.env["stock.move.line"].flush_model(["lot_id", "move_id", "state"])
        self.env["stock.move"].flush_model(
            ["raw_material_production_id", "production_id", "state"]
        )
        self.env.cr.execute(SQL(TRACE_QUERY, lots=[lot.id for lot in lots]))
        return {
            (production_id, lot_id): parent_id
            for production_id, lot_id, parent_id in self.env.cr.fetchall()
        }

    # ------------------------------------------------------------------
    # The record of the opening
    # ------------------------------------------------------------------

    def _log_opened(self):
        self.ensure_one()
        env = reader_env(self)
        lines = self.line_ids.with_env(env)
        self._log(
            env._(
                "Opened by %(inspection)s: suspect is what %(operation)s made on "
                "%(workcenter)s from %(start)s to %(end)s. Held: %(lots)s.",
                inspection=self.inspection_id.name,
                operation=self.operation_id.with_env(env).display_name,
                workcenter=self.workcenter_id.with_env(env).display_name,
                start=format_when(env, self.date_from),
                end=format_when(env, self.date_to),
                lots=", ".join(lines.mapped("display_name")) or "-",
            )
        )
        responsible = self.nonconformance_id.responsible_id or (
            self.checkpoint_id.responsible_id
        )
        if lines and responsible:
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=reader_env(self, responsible)._(
                    "Containment %(name)s: decide the suspect lots", name=self.name
                ),
                user_id=responsible.id,
            )
