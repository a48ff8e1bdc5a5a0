# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math
import random
from collections import Counter, defaultdict
from operator import itemgetter

from odoo import api, fields, models
from odoo.exceptions import ValidationError

STAGES = [
    ("first_article", "First Article"),
    ("patrol", "Patrol"),
    ("final", "Final"),
]
PERFORMERS = [
    ("self", "Operator (self-check)"),
    ("cross", "Next operator (cross-check)"),
    ("inspector", "Inspector"),
]
CHECK_TYPES = [
    ("pass_fail", "Pass / Fail"),
    ("measure", "Measure"),
    ("instructions", "Instructions"),
    ("photo", "Photo"),
]
FREQUENCIES = [
    ("every_order", "Every work order"),
    ("every_n_units", "Every N units produced"),
    ("every_n_minutes", "Every N minutes of work"),
    ("random_percent", "Random share of work orders"),
    ("aql", "AQL sampling (ISO 2859-1)"),
]
FAILURE_POLICIES = [
    ("rework", "Rework"),
    ("hold", "Hold the work center"),
    ("scrap", "Scrap"),
    ("alert", "Alert only"),
]
# When the inspections of each frequency are created: with the work order
# (confirmation), or while it runs (produced quantity, working time).
FREQUENCIES_AT_CONFIRM = ("every_order", "random_percent", "aql")
# The draw of random inspections: not seeded, not steerable by the caller.
RANDOM = random.SystemRandom()


