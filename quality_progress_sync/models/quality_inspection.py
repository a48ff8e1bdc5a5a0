# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .quality_checkpoint import CHECK_TYPES, PERFORMERS, STAGES
from .quality_guard import clean_text, is_quality_inspector, is_quality_manager
from .quality_sampling_plan import SEVERITIES

# Fields that hold the result of an inspection: only the Pass / Fail / measure
# actions write them.
RESULT_FIELDS = {
    "state",
    "user_id",
    "date_done",
    "failure_reason",
    "measure_ids",
    "disposition",
    "disposition_user_id",
    "disposition_date",
    "disposition_reason",
    "nonconformance_id",
    "failure_handled",
    "defect_count",
}
DISPOSITIONS = [
    ("rework", "Rework"),
    ("concession", "Concession (use as is)"),
    ("scrap", "Scrap"),
]
# Fields that may not change any more once the inspection is done.
LOCKED_FIELDS = RESULT_FIELDS | {
    "checkpoint_id",
    "workorder_id",
    "stage",
    "performer",
    "check_type",
    "blocking",
    "sample_size",
    "norm",
    "tolerance_min",
    "tolerance_max",
    "uom_id",
    "picture",
    "comment",
    "failed_qty",
}
DONE_STATES = ("pass", "fail")
# Beyond this a value is no measure (and no longer rounds to the field's
# digits): refused.
MEASURE_LIMIT = 1e12
MEASURE_LIMIT_TEXT = "1e+12"
# What the inspection asks, set from its checkpoint and its work order: never
# written by users, done or not (the gate relies on them).
DEFINITION_FIELDS = (
    LOCKED_FIELDS - RESULT_FIELDS - {"picture", "comment", "failed_qty"}
) | {
    "name",
    "sampling_plan_id",
    "lot_size",
    "sampling_code_letter",
    "sampling_severity",
    "accept_number",
    "reject_number",
    "rework_loop",
    "origin_inspection_id",
}
# Follow the work order (or the result): computed, and precomputed into the
# INSERT (Odoo ignores the values of read-only precomputed fields: these are
# not read-only, and ``write`` refuses them to users).
COMPUTED_FIELDS = {
    "production_id",
    "product_id",
    "workcenter_id",
    "operation_id",
    "company_id",
    "gate_blocking",
}


def _workorder_link(comodel, **kwargs):
    """A many2one of the inspection that follows its work order: computed,
    stored, and precomputed into the INSERT. Not read-only, or Odoo would
    drop the values ``create`` gives; ``write`` refuses them to users."""
    return fields.Many2one(
        comodel,
        compute="_compute_workorder_links",
        store=True,
        readonly=False,
        precompute=True,
        **kwargs,
    )


