# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import is_html_empty

from .quality_guard import is_person, is_quality_manager
from .quality_inspection import DISPOSITIONS
from .quality_nonconformance_cost import cost_field
from .quality_story import quality_story, reader_env

# Set by the quality workflow only: the disposition follows the inspections'
# (decided on them), the escalation is the managers' alarm.
PROTECTED_FIELDS = frozenset({"disposition", "escalated"})


class QualityNonconformance(models.Model):
    _name = "quality.nonconformance"
    _description = "Nonconformance"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "quality.protected.mixin",
        "quality.nonconformance.story",
        "quality.nonconformance.cost",
        "quality.nonconformance.escalation",
    ]
    _quality_protected_fields = PROTECTED_FIELDS
    # Its company is given when it is opened: moved, it would take its
    # actions, and who decides them, to another company.
    _quality_fixed_fields = frozenset({"company_id"})
    _order = "id desc"
    _check_company_auto = True

    def _default_stage_id(self):
        return self.env["quality.nonconformance.stage"].search([], limit=1)

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    title = fields.Char(
        compute="_compute_title",
        inverse="_inverse_title",
        search="_search_title",
        help="As typed, or, for a nonconformance opened by a failure, built in "
        "the reader's language from its checkpoint and work order.",
    )
    custom_title = fields.Char(
        string="Typed Title",
        tracking=True,
        copy=False,
        help="The title a user typed, kept as typed.",
    )
    checkpoint_id = fields.Many2one(
        "quality.checkpoint",
        readonly=True,
        index="btree_not_null",
        help="The checkpoint whose failure opened this nonconformance.",
    )
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
        "res.users",
        tracking=True,
        domain=[("share", "=", False), ("id", "!=", SUPERUSER_ID)],
    )
    deadline = fields.Date(tracking=True)
    root_cause = fields.Html()
    disposition = fields.Selection(
        DISPOSITIONS,
        compute="_compute_disposition",
        store=True,
        tracking=True,
        help="The latest disposition decided on its failed inspections "
        "(Disposition on the inspection).",
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
    # What it costs (quality_nonconformance_cost.py): the amounts, in its
    # company's currency, which an abstract model cannot relate to.
    copq_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Cost Currency"
    )
    copq_scrap_cost = cost_field(
        fields.Monetary,
        "Scrap Cost",
        "Scrapped quantity at the product's cost in the company.",
        currency_field="copq_currency_id",
    )
    copq_rework_cost = cost_field(
        fields.Monetary,
        "Rework Cost",
        "Real duration of its done rework work orders at the cost per hour "
        "stored on them when they were done.",
        currency_field="copq_currency_id",
    )
    copq_component_cost = cost_field(
        fields.Monetary,
        "Rework Components Cost",
        "Components consumed by its rework work orders, at their cost.",
        currency_field="copq_currency_id",
    )
    copq_total_cost = cost_field(
        fields.Monetary,
        "Cost of Poor Quality",
        "Scrap, rework time and rework components.",
        currency_field="copq_currency_id",
    )

    @api.depends(
        "custom_title",
        "checkpoint_id.name",
        "workorder_id.name",
        "workorder_id.production_id.name",
    )
    @api.depends_context("lang")
    def _compute_title(self):
        for nonconformance in self:
            nonconformance.title = (
                nonconformance.custom_title or nonconformance._get_failure_title()
            )

    def _inverse_title(self):
        for nonconformance in self:
            if nonconformance.title != nonconformance._get_failure_title():
                nonconformance.custom_title = nonconformance.title

    def _search_title(self, operator, value):
        positive = operator not in expression.NEGATIVE_TERM_OPERATORS
        if not positive:
            operator = expression.TERM_OPERATORS_NEGATION[operator]
        domain = [
            "|",
            ("custom_title", operator, value),
            "&",
            ("custom_title", "=", False),
            ("checkpoint_id.name", operator, value),
        ]
        return domain if positive else ["!", *domain]

    def _get_failure_title(self):
        """The title of a nonconformance opened by a failure, in the reader's
        language, or False."""
        self.ensure_one()
        if not self.checkpoint_id:
            return False
        return self.env._(
            "%(checkpoint)s failed on %(workorder)s",
            checkpoint=self.checkpoint_id.name,
            workorder=self.workorder_id.display_name,
        )

    @api.constrains("responsible_id")
    def _check_responsible_id(self):
        for nonconformance in self:
            responsible = nonconformance.responsible_id
            if responsible and not is_person(responsible):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be responsible for %(name)s: choose a "
                        "person who works in the company.",
                        user=responsible.name,
                        name=nonconformance.name,
                    )
                )

    @api.constrains("quantity")
    def _check_quantity(self):
        if any(nonconformance.quantity < 0 for nonconformance in self):
            raise ValidationError(
                self.env._("The quantity of a nonconformance cannot be negative.")
            )

    @api.depends("inspection_ids.disposition", "inspection_ids.disposition_date")
    def _compute_disposition(self):
        for nonconformance in self:
            decided = nonconformance.inspection_ids.filtered("disposition").sorted(
                lambda i: (i.disposition_date, i.id)
            )
            nonconformance.disposition = decided[-1:].disposition

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
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("quality.nonconformance")
                    or "/"
                )
        nonconformances = super().create(vals_list)
        nonconformances._schedule_deadline_activity()
        return nonconformances

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        """A nonconformance is a quality record, with its chatter: it is
        closed, never deleted."""
        raise UserError(
            self.env._(
                "Nonconformances are a quality record and are never deleted: "
                "close them instead."
            )
        )

    def write(self, vals):
        self._check_can_change_responsible(vals)
        closing = self.browse()
        if "stage_id" in vals:
            stage = self.env["quality.nonconformance.stage"].browse(vals["stage_id"])
            if stage.is_closed:
                self._check_can_close()
                closing = self.filtered(lambda n: not n.is_closed)
        res = super().write(vals)
        if closing:
            # quality_nonconformance_story.py
            closing._end_tasks()
        return res

    def _check_can_change_responsible(self, vals):
        """The responsible is given when the nonconformance is opened; then
        a Quality Manager or the responsible (handing it on) changes it. Who
        is responsible decides who does its actions and by when (see
        ``quality.nonconformance.action._check_can_change``)."""
        if "responsible_id" not in vals or is_quality_manager(self.env):
            return
        new_id = vals["responsible_id"] or False
        taken = self.filtered(
            lambda n: (
                n.responsible_id.id != new_id and n.responsible_id != self.env.user
            )
        )
        if taken:
            raise UserError(
                self.env._(
                    "Only the responsible of %(names)s or a Quality Manager can "
                    "give it another responsible.",
                    names=", ".join(taken.mapped("name")),
                )
            )

    def _schedule_deadline_activity(self):
        # As superuser: the notification of the activity is sent by the user,
        # who may have no email address (most operators). Author unchanged.
        for nonconformance in self.sudo().filtered("responsible_id"):
            nonconformance.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=nonconformance.deadline or fields.Date.today(),
                summary=reader_env(nonconformance, nonconformance.responsible_id)._(
                    "Nonconformance %(name)s: analyse and close",
                    name=nonconformance.name,
                ),
                user_id=nonconformance.responsible_id.id,
            )

    def _check_can_close(self):
        for nonconformance in self:
            error = nonconformance._get_close_error()
            if error:
                raise UserError(error)

    def _get_close_error(self):
        """Why this nonconformance cannot close yet (False when it can)."""
        self.ensure_one()
        open_actions = self.action_ids.filtered(lambda a: not a.done)
        pending = self.reinspection_ids.filtered(lambda i: i.state != "pass")
        if open_actions:
            return self.env._(
                "%(name)s cannot close while actions are open: %(actions)s.",
                name=self.name,
                actions=", ".join(open_actions.mapped("name")),
            )
        if pending:
            return self.env._(
                "%(name)s cannot close before its re-inspections pass: "
                "%(inspections)s.",
                name=self.name,
                inspections=", ".join(pending.mapped("name")),
            )
        if self.disposition == "rework" and not self.reinspection_ids:
            return self.env._(
                "%(name)s is reworked: it closes once a re-inspection has passed.",
                name=self.name,
            )
        if is_html_empty(self.root_cause):
            return self.env._(
                "%(name)s cannot close without its root cause: describe "
                "it in the Root Cause tab first.",
                name=self.name,
            )
        return False

    def action_close(self):
        stage = self.env["quality.nonconformance.stage"].search(
            [("is_closed", "=", True)], limit=1
        )
        self.write({"stage_id": stage.id})
        return True

    # ------------------------------------------------------------------
    # The failure loop: what a failed blocking inspection starts
    # ------------------------------------------------------------------

    @api.model
    def _handle_failures(self, inspections):
        """Entry point of the loop, called when inspections fail. Each failed
        blocking inspection without a disposition is handled once:

        1. its nonconformance is opened (:meth:`_get_for_failure`);
        2. its checkpoint's policy applies (:meth:`_apply_policy`): rework
           within the loop limit, else escalation; scrap; hold; alert;
        3. a rework or a scrap is a disposition, carried out by
           :meth:`_decide`: the rework work order with its re-inspection and
           the re-planning (:meth:`_add_rework`), or the scrap
           (:meth:`_scrap`);
        4. its containment, where its checkpoint brackets failures.

        On a done or cancelled order the nonconformance only records it.
        Each failure is told on its order's chatter, with what followed."""
        unhandled = inspections._get_unhandled_failures()
        with quality_story(self.env):
            for inspection in inspections.filtered(
                lambda i: i.state == "fail" and not i.failure_handled
            ):
                if inspection not in unhandled:
                    # Not blocking: told, nothing follows.
                    self._tell_failure(inspection)
                    continue
                inspection.sudo().failure_handled = True
                nonconformance = self._get_for_failure(inspection)
                self._tell_failure(inspection, nonconformance)
                if inspection.production_id._is_open():
                    nonconformance._apply_policy(inspection)
        self.env["quality.containment"]._open_for_failures(unhandled)

    @api.model
    def _get_for_failure(self, inspection):
        """The nonconformance of a failure: its own, the one of the failure
        it re-inspects, or a new one."""
        if inspection.nonconformance_id:
            return inspection.nonconformance_id
        nonconformance = inspection.origin_inspection_id.nonconformance_id
        if not nonconformance:
            nonconformance = self.sudo().create(self._prepare_failure_vals(inspection))
        inspection.sudo().nonconformance_id = nonconformance
        return nonconformance

    @api.model
    def _prepare_failure_vals(self, inspection):
        """Values of the nonconformance opened by ``inspection``'s failure."""
        checkpoint = inspection.checkpoint_id
        return {
            # The title is built from them, in the reader's language.
            "checkpoint_id": checkpoint.id,
            "workorder_id": inspection.workorder_id.id,
            "production_id": inspection.production_id.id,
            "product_id": inspection.product_id.id,
            "lot_id": inspection.lot_id.id,
            "quantity": inspection.failed_qty,
            "company_id": inspection.company_id.id,
            "severity": "critical" if inspection.stage == "final" else "major",
            "responsible_id": self._get_failure_responsible(inspection).id,
            "deadline": fields.Date.add(
                fields.Date.context_today(self),
                days=checkpoint.nonconformance_deadline_days,
            ),
        }

    @api.model
    def _get_failure_responsible(self, inspection):
        """Who owns the nonconformance of a failure: the checkpoint's
        responsible, else the work center's quality responsible, the order's
        responsible or the user who recorded it; never OdooBot."""
        candidates = (
            inspection.checkpoint_id.responsible_id,
            inspection.workcenter_id.quality_responsible_id,
            inspection.production_id.user_id,
            self.env.user,
        )
        return next(
            (user for user in candidates if is_person(user)),
            self.env["res.users"],
        )

    def _apply_policy(self, inspection):
        """Start what the checkpoint's ``on_failure`` asks for."""
        self.ensure_one()
        checkpoint = inspection.checkpoint_id
        policy = checkpoint.on_failure
        if policy == "rework" and inspection._is_past_rework_limit():
            self._escalate_rework_limit(inspection)
        elif policy in ("rework", "scrap"):
            # Its reason is the policy, told in the reader's language.
            self._decide(inspection, policy, False, automatic=True)
        elif policy == "hold":
            inspection.workcenter_id._quality_hold(inspection)
            env = reader_env(self)
            self.sudo().message_post(
                body=env._(
                    "Work center %(workcenter)s is on hold until a Quality "
                    "Manager releases it.",
                    workcenter=inspection.workcenter_id.with_env(env).display_name,
                )
            )

    @api.model
    def _decide(self, inspection, disposition, reason, automatic=False):
        """Record the disposition of a failed inspection, with the reason the
        user gave (``automatic``: by the checkpoint's policy), and carry it
        out."""
        inspection._check_can_decide(disposition)
        nonconformance = self._get_for_failure(inspection)
        inspection.sudo().write(
            {
                "disposition": disposition,
                "disposition_user_id": self.env.uid,
                "disposition_date": fields.Datetime.now(),
                "disposition_note": reason,
                "disposition_automatic": automatic,
            }
        )
        done = False
        with quality_story(self.env):
            if disposition == "rework":
                done = nonconformance._add_rework(inspection)
            elif disposition == "scrap":
                done = nonconformance._scrap(inspection)
            self._tell_disposition(inspection, done)
        return True

    def _add_rework(self, inspection):
        """A rework work order after the failed one and before the next
        operations, with the re-inspection of the failed checkpoint; the
        order re-planned. Once per failure."""
        self.ensure_one()
        existing = inspection.reinspection_ids.workorder_id
        if existing:
            return existing
        workorder = inspection.workorder_id
        production = workorder.production_id
        if not production._is_open():
            raise UserError(
                self.env._(
                    "%(production)s is done or cancelled: no rework can be added.",
                    production=production.display_name,
                )
            )
        next_workorders = workorder._get_next_workorders()._filter_open()
        vals = workorder._prepare_rework_workorder_vals(inspection)
        vals["sequence"] = workorder._make_room_after()
        rework = (
            self.env["mrp.workorder"]
            .sudo()
            .with_context(skip_confirm=True)
            .create(vals)
        )
        next_workorders.sudo().write(
            {"blocked_by_workorder_ids": [Command.link(rework.id)]}
        )
        self._create_reinspection(inspection, rework)
        self._log_rework(rework, next_workorders)
        production._replan_after_rework(rework)
        return rework

    def _log_rework(self, rework, next_workorders):
        self.ensure_one()
        env = reader_env(self)
        self.sudo().message_post(
            body=env._(
                "Rework work order %(rework)s added to %(production)s, before "
                "%(next)s.",
                rework=rework.with_env(env).display_name,
                production=rework.production_id.display_name,
                next=", ".join(next_workorders.with_env(env).mapped("name")) or "-",
            )
        )

    def _create_reinspection(self, inspection, rework):
        """The failed checkpoint again, on the rework work order."""
        self.ensure_one()
        return (
            self.env["quality.inspection"]
            .sudo()
            .create(
                {
                    "checkpoint_id": inspection.checkpoint_id.id,
                    "workorder_id": rework.id,
                    "origin_inspection_id": inspection.id,
                    "rework_loop": inspection.rework_loop + 1,
                    "nonconformance_id": self.id,
                    "failed_qty": inspection.failed_qty,
                }
            )
        )

    def _scrap(self, inspection):
        """A scrap order for the failed quantity; a scrapped first piece is
        made again, with a new first-article inspection."""
        self.ensure_one()
        scrap = (
            self.env["stock.scrap"].sudo().create(self._prepare_scrap_vals(inspection))
        )
        if inspection.stage == "first_article":
            self.env["quality.inspection"].sudo().create(
                {
                    "checkpoint_id": inspection.checkpoint_id.id,
                    "workorder_id": inspection.workorder_id.id,
                }
            )
        return scrap

    def _prepare_scrap_vals(self, inspection):
        self.ensure_one()
        production = inspection.production_id
        return {
            "product_id": production.product_id.id,
            "product_uom_id": production.product_uom_id.id,
            "scrap_qty": inspection.failed_qty,
            "production_id": production.id,
            "workorder_id": inspection.workorder_id.id,
            "company_id": production.company_id.id,
            "location_id": production.location_dest_id.id,
            "quality_nonconformance_id": self.id,
            "origin": inspection.name,
        }
