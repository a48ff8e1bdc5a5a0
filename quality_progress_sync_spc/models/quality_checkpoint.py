# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Statistical process control on measure checkpoints (DESIGN.md, SPC).

A subgroup is one inspection's measures, ordered by ``date_done``, then id.
A Quality Manager freezes the control limits (``action_compute_spc_limits``);
each new subgroup is checked against them by ``_spc_evaluate``, which the
recording of the measures calls; the capability is read from the subgroups
recorded so far, in one aggregate query. This file holds the fields and the
actions; the limits and capability are in the mixin of
``quality_checkpoint_spc_limits.py``, the run rules in that of
``quality_checkpoint_spc_rules.py``.
"""

from odoo import api, fields, models
from odoo.addons.quality_progress_sync.models.quality_guard import is_quality_manager
from odoo.exceptions import AccessError, ValidationError

from . import quality_spc
from .quality_spc_query import SPC_DIGITS, SPC_INDEX_DIGITS, SPC_PROVISIONAL_SUBGROUPS

SPC_RULESETS = [
    (quality_spc.WESTERN_ELECTRIC, "Western Electric (rules 1 to 4)"),
    (quality_spc.NELSON, "Nelson (rules 1 to 8)"),
]
SPC_ON_SIGNAL = [
    ("alert", "Activity for the responsible"),
    ("patrol", "Patrol inspection on the running work order"),
    ("hold", "Hold the work center"),
]
SPC_CHART_KINDS = [
    (quality_spc.INDIVIDUALS, "Individuals and moving range (I-MR)"),
    (quality_spc.XBAR_R, "Means and ranges (X̄-R)"),
    (quality_spc.XBAR_S, "Means and standard deviations (X̄-S)"),
]
# Set by action_compute_spc_limits only.
SPC_LIMIT_FIELDS = frozenset(
    {
        "spc_center_line",
        "spc_ucl",
        "spc_lcl",
        "spc_range_center",
        "spc_range_ucl",
        "spc_range_lcl",
        "spc_limits_count",
        "spc_limits_subgroup_size",
        "spc_limits_date_from",
        "spc_limits_date_to",
        "spc_limits_computed_on",
        "spc_limits_user_id",
    }
)


class QualityCheckpoint(models.Model):
    _name = "quality.checkpoint"
    _inherit = [
        "quality.checkpoint",
        "quality.protected.mixin",
        "quality.checkpoint.spc.limits",
        "quality.checkpoint.spc.rules",
    ]
    _quality_protected_fields = SPC_LIMIT_FIELDS

    spc_enabled = fields.Boolean(
        string="Statistical Process Control",
        tracking=True,
        help="Chart the measures of this checkpoint, check the run rules on "
        "each new subgroup (one inspection's measures) and compute the "
        "process capability.",
    )
    spc_rules = fields.Selection(
        SPC_RULESETS,
        string="Run Rules",
        default=quality_spc.WESTERN_ELECTRIC,
        required=True,
        tracking=True,
        help="Western Electric: a point beyond 3 sigma; 2 of 3 beyond 2 sigma; "
        "4 of 5 beyond 1 sigma; 8 in a row on one side. Nelson adds: 9 in a "
        "row on one side, 6 rising or falling, 14 alternating, 15 within 1 "
        "sigma, 8 beyond 1 sigma on both sides.",
    )
    spc_on_signal = fields.Selection(
        SPC_ON_SIGNAL,
        string="On Signal",
        default="alert",
        required=True,
        tracking=True,
        help="What a broken run rule starts. The part itself is judged by "
        "the tolerances only: a signal never fails it.",
    )
    spc_patrol_checkpoint_id = fields.Many2one(
        "quality.checkpoint",
        string="Patrol Checkpoint",
        check_company=True,
        domain="[('stage', '=', 'patrol'), ('id', '!=', id)]",
        help="The patrol inspection a signal adds to the running work order. "
        "Empty: a patrol inspection of this checkpoint, whose measures are "
        "one more subgroup of the chart. It counts among the inspections that "
        "the frequency of its checkpoint asks of the work order.",
    )
    spc_cpk_target = fields.Float(
        string="Cpk Target",
        default=1.33,
        digits=SPC_INDEX_DIGITS,
        tracking=True,
        help="Below this Cpk, the capability is flagged.",
    )
    spc_subgroup_size = fields.Integer(
        string="Subgroup Size",
        compute="_compute_spc_subgroup_size",
        store=True,
        help="Measures per subgroup: the sample size (a first article's points).",
    )
    spc_chart_kind = fields.Selection(
        SPC_CHART_KINDS,
        string="Control Chart",
        compute="_compute_spc_chart_kind",
    )
    # Frozen control limits (action_compute_spc_limits).
    spc_center_line = fields.Float(
        string="Centre Line", digits=SPC_DIGITS, readonly=True, copy=False
    )
    spc_ucl = fields.Float(
        string="Upper Control Limit", digits=SPC_DIGITS, readonly=True, copy=False
    )
    spc_lcl = fields.Float(
        string="Lower Control Limit", digits=SPC_DIGITS, readonly=True, copy=False
    )
    spc_range_center = fields.Float(
        string="Dispersion Centre Line",
        digits=SPC_DIGITS,
        readonly=True,
        copy=False,
        help="Mean moving range (subgroups of 1), mean range (2 to 10) or "
        "mean standard deviation (above 10).",
    )
    spc_range_ucl = fields.Float(
        string="Dispersion Upper Limit", digits=SPC_DIGITS, readonly=True, copy=False
    )
    spc_range_lcl = fields.Float(
        string="Dispersion Lower Limit", digits=SPC_DIGITS, readonly=True, copy=False
    )
    spc_limits_count = fields.Integer(
        string="Subgroups Used",
        readonly=True,
        copy=False,
        help="Subgroups the control limits were computed from; none: no limits "
        "yet, no rule is checked.",
    )
    spc_limits_subgroup_size = fields.Integer(
        string="Limits Subgroup Size", readonly=True, copy=False
    )
    spc_limits_date_from = fields.Datetime(
        string="Limits From",
        readonly=True,
        copy=False,
        help="Date of the first subgroup the limits were computed from.",
    )
    spc_limits_date_to = fields.Datetime(
        string="Limits To",
        readonly=True,
        copy=False,
        help="Date of the last subgroup the limits were computed from.",
    )
    spc_limits_computed_on = fields.Datetime(
        string="Limits Computed On", readonly=True, copy=False
    )
    spc_limits_user_id = fields.Many2one(
        "res.users", string="Limits Computed By", readonly=True, copy=False
    )
    spc_limits_stale = fields.Boolean(
        string="Limits Outdated",
        compute="_compute_spc_limits_state",
        help="The subgroup size changed since the limits were computed: no "
        "rule is checked until they are computed again.",
    )
    spc_limits_provisional = fields.Boolean(
        string="Provisional Limits", compute="_compute_spc_limits_state"
    )
    # Capability over the recorded subgroups (read, not stored).
    spc_subgroup_count = fields.Integer(
        string="Subgroups", compute="_compute_spc_capability"
    )
    spc_measure_count = fields.Integer(
        string="Measures", compute="_compute_spc_capability"
    )
    spc_mean = fields.Float(
        string="Process Mean", digits=SPC_DIGITS, compute="_compute_spc_capability"
    )
    spc_sigma_within = fields.Float(
        string="Sigma Within",
        digits=SPC_DIGITS,
        compute="_compute_spc_capability",
        help="Within-subgroup standard deviation: MR̄/d2, R̄/d2 or S̄/c4.",
    )
    spc_sigma_overall = fields.Float(
        string="Sigma Overall",
        digits=SPC_DIGITS,
        compute="_compute_spc_capability",
        help="Sample standard deviation of all the measures.",
    )
    spc_cp = fields.Float(
        string="Cp", digits=SPC_INDEX_DIGITS, compute="_compute_spc_capability"
    )
    spc_cpk = fields.Float(
        string="Cpk", digits=SPC_INDEX_DIGITS, compute="_compute_spc_capability"
    )
    spc_pp = fields.Float(
        string="Pp", digits=SPC_INDEX_DIGITS, compute="_compute_spc_capability"
    )
    spc_ppk = fields.Float(
        string="Ppk", digits=SPC_INDEX_DIGITS, compute="_compute_spc_capability"
    )
    spc_capability_known = fields.Boolean(
        string="Capability Known",
        compute="_compute_spc_capability",
        help="Enough subgroups with dispersion to estimate the capability.",
    )
    spc_below_target = fields.Boolean(
        string="Below Cpk Target", compute="_compute_spc_capability"
    )
    spc_signal_ids = fields.One2many(
        "quality.spc.signal", "checkpoint_id", string="SPC Signals"
    )
    spc_signal_count = fields.Integer(
        string="New Signals", compute="_compute_spc_signal_count"
    )
    containment_on_spc_signal = fields.Boolean(
        string="Contain on SPC Signal",
        tracking=True,
        help="An SPC signal of this checkpoint brackets too, as a failure does.",
    )

    @api.depends("sample_size")
    def _compute_spc_subgroup_size(self):
        for checkpoint in self:
            checkpoint.spc_subgroup_size = checkpoint.sample_size

    @api.depends("spc_subgroup_size")
    def _compute_spc_chart_kind(self):
        for checkpoint in self:
            checkpoint.spc_chart_kind = (
                quality_spc.chart_kind(checkpoint.spc_subgroup_size)
                if checkpoint.spc_subgroup_size > 0
                else False
            )

    @api.depends("spc_subgroup_size", "spc_limits_subgroup_size", "spc_limits_count")
    def _compute_spc_limits_state(self):
        for checkpoint in self:
            has_limits = bool(checkpoint.spc_limits_count)
            checkpoint.spc_limits_stale = (
                has_limits
                and checkpoint.spc_limits_subgroup_size != checkpoint.spc_subgroup_size
            )
            checkpoint.spc_limits_provisional = (
                has_limits and checkpoint.spc_limits_count < SPC_PROVISIONAL_SUBGROUPS
            )

    def _compute_spc_capability(self):
        enabled = self.filtered(lambda c: c.spc_enabled and c._origin.id)
        summaries = enabled._origin._spc_read_summaries() if enabled else {}
        for checkpoint in self:
            summary = summaries.get(checkpoint._origin.id)
            checkpoint.update(checkpoint._spc_capability_vals(summary))

    def _compute_spc_signal_count(self):
        groups = self.env["quality.spc.signal"]._read_group(
            [("checkpoint_id", "in", self._origin.ids), ("state", "=", "new")],
            ["checkpoint_id"],
            ["__count"],
        )
        counts = {checkpoint.id: count for checkpoint, count in groups}
        for checkpoint in self:
            checkpoint.spc_signal_count = counts.get(checkpoint._origin.id, 0)

    @api.constrains("spc_enabled", "check_type", "frequency")
    def _check_spc_enabled(self):
        for checkpoint in self.filtered("spc_enabled"):
            if checkpoint.check_type != "measure" or checkpoint.frequency == "aql":
                raise ValidationError(
                    self.env._(
                        "%(name)s: statistical process control charts measures "
                        "of a fixed subgroup size: a measure checkpoint without "
                        "AQL sampling.",
                        name=checkpoint.name,
                    )
                )

    @api.constrains("spc_cpk_target")
    def _check_spc_cpk_target(self):
        for checkpoint in self:
            if checkpoint.spc_cpk_target <= 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the Cpk target must be greater than zero.",
                        name=checkpoint.name,
                    )
                )

    @api.constrains("containment_policy", "containment_on_spc_signal")
    def _check_containment_on_spc_signal(self):
        for checkpoint in self:
            if (
                checkpoint.containment_on_spc_signal
                and checkpoint.containment_policy == "none"
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s: choose what a containment holds before "
                        "containing on SPC signals.",
                        name=checkpoint.name,
                    )
                )

    def _spc_act_on_signals(self, inspection, signals):
        res = super()._spc_act_on_signals(inspection, signals)
        if self.containment_on_spc_signal:
            self.env["quality.containment"]._open_for_signal(inspection)
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_compute_spc_limits(self, date_from=None, date_to=None):
        """Freeze the control limits of these checkpoints from their
        subgroups recorded so far, or between ``date_from`` and ``date_to``
        (datetimes, both included; either may be empty). Quality Managers
        only. The limits stay until computed again."""
        if not is_quality_manager(self.env):
            raise AccessError(
                self.env._("Only a Quality Manager can compute control limits.")
            )
        date_from, date_to = self._spc_parse_period(date_from, date_to)
        for checkpoint in self:
            checkpoint._spc_check_enabled()
        summaries = self._spc_read_summaries(date_from=date_from, date_to=date_to)
        now = fields.Datetime.now()
        for checkpoint in self:
            summary, row = summaries.get(checkpoint.id, (None, {}))
            limits = checkpoint._spc_get_limits(summary)
            checkpoint.sudo().write(
                {
                    "spc_center_line": limits.center,
                    "spc_ucl": limits.ucl,
                    "spc_lcl": limits.lcl,
                    "spc_range_center": limits.dispersion_center,
                    "spc_range_ucl": limits.dispersion_ucl,
                    "spc_range_lcl": limits.dispersion_lcl,
                    "spc_limits_count": summary.subgroup_count,
                    "spc_limits_subgroup_size": checkpoint.spc_subgroup_size,
                    "spc_limits_date_from": row["first_date"],
                    "spc_limits_date_to": row["last_date"],
                    "spc_limits_computed_on": now,
                    "spc_limits_user_id": self.env.uid,
                }
            )
            checkpoint._spc_post_limits()
        return True

    def action_open_spc_limits_wizard(self):
        if not is_quality_manager(self.env):
            raise AccessError(
                self.env._("Only a Quality Manager can compute control limits.")
            )
        for checkpoint in self:
            checkpoint._spc_check_enabled()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Compute Control Limits"),
            "res_model": "quality.spc.limits.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_checkpoint_ids": self.ids},
        }

    def action_open_spc_chart(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "quality_progress_sync_spc.spc_chart_action"
        )
        action["params"] = {"checkpoint_id": self.id}
        return action

    @api.model
    def get_spc_chart_data(
        self,
        checkpoint_id=None,
        workcenter_id=None,
        product_id=None,
        inspection_id=None,
        limit=None,
    ):
        """What the control chart screen shows, in one call (see
        ``quality.spc.chart``): the SPC checkpoints to choose from (at
        ``workcenter_id``), the chosen one's limits, tolerances, last
        ``limit`` subgroups (100 by default) with their signals, and
        capability, for all products or ``product_id``. From an inspection:
        its checkpoint, the inspection highlighted."""
        return self.env["quality.spc.chart"]._get_data(
            checkpoint_id, workcenter_id, product_id, inspection_id, limit
        )

    def action_view_spc_signals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_progress_sync_spc.quality_spc_signal_action"
        )
        action["domain"] = [("checkpoint_id", "=", self.id)]
        action["context"] = {"search_default_new": 1}
        return action
