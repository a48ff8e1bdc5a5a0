# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

INSPECTION_STATES = [
    ("none", "No Inspection"),
    ("todo", "To Inspect"),
    ("pass", "Passed"),
    ("fail", "Failed"),
    ("blocked", "Blocked"),
]


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

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
    blocking_reason = fields.Text(
        compute="_compute_inspection_summary",
        store=True,
        help="Why the work order cannot be finished yet.",
    )

    @api.depends(
        "inspection_ids.state",
        "inspection_ids.gate_blocking",
        "inspection_ids.name",
        "inspection_ids.checkpoint_id.name",
    )
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
            workorder.blocking_reason = workorder._get_blocking_reason(blocking)
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

    def write(self, vals):
        if vals.get("state") == "done" and not self.env.su:
            self.filtered(lambda wo: wo.state != "done")._check_quality_gate()
        res = super().write(vals)
        if vals.get("state") == "cancel":
            self.inspection_ids._cancel()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_inspected(self):
        done = self.inspection_ids.filtered(lambda i: i.state in ("pass", "fail"))
        if done:
            raise UserError(
                self.env._(
                    "Work orders with done inspections cannot be deleted: %(names)s.",
                    names=", ".join(done.workorder_id.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # Paths to Done: each one goes through the quality gate first.
    # ------------------------------------------------------------------

    def button_finish(self):
        self.filtered(
            lambda wo: wo.state not in ("done", "cancel")
        )._check_quality_gate()
        return super().button_finish()

    def button_done(self):
        self._check_quality_gate()
        return super().button_done()

    def action_mark_as_done(self):
        self._check_quality_gate()
        return super().action_mark_as_done()

    def _action_confirm(self):
        res = super()._action_confirm()
        self._generate_inspections()
        return res

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _generate_inspections(self):
        """Create, in one batch, the inspections that the matching checkpoints
        ask of these work orders and that they do not have yet."""
        workorders = self.filtered(lambda wo: wo.state not in ("done", "cancel"))
        if not workorders:
            return self.env["quality.inspection"]
        checkpoints = self.env["quality.checkpoint"].search(
            self.env["quality.checkpoint"]._get_workorder_domain(workorders)
        )
        if not checkpoints:
            return self.env["quality.inspection"]
        existing = {
            (inspection.workorder_id.id, inspection.checkpoint_id.id)
            for inspection in workorders.inspection_ids
        }
        vals_list = [
            checkpoint._prepare_inspection_vals(workorder)
            for workorder in workorders
            for checkpoint in checkpoints
            if (workorder.id, checkpoint.id) not in existing
            and checkpoint._matches_workorder(workorder)
        ]
        return self.env["quality.inspection"].sudo().create(vals_list)

    def _get_blocking_reason(self, blocking_inspections):
        """Text telling the operator what keeps the work order from Done."""
        self.ensure_one()
        lines = []
        for inspection in blocking_inspections.sorted("id"):
            if inspection.state == "fail":
                lines.append(
                    self.env._(
                        "%(name)s (%(title)s) failed: the part must be dealt with "
                        "and the inspection reopened by a Quality Manager.",
                        name=inspection.name,
                        title=inspection.checkpoint_id.name,
                    )
                )
            else:
                lines.append(
                    self.env._(
                        "%(name)s (%(title)s) is still to do: record its result "
                        "in the Quality tab.",
                        name=inspection.name,
                        title=inspection.checkpoint_id.name,
                    )
                )
        return "\n".join(lines) or False

    def _check_quality_gate(self):
        """Refuse Done while a blocking inspection is to do or failed."""
        blocked = self.filtered(lambda wo: wo.inspection_ids.filtered("gate_blocking"))
        if not blocked:
            return True
        messages = [
            self.env._(
                "Work order %(workorder)s cannot be finished until its blocking "
                "inspections pass:\n%(reasons)s",
                workorder=workorder.display_name,
                reasons=workorder.blocking_reason,
            )
            for workorder in blocked
        ]
        raise UserError("\n\n".join(messages))

    def action_view_inspections(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_progress_sync.quality_inspection_action"
        )
        action["domain"] = [("workorder_id", "in", self.ids)]
        action["context"] = {"search_default_groupby_state": 0}
        return action
