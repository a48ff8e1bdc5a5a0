# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, sql

from .quality_checkpoint import CHECK_TYPES, PERFORMERS, STAGES
from .quality_guard import clean_text, is_quality_inspector, is_quality_manager
from .quality_inspection_record import DONE_STATES
from .quality_quantity import check_failed_qty, check_number
from .quality_sampling_plan import SEVERITIES
from .quality_story import quality_story

# The write rules of an inspection, by who may write what (``write``):
#
# - RESULT_FIELDS: its result; written by the recording methods only (do_pass,
#   do_fail, do_measure, do_sample_results, dispositions, reopening);
# - DEFINITION_FIELDS: what it asks, from its checkpoint and its work order
#   when it is created; never written by users, done or not (the gate relies
#   on them);
# - COMPUTED_FIELDS: where it belongs, following its work order (computed, and
#   precomputed into the INSERT); never written by users;
# - NOTE_FIELDS: what the inspector adds (photo, comment, failed quantity):
#   free until the inspection is done, then locked with the result.
RESULT_FIELDS = frozenset(
    {
        "state",
        "user_id",
        "date_done",
        "lot_id",
        "failure_reason",
        "failure_note",
        "measure_ids",
        "disposition",
        "disposition_user_id",
        "disposition_date",
        "disposition_reason",
        "disposition_note",
        "disposition_automatic",
        "nonconformance_id",
        "failure_handled",
        "defect_count",
    }
)
DEFINITION_FIELDS = frozenset(
    {
        "name",
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
        "sampling_plan_id",
        "lot_size",
        "sampling_code_letter",
        "sampling_severity",
        "accept_number",
        "reject_number",
        "rework_loop",
        "origin_inspection_id",
    }
)
COMPUTED_FIELDS = frozenset(
    {
        "production_id",
        "product_id",
        "workcenter_id",
        "operation_id",
        "company_id",
        "gate_blocking",
    }
)
NOTE_FIELDS = frozenset({"picture", "comment", "failed_qty"})
DISPOSITIONS = [
    ("rework", "Rework"),
    ("concession", "Concession (use as is)"),
    ("scrap", "Scrap"),
]


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
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "quality.protected.mixin",
        "quality.inspection.record",
        "quality.inspection.screen",
        "quality.inspection.containment",
    ]
    _order = "id desc"
    _check_company_auto = True
    # The guard (quality.protected.mixin): the result is recorded by the
    # recording methods only; what it asks and where it belongs are given
    # once, at creation (by the checkpoint and the work order).
    _quality_protected_fields = RESULT_FIELDS
    _quality_fixed_fields = DEFINITION_FIELDS | COMPUTED_FIELDS

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
    # The lot judged: its order's lot when the result is recorded.
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial Number",
        readonly=True,
        copy=False,
        index="btree_not_null",
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
    failure_reason = fields.Text(
        compute="_compute_failure_reason",
        help="Why it failed: the reason given, else, in the reader's language, "
        "the measures outside tolerance, the sample's count or the checkpoint's "
        "failure message.",
    )
    failure_note = fields.Text(
        string="Reason Given",
        readonly=True,
        copy=False,
        tracking=True,
        help="The failure reason as the inspector typed it.",
    )
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
    disposition_reason = fields.Text(
        compute="_compute_disposition_reason",
        help="Why this disposition: the reason given, or the failure policy of "
        "the checkpoint when it was decided automatically.",
    )
    disposition_note = fields.Text(
        string="Disposition Reason Given",
        readonly=True,
        copy=False,
        tracking=True,
    )
    disposition_automatic = fields.Boolean(
        readonly=True,
        copy=False,
        help="Decided by the failure policy of the checkpoint.",
    )
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
    reopening_ids = fields.One2many(
        "quality.inspection.reopening", "inspection_id", string="Reopenings"
    )
    can_record = fields.Boolean(
        compute="_compute_can_record",
        help="The current user may record the result of this inspection now.",
    )

    def init(self):
        res = super().init()
        # The pass rate of a work center since a date: its judged
        # inspections done since then (mrp.workcenter._get_pass_rates, read
        # for every result recorded and by the KPIs), counted by state from
        # the index alone, whatever the history.
        sql.create_index(
            self.env.cr,
            "quality_inspection_pass_rate_index",
            self._table,
            ["workcenter_id", "date_done", "state"],
            where="state IN ('pass', 'fail')",
        )
        return res

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
    @api.depends("state", "performer", "stage", "workorder_id.state")
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
        """The one definition of "blocking" (the gate, the work order's
        summary and the screens read this field): a blocking inspection, or
        a first article (nothing more is produced until it passes), to do or
        failed without a disposition. A failure stops blocking once it has a
        disposition: its rework work order (and re-inspection), its scrap or
        the concession takes over."""
        for inspection in self:
            inspection.gate_blocking = bool(
                (inspection.blocking or inspection.stage == "first_article")
                and (
                    inspection.state == "todo"
                    or (inspection.state == "fail" and not inspection.disposition)
                )
            )

    @api.constrains("failed_qty")
    def _check_failed_qty(self):
        """Above zero, at most what the work order makes: a failure scraps
        or reworks that much (NaN and infinity are refused before they are
        written, ``_check_failed_qty_value``)."""
        for inspection in self:
            check_failed_qty(inspection, inspection.failed_qty)

    @api.constrains("sample_size")
    def _check_sample_size(self):
        if any(inspection.sample_size <= 0 for inspection in self):
            raise ValidationError(
                self.env._("The sample size must be greater than zero.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_failed_qty_value(vals)
        self._prepare_create_vals(vals_list)
        return super().create(vals_list)

    def _prepare_create_vals(self, vals_list):
        """Complete ``vals_list`` in place: a reference for each, what its
        checkpoint asks of its work order (given values kept), where it
        belongs; the computed fields go into the INSERT (no UPDATE after)."""
        checkpoints = self.env["quality.checkpoint"].browse(
            [vals["checkpoint_id"] for vals in vals_list if vals.get("checkpoint_id")]
        )
        workorders = self.env["mrp.workorder"].browse(
            [vals["workorder_id"] for vals in vals_list if vals.get("workorder_id")]
        )
        names = self._next_names(len(vals_list))
        for vals, name in zip(vals_list, names, strict=True):
            checkpoint = checkpoints.browse(vals.get("checkpoint_id"))
            workorder = workorders.browse(vals.get("workorder_id"))
            if checkpoint and workorder:
                defaults = checkpoint._prepare_inspection_vals(workorder)
                vals.update({k: v for k, v in defaults.items() if k not in vals})
            if workorder:
                vals.update(self._get_workorder_link_vals(workorder))
            # Only ever its compute (precomputed into the INSERT).
            vals.pop("gate_blocking", None)
            if vals.get("name", "/") == "/":
                vals["name"] = name

    def write(self, vals):
        self._check_failed_qty_value(vals)
        self._check_notes_kept(vals)
        return super().write(vals)

    def _check_notes_kept(self, vals):
        """A user's write of the notes of done inspections is refused."""
        if self.env.su or not NOTE_FIELDS & vals.keys():
            return
        if any(inspection.state in DONE_STATES for inspection in self):
            raise UserError(
                self.env._(
                    "Done inspections cannot be changed. A Quality Manager can "
                    "reopen them with a reason."
                )
            )

    def _check_failed_qty_value(self, vals):
        """The failed quantity the Shop Floor's fail dialog, or any caller,
        writes: a finite number, refused before it is written (Odoo's
        rounding crashes on NaN and infinity; its bounds are the constraint
        ``_check_failed_qty``)."""
        if "failed_qty" in vals:
            check_number(
                self.env, vals["failed_qty"], self.env._("The failed quantity")
            )

    def _get_quality_protected_error(self, forbidden, creating):
        if creating:
            return self.env._(
                "A new inspection is to do: its result is recorded with the "
                "Pass, Fail and Record Measures buttons."
            )
        if forbidden - RESULT_FIELDS:
            return self.env._(
                "An inspection follows its checkpoint and its work order: "
                "change the checkpoint or the work order instead."
            )
        return self.env._(
            "Record inspection results with the Pass, Fail and Record Measures buttons."
        )

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
    # Dispositions (the failure loop itself: quality.nonconformance)
    # ------------------------------------------------------------------

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
        # One message per order for all of them (see quality_story.py).
        with quality_story(self.env):
            for inspection in self:
                self.env["quality.nonconformance"]._decide(
                    inspection, disposition, reason
                )
        return True

    def _get_unhandled_failures(self):
        """Failed blocking inspections whose failure nothing handled yet."""
        return self.filtered(
            lambda i: (
                i.state == "fail"
                and i.gate_blocking
                and not i.disposition
                and not i.failure_handled
            )
        )

    def _is_past_rework_limit(self):
        self.ensure_one()
        return self.rework_loop >= self.checkpoint_id.max_rework_loops

    def _check_can_decide(self, disposition):
        """Refuse a disposition on an inspection that is not a failure still
        to decide, on a finished order, or a rework past the loop limit."""
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
        if not self.production_id._is_open():
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

    def _cancel(self):
        """Cancel the inspections still to do (their work order is cancelled)."""
        self.filtered(lambda i: i.state == "todo").sudo().write({"state": "cancel"})
