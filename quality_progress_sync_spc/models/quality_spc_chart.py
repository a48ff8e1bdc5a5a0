# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models
from odoo.addons.quality_progress_sync.models.quality_quantity import is_whole_number
from odoo.exceptions import UserError, ValidationError

from . import quality_spc

# Subgroups a control chart shows by default, and at most.
SPC_CHART_POINTS = 100
SPC_CHART_MAX_POINTS = 1000


class QualitySpcChart(models.AbstractModel):
    """What the control chart screen (static/src/spc_chart) shows, gathered
    for its one call, ``quality.checkpoint.get_spc_chart_data``: the SPC
    checkpoints to choose from, the chosen one's limits, tolerances, last
    subgroups with their signals, and capability."""

    _name = "quality.spc.chart"
    _description = "SPC Control Chart Data"

    def _get_data(self, checkpoint_id, workcenter_id, product_id, inspection_id, limit):
        """The screen's data, optionally for one work center or product;
        from an inspection: its checkpoint, the inspection highlighted. The
        arguments come over RPC: checked."""
        checkpoint_id, workcenter_id, product_id, inspection_id = (
            self._check_id(value)
            for value in (checkpoint_id, workcenter_id, product_id, inspection_id)
        )
        limit = self._check_limit(limit)
        Checkpoint = self.env["quality.checkpoint"]
        inspection = self.env["quality.inspection"].browse(inspection_id)
        if inspection:
            inspection.check_access("read")
            checkpoint_id = inspection.checkpoint_id.id
        choices = Checkpoint.search(self._get_checkpoint_domain(workcenter_id))
        checkpoint = Checkpoint.browse(checkpoint_id) if checkpoint_id else choices[:1]
        data = {
            "checkpoints": [{"id": c.id, "name": c.display_name} for c in choices],
            "workcenter_id": workcenter_id or False,
            "product_id": product_id or False,
            "highlight_inspection_id": inspection.id or False,
            "checkpoint": False,
        }
        if not checkpoint:
            return data
        checkpoint.check_access("read")
        if not checkpoint.spc_enabled:
            raise UserError(
                self.env._(
                    "%(name)s has no statistical process control.",
                    name=checkpoint.display_name,
                )
            )
        data.update(self._get_values(checkpoint, workcenter_id, product_id, limit))
        return data

    def _check_limit(self, limit):
        """The number of subgroups to show: the default, or ``limit`` up to
        the maximum."""
        if limit is None or limit is False:
            return SPC_CHART_POINTS
        if not is_whole_number(limit, maximum=None):
            raise ValidationError(
                self.env._("%(value)r is not a number of subgroups.", value=limit)
            )
        return min(limit, SPC_CHART_MAX_POINTS)

    def _check_id(self, value):
        if value is None or value is False:
            return False
        if not is_whole_number(value):
            raise ValidationError(
                self.env._("%(value)r is not a record id.", value=value)
            )
        return value

    def _get_checkpoint_domain(self, workcenter_id=None):
        """The checkpoints the screen offers (at a work center)."""
        domain = [("spc_enabled", "=", True)]
        if workcenter_id:
            domain += [
                "|",
                ("workcenter_id", "=", workcenter_id),
                ("operation_id.workcenter_id", "=", workcenter_id),
            ]
        return domain

    def _get_values(self, checkpoint, workcenter_id, product_id, limit):
        checkpoint.ensure_one()
        # One more subgroup than shown: the moving range of the first point.
        rows = checkpoint._spc_read_subgroups(
            limit + 1, workcenter_id=workcenter_id, product_id=product_id, values=True
        )
        stats = [(row["mean"], row["spread"], row["stddev"]) for row in rows]
        location, dispersion = quality_spc.plotted_series(
            stats, checkpoint.spc_subgroup_size
        )
        start = max(len(rows) - limit, 0)
        summaries = checkpoint._spc_read_summaries(
            workcenter_id=workcenter_id, product_id=product_id
        )
        summary_row = summaries.get(checkpoint.id)
        return {
            "checkpoint": self._get_checkpoint(checkpoint),
            "limits": self._get_limits(checkpoint),
            "points": self._get_points(
                checkpoint, rows[start:], location[start:], dispersion[start:]
            ),
            "capability": self._get_capability(checkpoint, summary_row),
            **self._get_filters(checkpoint),
        }

    def _get_checkpoint(self, checkpoint):
        checkpoint.ensure_one()
        kinds = dict(
            checkpoint._fields["spc_chart_kind"]._description_selection(self.env)
        )
        rulesets = dict(
            checkpoint._fields["spc_rules"]._description_selection(self.env)
        )
        kind = checkpoint.spc_chart_kind
        return {
            "id": checkpoint.id,
            "name": checkpoint.display_name,
            "kind": kind,
            "kind_label": kinds[kind],
            "rules_label": rulesets[checkpoint.spc_rules],
            "subgroup_size": checkpoint.spc_subgroup_size,
            "uom": checkpoint.uom_id.name or "",
            "norm": checkpoint.norm,
            "tolerance_min": checkpoint.tolerance_min,
            "tolerance_max": checkpoint.tolerance_max,
            "digits": self.env["decimal.precision"].precision_get("Quality Measure"),
        }

    def _get_limits(self, checkpoint):
        checkpoint.ensure_one()
        if not checkpoint.spc_limits_count:
            return False
        return {
            "center": checkpoint.spc_center_line,
            "ucl": checkpoint.spc_ucl,
            "lcl": checkpoint.spc_lcl,
            "dispersion_center": checkpoint.spc_range_center,
            "dispersion_ucl": checkpoint.spc_range_ucl,
            "dispersion_lcl": checkpoint.spc_range_lcl,
            "count": checkpoint.spc_limits_count,
            "date_from": fields.Datetime.to_string(checkpoint.spc_limits_date_from),
            "date_to": fields.Datetime.to_string(checkpoint.spc_limits_date_to),
            "computed_on": fields.Datetime.to_string(checkpoint.spc_limits_computed_on),
            "user": checkpoint.spc_limits_user_id.name or "",
            "stale": checkpoint.spc_limits_stale,
            "provisional": checkpoint.spc_limits_provisional,
        }

    def _get_points(self, checkpoint, rows, location, dispersion):
        """One dict per subgroup: its values, plotted points, who measured it
        when, on which work order and lot, and the rules it broke."""
        checkpoint.ensure_one()
        inspections = self.env["quality.inspection"].browse([row["id"] for row in rows])
        signals = self._get_point_signals(inspections)
        return [
            {
                "index": index + 1,
                "inspection_id": inspection.id,
                "inspection": inspection.name,
                "workorder_id": inspection.workorder_id.id,
                "workorder": inspection.workorder_id.display_name,
                "production": inspection.production_id.name or "",
                "lot": inspection.lot_id.name or "",
                "product": inspection.product_id.display_name or "",
                "workcenter": inspection.workcenter_id.name or "",
                "user": inspection.user_id.name or "",
                "date": fields.Datetime.to_string(row["date_done"]),
                "values": row["values"],
                "location": location[index],
                "dispersion": dispersion[index],
                "signals": signals.get(inspection.id, []),
            }
            for index, (row, inspection) in enumerate(
                zip(rows, inspections, strict=True)
            )
        ]

    def _get_point_signals(self, inspections):
        """{inspection id: [signal dict]} of the signals of ``inspections``."""
        signals = self.env["quality.spc.signal"].search(
            [("inspection_id", "in", inspections.ids)], order="id"
        )
        rule_labels = dict(signals._fields["rule"]._description_selection(self.env))
        by_inspection = {}
        for signal in signals:
            by_inspection.setdefault(signal.inspection_id.id, []).append(
                {
                    "id": signal.id,
                    "chart": signal.chart,
                    "rule": signal.rule,
                    "label": rule_labels[signal.rule],
                    "state": signal.state,
                }
            )
        return by_inspection

    def _get_capability(self, checkpoint, summary_row):
        checkpoint.ensure_one()
        if not summary_row:
            return False
        summary = summary_row[0]
        figures = checkpoint._spc_capability(summary)
        return dict(
            figures,
            subgroup_count=summary.subgroup_count,
            measure_count=summary.measure_count,
            mean=summary.grand_mean,
        )

    def _get_filters(self, checkpoint):
        """{"workcenters": [{id, name}], "products": [{id, name}]}: the work
        centers and products of this checkpoint's inspections, in one
        grouped query."""
        checkpoint.ensure_one()
        groups = self.env["quality.inspection"]._read_group(
            [("checkpoint_id", "=", checkpoint.id), ("state", "in", ("pass", "fail"))],
            ["workcenter_id", "product_id"],
        )
        return {
            key: [
                {"id": record.id, "name": record.display_name}
                for record in sorted(
                    {group[position] for group in groups if group[position]},
                    key=lambda record: record.id,
                )
            ]
            for key, position in (("workcenters", 0), ("products", 1))
        }
