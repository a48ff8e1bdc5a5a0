# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The KPI sheet of the "Progress & Quality" workbook: the KPIs per work
center (their OEE among them), as the work centers define them, read from
``mrp.workcenter._get_quality_kpis``, and a chart of their pass rates."""

from odoo import models

from .progress_quality_xlsx import (
    INTEGER,
    NUMBER,
    PERCENT,
    REPORT_MODEL,
    TEXT,
    with_notes,
)

# The rates of ``mrp.workcenter._get_quality_kpis`` (in percent there, as
# fractions on the sheet).
PERCENT_KPIS = (
    "pass_rate",
    "first_pass_yield",
    "on_time_rate",
    "availability",
    "performance",
    "quality",
    "oee",
)


class ProgressQualityXlsx(models.AbstractModel):
    _inherit = REPORT_MODEL

    def _insert_pass_rate_chart(self, workbook, sheet, columns, rows):
        """A column chart of the pass rate per work center, below the table."""
        if not rows:
            return None
        keys = [column[0] for column in columns]
        name_col, rate_col = keys.index("workcenter"), keys.index("pass_rate")
        chart = workbook.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": self.env._("Pass rate"),
                "categories": [sheet.name, 1, name_col, len(rows), name_col],
                "values": [sheet.name, 1, rate_col, len(rows), rate_col],
                "data_labels": {"value": True, "num_format": "0%"},
            }
        )
        chart.set_title({"name": self.env._("Pass rate per work center")})
        chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1})
        chart.set_legend({"none": True})
        sheet.insert_chart(len(rows) + 3, 0, chart)
        return chart

    def _get_kpi_columns(self):
        _ = self.env._
        columns = [
            ("workcenter", _("Work center"), TEXT, 22),
            ("workorders", _("Work orders"), INTEGER, 11),
            ("inspections_done", _("Inspections done"), INTEGER, 11),
            ("inspections_passed", _("Passed"), INTEGER, 9),
            ("inspections_failed", _("Failed"), INTEGER, 9),
            ("pass_rate", _("Pass rate"), PERCENT, 10),
            ("first_pass_yield", _("First-pass yield"), PERCENT, 10),
            ("on_time_rate", _("On-time rate"), PERCENT, 10),
            ("late", _("Late work orders"), INTEGER, 10),
            ("open_nonconformances", _("Open nonconformances"), INTEGER, 14),
            ("rework", _("Rework work orders"), INTEGER, 11),
            ("produced", _("Quantity produced"), NUMBER, 11),
        ]
        return [
            *with_notes(columns, self._get_kpi_notes()),
            *self._get_oee_columns(),
        ]

    def _get_kpi_notes(self):
        _ = self.env._
        return {
            "pass_rate": _(
                "Passed inspections over done (passed or failed) inspections."
            ),
            "first_pass_yield": _(
                "Of the work orders whose inspections are all done (rework "
                "work orders left out), those with no failed inspection and "
                "no rework work order."
            ),
            "on_time_rate": _("Done work orders finished by their planned finish."),
            "late": _("Not done and past their planned finish when exported."),
            "open_nonconformances": _(
                "Nonconformances of these work orders not closed yet."
            ),
            "produced": _(
                "Produced by these work orders (rework work orders left "
                "out), as on the Work orders sheet."
            ),
        }

    def _get_oee_columns(self):
        """The OEE and its factors, each with its definition
        (``_get_oee_notes``)."""
        _ = self.env._
        columns = [
            ("availability", _("Availability"), PERCENT, 11),
            ("performance", _("Performance"), PERCENT, 11),
            ("quality", _("Quality"), PERCENT, 10),
            ("oee", _("OEE"), PERCENT, 10),
        ]
        return with_notes(columns, self._get_oee_notes())

    def _get_oee_notes(self):
        """The definitions of the OEE and its factors, as on the work
        center's card (``mrp.workcenter`` fields ``quality_oee*``)."""
        _ = self.env._
        return {
            "availability": _(
                "Run time over planned time: the time logged working over "
                "the time logged working or blocked, on the exported work "
                "orders (a block of the work center without a work order "
                "counts on its card, not here)."
            ),
            "performance": _(
                "Expected duration of the work orders done over the run time."
            ),
            "quality": _(
                "Good units over units made: scrapped units, units awaiting "
                "a decision and reworked units not yet passed again are not "
                "good."
            ),
            "oee": _(
                "Overall equipment effectiveness: the product of "
                "availability, performance and quality."
            ),
        }

    def _get_kpi_rows(self, workorders, workcenters):
        workcenters = (workorders.workcenter_id | workcenters).sorted(
            lambda wc: (wc.sequence, wc.name, wc.id)
        )
        kpis = self._compute_kpis(workorders, workcenters)
        return [
            dict(kpis[workcenter.id], workcenter=workcenter.name)
            for workcenter in workcenters
        ]

    def _compute_kpis(self, workorders, workcenters):
        """KPIs of ``workorders`` for each of ``workcenters`` (by id), as the
        work centers define them (``mrp.workcenter._get_quality_kpis``), with
        the rates as fractions for the sheet's percent format."""
        scope = [("id", "in", workorders.ids)]
        kpis = workcenters._get_quality_kpis(workorder_domain=scope)
        counts = dict(
            self.env["mrp.workorder"]._read_group(scope, ["workcenter_id"], ["__count"])
        )
        for workcenter in workcenters:
            values = kpis[workcenter.id]
            values["workorders"] = counts.get(workcenter, 0)
            for rate in PERCENT_KPIS:
                if values[rate] is not None:
                    values[rate] /= 100.0
        return kpis
