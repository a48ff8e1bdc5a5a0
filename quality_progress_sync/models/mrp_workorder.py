# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval
from odoo.tools.sql import column_exists

from .mrp_workorder_index import OPEN_STATES
from .quality_inspection_screen import WORKORDER_DIALOG_KEY

INSPECTION_STATES = [
    ("none", "No Inspection"),
    ("todo", "To Inspect"),
    ("pass", "Passed"),
    ("fail", "Failed"),
    ("blocked", "Blocked"),
]


# Set by the quality workflow (computed from the inspections, captured when
# the work order starts, linked by the rework loop): never written by users.
WORKFLOW_FIELDS = {
    "inspection_state",
    "inspection_todo_count",
    "inspection_pass_count",
    "inspection_fail_count",
    "quality_blocked",
    "first_pass",
    "progress_percent",
    "date_planned_finished",
    "finished_on_time",
    "late_patrol_done",
    "rework_of_id",
    "rework_nonconformance_id",
    "quality_operator_ids",
    "quality_confirmed",
}


class MrpWorkorder(models.Model):
    _name = "mrp.workorder"
    _inherit = [
        "mrp.workorder",
        "quality.protected.mixin",
        "mrp.workorder.index",
        "mrp.workorder.gate",
        "mrp.workorder.patrol",
        "mrp.workorder.rework",
        "mrp.workorder.progress",
    ]
    _quality_protected_fields = WORKFLOW_FIELDS

    inspection_ids = fields.One2many(
        "quality.inspection", "workorder_id", string="Inspections"
    )
    inspection_state = fields.Selection(
        INSPECTION_STATES,
        string="Quality",
        compute="_compute_inspection_summary",
        store=True,
        index=True,
        help="Blocked: a blocking inspection failed. Failed: a non-blocking "
        "inspection failed. To Inspect: inspections are still to do.",
    )
    inspection_todo_count = fields.Integer(
        string="Inspections To Do", compute="_compute_inspection_summary", store=True
    )
    inspection_pass_count = fields.Integer(
        string="Inspections Passed", compute="_compute_inspection_summary", store=True
    )
    inspection_fail_count = fields.Integer(
        string="Inspections Failed", compute="_compute_inspection_summary", store=True
    )
    rework_nonconformance_id = fields.Many2one(
        "quality.nonconformance",
        string="Rework Of Nonconformance",
        readonly=True,
        copy=False,
        index=True,
    )
    rework_workorder_ids = fields.One2many(
        "mrp.workorder", "rework_of_id", string="Rework Work Orders"
    )
    # Indexed for the rework work orders of a work order (rework_workorder_ids,
    # read by the first pass of every result recorded) and the KPIs' count of
    # rework work orders (rework_of_id IS NOT NULL): the few rework ones only.
    rework_of_id = fields.Many2one(
        "mrp.workorder",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The work order whose failed inspection this one reworks.",
    )
    quality_blocked = fields.Boolean(
        compute="_compute_inspection_summary",
        store=True,
        help="A blocking inspection is still to do, or failed without a disposition.",
    )
    blocking_reason = fields.Text(
        compute="_compute_blocking_reason",
        help="Why the work order cannot be finished yet.",
    )
    progress_percent = fields.Float(
        string="Produced (%)",
        compute="_compute_progress_percent",
        store=True,
        aggregator="avg",
        help="Produced against the quantity to produce.",
    )
    first_pass = fields.Boolean(
        compute="_compute_first_pass",
        store=True,
        help="All its inspections passed, none failed and no rework was needed.",
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Not finished and past its planned end.",
    )
    date_planned_finished = fields.Datetime(
        string="Committed Finish",
        readonly=True,
        copy=False,
        help="The planned end when the work order started (or finished without "
        "being started). Odoo moves the planned dates once work begins and "
        "writes the real end over them: the on-time rate compares the real end "
        "with this one.",
    )
    finished_on_time = fields.Boolean(
        compute="_compute_finished_on_time",
        store=True,
        help="Done by its committed finish.",
    )
    late_patrol_done = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="The late work order got its patrol inspection.",
    )
    quality_operator_ids = fields.Many2many(
        "res.users",
        "quality_workorder_operator_rel",
        "workorder_id",
        "user_id",
        string="Operators",
        readonly=True,
        copy=False,
        help="Everyone who started, logged time on or finished this work order, "
        "kept even when time logs are edited or deleted: self-checks and the "
        "four-eyes rule of cross-checks rely on it.",
    )
    quality_confirmed = fields.Boolean(
        readonly=True,
        copy=False,
        help="The work order went through confirmation: its checkpoints "
        "created the inspections it needs. Done is refused without it.",
    )
    quality_color = fields.Integer(
        compute="_compute_quality_color",
        help="Card colour: red failed or blocked, orange late, green passed.",
    )

    @api.model
    def _read_group_workcenter_id(self, workcenters, domain):
        """The Progress & Quality kanban shows only the work centers that
        have work orders (Odoo's work-order views show them all)."""
        if self.env.context.get("quality_hide_empty_workcenters"):
            return workcenters
        return super()._read_group_workcenter_id(workcenters, domain)

    @api.depends("quality_qty_produced", "qty_production")
    def _compute_progress_percent(self):
        """Produced (``quality_qty_produced``, mrp_workorder_progress.py) over
        the quantity to produce."""
        for workorder in self:
            planned = workorder.qty_production
            produced = workorder.quality_qty_produced
            workorder.progress_percent = (
                min(100.0, 100.0 * produced / planned) if planned > 0 else 0.0
            )

    @api.depends("inspection_ids.state", "rework_of_id", "rework_workorder_ids")
    def _compute_first_pass(self):
        for workorder in self:
            states = set(workorder.inspection_ids.mapped("state")) - {"cancel"}
            workorder.first_pass = (
                states == {"pass"}
                and not workorder.rework_of_id
                and not workorder.rework_workorder_ids
            )

    @api.depends("date_finished", "state")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for workorder in self:
            workorder.is_late = bool(
                workorder.state not in ("done", "cancel")
                and workorder.date_finished
                and workorder.date_finished < now
            )

    @api.depends("state", "date_finished", "date_planned_finished")
    def _compute_finished_on_time(self):
        for workorder in self:
            workorder.finished_on_time = bool(
                workorder.state == "done"
                and workorder.date_planned_finished
                and workorder.date_finished <= workorder.date_planned_finished
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search late work orders with = or !=."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("date_finished", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends("inspection_state", "is_late")
    def _compute_quality_color(self):
        for workorder in self:
            if workorder.inspection_state in ("fail", "blocked"):
                workorder.quality_color = 1
            elif workorder.is_late:
                workorder.quality_color = 2
            elif workorder.inspection_state == "pass":
                workorder.quality_color = 10
            else:
                workorder.quality_color = 0

    @api.depends("inspection_ids.state", "inspection_ids.gate_blocking")
    def _compute_inspection_summary(self):
        for workorder in self:
            inspections = workorder.inspection_ids.filtered(
                lambda i: i.state != "cancel"
            )
            states = inspections.mapped("state")
            workorder.inspection_todo_count = states.count("todo")
            workorder.inspection_pass_count = states.count("pass")
            workorder.inspection_fail_count = states.count("fail")
            blocking = inspections.filtered("gate_blocking")
            workorder.quality_blocked = bool(blocking)
            if not inspections:
                workorder.inspection_state = "none"
            elif any(i.state == "fail" for i in blocking):
                workorder.inspection_state = "blocked"
            elif "fail" in states:
                workorder.inspection_state = "fail"
            elif "todo" in states:
                workorder.inspection_state = "todo"
            else:
                workorder.inspection_state = "pass"

    @api.depends(
        "quality_blocked",
        "inspection_ids.gate_blocking",
        "inspection_ids.state",
        "inspection_ids.performer",
        "inspection_ids.checkpoint_id.name",
    )
    @api.depends_context("lang")
    def _compute_blocking_reason(self):
        """In the reader's language. Only the blocked work orders read their
        blocking inspections: one query for all of them (see
        :meth:`_read_blocking_rows`), the texts translated once, the values
        set in one go (a kanban reads thousands of work orders)."""
        origin_ids = [wo._origin.id if wo.quality_blocked else False for wo in self]
        reasons = {}
        if any(origin_ids):
            rows_by_workorder = defaultdict(list)
            for workorder_id, *row in self._read_blocking_rows(
                [origin_id for origin_id in origin_ids if origin_id]
            ):
                rows_by_workorder[workorder_id].append(row)
            templates = self._get_blocking_templates()
            reasons = {
                workorder_id: self._format_blocking_reason(rows, templates)
                for workorder_id, rows in rows_by_workorder.items()
            }
        self.env.cache.update(
            self,
            self._fields["blocking_reason"],
            [reasons.get(origin_id, False) for origin_id in origin_ids],
        )

    @api.depends("rework_of_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """A rework work order reads "Rework <its name>" in the reader's
        language."""
        res = super()._compute_display_name()
        for workorder in self.filtered("rework_of_id"):
            parts = [
                workorder.production_id.name,
                self.env._("Rework %(operation)s", operation=workorder.name),
            ]
            if self.env.context.get("prefix_product"):
                parts.insert(0, workorder.product_id.name)
            workorder.display_name = " - ".join(parts)
        return res

    def init(self):
        """The add-on's indexes (models/mrp_workorder_index.py)."""
        res = super().init()
        self._create_quality_indexes()
        return res

    def _auto_init(self):
        """Installed on a database with orders: the work orders of the
        orders already confirmed went through confirmation."""
        new = not column_exists(self.env.cr, self._table, "quality_confirmed")
        res = super()._auto_init()
        if new:
            self.env.cr.execute(
                """
                UPDATE mrp_workorder w SET quality_confirmed = TRUE
                  FROM mrp_production p
                 WHERE p.id = w.production_id AND p.state != 'draft'
                """
            )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        self._check_not_born_done(vals_list)
        return super().create(vals_list)

    @api.model
    def _check_not_born_done(self, vals_list):
        """Born done (created or copied so), it would skip its checkpoints."""
        if not self.env.su and any(vals.get("state") == "done" for vals in vals_list):
            raise UserError(
                self.env._(
                    "A work order is not created done: create it, confirm it, "
                    "record its inspections, then mark it as done."
                )
            )

    def write(self, vals):
        """The one write of the work order, in steps: the reported quantity
        checked, the quality rules of the change (Done passes the gate),
        what Odoo's write moves or unlinks read before it (the links a
        cross-check holds, the committed finish); Odoo's write; then the
        links kept, a cancel's inspections cancelled, the report
        recorded."""
        report = self._prepare_quantity_report(vals)
        self._check_quality_write(vals)
        held_links = self._get_write_held_links(vals)
        self._keep_committed_finishes(vals)
        with self._reporting_quantity(vals):
            res = super().write(vals)
        self._check_cross_links_kept(held_links)
        if vals.get("state") == "cancel":
            self.inspection_ids._cancel()
        if report:
            report[0]._record_quality_report(report[1])
        return res

    def _keep_committed_finishes(self, vals):
        """Before Odoo moves the planned end of the work orders that start or
        finish now: keep it as their committed finish (flushed in the same
        UPDATE as Odoo's write)."""
        if (
            vals.get("state") not in ("progress", "done")
            or "date_planned_finished" in vals
        ):
            return
        for date, workorders in self._get_committed_finishes(vals).items():
            workorders.sudo().write({"date_planned_finished": date})

    def _get_committed_finishes(self, vals):
        """{planned end: work orders} of those that start or finish now
        without a committed finish yet: their planned end before Odoo moves
        it (for one started unplanned, the end Odoo plans in ``vals``)."""
        committed = {}
        for workorder in self:
            if workorder.date_planned_finished:
                continue
            date = workorder.date_finished
            if not date and vals["state"] == "progress":
                # Started with no plan: Odoo plans it from now on.
                date = fields.Datetime.to_datetime(vals.get("date_finished"))
            # ``state`` last: Odoo may have it to recompute.
            if date and workorder.state not in ("progress", "done", "cancel"):
                committed.setdefault(date, self.browse())
                committed[date] |= workorder
        return committed

    @api.ondelete(at_uninstall=False)
    def _unlink_except_inspected(self):
        # Deleting a work order would delete its inspections (and with them
        # what holds its manufacturing order): only cancelled ones may go.
        kept = self.inspection_ids.filtered(lambda i: i.state != "cancel")
        if kept:
            raise UserError(
                self.env._(
                    "Work orders with inspections cannot be deleted: %(names)s. "
                    "Cancel the manufacturing order instead.",
                    names=", ".join(kept.workorder_id.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # Buttons. Done is held where it is written (``write``): Odoo's Done
    # and Mark as Done write it (the latter through ``button_finish``).
    # ------------------------------------------------------------------

    def _action_confirm(self):
        """Odoo links the work orders of the orders one by one: each link
        finds the gate of their orders in the cache (see
        ``_get_write_held_links``)."""
        res = super()._action_confirm()
        self.env["quality.checkpoint"]._create_inspections(self, "confirm")
        self.filtered(lambda wo: not wo.quality_confirmed).sudo().write(
            {"quality_confirmed": True}
        )
        return res

    def button_start(self, raise_on_invalid_state=False):
        """The work center's quality hold checked before Odoo's own blocking
        (a running work order resumed is not written: no start rule there);
        the start rules hold where Odoo writes the start (``write``). The
        checkpoints of the start and of the produced quantity looked for in
        one query."""
        self.workcenter_id._check_quality_hold()
        res = super().button_start(raise_on_invalid_state=raise_on_invalid_state)
        started = self.filtered(lambda wo: wo.state == "progress")
        started._add_quality_operator()
        Checkpoint = self.env["quality.checkpoint"]
        added = self.env["quality.inspection"]
        if started and Checkpoint.search_count(
            Checkpoint._get_workorder_domain(started)
            + expression.OR(
                [
                    Checkpoint._get_moment_domain("start"),
                    Checkpoint._get_moment_domain("produce"),
                ]
            ),
            limit=1,
        ):
            added = Checkpoint._create_inspections(started, "start")
            added |= Checkpoint._create_inspections(started, "produce")
        if res is None and started:
            # Odoo returns nothing: tell the user what starting did.
            return started._get_started_action(added)
        return res

    def _get_started_action(self, inspections):
        """A notification that these work orders started, naming the
        inspections their start added; then the screen reloads."""
        lines = [
            self.env._("%(workorder)s started.", workorder=workorder.display_name)
            for workorder in self
        ]
        if inspections:
            lines.append(
                self.env._(
                    "Inspections to do now: %(inspections)s.",
                    inspections=", ".join(
                        f"{inspection.name} ({inspection.checkpoint_id.name})"
                        for inspection in inspections
                    ),
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": " ".join(lines),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def button_finish(self):
        """Who finished them, and their committed finish kept before Odoo
        writes their end (read now for all of them: Odoo then writes each
        one in turn, where reading ``state`` would recompute it each time).
        The gate holds Done in Odoo's write."""
        to_finish = self._filter_open()
        to_finish._add_quality_operator()
        to_finish._keep_committed_finishes({"state": "done"})
        return super().button_finish()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _is_open(self):
        """Neither done nor cancelled."""
        self.ensure_one()
        return self.state not in ("done", "cancel")

    def _filter_open(self):
        return self.filtered(lambda wo: wo._is_open())

    def _add_quality_operator(self, users=None):
        """Remember who worked on these work orders (not the superuser)."""
        users = users if users is not None else self.env.user
        users = users.filtered(lambda u: not u._is_superuser())
        if not users:
            return
        missing = self.filtered(lambda wo: users - wo.quality_operator_ids)
        if missing:
            missing.sudo().write(
                {"quality_operator_ids": [Command.link(user.id) for user in users]}
            )

    def _get_operator_users(self):
        """Users who worked on these work orders: who started, logged time on
        or finished them, as recorded by the add-on (edited or deleted time
        logs do not change it)."""
        return self.quality_operator_ids

    def action_open_wizard(self):
        """The work order in a dialog (Odoo's, from the order's list): its
        inspections' buttons bring it back once they have recorded."""
        action = super().action_open_wizard()
        context = action.get("context") or {}
        if isinstance(context, str):
            context = safe_eval(context, {"uid": self.env.uid})
        action["context"] = dict(context, **{WORKORDER_DIALOG_KEY: True})
        return action

    def action_view_inspections(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_progress_sync.quality_inspection_action"
        )
        action["domain"] = [("workorder_id", "in", self.ids)]
        action["context"] = {"search_default_groupby_state": 0}
        return action
