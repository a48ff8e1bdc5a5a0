# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .quality_guard import check_protected_fields

# Set by the quality workflow only: the disposition follows the inspections'
# (decided on them), the escalation is the managers' alarm.
PROTECTED_FIELDS = frozenset({"disposition", "escalated"})


class QualityNonconformance(models.Model):
    _name = "quality.nonconformance"
    _description = "Nonconformance"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    def _default_stage_id(self):
        return self.env["quality.nonconformance.stage"].search([], limit=1)

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    title = fields.Char(required=True, tracking=True)
    stage_id = fields.Many2one(
        "quality.nonconformance.stage",
        default=_default_stage_id,
        group_expand="_read_group_stage_ids",
        tracking=True,
        index=True,
        copy=False,
    )
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True)
    inspection_ids = fields.One2many(
        "quality.inspection", "nonconformance_id", string="Inspections"
    )
    workorder_id = fields.Many2one(
        "mrp.workorder", string="Work Order", index=True, check_company=True
    )
    production_id = fields.Many2one(
        "mrp.production", string="Manufacturing Order", index=True, check_company=True
    )
    workcenter_id = fields.Many2one(
        related="workorder_id.workcenter_id", store=True, index=True
    )
    product_id = fields.Many2one("product.product", check_company=True)
    lot_id = fields.Many2one("stock.lot", string="Lot/Serial Number")
    quantity = fields.Float(digits="Product Unit of Measure")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    severity = fields.Selection(
        [("minor", "Minor"), ("major", "Major"), ("critical", "Critical")],
        default="major",
        required=True,
        tracking=True,
    )
    responsible_id = fields.Many2one(
        "res.users", tracking=True, domain="[('share', '=', False)]"
    )
    deadline = fields.Date(tracking=True)
    root_cause = fields.Html()
    disposition = fields.Selection(
        [("rework", "Rework"), ("concession", "Concession"), ("scrap", "Scrap")],
        readonly=True,
        tracking=True,
        help="Decided on the failed inspection (Disposition), not here.",
    )
    action_ids = fields.One2many(
        "quality.nonconformance.action", "nonconformance_id", string="Actions"
    )
    rework_workorder_ids = fields.One2many(
        "mrp.workorder", "rework_nonconformance_id", string="Rework Work Orders"
    )
    reinspection_ids = fields.Many2many(
        "quality.inspection",
        compute="_compute_reinspection_ids",
        string="Re-inspections",
    )
    scrap_ids = fields.One2many("stock.scrap", "quality_nonconformance_id")
    escalated = fields.Boolean(readonly=True, copy=False, tracking=True)

    @api.constrains("quantity")
    def _check_quantity(self):
        if any(nonconformance.quantity < 0 for nonconformance in self):
            raise ValidationError(
                self.env._("The quantity of a nonconformance cannot be negative.")
            )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    @api.depends("rework_workorder_ids.inspection_ids")
    def _compute_reinspection_ids(self):
        for nonconformance in self:
            nonconformance.reinspection_ids = (
                nonconformance.rework_workorder_ids.inspection_ids.filtered(
                    "origin_inspection_id"
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_protected_fields(self, vals, PROTECTED_FIELDS)
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("quality.nonconformance")
                    or "/"
                )
        nonconformances = super().create(vals_list)
        nonconformances._schedule_deadline_activity()
        return nonconformances

    def write(self, vals):
        check_protected_fields(self, vals, PROTECTED_FIELDS)
        if "stage_id" in vals:
            stage = self.env["quality.nonconformance.stage"].browse(vals["stage_id"])
            if stage.is_closed:
                self._check_can_close()
        return super().write(vals)

    def _schedule_deadline_activity(self):
        # As superuser: the notification of the activity is sent by the user,
        # who may have no email address (most operators). Author unchanged.
        for nonconformance in self.sudo().filtered("responsible_id"):
            nonconformance.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=nonconformance.deadline or fields.Date.today(),
                summary=self.env._(
                    "Nonconformance %(name)s: analyse and close",
                    name=nonconformance.name,
                ),
                user_id=nonconformance.responsible_id.id,
            )

    def _check_can_close(self):
        for nonconformance in self:
            open_actions = nonconformance.action_ids.filtered(lambda a: not a.done)
            if open_actions:
                raise UserError(
                    self.env._(
                        "%(name)s cannot close while actions are open: %(actions)s.",
                        name=nonconformance.name,
                        actions=", ".join(open_actions.mapped("name")),
                    )
                )
            pending = nonconformance.reinspection_ids.filtered(
                lambda i: i.state != "pass"
            )
            if pending:
                raise UserError(
                    self.env._(
                        "%(name)s cannot close before its re-inspections pass: "
                        "%(inspections)s.",
                        name=nonconformance.name,
                        inspections=", ".join(pending.mapped("name")),
                    )
                )
            if nonconformance.disposition == "rework" and not (
                nonconformance.reinspection_ids
            ):
                raise UserError(
                    self.env._(
                        "%(name)s is reworked: it closes once a re-inspection has "
                        "passed.",
                        name=nonconformance.name,
                    )
                )

    def action_close(self):
        stage = self.env["quality.nonconformance.stage"].search(
            [("is_closed", "=", True)], limit=1
        )
        self.write({"stage_id": stage.id})
        return True

    def _escalate(self, reason):
        """Tell the Quality Managers, once per nonconformance."""
        to_escalate = self.filtered(lambda n: not n.escalated)
        to_escalate.sudo().escalated = True
        to_escalate._notify_managers(reason)

    def _notify_managers(self, reason):
        """A message to the Quality Managers and an activity for one of them.

        Posted as superuser, the author staying the user: whoever triggers the
        escalation may have no email address (most operators)."""
        managers = (
            self.env.ref("quality_progress_sync.group_quality_manager")
            .sudo()
            .users.filtered(lambda u: not u.share)
        )
        for nonconformance in self.sudo():
            nonconformance.message_post(
                body=self.env._(
                    "Escalated to the Quality Managers: %(reason)s", reason=reason
                ),
                partner_ids=managers.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            if managers:
                nonconformance.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Escalated: %(reason)s", reason=reason),
                    user_id=managers[0].id,
                )

    @api.model
    def _cron_escalate_actions(self, limit=500):
        """Escalate, once, the actions past their deadline or not
        acknowledged within the SLA (Settings)."""
        sla_hours = float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("quality_progress_sync.escalation_sla_hours", 24)
        )
        now = fields.Datetime.now()
        Action = self.env["quality.nonconformance.action"]
        actions = Action.search(
            [
                ("escalated", "=", False),
                ("done", "=", False),
                "|",
                ("deadline", "<", fields.Date.context_today(self)),
                "&",
                ("acknowledged", "=", False),
                ("create_date", "<", now - timedelta(hours=sla_hours)),
            ],
            limit=limit,
        )
        today = fields.Date.context_today(self)
        for action in actions:
            if action.deadline < today:
                reason = self.env._(
                    "action %(name)s is past its deadline", name=action.name
                )
            else:
                reason = self.env._(
                    "action %(name)s was not acknowledged within %(hours)s hours",
                    name=action.name,
                    hours=sla_hours,
                )
            action.nonconformance_id._notify_managers(reason)
        actions.sudo().write({"escalated": True})
        return actions
