# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Statistical process control on measure checkpoints (DESIGN.md, SPC).

A subgroup is one inspection's measures, ordered by ``date_done``, then id.
A Quality Manager freezes the control limits (``action_compute_spc_limits``);
each new subgroup is checked against them by ``_spc_evaluate``, which the
recording of the measures calls; the capability is read from the subgroups
recorded so far, in one aggregate query.
"""

from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from . import quality_spc
from .quality_guard import check_protected_fields, is_quality_manager

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
# Digits of the limits, means and sigmas: finer than the measures.
SPC_DIGITS = (16, 6)
SPC_INDEX_DIGITS = (16, 2)
# Fewest subgroups to compute limits from; below PROVISIONAL they are shown
# as provisional (ISO 7870-2 asks for 20 to 25 subgroups).
SPC_MIN_SUBGROUPS = 2
SPC_PROVISIONAL_SUBGROUPS = 20
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
# What a summary of subgroups is read from: done inspections of the
# checkpoint's subgroup size, their active measures.
DONE_STATES_SQL = SQL("i.state IN ('pass', 'fail')")


def spc_summary_query(where, keys=()):
    """One row per checkpoint (and per ``keys``, columns of the inspection)
    with the aggregates of its subgroups that the limits and the capability
    are computed from (:class:`quality_spc.Summary`): in one query, over
    every measure. ``where`` filters the inspections (alias ``i``); the
    moving ranges run within each row's subgroups, in recording order."""
    columns = SQL(", ").join(SQL.identifier(key) for key in ("checkpoint_id", *keys))
    return SQL(
        """
        WITH subgroup AS (
            SELECT i.id, i.checkpoint_id, i.workcenter_id, i.product_id,
                   i.company_id, i.date_done,
                   count(m.id) AS size,
                   avg(m.value) AS mean,
                   max(m.value) - min(m.value) AS spread,
                   stddev_samp(m.value) AS stddev,
                   sum(m.value) AS total,
                   sum(m.value * m.value) AS squares
              FROM quality_inspection i
              JOIN quality_checkpoint c ON c.id = i.checkpoint_id
              JOIN quality_inspection_measure m
                ON m.inspection_id = i.id AND m.active
             WHERE %(done)s AND i.sample_size = c.spc_subgroup_size AND %(where)s
          GROUP BY i.id
        ), point AS (
            SELECT subgroup.*,
                   abs(mean - lag(mean) OVER (
                       PARTITION BY %(columns)s ORDER BY date_done, id
                   )) AS moving_range
              FROM subgroup
        )
        SELECT %(columns)s,
               min(id) AS id,
               count(*) AS subgroup_count,
               sum(size) AS measure_count,
               avg(mean) AS grand_mean,
               avg(spread) AS mean_range,
               avg(stddev) AS mean_stddev,
               avg(moving_range) AS mean_moving_range,
               sqrt(greatest(0, (sum(squares) - sum(total) * sum(total) / sum(size))
                    / nullif(sum(size) - 1, 0))) AS stddev_overall,
               min(date_done) AS first_date,
               max(date_done) AS last_date
          FROM point
      GROUP BY %(columns)s
        """,
        done=DONE_STATES_SQL,
        where=where,
        columns=columns,
    )


def summary_from_row(row):
    """A :class:`quality_spc.Summary` from a row of :func:`spc_summary_query`
    (a dict, or a record of the capability report)."""

    def number(value):
        return None if value is None else float(value)

    return quality_spc.Summary(
        subgroup_count=int(row["subgroup_count"] or 0),
        measure_count=int(row["measure_count"] or 0),
        grand_mean=number(row["grand_mean"]),
        mean_range=number(row["mean_range"]),
        mean_stddev=number(row["mean_stddev"]),
        mean_moving_range=number(row["mean_moving_range"]),
        stddev_overall=number(row["stddev_overall"]),
    )