class QualityInspection(models.Model):
    _name = "quality.inspection"
    _description = "Quality Inspection"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    checkpoint_id = fields.Many2one(
        "quality.checkpoint",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    title = fields.Char(related="checkpoint_id.name", string="Checkpoint Name")
    workorder_id = fields.Many2one(
        "mrp.workorder",
        string="Work Order",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    # Copied from the work order at creation (in the INSERT, see ``create``)
    # and kept in step with it.
    production_id = _workorder_link(
        "mrp.production", string="Manufacturing Order", index=True
    )
    product_id = _workorder_link("product.product")
    lot_id = fields.Many2one(
        related="production_id.lot_producing_id", string="Lot/Serial Number"
    )
    workcenter_id = _workorder_link("mrp.workcenter", string="Work Center", index=True)
    operation_id = _workorder_link("mrp.routing.workcenter")
    company_id = _workorder_link("res.company", index=True)
    stage = fields.Selection(STAGES, required=True, readonly=True)
    performer = fields.Selection(PERFORMERS, required=True, readonly=True)
    check_type = fields.Selection(
        CHECK_TYPES, string="Type", required=True, readonly=True
    )
    blocking = fields.Boolean(readonly=True)
    sample_size = fields.Integer(default=1, readonly=True)
    norm = fields.Float(digits="Quality Measure", readonly=True)
    tolerance_min = fields.Float(
        string="Min Tolerance", digits="Quality Measure", readonly=True
    )
    tolerance_max = fields.Float(
        string="Max Tolerance", digits="Quality Measure", readonly=True
    )
    uom_id = fields.Many2one("uom.uom", string="Unit of Measure", readonly=True)
    sampling_plan_id = fields.Many2one("quality.sampling.plan", readonly=True)
    lot_size = fields.Integer(readonly=True)
    sampling_code_letter = fields.Char(string="Code Letter", readonly=True)
    sampling_severity = fields.Selection(SEVERITIES, string="Severity", readonly=True)
    accept_number = fields.Integer(string="Accept (Ac)", readonly=True)
    reject_number = fields.Integer(string="Reject (Re)", readonly=True)
    defect_count = fields.Integer(string="Nonconforming Units", readonly=True)
    instructions = fields.Html(related="checkpoint_id.instructions")
    failure_message = fields.Text(related="checkpoint_id.failure_message")
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("pass", "Passed"),
            ("fail", "Failed"),
            ("cancel", "Cancelled"),
        ],
        required=True,
        default="todo",
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
    )
    gate_blocking = fields.Boolean(
        string="Blocks the Work Order",
        compute="_compute_gate_blocking",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        help="This inspection keeps its work order from being finished.",
    )
    measure_ids = fields.One2many(
        "quality.inspection.measure", "inspection_id", string="Measures", copy=False
    )
    user_id = fields.Many2one(
        "res.users", string="Inspected By", readonly=True, copy=False, tracking=True
    )
    date_done = fields.Datetime(
        string="Inspected On", readonly=True, copy=False, tracking=True
    )
    failure_reason = fields.Text(readonly=True, copy=False, tracking=True)
    comment = fields.Text()
    picture = fields.Image(max_width=1920, max_height=1920, copy=False)
    rework_loop = fields.Integer(
        readonly=True,
        default=0,
        copy=False,
        help="How many rework work orders came before this re-inspection.",
    )
    failed_qty = fields.Float(
        string="Failed Quantity",
        digits="Product Unit of Measure",
        default=1.0,
        help="Quantity concerned by a failure: reworked or scrapped.",
    )
    disposition = fields.Selection(
        DISPOSITIONS, readonly=True, copy=False, tracking=True, index=True
    )
    disposition_user_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False, tracking=True
    )
    disposition_date = fields.Datetime(
        string="Decided On", readonly=True, copy=False, tracking=True
    )
    disposition_reason = fields.Text(readonly=True, copy=False, tracking=True)
    nonconformance_id = fields.Many2one(
        "quality.nonconformance", readonly=True, copy=False, index=True
    )
    failure_handled = fields.Boolean(
        readonly=True,
        copy=False,
        help="The failure policy of the checkpoint has run for this failure.",
    )
    origin_inspection_id = fields.Many2one(
        "quality.inspection",
        string="Re-inspection Of",
        readonly=True,
        copy=False,
        index=True,
        help="The failed inspection whose rework this inspection checks.",
    )
    reinspection_ids = fields.One2many(
        "quality.inspection", "origin_inspection_id", string="Re-inspections"
    )
    can_record = fields.Boolean(
        compute="_compute_can_record",
        help="The current user may record the result of this inspection now.",
    )

    @api.depends(
        "workorder_id.production_id.product_id",
        "workorder_id.production_id.company_id",
        "workorder_id.workcenter_id",
        "workorder_id.operation_id",
    )
    def _compute_workorder_links(self):
        for inspection in self:
            inspection.update(self._get_workorder_link_vals(inspection.workorder_id))

    @api.depends_context("uid")
    @api.depends("state", "performer", "stage", "workorder_id")
    def _compute_can_record(self):
        for inspection in self:
            inspection.can_record = (
                inspection.state == "todo"
                and not inspection._get_waiting_error()
                and not inspection._get_performer_error(self.env.user)
            )

    @api.model
    def _get_workorder_link_vals(self, workorder):
        """Where an inspection of ``workorder`` belongs."""
        production = workorder.production_id
        return {
            "production_id": production.id,
            "product_id": production.product_id.id,
            "workcenter_id": workorder.workcenter_id.id,
            "operation_id": workorder.operation_id.id,
            "company_id": production.company_id.id,
        }

    @api.depends("blocking", "stage", "state", "disposition")
    def _compute_gate_blocking(self):
        for inspection in self:
            inspection.gate_blocking = self._is_gate_blocking(
                inspection.blocking,
                inspection.stage,
                inspection.state,
                inspection.disposition,
            )

    @api.model
    def _is_gate_blocking(self, blocking, stage, state="todo", disposition=False):
        """A first article always holds its work order: nothing more is
        produced until it passes. A failure stops blocking once it has a
        disposition: its rework work order (and re-inspection), its scrap or
        the concession takes over."""
        return (blocking or stage == "first_article") and (
            state == "todo" or (state == "fail" and not disposition)
        )

    def _is_first_article_cleared(self, first_articles):
        """Whether this first article no longer holds its work order:
        passed; conceded; reworked with a re-inspection cleared; or scrapped
        with a later first article of the work order (``first_articles``)
        cleared."""
        self.ensure_one()
        if self.state == "pass":
            return True
        if self.state != "fail":
            return False
        if self.disposition == "concession":
            return True
        if self.disposition == "rework":
            return any(
                reinspection._is_first_article_cleared(first_articles)
                for reinspection in self.reinspection_ids
                if reinspection.state != "cancel"
            )
        if self.disposition == "scrap":
            return any(
                later._is_first_article_cleared(first_articles)
                for later in first_articles
                if later.id > self.id
            )
        return False

    @api.constrains("failed_qty")
    def _check_failed_qty(self):
        if any(inspection.failed_qty <= 0 for inspection in self):
            raise ValidationError(
                self.env._("The failed quantity must be greater than zero.")
            )

    @api.constrains("sample_size")
    def _check_sample_size(self):
        if any(inspection.sample_size <= 0 for inspection in self):
            raise ValidationError(
                self.env._("The sample size must be greater than zero.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        checkpoints = self.env["quality.checkpoint"].browse(
            [vals["checkpoint_id"] for vals in vals_list if vals.get("checkpoint_id")]
        )
        workorders = self.env["mrp.workorder"].browse(
            [vals["workorder_id"] for vals in vals_list if vals.get("workorder_id")]
        )
        names = self._next_names(len(vals_list))
        for vals, name in zip(vals_list, names, strict=True):
            if not self.env.su and RESULT_FIELDS & vals.keys():
                raise UserError(
                    self.env._(
                        "A new inspection starts to do: record its result after."
                    )
                )
            checkpoint = checkpoints.browse(vals.get("checkpoint_id"))
            workorder = workorders.browse(vals.get("workorder_id"))
            if checkpoint and workorder:
                defaults = checkpoint._prepare_inspection_vals(workorder)
                vals.update({k: v for k, v in defaults.items() if k not in vals})
            # The computed fields go into the INSERT: no UPDATE after it.
            if workorder:
                vals.update(self._get_workorder_link_vals(workorder))
            vals["gate_blocking"] = self._is_gate_blocking(
                vals.get("blocking"),
                vals.get("stage"),
                vals.get("state", "todo"),
                vals.get("disposition"),
            )
            if vals.get("name", "/") == "/":
                vals["name"] = name
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if (COMPUTED_FIELDS | DEFINITION_FIELDS) & vals.keys():
                raise UserError(
                    self.env._(
                        "An inspection follows its checkpoint and its work order: "
                        "change the checkpoint or the work order instead."
                    )
                )
            if RESULT_FIELDS & vals.keys():
                raise UserError(
                    self.env._(
                        "Record inspection results with the Pass, Fail and Record "
                        "Measures buttons."
                    )
                )
            if LOCKED_FIELDS & vals.keys() and any(
                inspection.state in DONE_STATES for inspection in self
            ):
                raise UserError(
                    self.env._(
                        "Done inspections cannot be changed. A Quality Manager can "
                        "reopen them with a reason."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_always(self):
        raise UserError(
            self.env._(
                "Inspections are a quality record and are never deleted: a Quality "
                "Manager can reopen a done one."
            )
        )

    def _next_names(self, count):
        """Reserve ``count`` references from the inspection sequence, in one
        query when the sequence is a PostgreSQL one."""
        sequence = self.env["ir.sequence"].search(
            [
                ("code", "=", "quality.inspection"),
                ("company_id", "in", [self.env.company.id, False]),
            ],
            order="company_id",
            limit=1,
        )
        if not sequence:
            return ["/"] * count
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence.next_by_id() for __ in range(count)]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        # ir.sequence.get_next_char, its prefix and suffix interpolated once.
        prefix, suffix = sequence._get_prefix_suffix()
        return [
            f"{prefix}{number:0{sequence.padding}d}{suffix}"
            for (number,) in self.env.cr.fetchall()
        ]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_pass(self):
        self.do_pass()
        return True

    def action_fail(self):
        self.do_fail()
        return True

    def action_open_measure_wizard(self):
        self.ensure_one()
        self._check_can_record()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Measures"),
            "res_model": "quality.inspection.measure.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_inspection_id": self.id},
        }

    def action_open_reopen_wizard(self):
        self._check_can_reopen()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen Inspections"),
            "res_model": "quality.inspection.reopen",
            "view_mode": "form",
            "target": "new",
            "context": {"default_inspection_ids": self.ids},
        }

    def action_open_workorder(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mrp.workorder",
            "view_mode": "form",
            "res_id": self.workorder_id.id,
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def do_pass(self):
        """Pass the inspections; measure ones pass through :meth:`do_measure`."""
        self._check_can_record()
        for inspection in self:
            if inspection.sampling_plan_id:
                raise UserError(
                    self.env._(
                        "%(name)s is an AQL sample: record the result of each of "
                        "its %(count)s units, the lot is accepted or rejected from "
                        "them.",
                        name=inspection.display_name,
                        count=inspection.sample_size,
                    )
                )
            if inspection.check_type == "measure":
                raise UserError(
                    self.env._(
                        "%(name)s is a measure: record its values, the result "
                        "follows from the tolerances.",
                        name=inspection.display_name,
                    )
                )
            if inspection.check_type == "photo" and not inspection._has_photo():
                raise UserError(
                    self.env._(
                        "%(name)s needs a photo before it can pass: add a picture "
                        "or attach one in the chatter.",
                        name=inspection.display_name,
                    )
                )
        self._record_result("pass")
        return True

    def do_fail(self, reason=None):
        """Fail the inspections, with ``reason`` or the checkpoint's message."""
        reason = clean_text(self.env, reason, self.env._("The reason"))
        self._check_can_record()
        sampled = self.filtered("sampling_plan_id")
        if sampled:
            raise UserError(
                self.env._(
                    "%(names)s: AQL samples are judged from the result of each unit.",
                    names=", ".join(sampled.mapped("display_name")),
                )
            )
        for inspection in self:
            inspection._record_result(
                "fail", reason=reason or inspection.failure_message or False
            )
        return True

    # ------------------------------------------------------------------
    # Failure handling: policy, disposition, nonconformance
    # ------------------------------------------------------------------

    def _apply_failure_policy(self):
        """What the checkpoint's ``on_failure`` starts for failed blocking
        inspections. Handling a failure twice does nothing more."""
        for inspection in self.filtered(
            lambda i: (
                i.state == "fail"
                and i.gate_blocking
                and not i.disposition
                and not i.failure_handled
            )
        ):
            inspection.sudo().failure_handled = True
            if inspection.production_id.state in ("done", "cancel"):
                # Too late to rework or scrap: the nonconformance records it.
                inspection._ensure_nonconformance()
                continue
            policy = inspection.checkpoint_id.on_failure
            automatic = self.env._(
                "Automatic: failure policy of checkpoint %(checkpoint)s.",
                checkpoint=inspection.checkpoint_id.name,
            )
            if policy == "rework":
                if inspection._is_past_rework_limit():
                    inspection._escalate_rework_limit()
                else:
                    inspection._decide("rework", automatic)
            elif policy == "scrap":
                inspection._decide("scrap", automatic)
            else:
                nonconformance = inspection._ensure_nonconformance()
                if policy == "hold":
                    inspection.workcenter_id._quality_hold(inspection)
                    nonconformance.sudo().message_post(
                        body=self.env._(
                            "Work center %(workcenter)s is on hold until a Quality "
                            "Manager releases it.",
                            workcenter=inspection.workcenter_id.display_name,
                        )
                    )

    def _is_past_rework_limit(self):
        self.ensure_one()
        return self.rework_loop >= self.checkpoint_id.max_rework_loops

    def _escalate_rework_limit(self):
        self.ensure_one()
        self._ensure_nonconformance()._escalate(
            self.env._(
                "%(name)s failed after %(loops)s rework loops: no further rework "
                "work order is made. Decide a concession or a scrap.",
                name=self.name,
                loops=self.rework_loop,
            )
        )

    def _decide(self, disposition, reason):
        """Record the disposition of a failed inspection and carry it out."""
        self.ensure_one()
        if self.state != "fail":
            raise UserError(
                self.env._(
                    "Only a failed inspection gets a disposition: %(name)s.",
                    name=self.display_name,
                )
            )
        if self.disposition:
            raise UserError(
                self.env._(
                    "%(name)s already has a disposition.", name=self.display_name
                )
            )
        if self.production_id.state in ("done", "cancel"):
            raise UserError(
                self.env._(
                    "%(production)s is done or cancelled: its inspection %(name)s "
                    "can no longer be reworked, scrapped or conceded.",
                    production=self.production_id.display_name,
                    name=self.display_name,
                )
            )
        if disposition == "rework" and self._is_past_rework_limit():
            raise UserError(
                self.env._(
                    "%(name)s reached the limit of %(loops)s rework loops: decide a "
                    "concession or a scrap.",
                    name=self.display_name,
                    loops=self.checkpoint_id.max_rework_loops,
                )
            )
        nonconformance = self._ensure_nonconformance()
        self.sudo().write(
            {
                "disposition": disposition,
                "disposition_user_id": self.env.uid,
                "disposition_date": fields.Datetime.now(),
                "disposition_reason": reason,
            }
        )
        nonconformance.sudo().disposition = disposition
        if disposition == "rework":
            self.workorder_id._create_rework_workorder(self)
        elif disposition == "scrap":
            self._create_scrap()
            if self.stage == "first_article":
                self._create_next_first_article()
        return True

    def _create_next_first_article(self):
        """A scrapped first piece is made again: its work order gets a new
        first-article inspection."""
        self.ensure_one()
        return (
            self.env["quality.inspection"]
            .sudo()
            .create(self.checkpoint_id._prepare_inspection_vals(self.workorder_id))
        )

    def action_set_disposition(self, disposition, reason=None):
        """Decide what happens to the failed part: ``rework`` or ``scrap``
        (inspectors), ``concession`` (Quality Managers, with a reason)."""
        if not isinstance(disposition, str) or disposition not in dict(DISPOSITIONS):
            raise UserError(
                self.env._("Unknown disposition %(value)r.", value=disposition)
            )
        reason = clean_text(self.env, reason, self.env._("The reason"))
        self._lock_for_update()
        if disposition == "concession":
            if not is_quality_manager(self.env):
                raise AccessError(
                    self.env._("Only a Quality Manager can accept a concession.")
                )
            if not reason:
                raise UserError(self.env._("A concession needs a reason."))
        elif not is_quality_inspector(self.env):
            raise AccessError(
                self.env._("Only quality inspectors decide a disposition.")
            )
        for inspection in self:
            inspection._decide(disposition, reason)
        return True

    def action_open_disposition_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Disposition"),
            "res_model": "quality.inspection.disposition",
            "view_mode": "form",
            "target": "new",
            "context": {"default_inspection_ids": self.ids},
        }

    def _ensure_nonconformance(self):
        """The nonconformance of this failure, opened on first need."""
        self.ensure_one()
        if self.nonconformance_id:
            return self.nonconformance_id
        origin = self.origin_inspection_id
        if origin.nonconformance_id:
            nonconformance = origin.nonconformance_id
        else:
            nonconformance = (
                self.env["quality.nonconformance"]
                .sudo()
                .create(self._prepare_nonconformance_vals())
            )
        self.sudo().nonconformance_id = nonconformance
        return nonconformance

    def _prepare_nonconformance_vals(self):
        self.ensure_one()
        checkpoint = self.checkpoint_id
        responsible = (
            checkpoint.responsible_id or self.production_id.user_id or self.env.user
        )
        return {
            "title": self.env._(
                "%(checkpoint)s failed on %(workorder)s",
                checkpoint=checkpoint.name,
                workorder=self.workorder_id.display_name,
            ),
            "workorder_id": self.workorder_id.id,
            "production_id": self.production_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "quantity": self.failed_qty,
            "company_id": self.company_id.id,
            "severity": "critical" if self.stage == "final" else "major",
            "responsible_id": responsible.id,
            "deadline": fields.Date.add(
                fields.Date.context_today(self),
                days=checkpoint.nonconformance_deadline_days,
            ),
        }

    def _create_scrap(self):
        self.ensure_one()
        production = self.production_id
        return (
            self.env["stock.scrap"]
            .sudo()
            .create(
                {
                    "product_id": production.product_id.id,
                    "product_uom_id": production.product_uom_id.id,
                    "scrap_qty": self.failed_qty,
                    "production_id": production.id,
                    "workorder_id": self.workorder_id.id,
                    "company_id": production.company_id.id,
                    "location_id": production.location_dest_id.id,
                    "quality_nonconformance_id": self.nonconformance_id.id,
                    "origin": self.name,
                }
            )
        )

    def do_measure(self, values):
        """Record one value per sample; pass when all lie within tolerance."""
        self.ensure_one()
        self._check_can_record()
        if self.check_type != "measure":
            raise UserError(
                self.env._(
                    "%(name)s is not a measure inspection.", name=self.display_name
                )
            )
        numbers = self._parse_measure_values(values)
        if len(numbers) != self.sample_size:
            raise ValidationError(
                self.env._(
                    "%(name)s needs %(expected)s values, one per sample, "
                    "not %(count)s.",
                    name=self.display_name,
                    expected=self.sample_size,
                    count=len(numbers),
                )
            )
        self.sudo().measure_ids = [
            Command.create({"sample_no": index, "value": value})
            for index, value in enumerate(numbers, start=1)
        ]
        self.checkpoint_id._spc_evaluate(self)
        outside = self.measure_ids.filtered(lambda m: not m.is_within_tolerance)
        if self.sampling_plan_id:
            return self._record_sampling_result(len(outside))
        if not outside:
            self._record_result("pass")
            return True
        details = ", ".join(
            self.env._(
                "sample %(no)s: %(value)s", no=measure.sample_no, value=measure.value
            )
            for measure in outside
        )
        reason = self.env._(
            "Outside tolerance (%(min)s to %(max)s): %(details)s",
            min=self.tolerance_min,
            max=self.tolerance_max,
            details=details,
        )
        self._record_result("fail", reason=reason)
        return True

    def do_sample_results(self, results):
        """Record, for an AQL pass/fail sample, whether each unit conforms
        (``True``) or not (``False``); the lot is judged by Ac / Re."""
        self.ensure_one()
        self._check_can_record()
        if not self.sampling_plan_id or self.check_type != "pass_fail":
            raise UserError(
                self.env._(
                    "%(name)s is not an AQL pass/fail sample.", name=self.display_name
                )
            )
        if not isinstance(results, list | tuple) or any(
            not isinstance(result, bool) for result in results
        ):
            raise ValidationError(
                self.env._(
                    "Give one result per unit: conforming (true) or not (false)."
                )
            )
        if len(results) != self.sample_size:
            raise ValidationError(
                self.env._(
                    "%(name)s needs %(expected)s results, one per unit of the "
                    "sample, not %(count)s.",
                    name=self.display_name,
                    expected=self.sample_size,
                    count=len(results),
                )
            )
        return self._record_sampling_result(results.count(False))

    def _record_sampling_result(self, defects):
        """Judge the lot from the nonconforming units of the sample (ISO
        2859-1: accept with at most Ac, reject from Re; under reduced
        inspection a count between them accepts the lot but ends reduced
        inspection) and feed the switching rules."""
        self.ensure_one()
        self.sudo().defect_count = defects
        self.sampling_plan_id._record_lot_result(
            self.product_id, accepted=defects <= self.accept_number
        )
        if defects < self.reject_number:
            self._record_result("pass")
            return True
        self._record_result(
            "fail",
            reason=self.env._(
                "Lot rejected: %(defects)s nonconforming units in a sample of "
                "%(size)s (Ac %(ac)s, Re %(re)s).",
                defects=defects,
                size=self.sample_size,
                ac=self.accept_number,
                re=self.reject_number,
            ),
        )
        return True

    def _parse_measure_values(self, values):
        if not isinstance(values, list | tuple):
            values = [values]
        numbers = []
        for value in values:
            number = None
            if not isinstance(value, bool):
                try:
                    number = float(value)
                except (TypeError, ValueError, OverflowError):
                    number = None
            if number is None or not math.isfinite(number):
                raise ValidationError(
                    self.env._(
                        "%(value)r is not a finite number: enter each measure as "
                        "a number.",
                        value=value,
                    )
                )
            if abs(number) >= MEASURE_LIMIT:
                raise ValidationError(
                    self.env._(
                        "%(value)s is out of range: a measure lies between "
                        "-%(limit)s and %(limit)s.",
                        value=value,
                        limit=MEASURE_LIMIT_TEXT,
                    )
                )
            numbers.append(number)
        return numbers

    def _has_photo(self):
        self.ensure_one()
        if self.picture:
            return True
        return bool(
            self.env["ir.attachment"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("mimetype", "=like", "image/%"),
                ],
                limit=1,
            )
        )

    def _check_can_record(self):
        """Refuse a result on inspections that are done, that wait for their
        first article, or that are not the user's to perform. The rows are
        locked first: of two users recording the same inspection at once, the
        second waits, then is told it is done (Odoo retries its request)."""
        self._lock_for_update()
        for inspection in self:
            if inspection.state != "todo":
                raise UserError(
                    self.env._(
                        "%(name)s is already %(state)s. Only a Quality Manager can "
                        "reopen it.",
                        name=inspection.display_name,
                        state=inspection._get_state_label(),
                    )
                )
            waiting = inspection._get_waiting_error()
            if waiting:
                raise UserError(waiting)
            error = inspection._get_performer_error(self.env.user)
            if error:
                raise AccessError(error)

    def _lock_for_update(self):
        """Lock these inspections' rows until the end of the transaction. A
        row changed meanwhile by another transaction makes this one fail
        with a serialization error, which Odoo retries from the start."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM quality_inspection WHERE id IN %s FOR UPDATE",
                    tuple(self.ids),
                )
            )

    def _get_waiting_error(self):
        """Why this inspection cannot be recorded yet, or False."""
        self.ensure_one()
        if self.stage == "patrol" and not self.workorder_id._is_first_article_passed():
            return self.env._(
                "%(name)s is a patrol inspection: it waits for the first "
                "article of %(workorder)s to pass.",
                name=self.display_name,
                workorder=self.workorder_id.display_name,
            )
        return False

    def _get_state_label(self):
        self.ensure_one()
        selection = self._fields["state"]._description_selection(self.env)
        return dict(selection)[self.state]

    def _get_performer_error(self, user):
        """Why ``user`` may not record this inspection, or False.

        - inspector: a quality inspector;
        - self: the operator of the work order (who logged time on it; anyone
          of Manufacturing while nobody has), or an inspector;
        - cross: anyone of Manufacturing or an inspector, but never an
          operator of this work order; once the next work order has operators,
          one of them (or an inspector)."""
        self.ensure_one()
        is_inspector = user.has_group("quality_progress_sync.group_quality_inspector")
        is_operator = user.has_group("mrp.group_mrp_user")
        workorder = self.workorder_id
        operators = workorder._get_operator_users()
        if self.performer == "inspector" or not (is_operator or is_inspector):
            if is_inspector:
                return False
            return self.env._(
                "%(name)s must be performed by a quality inspector.",
                name=self.display_name,
            )
        if self.performer == "self":
            if is_inspector or not operators or user in operators:
                return False
            return self.env._(
                "%(name)s is a self-check: only the operator of %(workorder)s "
                "(%(operators)s) or an inspector records it.",
                name=self.display_name,
                workorder=workorder.display_name,
                operators=", ".join(operators.mapped("name")),
            )
        if user in operators:
            return self.env._(
                "%(name)s is a cross-check: it is done by the operator of the next "
                "operation, never by one who worked on %(workorder)s.",
                name=self.display_name,
                workorder=workorder.display_name,
            )
        next_operators = workorder._get_next_workorders()._get_operator_users()
        if is_inspector or not next_operators or user in next_operators:
            return False
        return self.env._(
            "%(name)s is a cross-check: only the operator of the next operation "
            "(%(operators)s) or an inspector records it.",
            name=self.display_name,
            operators=", ".join(next_operators.mapped("name")),
        )

    def _record_result(self, state, reason=False):
        self.sudo().write(
            {
                "state": state,
                "user_id": self.env.uid,
                "date_done": fields.Datetime.now(),
                "failure_reason": reason if state == "fail" else False,
            }
        )
        self.workcenter_id._check_pass_rate_threshold()
        if state == "fail":
            self._apply_failure_policy()
        if state == "pass":
            # Patrols wait for the first article: their time has come.
            self.filtered(
                lambda i: i.stage == "first_article"
            ).workorder_id._generate_inspections("produce")

    def _check_can_reopen(self):
        if not is_quality_manager(self.env):
            raise AccessError(
                self.env._("Only a Quality Manager can reopen an inspection.")
            )
        finished = self.filtered(lambda i: i._get_finished_holder())
        if finished:
            raise UserError(
                self.env._(
                    "%(names)s cannot be reopened: what it held is already "
                    "finished (%(holders)s). Open a nonconformance on the "
                    "finished goods instead.",
                    names=", ".join(finished.mapped("display_name")),
                    holders=", ".join(
                        holder.display_name
                        for inspection in finished
                        for holder in inspection._get_finished_holder()
                    ),
                )
            )
        decided = self.filtered("disposition")
        if decided:
            raise UserError(
                self.env._(
                    "A failed inspection with a disposition stays as it is: its "
                    "rework, scrap or concession carries on (%(names)s).",
                    names=", ".join(decided.mapped("display_name")),
                )
            )
        not_done = self.filtered(lambda i: i.state not in DONE_STATES)
        if not_done:
            raise UserError(
                self.env._(
                    "Only passed or failed inspections can be reopened: %(names)s.",
                    names=", ".join(not_done.mapped("display_name")),
                )
            )

    def _get_finished_holder(self):
        """What this inspection held that is already done (or cancelled): its
        manufacturing order; its work order; for a cross-check, the next work
        orders once started. Reopening it then would leave a finished record
        with an inspection to do."""
        self.ensure_one()
        production = self.production_id
        if production.state in ("done", "cancel"):
            return production
        if self.performer == "cross":
            return self.workorder_id._get_next_workorders().filtered(
                lambda wo: wo.state in ("progress", "done")
            )
        return self.workorder_id.filtered(lambda wo: wo.state in ("done", "cancel"))

    def _lock_holders(self):
        """Write the rows of what these inspections hold (orders, work orders
        and, for cross-checks, the next ones): a concurrent Done or start
        of them then fails to serialize with this transaction, and Odoo
        retries it against the reopened inspection."""
        workorders = (
            self.workorder_id
            | self.filtered(
                lambda i: i.performer == "cross"
            ).workorder_id._get_next_workorders()
        )
        for records in (self.production_id, workorders):
            if records:
                self.env.cr.execute(
                    SQL(
                        "UPDATE %s SET write_date = write_date WHERE id IN %s",
                        SQL.identifier(records._table),
                        tuple(records.ids),
                    )
                )

    def _reopen(self, reason):
        """Set done inspections back to do, keeping their old result in the
        chatter and their old measures archived."""
        reason = clean_text(self.env, reason, self.env._("The reason"))
        self._check_can_reopen()
        self._lock_holders()
        self._lock_for_update()
        if not reason:
            raise UserError(self.env._("Give a reason to reopen an inspection."))
        for inspection in self:
            values = ", ".join(str(v) for v in inspection.measure_ids.mapped("value"))
            body = Markup("<p>%s</p><ul><li>%s</li><li>%s</li></ul>") % (
                self.env._("Reopened: %(reason)s", reason=reason),
                self.env._(
                    "Previous result: %(state)s by %(user)s on %(date)s",
                    state=inspection._get_state_label(),
                    user=inspection.user_id.display_name,
                    date=inspection.date_done,
                ),
                self.env._("Previous values: %(values)s", values=values or "-"),
            )
            inspection.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        self.measure_ids.sudo().write({"active": False})
        self.sudo().write(
            {
                "state": "todo",
                "user_id": False,
                "date_done": False,
                "failure_reason": False,
                "failure_handled": False,
            }
        )
        return True

    def _cancel(self):
        """Cancel the inspections still to do (their work order is cancelled)."""
        self.filtered(lambda i: i.state == "todo").sudo().write({"state": "cancel"})
