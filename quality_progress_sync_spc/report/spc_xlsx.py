# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SPC sheets of the "Progress & Quality" workbook: one per SPC
checkpoint, with its control limits, capability (overall, per work center
and product), subgroups, signals and a chart of the subgroups."""

import re
from collections import defaultdict

from odoo import models
from odoo.addons.quality_progress_sync.report.progress_quality_xlsx import REPORT_MODEL

from ..models import quality_spc

# Characters Excel refuses in a sheet name, and its longest name.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
# Formats of the SPC figures (the measures have 4 digits).
MEASURE_FORMAT = "0.0000"
LIMIT_FORMAT = "0.000000"
INDEX_FORMAT = "0.00"
# What a subgroup's row reads of its inspection, in one batch: the records
# named in its columns, in their order, by the field that names them.
SUBGROUP_NAMES = {
    "workorder_id": "display_name",
    "production_id": "name",
    "lot_id": "name",
    "product_id": "display_name",
    "workcenter_id": "name",
    "user_id": "name",
}
SUBGROUP_FIELDS = ["date_done", "name", *SUBGROUP_NAMES]


class ProgressQualityXlsx(models.AbstractModel):
    _inherit = REPORT_MODEL

    def _write_extra_sheets(self, workbook, formats, inspections, workorders):
        res = super()._write_extra_sheets(workbook, formats, inspections, workorders)
        self._write_spc_sheets(
            workbook, formats, self._get_spc_checkpoints(inspections), workorders
        )
        return res

    def _get_spc_checkpoints(self, inspections):
        """The SPC checkpoints of ``inspections``: a sheet each."""
        return inspections.checkpoint_id.filtered("spc_enabled").sorted("id")

    def _write_spc_sheets(self, workbook, formats, checkpoints, workorders=None):
        """Add a sheet per checkpoint of ``checkpoints`` (SPC ones) to
        ``workbook``: its subgroups among ``workorders`` (all of them when
        None), limits, signals and capability. Returns the sheets."""
        spc_formats = self._get_spc_formats(workbook, formats)
        return [
            self._write_spc_sheet(workbook, spc_formats, checkpoint, workorders)
            for checkpoint in checkpoints.filtered("spc_enabled")
        ]

    def _get_spc_formats(self, workbook, formats):
        return dict(
            formats,
            title=workbook.add_format({"bold": True, "font_size": 14}),
            bold=workbook.add_format({"bold": True}),
            measure=workbook.add_format(
                {"num_format": MEASURE_FORMAT, "valign": "top"}
            ),
            limit=workbook.add_format({"num_format": LIMIT_FORMAT, "valign": "top"}),
            index=workbook.add_format({"num_format": INDEX_FORMAT, "valign": "top"}),
            flagged=workbook.add_format(
                {"num_format": INDEX_FORMAT, "valign": "top", "font_color": "#C00000"}
            ),
            signal=workbook.add_format({"font_color": "#C00000", "valign": "top"}),
        )

    def _get_spc_sheet_name(self, workbook, checkpoint):
        base = SHEET_NAME_FORBIDDEN.sub(" ", f"SPC {checkpoint.name}")
        name = base[:SHEET_NAME_MAX]
        suffix = 1
        while workbook.get_worksheet_by_name(name):
            suffix += 1
            tail = f" ({suffix})"
            name = base[: SHEET_NAME_MAX - len(tail)] + tail
        return name

    def _write_spc_sheet(self, workbook, formats, checkpoint, workorders):
        sheet = workbook.add_worksheet(self._get_spc_sheet_name(workbook, checkpoint))
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 15, 14)
        subgroups = self._get_spc_subgroups(checkpoint, workorders)
        row = self._write_spc_header(sheet, formats, checkpoint)
        row = self._write_spc_limits(sheet, formats, checkpoint, row + 1)
        row = self._write_spc_capability(
            sheet, formats, checkpoint, workorders, row + 1
        )
        first_subgroup_row = row + 2
        row = self._write_spc_subgroups(sheet, formats, checkpoint, subgroups, row + 1)
        row = self._write_spc_signals(sheet, formats, subgroups["inspections"], row + 1)
        self._insert_spc_chart(
            workbook,
            sheet,
            checkpoint,
            (first_subgroup_row, len(subgroups["inspections"])),
            row + 1,
        )
        return sheet

    def _write_spc_header(self, sheet, formats, checkpoint):
        _ = self.env._
        kinds = self._selection_labels("quality.checkpoint", "spc_chart_kind")
        rulesets = self._selection_labels("quality.checkpoint", "spc_rules")
        sheet.write_string(0, 0, checkpoint.display_name, formats["title"])
        lines = [
            (_("Control chart"), kinds.get(checkpoint.spc_chart_kind)),
            (_("Subgroup size"), checkpoint.spc_subgroup_size),
            (_("Run rules"), rulesets.get(checkpoint.spc_rules)),
            (
                _("Tolerances"),
                _(
                    "%(min)s to %(max)s (norm %(norm)s) %(uom)s",
                    min=checkpoint.tolerance_min,
                    max=checkpoint.tolerance_max,
                    norm=checkpoint.norm,
                    uom=checkpoint.uom_id.name or "",
                ),
            ),
        ]
        for row, (label, value) in enumerate(lines, start=1):
            sheet.write_string(row, 0, label, formats["bold"])
            self._write_cell(sheet, row, 1, value, formats["text"])
        return len(lines) + 1

    def _write_spc_limits(self, sheet, formats, checkpoint, row):
        """The frozen limits and what they were computed from."""
        _ = self.env._
        sheet.write_string(row, 0, _("Control limits"), formats["bold"])
        if not checkpoint.spc_limits_count:
            sheet.write_string(row + 1, 0, _("Not computed yet."), formats["text"])
            return row + 2
        self._write_spc_limit_charts(sheet, formats, checkpoint, row + 1)
        return self._write_spc_limit_details(sheet, formats, checkpoint, row + 4)

    def _write_spc_limit_charts(self, sheet, formats, checkpoint, row):
        """The frozen limits of the location and dispersion charts, under
        their headers at ``row``."""
        _ = self.env._
        headers = [_("Chart"), _("Centre line"), _("Lower limit"), _("Upper limit")]
        for col, label in enumerate(headers):
            sheet.write_string(row, col, label, formats["header"])
        charts = [
            (
                _("Location"),
                checkpoint.spc_center_line,
                checkpoint.spc_lcl,
                checkpoint.spc_ucl,
            ),
            (
                _("Dispersion"),
                checkpoint.spc_range_center,
                checkpoint.spc_range_lcl,
                checkpoint.spc_range_ucl,
            ),
        ]
        for offset, (label, *limits) in enumerate(charts, start=1):
            sheet.write_string(row + offset, 0, label, formats["text"])
            for col, value in enumerate(limits, start=1):
                sheet.write_number(row + offset, col, value, formats["limit"])

    def _write_spc_limit_details(self, sheet, formats, checkpoint, row):
        """What the frozen limits were computed from, by whom and when, from
        ``row``; returns the row after them."""
        _ = self.env._
        details = [
            (_("Subgroups used"), checkpoint.spc_limits_count, formats["integer"]),
            (
                _("First subgroup"),
                self._to_local(checkpoint.spc_limits_date_from),
                formats["datetime"],
            ),
            (
                _("Last subgroup"),
                self._to_local(checkpoint.spc_limits_date_to),
                formats["datetime"],
            ),
            (
                _("Computed on"),
                self._to_local(checkpoint.spc_limits_computed_on),
                formats["datetime"],
            ),
            (_("Computed by"), checkpoint.spc_limits_user_id.name, formats["text"]),
        ]
        for offset, (label, value, cell_format) in enumerate(details):
            sheet.write_string(row + offset, 0, label, formats["bold"])
            self._write_cell(sheet, row + offset, 1, value, cell_format)
        return row + len(details)

    def _write_spc_capability(self, sheet, formats, checkpoint, workorders, row):
        """Capability of the subgroups, overall then per work center and
        product."""
        sheet.write_string(row, 0, self.env._("Capability"), formats["bold"])
        for col, label in enumerate(self._get_spc_capability_headers()):
            sheet.write_string(row + 1, col, label, formats["header"])
        lines = self._get_spc_capability_lines(checkpoint, workorders)
        for offset, (workcenter, product, summary) in enumerate(lines, start=2):
            self._write_spc_capability_row(
                sheet, formats, checkpoint, row + offset, workcenter, product, summary
            )
        return row + 2 + len(lines)

    def _get_spc_capability_headers(self):
        _ = self.env._
        return [
            _("Work center"),
            _("Product"),
            _("Subgroups"),
            _("Measures"),
            _("Mean"),
            _("Sigma within"),
            _("Sigma overall"),
            _("Cp"),
            _("Cpk"),
            _("Pp"),
            _("Ppk"),
            _("Cpk target"),
            _("Below target"),
        ]

    def _get_spc_capability_lines(self, checkpoint, workorders):
        """The capability's lines ``(work center, product, summary)`` of the
        subgroups of ``checkpoint`` among ``workorders`` (all of them when
        None): overall, then per work center and product."""
        _ = self.env._
        workorder_ids = None if workorders is None else workorders.ids
        overall = checkpoint._spc_read_summaries(workorder_ids=workorder_ids)
        grouped = checkpoint._spc_read_summaries(
            keys=("workcenter_id", "product_id"), workorder_ids=workorder_ids
        )
        lines = []
        if checkpoint.id in overall:
            lines.append((_("All"), _("All"), overall[checkpoint.id][0]))
        Workcenter = self.env["mrp.workcenter"]
        Product = self.env["product.product"]
        for (__, workcenter_id, product_id), (summary, __row) in sorted(
            grouped.items(), key=lambda item: (item[0][1] or 0, item[0][2] or 0)
        ):
            lines.append(
                (
                    Workcenter.browse(workcenter_id).display_name or "",
                    Product.browse(product_id).display_name or "",
                    summary,
                )
            )
        return lines

    def _write_spc_capability_row(
        self, sheet, formats, checkpoint, row, workcenter, product, summary
    ):
        figures = checkpoint._spc_capability(summary)
        index_format = (
            formats["flagged"] if figures["below_target"] else formats["index"]
        )
        cells = [
            (workcenter, formats["text"]),
            (product, formats["text"]),
            (summary.subgroup_count, formats["integer"]),
            (summary.measure_count, formats["integer"]),
            (summary.grand_mean, formats["limit"]),
            (figures["sigma_within"], formats["limit"]),
            (figures["sigma_overall"], formats["limit"]),
            (figures["cp"], index_format),
            (figures["cpk"], index_format),
            (figures["pp"], index_format),
            (figures["ppk"], index_format),
            (figures["target"], formats["index"]),
            (self._yes_no(figures["below_target"]), formats["text"]),
        ]
        for col, (value, cell_format) in enumerate(cells):
            self._write_cell(sheet, row, col, value, cell_format)

    def _get_spc_subgroups(self, checkpoint, workorders):
        """The subgroups of ``checkpoint`` (among ``workorders``), in order:
        a dict of the inspections, their measures and plotted points, read
        from the figures stored on them in one query."""
        rows = checkpoint._spc_read_subgroups(
            None,
            values=True,
            workorder_ids=None if workorders is None else workorders.ids,
        )
        stats = [(row["mean"], row["spread"], row["stddev"]) for row in rows]
        location, dispersion = quality_spc.plotted_series(
            stats, checkpoint.spc_subgroup_size
        )
        return {
            "inspections": self.env["quality.inspection"].browse(
                [row["id"] for row in rows]
            ),
            "values": [row["values"] for row in rows],
            "location": location,
            "dispersion": dispersion,
        }

    def _get_spc_dispersion_label(self, checkpoint):
        _ = self.env._
        return {
            quality_spc.INDIVIDUALS: _("Moving range"),
            quality_spc.XBAR_R: _("Range"),
            quality_spc.XBAR_S: _("Standard deviation"),
        }[checkpoint.spc_chart_kind]

    def _get_spc_subgroup_headers(self, checkpoint):
        _ = self.env._
        individuals = checkpoint.spc_chart_kind == quality_spc.INDIVIDUALS
        return [
            _("Inspected on"),
            _("Inspection"),
            _("Work order"),
            _("Manufacturing order"),
            _("Lot"),
            _("Product"),
            _("Work center"),
            _("Inspected by"),
            _("Measures"),
            _("Value") if individuals else _("Mean"),
            self._get_spc_dispersion_label(checkpoint),
            _("Centre line"),
            _("Lower limit"),
            _("Upper limit"),
            _("Rules broken"),
        ]

    def _write_spc_subgroups(self, sheet, formats, checkpoint, subgroups, row):
        sheet.write_string(row, 0, self.env._("Subgroups"), formats["bold"])
        for col, label in enumerate(self._get_spc_subgroup_headers(checkpoint)):
            sheet.write_string(row + 1, col, label, formats["header"])
        limits = checkpoint._spc_get_frozen_limits()
        inspections = subgroups["inspections"]
        values_list = self._read_values(inspections, SUBGROUP_FIELDS, SUBGROUP_NAMES)
        signals = self._get_spc_signal_names(inspections)
        digits = self._get_measure_digits()
        for offset, values in enumerate(values_list):
            broken = signals.get(values["id"])
            cells = [
                (self._to_local(values["date_done"]), formats["datetime"]),
                (values["name"], formats["text"]),
                *((values[f"{name}_name"], formats["text"]) for name in SUBGROUP_NAMES),
                (
                    self._format_values(subgroups["values"][offset], digits),
                    formats["text"],
                ),
                (subgroups["location"][offset], formats["measure"]),
                (subgroups["dispersion"][offset], formats["measure"]),
                (limits and limits.center, formats["limit"]),
                (limits and limits.lcl, formats["limit"]),
                (limits and limits.ucl, formats["limit"]),
                (broken, formats["signal"] if broken else formats["text"]),
            ]
            for col, (value, cell_format) in enumerate(cells):
                self._write_cell(sheet, row + 2 + offset, col, value, cell_format)
        return row + 2 + len(inspections)

    def _get_spc_signal_names(self, inspections):
        """{inspection id: the names of its signals, joined}: one search."""
        signals = self.env["quality.spc.signal"].search(
            [("inspection_id", "in", inspections.ids)], order="id desc"
        )
        names = defaultdict(list)
        for signal, name in zip(signals, signals.mapped("display_name"), strict=True):
            names[signal.inspection_id.id].append(name)
        return {
            inspection_id: "; ".join(texts) for inspection_id, texts in names.items()
        }

    def _insert_spc_chart(self, workbook, sheet, checkpoint, subgroup_rows, row):
        """A line chart of the subgroups' location column with its limits
        (columns 9 and 11 to 13 of the subgroup rows), at ``row``."""
        first_row, count = subgroup_rows
        if not count:
            return None
        _ = self.env._
        chart = workbook.add_chart({"type": "line"})
        last_row = first_row + count - 1
        series = [
            (9, _("Subgroups"), {"color": "#1F77B4"}, True),
            (11, _("Centre line"), {"color": "#2CA02C", "dash_type": "dash"}, False),
            (12, _("Lower limit"), {"color": "#C00000", "dash_type": "dash"}, False),
            (13, _("Upper limit"), {"color": "#C00000", "dash_type": "dash"}, False),
        ]
        for col, name, line, markers in series:
            chart.add_series(
                {
                    "name": name,
                    "values": [sheet.name, first_row, col, last_row, col],
                    "line": line,
                    "marker": {"type": "circle" if markers else "none"},
                }
            )
        chart.set_title({"name": checkpoint.display_name})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 720, "height": 320})
        sheet.insert_chart(row, 0, chart)
        return chart

    def _write_spc_signals(self, sheet, formats, inspections, row):
        _ = self.env._
        sheet.write_string(row, 0, _("Signals"), formats["bold"])
        headers = [
            _("Raised on"),
            _("Inspection"),
            _("Rule"),
            _("Chart"),
            _("Value"),
            _("Status"),
            _("Acknowledged by"),
            _("Acknowledged on"),
        ]
        for col, label in enumerate(headers):
            sheet.write_string(row + 1, col, label, formats["header"])
        signals = self.env["quality.spc.signal"].search(
            [("inspection_id", "in", inspections.ids)], order="date, id"
        )
        rules = self._selection_labels("quality.spc.signal", "rule")
        charts = self._selection_labels("quality.spc.signal", "chart")
        states = self._selection_labels("quality.spc.signal", "state")
        for offset, signal in enumerate(signals, start=2):
            cells = [
                (self._to_local(signal.date), formats["datetime"]),
                (signal.inspection_id.name, formats["text"]),
                (rules.get(signal.rule), formats["signal"]),
                (charts.get(signal.chart), formats["text"]),
                (signal.value, formats["measure"]),
                (states.get(signal.state), formats["text"]),
                (signal.acknowledge_user_id.name, formats["text"]),
                (self._to_local(signal.acknowledge_date), formats["datetime"]),
            ]
            for col, (value, cell_format) in enumerate(cells):
                self._write_cell(sheet, row + offset, col, value, cell_format)
        return row + 2 + len(signals)