class QualityCheckpoint(models.Model):
    _inherit = "quality.checkpoint"

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
        help="Measures per subgroup: the sample size, or one for a first article.",
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

    @api.depends("stage", "sample_size")
    def _compute_spc_subgroup_size(self):
        for checkpoint in self:
            checkpoint.spc_subgroup_size = (
                1 if checkpoint.stage == "first_article" else checkpoint.sample_size
            )

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_protected_fields(self, vals, SPC_LIMIT_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        check_protected_fields(self, vals, SPC_LIMIT_FIELDS)
        return super().write(vals)

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
            "quality_progress_sync.spc_chart_action"
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
            "quality_progress_sync.quality_spc_signal_action"
        )
        action["domain"] = [("checkpoint_id", "=", self.id)]
        action["context"] = {"search_default_new": 1}
        return action

    # ------------------------------------------------------------------
    # Limits and capability
    # ------------------------------------------------------------------

    def _spc_check_enabled(self):
        self.ensure_one()
        if not self.spc_enabled or self.check_type != "measure":
            raise UserError(
                self.env._(
                    "%(name)s has no statistical process control: enable it on "
                    "a measure checkpoint first.",
                    name=self.display_name,
                )
            )

    def _spc_parse_period(self, date_from, date_to):
        """``date_from`` and ``date_to`` as datetimes (or None), refused when
        they are not dates or not in order."""
        period = []
        for value in (date_from, date_to):
            parsed = None
            if not (value is None or value is False or value == ""):
                if not isinstance(value, str | date):
                    parsed = False
                else:
                    try:
                        parsed = fields.Datetime.to_datetime(value)
                    except ValueError:
                        parsed = False
                if parsed is False:
                    raise ValidationError(
                        self.env._(
                            "%(value)r is not a date: give the period as dates "
                            "(YYYY-MM-DD HH:MM:SS).",
                            value=value,
                        )
                    )
            period.append(parsed)
        if period[0] and period[1] and period[0] > period[1]:
            raise ValidationError(self.env._("The period ends before it starts."))
        return tuple(period)

    def _spc_get_limits(self, summary):
        """The :class:`quality_spc.Limits` of ``summary``, or a clear error."""
        self.ensure_one()
        count = summary.subgroup_count if summary else 0
        if count < SPC_MIN_SUBGROUPS:
            raise UserError(
                self.env._(
                    "%(name)s: control limits need at least %(min)s subgroups "
                    "(inspections with %(size)s measures); the period holds "
                    "%(count)s.",
                    name=self.display_name,
                    min=SPC_MIN_SUBGROUPS,
                    size=self.spc_subgroup_size,
                    count=count,
                )
            )
        limits = quality_spc.control_limits(summary, self.spc_subgroup_size)
        if limits is None:
            raise UserError(
                self.env._(
                    "%(name)s: the %(count)s subgroups show no variation at all; "
                    "control limits cannot be computed from them.",
                    name=self.display_name,
                    count=count,
                )
            )
        return limits

    def _spc_post_limits(self):
        self.ensure_one()
        self.message_post(
            body=self.env._(
                "Control limits computed from %(count)s subgroups (%(first)s to "
                "%(last)s): centre %(center)s, limits %(lcl)s to %(ucl)s; "
                "dispersion centre %(dispersion)s, limits %(dlcl)s to %(ducl)s.",
                count=self.spc_limits_count,
                first=self.spc_limits_date_from,
                last=self.spc_limits_date_to,
                center=self.spc_center_line,
                lcl=self.spc_lcl,
                ucl=self.spc_ucl,
                dispersion=self.spc_range_center,
                dlcl=self.spc_range_lcl,
                ducl=self.spc_range_ucl,
            )
        )

    def _spc_capability_vals(self, summary_row):
        """The capability fields from a (summary, row) of
        :meth:`_spc_read_summaries`, or empty ones."""
        self.ensure_one()
        summary = summary_row[0] if summary_row else None
        if not summary:
            return {
                "spc_subgroup_count": 0,
                "spc_measure_count": 0,
                "spc_mean": 0.0,
                "spc_sigma_within": 0.0,
                "spc_sigma_overall": 0.0,
                "spc_cp": 0.0,
                "spc_cpk": 0.0,
                "spc_pp": 0.0,
                "spc_ppk": 0.0,
                "spc_capability_known": False,
                "spc_below_target": False,
            }
        figures = self._spc_capability(summary)
        return {
            "spc_subgroup_count": summary.subgroup_count,
            "spc_measure_count": summary.measure_count,
            "spc_mean": summary.grand_mean or 0.0,
            "spc_sigma_within": figures["sigma_within"] or 0.0,
            "spc_sigma_overall": figures["sigma_overall"] or 0.0,
            "spc_cp": figures["cp"] or 0.0,
            "spc_cpk": figures["cpk"] or 0.0,
            "spc_pp": figures["pp"] or 0.0,
            "spc_ppk": figures["ppk"] or 0.0,
            "spc_capability_known": figures["cpk"] is not None,
            "spc_below_target": figures["below_target"],
        }

    def _spc_capability(self, summary):
        """Cp, Cpk, Pp, Ppk of ``summary`` against this checkpoint's
        tolerances, its sigmas, and whether Cpk is below the target: the one
        definition every screen and report calls."""
        self.ensure_one()
        within = quality_spc.sigma_within(summary, self.spc_subgroup_size)
        overall = summary.stddev_overall
        figures = quality_spc.capability(
            summary.grand_mean,
            within,
            overall,
            self.tolerance_min,
            self.tolerance_max,
        )
        figures.update(
            sigma_within=within,
            sigma_overall=overall,
            below_target=figures["cpk"] is not None
            and figures["cpk"] < self.spc_cpk_target,
            target=self.spc_cpk_target,
        )
        return figures

    def _spc_read_summaries(
        self,
        keys=(),
        date_from=None,
        date_to=None,
        workcenter_id=None,
        product_id=None,
        workorder_ids=None,
    ):
        """{checkpoint id (or (checkpoint id, *keys)): (Summary, row)} of
        these checkpoints' subgroups, in one query; optionally within a period,
        a work center, a product or work orders."""
        if not self.ids:
            return {}
        where = [SQL("i.checkpoint_id IN %s", tuple(self.ids))]
        if date_from:
            where.append(SQL("i.date_done >= %s", date_from))
        if date_to:
            where.append(SQL("i.date_done <= %s", date_to))
        if workcenter_id:
            where.append(SQL("i.workcenter_id = %s", workcenter_id))
        if product_id:
            where.append(SQL("i.product_id = %s", product_id))
        if workorder_ids is not None:
            where.append(SQL("i.workorder_id IN %s", tuple(workorder_ids) or (0,)))
        self._spc_flush()
        self.env.cr.execute(spc_summary_query(SQL(" AND ").join(where), keys))
        summaries = {}
        for row in self.env.cr.dictfetchall():
            key = row["checkpoint_id"]
            if keys:
                key = (key, *(row[name] for name in keys))
            summaries[key] = (summary_from_row(row), row)
        return summaries

    def _spc_flush(self):
        """Write pending changes to what the SPC queries read."""
        self.env["quality.checkpoint"].flush_model(["spc_subgroup_size"])
        self.env["quality.inspection"].flush_model(
            [
                "checkpoint_id",
                "state",
                "sample_size",
                "date_done",
                "workcenter_id",
                "product_id",
                "company_id",
                "workorder_id",
            ]
        )
        self.env["quality.inspection.measure"].flush_model(
            ["inspection_id", "value", "active", "sample_no"]
        )

    def _spc_read_subgroups(
        self, limit, exclude_ids=(), workcenter_id=None, product_id=None
    ):
        """The last ``limit`` subgroups of this checkpoint, oldest first: dicts
        with the inspection ``id``, ``date_done``, ``values``, ``mean``,
        ``spread`` and ``stddev``. One query, whatever the history: the
        inspections come from an index on (checkpoint, date done)."""
        self.ensure_one()
        where = [
            SQL("checkpoint_id = %s", self.id),
            SQL("state IN ('pass', 'fail')"),
            SQL("sample_size = %s", self.spc_subgroup_size),
        ]
        if exclude_ids:
            where.append(SQL("id NOT IN %s", tuple(exclude_ids)))
        if workcenter_id:
            where.append(SQL("workcenter_id = %s", workcenter_id))
        if product_id:
            where.append(SQL("product_id = %s", product_id))
        self._spc_flush()
        self.env.cr.execute(
            SQL(
                """
                SELECT i.id, i.date_done,
                       array_agg(m.value ORDER BY m.sample_no, m.id) AS values,
                       avg(m.value) AS mean,
                       max(m.value) - min(m.value) AS spread,
                       stddev_samp(m.value) AS stddev
                  FROM quality_inspection i
                  JOIN quality_inspection_measure m
                    ON m.inspection_id = i.id AND m.active
                 WHERE i.id IN (
                        SELECT id FROM quality_inspection
                         WHERE %(where)s
                      ORDER BY date_done DESC, id DESC
                         LIMIT %(limit)s)
              GROUP BY i.id
              ORDER BY i.date_done, i.id
                """,
                where=SQL(" AND ").join(where),
                limit=limit,
            )
        )
        return [
            dict(
                row,
                values=[float(value) for value in row["values"]],
                mean=float(row["mean"]),
                spread=float(row["spread"]),
                stddev=None if row["stddev"] is None else float(row["stddev"]),
            )
            for row in self.env.cr.dictfetchall()
        ]

    def _spc_get_frozen_limits(self):
        """The frozen limits as :class:`quality_spc.Limits`, or None when
        there are none for the current subgroup size."""
        self.ensure_one()
        if not self.spc_limits_count or self.spc_limits_stale:
            return None
        return quality_spc.Limits(
            center=self.spc_center_line,
            ucl=self.spc_ucl,
            lcl=self.spc_lcl,
            dispersion_center=self.spc_range_center,
            dispersion_ucl=self.spc_range_ucl,
            dispersion_lcl=self.spc_range_lcl,
        )

    # ------------------------------------------------------------------
    # Run rules on a new subgroup
    # ------------------------------------------------------------------

    def _spc_evaluate(self, inspection):
        """Check the run rules on the subgroup of ``inspection``, whose
        measures were just created and whose result is not recorded yet,
        against the frozen limits: one signal per broken rule and chart, then
        what ``spc_on_signal`` says. The part is judged by its tolerances
        only. Reads only the last subgroups the rules need."""
        self.ensure_one()
        checkpoint = self.sudo()
        limits = checkpoint.spc_enabled and checkpoint._spc_get_frozen_limits()
        values = inspection.measure_ids.filtered("active").mapped("value")
        if not limits or len(values) != checkpoint.spc_subgroup_size:
            return self.env["quality.spc.signal"]
        history = checkpoint._spc_read_subgroups(
            quality_spc.history_length(checkpoint.spc_rules),
            exclude_ids=inspection.ids,
        )
        stats = [(row["mean"], row["spread"], row["stddev"]) for row in history]
        stats.append(quality_spc.subgroup_stats(values))
        broken = checkpoint._spc_broken_rules(stats, limits)
        if not broken:
            return self.env["quality.spc.signal"]
        signals = checkpoint._spc_create_signals(inspection, broken, limits)
        checkpoint._spc_act_on_signals(inspection, signals)
        return signals

    def _spc_broken_rules(self, stats, limits):
        """[(chart, rule, value)] that the last of the subgroups ``stats``
        ((mean, range, stddev), oldest first) breaks."""
        self.ensure_one()
        location, dispersion = quality_spc.plotted_series(stats, self.spc_subgroup_size)
        charts = (
            (quality_spc.LOCATION, location, limits.center, limits.ucl, limits.lcl),
            (
                quality_spc.DISPERSION,
                dispersion,
                limits.dispersion_center,
                limits.dispersion_ucl,
                limits.dispersion_lcl,
            ),
        )
        return [
            (chart, rule, series[-1])
            for chart, series, center, ucl, lcl in charts
            for rule in quality_spc.broken_rules(
                series, center, ucl, lcl, self.spc_rules
            )
        ]

    def _spc_create_signals(self, inspection, broken, limits):
        self.ensure_one()
        vals_list = [
            self._prepare_spc_signal_vals(inspection, chart, rule, value, limits)
            for chart, rule, value in broken
        ]
        return (
            self.env["quality.spc.signal"]
            .sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )

    def _prepare_spc_signal_vals(self, inspection, chart, rule, value, limits):
        """Values of the signal of ``rule`` broken on ``chart`` by the
        subgroup of ``inspection`` (plotted at ``value``)."""
        self.ensure_one()
        location = chart == quality_spc.LOCATION
        return {
            "checkpoint_id": self.id,
            "inspection_id": inspection.id,
            "workorder_id": inspection.workorder_id.id,
            "production_id": inspection.production_id.id,
            "workcenter_id": inspection.workcenter_id.id,
            "product_id": inspection.product_id.id,
            "company_id": inspection.company_id.id,
            "rule": rule,
            "chart": chart,
            "value": value,
            "center_line": limits.center if location else limits.dispersion_center,
            "ucl": limits.ucl if location else limits.dispersion_ucl,
            "lcl": limits.lcl if location else limits.dispersion_lcl,
            "user_id": self.env.uid,
        }

    def _spc_act_on_signals(self, inspection, signals):
        """What ``spc_on_signal`` says, once for the signals of one
        subgroup: an activity, a patrol inspection or a hold."""
        self.ensure_one()
        summary = self._spc_signal_summary(inspection, signals)
        if self.spc_on_signal == "hold" and inspection.workcenter_id:
            inspection.workcenter_id._quality_hold_for(summary)
            signals[:1].message_post(
                body=self.env._(
                    "Work center %(workcenter)s is on hold until a Quality "
                    "Manager releases it.",
                    workcenter=inspection.workcenter_id.display_name,
                )
            )
            return
        if self.spc_on_signal == "patrol" and self._spc_add_patrols(
            inspection, signals
        ):
            return
        self._spc_schedule_activity(signals, summary)

    def _spc_signal_summary(self, inspection, signals):
        return self.env._(
            "SPC signal on %(checkpoint)s (%(inspection)s): %(rules)s",
            checkpoint=self.name,
            inspection=inspection.name,
            rules="; ".join(signals.mapped("display_name")),
        )

    def _spc_schedule_activity(self, signals, summary):
        """An activity for the responsible on the first signal, unless one of
        this checkpoint's new signals still has an open activity."""
        self.ensure_one()
        Signal = self.env["quality.spc.signal"].sudo()
        if Signal.search_count(
            [
                ("checkpoint_id", "=", self.id),
                ("state", "=", "new"),
                ("activity_ids", "!=", False),
                ("id", "not in", signals.ids),
            ],
            limit=1,
        ):
            return
        responsible = self._spc_get_responsible(signals.workcenter_id[:1])
        if responsible:
            signals[:1].activity_schedule(
                "mail.mail_activity_data_warning",
                summary=summary,
                note=self.env._(
                    "The process drifts: check the machine before a part is out "
                    "of tolerance, then acknowledge the signal."
                ),
                user_id=responsible.id,
            )

    def _spc_get_responsible(self, workcenter):
        self.ensure_one()
        return (
            self.responsible_id
            or workcenter.quality_responsible_id
            or self.env.ref("quality_progress_sync.group_quality_manager").users[:1]
        )

    def _spc_add_patrols(self, inspection, signals):
        """A patrol inspection on the running work order: the inspection's own
        while it is not finished, else those in progress at its work center.
        None is added where one from an earlier signal is still to do. Whether
        a work order was found."""
        self.ensure_one()
        patrol = self.spc_patrol_checkpoint_id or self
        workorders = inspection.workorder_id.filtered(
            lambda wo: wo.state not in ("done", "cancel")
        ) or self.env["mrp.workorder"].search(
            [
                ("workcenter_id", "=", inspection.workcenter_id.id),
                ("state", "=", "progress"),
            ]
        )
        if not workorders:
            return False
        waiting = self.env["quality.inspection"].search(
            [
                ("workorder_id", "in", workorders.ids),
                ("checkpoint_id", "=", patrol.id),
                ("stage", "=", "patrol"),
                ("state", "=", "todo"),
                ("id", "!=", inspection.id),
            ]
        )
        vals_list = [
            dict(patrol._prepare_inspection_vals(workorder), stage="patrol")
            for workorder in workorders - waiting.workorder_id
        ]
        patrols = self.env["quality.inspection"].sudo().create(vals_list)
        for new in patrols:
            new.message_post(
                body=self.env._(
                    "Added by an SPC signal on %(checkpoint)s: %(rules)s.",
                    checkpoint=self.name,
                    rules=", ".join(signals.mapped("display_name")),
                )
            )
        return True