class QualityCheckpoint(models.Model):
    _name = "quality.checkpoint"
    _description = "Quality Checkpoint"
    _inherit = ["mail.thread", "quality.checkpoint.containment"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    operation_id = fields.Many2one(
        "mrp.routing.workcenter",
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
        help="Inspect the work orders of this operation.",
    )
    workcenter_id = fields.Many2one(
        "mrp.workcenter",
        string="Work Center",
        index=True,
        check_company=True,
        tracking=True,
        help="Inspect the work orders of this work center.",
    )
    product_ids = fields.Many2many(
        "product.product",
        string="Products",
        help="Leave the three product filters empty to inspect every product.",
    )
    product_tmpl_ids = fields.Many2many(
        "product.template",
        string="Product Templates",
    )
    product_category_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Products of these categories and of their sub-categories.",
    )
    stage = fields.Selection(STAGES, required=True, default="final", tracking=True)
    performer = fields.Selection(
        PERFORMERS,
        required=True,
        default="self",
        tracking=True,
        help="Who performs the inspection: the operator of the work order, "
        "the operator of the next operation, or a quality inspector.",
    )
    check_type = fields.Selection(
        CHECK_TYPES,
        string="Type",
        required=True,
        default="pass_fail",
        tracking=True,
    )
    frequency = fields.Selection(
        FREQUENCIES, required=True, default="every_order", tracking=True
    )
    frequency_units = fields.Float(
        string="Every (Units)",
        digits="Product Unit of Measure",
        tracking=True,
        help="A patrol inspection each time the produced quantity of the running "
        "work order crosses a multiple of this quantity.",
    )
    frequency_minutes = fields.Integer(
        string="Every (Minutes)",
        tracking=True,
        help="A patrol inspection for each such period of work on the work order "
        "(paused time does not count).",
    )
    random_percent = fields.Float(
        string="Share (%)",
        tracking=True,
        help="Share of the work orders that get this inspection, drawn at random "
        "when the manufacturing order is confirmed.",
    )
    for_late_workorders = fields.Boolean(
        string="For Late Work Orders",
        tracking=True,
        help="Not tied to an operation: a work order late against its planned "
        "end gets this patrol inspection once (scheduled action), and its "
        "inspector an activity.",
    )
    sampling_plan_id = fields.Many2one(
        "quality.sampling.plan",
        check_company=True,
        tracking=True,
        help="AQL plan giving the sample size and the accept / reject numbers "
        "from the manufacturing order's quantity (the lot).",
    )
    sampling_state_ids = fields.One2many(
        related="sampling_plan_id.state_ids",
        string="Current Severity per Product",
    )
    blocking = fields.Boolean(
        default=True,
        tracking=True,
        help="The work order cannot be finished until this inspection passes.",
    )
    sample_size = fields.Integer(
        default=1,
        tracking=True,
        help="Number of pieces measured: one value is recorded per piece.",
    )
    norm = fields.Float(digits="Quality Measure", tracking=True)
    tolerance_min = fields.Float(
        string="Min Tolerance", digits="Quality Measure", tracking=True
    )
    tolerance_max = fields.Float(
        string="Max Tolerance", digits="Quality Measure", tracking=True
    )
    uom_id = fields.Many2one("uom.uom", string="Unit of Measure")
    on_failure = fields.Selection(
        FAILURE_POLICIES,
        required=True,
        default="rework",
        tracking=True,
        help="What a failed blocking inspection starts: a rework work order "
        "with its re-inspection, a hold of the work center, a scrap, or a "
        "nonconformance alert only.",
    )
    max_rework_loops = fields.Integer(
        default=2,
        tracking=True,
        help="Rework work orders made for one piece before the nonconformance "
        "is escalated to the Quality Manager.",
    )
    rework_workcenter_id = fields.Many2one(
        "mrp.workcenter",
        string="Rework Work Center",
        check_company=True,
        help="Where rework is done; by default the work center that failed.",
    )
    rework_duration = fields.Float(
        help="Expected minutes of a rework work order; by default the "
        "expected duration of the failed work order.",
    )
    responsible_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Owns the nonconformances of this checkpoint.",
    )
    nonconformance_deadline_days = fields.Integer(
        string="Nonconformance Deadline (Days)", default=3
    )
    instructions = fields.Html(translate=True)
    failure_message = fields.Text(
        translate=True, help="Shown to the performer when the inspection fails."
    )
    inspection_ids = fields.One2many("quality.inspection", "checkpoint_id")
    inspection_count = fields.Integer(compute="_compute_inspection_count")

    def _compute_inspection_count(self):
        groups = self.env["quality.inspection"]._read_group(
            [("checkpoint_id", "in", self.ids)], ["checkpoint_id"], ["__count"]
        )
        counts = {checkpoint.id: count for checkpoint, count in groups}
        for checkpoint in self:
            checkpoint.inspection_count = counts.get(checkpoint.id, 0)

    @api.constrains("name", "operation_id", "workcenter_id", "for_late_workorders")
    def _check_scope(self):
        for checkpoint in self:
            if (
                not checkpoint.operation_id
                and not checkpoint.workcenter_id
                and not checkpoint.for_late_workorders
            ):
                raise ValidationError(
                    self.env._(
                        "Checkpoint %(name)s needs an operation or a work center.",
                        name=checkpoint.name,
                    )
                )

    @api.constrains("name", "sample_size")
    def _check_sample_size(self):
        for checkpoint in self:
            if checkpoint.sample_size <= 0:
                raise ValidationError(
                    self.env._(
                        "The sample size of %(name)s must be greater than zero.",
                        name=checkpoint.name,
                    )
                )

    @api.constrains(
        "name",
        "stage",
        "frequency",
        "frequency_units",
        "frequency_minutes",
        "random_percent",
        "sampling_plan_id",
        "check_type",
    )
    def _check_frequency(self):
        for checkpoint in self:
            error = checkpoint._get_frequency_error()
            if error:
                raise ValidationError(error)

    def _get_frequency_error(self):
        self.ensure_one()
        if self.stage == "first_article" and self.frequency != "every_order":
            return self.env._(
                "%(name)s is a first-article checkpoint: it is inspected once, on "
                "the first piece of each work order (frequency: every work order).",
                name=self.name,
            )
        if self.frequency == "every_n_units" and self.frequency_units <= 0:
            return self.env._(
                "%(name)s: the number of units between two inspections must be "
                "greater than zero.",
                name=self.name,
            )
        if self.frequency == "every_n_minutes" and self.frequency_minutes <= 0:
            return self.env._(
                "%(name)s: the minutes between two inspections must be greater "
                "than zero.",
                name=self.name,
            )
        if self.frequency == "aql" and (
            not self.sampling_plan_id or self.check_type not in ("pass_fail", "measure")
        ):
            return self.env._(
                "%(name)s: AQL sampling needs a sampling plan and a pass/fail or "
                "measure check.",
                name=self.name,
            )
        if self.frequency == "random_percent" and not (0 < self.random_percent <= 100):
            return self.env._(
                "%(name)s: the share of work orders to inspect must be more than "
                "0%% and at most 100%%.",
                name=self.name,
            )
        return False

    @api.constrains("name", "nonconformance_deadline_days")
    def _check_nonconformance_deadline_days(self):
        for checkpoint in self:
            if checkpoint.nonconformance_deadline_days < 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the nonconformance deadline cannot be a "
                        "negative number of days.",
                        name=checkpoint.name,
                    )
                )

    @api.constrains("name", "max_rework_loops", "rework_duration")
    def _check_rework(self):
        for checkpoint in self:
            if checkpoint.max_rework_loops < 0 or checkpoint.rework_duration < 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s: rework loops and duration cannot be negative.",
                        name=checkpoint.name,
                    )
                )

    @api.constrains("check_type", "norm", "tolerance_min", "tolerance_max")
    def _check_tolerances(self):
        for checkpoint in self.filtered(lambda c: c.check_type == "measure"):
            if checkpoint.tolerance_min > checkpoint.tolerance_max:
                raise ValidationError(
                    self.env._(
                        "The minimum tolerance (%(min)s) of %(name)s is greater "
                        "than its maximum tolerance (%(max)s).",
                        name=checkpoint.name,
                        min=checkpoint.tolerance_min,
                        max=checkpoint.tolerance_max,
                    )
                )
            if not (
                checkpoint.tolerance_min <= checkpoint.norm <= checkpoint.tolerance_max
            ):
                raise ValidationError(
                    self.env._(
                        "The norm (%(norm)s) of %(name)s must lie between its "
                        "tolerances (%(min)s to %(max)s).",
                        name=checkpoint.name,
                        norm=checkpoint.norm,
                        min=checkpoint.tolerance_min,
                        max=checkpoint.tolerance_max,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_inspected(self):
        if self.inspection_ids:
            raise ValidationError(
                self.env._(
                    "Checkpoints that already have inspections cannot be deleted: "
                    "archive them instead."
                )
            )

    def action_view_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_progress_sync.quality_inspection_action"
        )
        action["domain"] = [("checkpoint_id", "=", self.id)]
        action["context"] = {"default_checkpoint_id": self.id}
        return action

    @api.model
    def _get_workorder_domain(self, workorders):
        """Domain of the active checkpoints that may apply to ``workorders``."""
        return [
            ("company_id", "in", workorders.production_id.company_id.ids),
            ("for_late_workorders", "=", False),
            "|",
            ("operation_id", "=", False),
            ("operation_id", "in", workorders.operation_id.ids),
            "|",
            ("workcenter_id", "=", False),
            ("workcenter_id", "in", workorders.workcenter_id.ids),
        ]

    @api.model
    def _get_moment_domain(self, moment):
        """Domain of the checkpoints whose inspections are created at ``moment``:
        ``confirm`` (work order confirmed), ``start`` (work order started),
        ``produce`` (produced quantity recorded) or ``timer`` (working time)."""
        if moment == "start":
            return [("stage", "=", "first_article")]
        if moment == "produce":
            return [("frequency", "=", "every_n_units")]
        if moment == "timer":
            return [("frequency", "=", "every_n_minutes")]
        return [
            ("stage", "!=", "first_article"),
            ("frequency", "in", FREQUENCIES_AT_CONFIRM),
        ]

    def _get_due_count(self, workorder):
        """How many inspections of this checkpoint ``workorder`` needs by now."""
        self.ensure_one()
        if self.frequency == "random_percent":
            return int(self._is_drawn(workorder))
        if self.frequency == "every_n_units":
            # Never more than the units the order makes call for, whatever
            # quantity was recorded as produced.
            quantity = min(
                workorder._get_quality_produced_qty(), workorder.qty_production
            )
            return math.floor(quantity / self.frequency_units + 1e-9)
        if self.frequency == "every_n_minutes":
            return math.floor(workorder.get_duration() / self.frequency_minutes)
        return 1

    def _is_drawn(self, workorder):
        """Whether ``workorder`` is in the random share of this checkpoint.

        Drawn once, when the work order is confirmed, from the operating
        system's random source: nothing the caller sends (context, ids,
        timing) steers it. The inspection it creates, or not, is the record
        of the draw."""
        self.ensure_one()
        return RANDOM.random() * 100 < self.random_percent

    def _matches_workorder(self, workorder):
        """Whether this checkpoint applies to ``workorder``."""
        self.ensure_one()
        if self.company_id != workorder.production_id.company_id:
            return False
        if self.operation_id and self.operation_id != workorder.operation_id:
            return False
        if self.workcenter_id and self.workcenter_id != workorder.workcenter_id:
            return False
        return self._matches_product(workorder.product_id)

    def _matches_product(self, product):
        self.ensure_one()
        if not (self.product_ids or self.product_tmpl_ids or self.product_category_ids):
            return True
        if product in self.product_ids or product.product_tmpl_id in (
            self.product_tmpl_ids
        ):
            return True
        category_path = product.categ_id.parent_path or ""
        return any(
            category_path.startswith(category.parent_path)
            for category in self.product_category_ids
        )

    # ------------------------------------------------------------------
    # Inspection creation: the checkpoints own it
    # ------------------------------------------------------------------

    @api.model
    def _create_inspections(self, workorders, moment="confirm"):
        """Create, in one batch, the inspections that the matching checkpoints
        ask of ``workorders`` at ``moment`` (see :meth:`_get_moment_domain`)
        and that they do not have yet. Only the checkpoint and the work order
        are given: ``quality.inspection.create`` fills in the rest, once
        (:meth:`_prepare_inspection_vals` is the override point).

        The checkpoints are searched first: where none applies (most
        orders), the work orders' state is not read, which Odoo may still
        have to recompute for the whole order."""
        if not workorders:
            return self.env["quality.inspection"]
        checkpoints = self.search(
            self._get_workorder_domain(workorders) + self._get_moment_domain(moment)
        )
        if not checkpoints:
            return self.env["quality.inspection"]
        workorders = workorders._filter_open()
        if moment in ("produce", "timer"):
            # Patrol inspections wait for the first article to pass.
            workorders = workorders.filtered(lambda wo: wo._is_first_article_passed())
        if not workorders:
            return self.env["quality.inspection"]
        vals_list = [
            {"checkpoint_id": checkpoint.id, "workorder_id": workorder.id}
            for workorder, checkpoint in checkpoints._get_due_pairs(workorders)
        ]
        # Generated in bulk: no "created" note and no follower per inspection
        # (their results, dispositions and reopenings are tracked).
        return (
            self.env["quality.inspection"]
            .sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )

    def _get_due_pairs(self, workorders):
        """(work order, checkpoint) once per inspection still due: each work
        order against the checkpoints of its own operation and those of any
        operation, in the checkpoints' order."""
        existing = Counter(
            (inspection.workorder_id.id, inspection.checkpoint_id.id)
            for inspection in workorders.inspection_ids
        )
        by_operation = defaultdict(list)
        for position, checkpoint in enumerate(self):
            by_operation[checkpoint.operation_id.id].append((position, checkpoint))
        pairs = []
        for workorder in workorders:
            candidates = by_operation[False]
            if workorder.operation_id:
                candidates = sorted(
                    by_operation[workorder.operation_id.id] + candidates,
                    key=itemgetter(0),
                )
            for __, checkpoint in candidates:
                if checkpoint._matches_workorder(workorder):
                    missing = (
                        checkpoint._get_due_count(workorder)
                        - existing[(workorder.id, checkpoint.id)]
                    )
                    pairs += [(workorder, checkpoint)] * max(missing, 0)
        return pairs

    def _create_late_patrols(self, workorders):
        """One patrol inspection of these late-patrol checkpoints for each
        late work order they match, in one batch (the reminders:
        ``mrp.workorder._schedule_late_patrol_activities``)."""
        vals_list = []
        for workorder in workorders:
            checkpoint = self.filtered(
                lambda c, wo=workorder: (
                    c.company_id == wo.production_id.company_id
                    and c._matches_product(wo.product_id)
                )
            )[:1]
            if checkpoint:
                vals_list.append(
                    {"checkpoint_id": checkpoint.id, "workorder_id": workorder.id}
                )
        # Generated in bulk, as _create_inspections: no note, no follower.
        return (
            self.env["quality.inspection"]
            .sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )

    def _prepare_inspection_vals(self, workorder):
        """Values of the inspection this checkpoint asks of ``workorder``."""
        self.ensure_one()
        return {
            "checkpoint_id": self.id,
            "workorder_id": workorder.id,
            "stage": self.stage,
            "performer": self.performer,
            "check_type": self.check_type,
            "blocking": self.blocking,
            # One value per sample unit the checkpoint asks: the pieces, or
            # the points of a first article's one piece.
            "sample_size": self.sample_size if self.check_type == "measure" else 1,
            "norm": self.norm,
            "tolerance_min": self.tolerance_min,
            "tolerance_max": self.tolerance_max,
            "uom_id": self.uom_id.id,
            **self._prepare_sampling_vals(workorder),
        }

    def _prepare_sampling_vals(self, workorder):
        """AQL sample size and accept / reject numbers for the lot of
        ``workorder`` (its manufacturing order's quantity)."""
        self.ensure_one()
        if self.frequency != "aql":
            return {}
        plan = self.sampling_plan_id._get_product_plan(
            workorder.product_id, workorder.production_id.product_qty
        )
        return {
            "sampling_plan_id": self.sampling_plan_id.id,
            "sample_size": plan["sample_size"],
            "accept_number": plan["accept"],
            "reject_number": plan["reject"],
            "sampling_severity": plan["severity"],
            "sampling_code_letter": plan["code_letter"],
            "lot_size": plan["lot_size"],
        }
