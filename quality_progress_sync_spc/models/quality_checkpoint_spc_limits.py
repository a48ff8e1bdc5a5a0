# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SPC on measure checkpoints: the control limits a Quality Manager freezes,
the capability, and the subgroups read for them and for the chart."""

from datetime import date

from odoo import fields, models
from odoo.addons.quality_progress_sync.models.quality_story import (
    format_when,
    reader_env,
)
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, formatLang

from . import quality_spc
from .quality_spc_query import (
    SPC_DIGITS,
    SPC_INSPECTION_FIELDS,
    SPC_MIN_SUBGROUPS,
    SPC_VALUES_SQL,
    spc_summary_query,
    subgroup_from_row,
    summary_from_row,
)


class QualityCheckpointSpcLimits(models.AbstractModel):
    """The limits and capability of the SPC checkpoints: a mixin that
    ``quality.checkpoint`` inherits (quality_checkpoint.py), whose fields it
    reads."""

    _name = "quality.checkpoint.spc.limits"
    _description = "SPC Control Limits and Capability of a Checkpoint"

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
        env = reader_env(self, self.responsible_id)
        self.message_post(
            body=env._(
                "Control limits computed from %(count)s subgroups (%(first)s to "
                "%(last)s): centre %(center)s, limits %(lcl)s to %(ucl)s; "
                "dispersion centre %(dispersion)s, limits %(dlcl)s to %(ducl)s.",
                count=self.spc_limits_count,
                first=format_when(env, self.spc_limits_date_from),
                last=format_when(env, self.spc_limits_date_to),
                **{
                    key: formatLang(env, self[name], digits=SPC_DIGITS[1])
                    for key, name in (
                        ("center", "spc_center_line"),
                        ("lcl", "spc_lcl"),
                        ("ucl", "spc_ucl"),
                        ("dispersion", "spc_range_center"),
                        ("dlcl", "spc_range_lcl"),
                        ("ducl", "spc_range_ucl"),
                    )
                },
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
        return {
            "spc_subgroup_count": summary.subgroup_count,
            "spc_measure_count": summary.measure_count,
            "spc_mean": summary.grand_mean or 0.0,
            **{
                f"spc_{key}": value
                for key, value in self._spc_capability_values(summary).items()
            },
        }

    def _spc_capability_values(self, summary):
        """:meth:`_spc_capability` as field values: 0 where a figure is
        unknown, ``capability_known`` telling whether Cpk is."""
        figures = self._spc_capability(summary)
        values = {
            key: figures[key] or 0.0
            for key in ("sigma_within", "sigma_overall", "cp", "cpk", "pp", "ppk")
        }
        values["capability_known"] = figures["cpk"] is not None
        values["below_target"] = figures["below_target"]
        return values

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
            [*SPC_INSPECTION_FIELDS, "workorder_id"]
        )
        self.env["quality.inspection.measure"].flush_model(
            ["inspection_id", "value", "active", "sample_no"]
        )

    def _spc_read_subgroups(self, limit, values=False, **filters):
        """The last ``limit`` subgroups (None: all) of this checkpoint, oldest
        first, optionally filtered (see :meth:`_spc_subgroups_where`): dicts
        with the inspection ``id``, ``date_done``, ``mean``, ``spread`` and
        ``stddev`` (the figures stored on it) and, with ``values``, its
        measures. One query, whatever the history: the inspections come from
        an index on (checkpoint, date done)."""
        self.ensure_one()
        where = self._spc_subgroups_where(**filters)
        if where is None:
            return []
        self._spc_flush()
        self.env.cr.execute(
            SQL(
                """
                SELECT i.id, i.date_done, i.spc_mean AS mean,
                       i.spc_range AS spread, i.spc_stddev AS stddev,
                       %(values)s AS values
                  FROM quality_inspection i
                 WHERE %(where)s
              ORDER BY i.date_done DESC, i.id DESC
                 LIMIT %(limit)s
                """,
                values=SPC_VALUES_SQL if values else SQL("NULL"),
                where=where,
                limit=limit,
            )
        )
        return [subgroup_from_row(row) for row in reversed(self.env.cr.dictfetchall())]

    def _spc_subgroups_where(
        self, exclude_ids=(), workcenter_id=None, product_id=None, workorder_ids=None
    ):
        """The condition on this checkpoint's subgroups (inspections, alias
        ``i``), but those of ``exclude_ids``, of a work center, a product or
        among work orders; None when no work order is given."""
        self.ensure_one()
        if workorder_ids is not None and not workorder_ids:
            return None
        where = [
            SQL("i.checkpoint_id = %s", self.id),
            SQL("i.state IN ('pass', 'fail')"),
            SQL("i.sample_size = %s AND i.spc_size > 0", self.spc_subgroup_size),
        ]
        for condition, value in (
            ("i.id NOT IN %s", tuple(exclude_ids)),
            ("i.workcenter_id = %s", workcenter_id),
            ("i.product_id = %s", product_id),
            ("i.workorder_id IN %s", tuple(workorder_ids or ())),
        ):
            if value:
                where.append(SQL(condition, value))
        return SQL(" AND ").join(where)

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
