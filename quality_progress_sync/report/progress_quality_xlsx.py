# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import io
from collections import defaultdict
from datetime import date, datetime

from odoo import fields, models
from odoo.tools.misc import xlsxwriter

from .xlsx_cells import (
    cached_columns,
    cell_writers,
    excel_date,
    format_measure,
    paused_gc,
)

REPORT_MODEL = "report.quality_progress_sync.progress_quality_xlsx"
# Cell formats of the column kinds (see _get_formats).
TEXT, INTEGER, NUMBER, PERCENT, DATE, DATETIME = (
    "text",
    "integer",
    "number",
    "percent",
    "date",
    "datetime",
)
# What the sheets read of their records, in one batch each.
WORKORDER_FIELDS = [
    "production_id",
    "name",
    "product_id",
    "workcenter_id",
    "state",
    "date_start",
    "date_finished",
    "date_planned_finished",
    "duration_expected",
    "duration",
    "quality_qty_produced",
    "is_late",
    "finished_on_time",
    "inspection_state",
    "inspection_todo_count",
    "inspection_pass_count",
    "inspection_fail_count",
    "blocking_reason",
    "rework_of_id",
]
INSPECTION_FIELDS = [
    "name",
    "checkpoint_id",
    "production_id",
    "workorder_id",
    "product_id",
    "workcenter_id",
    "stage",
    "performer",
    "check_type",
    "state",
    "user_id",
    "date_done",
    "disposition",
    "nonconformance_id",
]


def with_notes(columns, notes):
    """``columns`` ``(key, label, kind, width)``, each followed by its note
    in ``notes`` ({key: note}) when it has one: the comment of its header."""
    return [
        (*column, notes[column[0]]) if column[0] in notes else column
        for column in columns
    ]


class ProgressQualityXlsx(models.AbstractModel):
    """The "Progress & Quality" workbook: work orders, inspections,
    nonconformances and KPIs per work center, built with xlsxwriter.

    Each sheet is a list of columns ``(key, label, kind, width[, note])``
    and a list of rows (dicts by key); the note of a column is a comment on
    its header, given by ``_get_<sheet>_notes`` ({key: note}) and joined to
    the columns by ``with_notes``. Override ``_get_<sheet>_columns``, the
    notes and the row methods to add columns."""

    _name = REPORT_MODEL
    _description = "Progress & Quality Workbook"

    def _generate_xlsx(self, workorders, workcenters=None):
        """The workbook of ``workorders`` as bytes; the KPI sheet has a row per
        work center of these work orders and of ``workcenters``."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(
            output,
            {
                "in_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        workbook.set_properties(
            {
                "title": self.env._("Progress & Quality"),
                "author": self.env.user.name,
                "company": self.env.company.name,
            }
        )
        with paused_gc():
            self._write_sheets(
                workbook, workorders, workcenters or self.env["mrp.workcenter"]
            )
            workbook.close()
        return output.getvalue()

    def _write_sheets(self, workbook, workorders, workcenters):
        """The sheets of the workbook: each reads its records in batches."""
        formats = self._get_formats(workbook)
        inspections = self._get_inspections(workorders)
        sheets = [
            (
                self.env._("Work orders"),
                self._get_workorder_columns(),
                self._get_workorder_rows(workorders),
            ),
            (
                self.env._("Inspections"),
                self._get_inspection_columns(),
                self._get_inspection_rows(inspections),
            ),
            (
                self.env._("Nonconformances"),
                self._get_nonconformance_columns(),
                self._get_nonconformance_rows(self._get_nonconformances(workorders)),
            ),
        ]
        for name, columns, rows in sheets:
            self._write_table(workbook, formats, name, columns, rows)
        kpi_columns = self._get_kpi_columns()
        kpi_rows = self._get_kpi_rows(workorders, workcenters)
        kpi_sheet = self._write_table(
            workbook, formats, self.env._("KPIs"), kpi_columns, kpi_rows
        )
        self._insert_pass_rate_chart(workbook, kpi_sheet, kpi_columns, kpi_rows)
        self._write_extra_sheets(workbook, formats, inspections, workorders)

    def _write_extra_sheets(self, workbook, formats, inspections, workorders):
        """Hook: add sheets after the KPIs, for these ``inspections`` of these
        ``workorders``. Nothing here; extensions (quality_progress_sync_spc)
        override it and call super()."""

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------

    def _get_formats(self, workbook):
        return {
            "header": workbook.add_format(
                {
                    "bold": True,
                    "bg_color": "#D9E1F2",
                    "border": 1,
                    "text_wrap": True,
                    "valign": "top",
                }
            ),
            TEXT: workbook.add_format({"valign": "top"}),
            INTEGER: workbook.add_format({"num_format": "0", "valign": "top"}),
            NUMBER: workbook.add_format({"num_format": "#,##0.00", "valign": "top"}),
            PERCENT: workbook.add_format({"num_format": "0.0%", "valign": "top"}),
            DATE: workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"}),
            DATETIME: workbook.add_format(
                {"num_format": "yyyy-mm-dd hh:mm", "valign": "top"}
            ),
        }

    def _write_table(self, workbook, formats, name, columns, rows):
        """A sheet with a bold, frozen header row, one row per dict of
        ``rows`` and an autofilter on the table."""
        sheet = workbook.add_worksheet(name)
        for col, (__, label, kind, width, *note) in enumerate(columns):
            sheet.set_column(col, col, width, formats[kind])
            sheet.write_string(0, col, label, formats["header"])
            if note:
                sheet.write_comment(0, col, note[0], {"x_scale": 2, "y_scale": 1.5})
        self._write_rows(sheet, formats, columns, rows)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(rows), len(columns) - 1)
        return sheet

    def _write_rows(self, sheet, formats, columns, rows):
        """The cells of ``rows`` under the header, in the formats of their
        columns: the empty ones are not written (their column's format shows
        there), the others by the writer of their type."""
        cells = [
            (col, key, formats[kind])
            for col, (key, __, kind, *__unused) in enumerate(columns)
        ]
        writers = cell_writers(sheet)
        for row_index, row in enumerate(rows, start=1):
            for col, key, cell_format in cells:
                value = row.get(key)
                if value is None or value is False or value == "":
                    continue
                writer = writers.get(type(value))
                if writer:
                    writer(row_index, col, value, cell_format)
                else:
                    self._write_cell(sheet, row_index, col, value, cell_format)

    def _write_cell(self, sheet, row, col, value, cell_format):
        if value is None or value is False or value == "":
            sheet.write_blank(row, col, None, cell_format)
        elif isinstance(value, datetime | date):
            sheet.write_number(row, col, excel_date(value), cell_format)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, cell_format)
        else:
            sheet.write_string(row, col, str(value), cell_format)

    # ------------------------------------------------------------------
    # Values
    # ------------------------------------------------------------------

    def _to_local(self, value):
        """A UTC datetime of the database as a naive datetime of the user's
        time zone (Excel has no time zones)."""
        if not value:
            return None
        return fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)

    def _selection_labels(self, model, field_name):
        field = self.env[model]._fields[field_name]
        return dict(field._description_selection(self.env))

    def _yes_no(self, value):
        return self.env._("Yes") if value else self.env._("No")

    def _ratio(self, numerator, denominator):
        return numerator / denominator if denominator else None

    def _read_values(self, records, field_names, names):
        """The values of ``records`` as ``read(load=None)`` gives them
        (many2ones as ids), a dict per record in their order; for each
        many2one of ``names`` ({field: name field}), the name of its record
        under ``<field>_name``, read once per record pointed to."""
        # A recordset of their own: their prefetching follows no other one.
        records = records.browse(records.ids)
        columns = self._read_columns(records, field_names)
        for field_name, name_field in names.items():
            comodel = self.env[records._fields[field_name].comodel_name]
            ids = list(set(columns[field_name]) - {False})
            by_id = dict(zip(ids, comodel.browse(ids).mapped(name_field), strict=True))
            columns[f"{field_name}_name"] = [
                by_id.get(record_id, False) for record_id in columns[field_name]
            ]
        keys = list(columns)
        rows = zip(*columns.values(), strict=True)
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def _read_columns(self, records, field_names):
        """{field name: its values for ``records``, in their order}, those of
        ``read(load=None)``: one fetch of the stored fields, then the columns
        (``xlsx_cells.cached_columns``)."""
        records.fetch(field_names)
        return cached_columns(records, field_names)

    # ------------------------------------------------------------------
    # Work orders
    # ------------------------------------------------------------------

    def _get_workorder_columns(self):
        _ = self.env._
        columns = [
            ("production", _("Manufacturing order"), TEXT, 16),
            ("workorder", _("Work order"), TEXT, 28),
            ("product", _("Product"), TEXT, 28),
            ("workcenter", _("Work center"), TEXT, 18),
            ("state", _("Status"), TEXT, 14),
            ("date_start", _("Planned start"), DATETIME, 17),
            ("date_finished", _("Planned finish"), DATETIME, 17),
            ("actual_start", _("Actual start"), DATETIME, 17),
            ("actual_finish", _("Actual finish"), DATETIME, 17),
            ("duration_expected", _("Expected duration (min)"), NUMBER, 12),
            ("duration", _("Real duration (min)"), NUMBER, 12),
            ("qty_produced", _("Quantity produced"), NUMBER, 11),
            ("qty_production", _("Quantity to produce"), NUMBER, 11),
            ("progress", _("Progress"), PERCENT, 10),
            ("late", _("Late"), TEXT, 8),
            ("on_time", _("Finished on time"), TEXT, 10),
            ("inspection_state", _("Quality"), TEXT, 13),
            ("inspection_todo", _("Inspections to do"), INTEGER, 11),
            ("inspection_pass", _("Inspections passed"), INTEGER, 11),
            ("inspection_fail", _("Inspections failed"), INTEGER, 11),
            ("blocking_reason", _("Blocking reason"), TEXT, 50),
            ("rework_of", _("Rework of"), TEXT, 20),
        ]
        return with_notes(columns, self._get_workorder_notes())

    def _get_workorder_notes(self):
        _ = self.env._
        return {
            "date_finished": _(
                "Once a work order started: its planned finish at the start "
                "(Odoo moves the plan then and records the real end in its "
                "place)."
            ),
            "actual_start": _("When time was first logged on the work order."),
            "qty_produced": _(
                "0 when the work order starts, what its operator reports "
                "while it runs, the quantity done once done."
            ),
            "progress": _("Quantity produced over quantity to produce."),
            "late": _("Not done and past its planned finish when exported."),
            "on_time": _(
                "Done work orders: finished by their planned finish at the start."
            ),
            "rework_of": _(
                "A rework work order: the work order whose failure it reworks."
            ),
        }

    def _get_workorder_rows(self, workorders):
        values_list = self._read_values(
            workorders,
            WORKORDER_FIELDS,
            {
                "production_id": "name",
                "product_id": "display_name",
                "workcenter_id": "name",
                "rework_of_id": "name",
            },
        )
        self._set_quantities_to_produce(values_list)
        first_starts = self._get_first_starts(workorders)
        states = self._selection_labels("mrp.workorder", "state")
        quality_states = self._selection_labels("mrp.workorder", "inspection_state")
        return [
            self._prepare_workorder_row(values, first_starts, states, quality_states)
            for values in values_list
        ]

    def _set_quantities_to_produce(self, values_list):
        """The quantity to produce of each work order in ``values_list``
        (``qty_production``, related to its order's quantity): read once per
        order rather than computed on each work order."""
        productions = self.env["mrp.production"].browse(
            list({values["production_id"] for values in values_list})
        )
        quantities = dict(
            zip(productions.ids, productions.mapped("product_qty"), strict=True)
        )
        for values in values_list:
            values["qty_production"] = quantities[values["production_id"]]

    def _prepare_workorder_row(self, values, first_starts, states, quality_states):
        """The row of a work order from its ``values`` (``_read_values``)."""
        done = values["state"] == "done"
        on_time = self._is_on_time(values)
        return {
            "production": values["production_id_name"],
            "workorder": values["name"],
            "product": values["product_id_name"],
            "workcenter": values["workcenter_id_name"],
            "state": states.get(values["state"]),
            "date_start": self._to_local(values["date_start"]),
            "date_finished": self._to_local(self._get_planned_finish(values)),
            "actual_start": self._to_local(first_starts.get(values["id"])),
            "actual_finish": self._to_local(values["date_finished"] if done else None),
            "duration_expected": values["duration_expected"],
            "duration": values["duration"],
            "qty_produced": values["quality_qty_produced"],
            "qty_production": values["qty_production"],
            "progress": self._ratio(
                values["quality_qty_produced"], values["qty_production"]
            ),
            "late": self._yes_no(values["is_late"]),
            "on_time": None if on_time is None else self._yes_no(on_time),
            "inspection_state": quality_states.get(values["inspection_state"]),
            "inspection_todo": values["inspection_todo_count"],
            "inspection_pass": values["inspection_pass_count"],
            "inspection_fail": values["inspection_fail_count"],
            "blocking_reason": values["blocking_reason"],
            "rework_of": values["rework_of_id_name"],
        }

    def _get_first_starts(self, workorders):
        """When each work order was first started: its earliest time log."""
        groups = self.env["mrp.workcenter.productivity"]._read_group(
            [("workorder_id", "in", workorders.ids)],
            ["workorder_id"],
            ["date_start:min"],
        )
        return {workorder.id: first_start for workorder, first_start in groups}

    def _get_planned_finish(self, workorder):
        """The planned finish of a work order (a record or its values): the
        live plan of a work order not started yet, its committed finish once
        started (Odoo moves the plan at the start and writes the real end over
        it when done)."""
        if workorder["state"] in ("progress", "done"):
            return workorder["date_planned_finished"]
        return workorder["date_finished"]

    def _is_on_time(self, workorder):
        """Whether a done work order (a record or its values) finished by its
        committed finish; None when it is not done or has none (done before
        the module came)."""
        if workorder["state"] != "done" or not workorder["date_planned_finished"]:
            return None
        return workorder["finished_on_time"]

    # ------------------------------------------------------------------
    # Inspections
    # ------------------------------------------------------------------

    def _get_inspections(self, workorders):
        return self.env["quality.inspection"].search(
            [("workorder_id", "in", workorders.ids), ("state", "!=", "cancel")],
            order="production_id, workorder_id, id",
        )

    def _get_inspection_columns(self):
        _ = self.env._
        return [
            ("name", _("Reference"), TEXT, 16),
            ("checkpoint", _("Checkpoint"), TEXT, 24),
            ("production", _("Manufacturing order"), TEXT, 16),
            ("workorder", _("Work order"), TEXT, 28),
            ("product", _("Product"), TEXT, 28),
            ("workcenter", _("Work center"), TEXT, 18),
            ("stage", _("Stage"), TEXT, 13),
            ("performer", _("Performer"), TEXT, 18),
            ("check_type", _("Type"), TEXT, 13),
            ("state", _("Status"), TEXT, 10),
            ("measures", _("Measures"), TEXT, 24),
            ("failure_reason", _("Failure reason"), TEXT, 36),
            ("user", _("Inspected by"), TEXT, 18),
            ("date_done", _("Inspected on"), DATETIME, 17),
            ("disposition", _("Disposition"), TEXT, 16),
            ("nonconformance", _("Nonconformance"), TEXT, 14),
        ]

    def _get_inspection_rows(self, inspections):
        values_list = self._read_values(
            inspections,
            INSPECTION_FIELDS,
            {
                "checkpoint_id": "name",
                "production_id": "name",
                "workorder_id": "name",
                "product_id": "display_name",
                "workcenter_id": "name",
                "user_id": "name",
                "nonconformance_id": "name",
            },
        )
        labels = {
            field_name: self._selection_labels("quality.inspection", field_name)
            for field_name in ("stage", "performer", "check_type", "state")
        }
        labels["disposition"] = self._selection_labels(
            "quality.inspection", "disposition"
        )
        measures = self._get_measure_values(inspections)
        reasons = self._get_failure_reasons(values_list)
        return [
            self._prepare_inspection_row(values, labels, measures, reasons)
            for values in values_list
        ]

    def _prepare_inspection_row(self, values, labels, measures, reasons):
        """The row of an inspection from its ``values`` (``_read_values``),
        ``measures`` ({inspection id: text}) and failure ``reasons``
        ({inspection id: reason})."""
        return {
            "name": values["name"],
            "checkpoint": values["checkpoint_id_name"],
            "production": values["production_id_name"],
            "workorder": values["workorder_id_name"],
            "product": values["product_id_name"],
            "workcenter": values["workcenter_id_name"],
            "stage": labels["stage"].get(values["stage"]),
            "performer": labels["performer"].get(values["performer"]),
            "check_type": labels["check_type"].get(values["check_type"]),
            "state": labels["state"].get(values["state"]),
            "measures": measures.get(values["id"], ""),
            "failure_reason": reasons.get(values["id"], False),
            "user": values["user_id_name"],
            "date_done": self._to_local(values["date_done"]),
            "disposition": labels["disposition"].get(values["disposition"]),
            "nonconformance": values["nonconformance_id_name"],
        }

    def _get_failure_reasons(self, values_list):
        """{inspection id: failure reason} of the failed inspections among
        ``values_list`` (the others have none), computed for them alone."""
        failed = self.env["quality.inspection"].browse(
            [values["id"] for values in values_list if values["state"] == "fail"]
        )
        return dict(zip(failed.ids, failed.mapped("failure_reason"), strict=True))

    def _get_measure_values(self, inspections):
        """{inspection id: its active measures, in the order of their
        samples, as text}: one batch read."""
        measures = self.env["quality.inspection.measure"].search_fetch(
            [("inspection_id", "in", inspections.ids)],
            ["inspection_id", "value"],
            order="sample_no, id",
        )
        columns = cached_columns(measures, ["inspection_id", "value"])
        values = defaultdict(list)
        for inspection_id, value in zip(
            columns["inspection_id"], columns["value"], strict=True
        ):
            values[inspection_id].append(value)
        digits = self._get_measure_digits()
        return {
            key: self._format_values(texts, digits) for key, texts in values.items()
        }

    def _get_measure_digits(self):
        return self.env["decimal.precision"].precision_get("Quality Measure")

    def _format_values(self, values, digits):
        """``values`` (measures) to ``digits``, separated by semicolons."""
        return "; ".join(format_measure(value, digits) for value in values)

    # ------------------------------------------------------------------
    # Nonconformances
    # ------------------------------------------------------------------

    def _get_nonconformances(self, workorders):
        return self.env["quality.nonconformance"].search(
            [("workorder_id", "in", workorders.ids)], order="id"
        )

    def _get_nonconformance_columns(self):
        _ = self.env._
        return [
            ("name", _("Reference"), TEXT, 14),
            ("title", _("Title"), TEXT, 40),
            ("production", _("Manufacturing order"), TEXT, 16),
            ("workorder", _("Work order"), TEXT, 28),
            ("product", _("Product"), TEXT, 28),
            ("severity", _("Severity"), TEXT, 10),
            ("stage", _("Stage"), TEXT, 14),
            ("disposition", _("Disposition"), TEXT, 14),
            ("responsible", _("Responsible"), TEXT, 18),
            ("deadline", _("Deadline"), DATE, 12),
            ("rework_count", _("Rework work orders"), INTEGER, 11),
            ("escalated", _("Escalated"), TEXT, 10),
        ]

    def _get_nonconformance_rows(self, nonconformances):
        groups = self.env["mrp.workorder"]._read_group(
            [("rework_nonconformance_id", "in", nonconformances.ids)],
            ["rework_nonconformance_id"],
            ["__count"],
        )
        rework_counts = {nc.id: count for nc, count in groups}
        severities = self._selection_labels("quality.nonconformance", "severity")
        dispositions = self._selection_labels("quality.nonconformance", "disposition")
        return [
            {
                "name": nc.name,
                "title": nc.title,
                "production": nc.production_id.name,
                "workorder": nc.workorder_id.name,
                "product": nc.product_id.display_name,
                "severity": severities.get(nc.severity),
                "stage": nc.stage_id.name,
                "disposition": dispositions.get(nc.disposition),
                "responsible": nc.responsible_id.name,
                "deadline": nc.deadline,
                "rework_count": rework_counts.get(nc.id, 0),
                "escalated": self._yes_no(nc.escalated),
            }
            for nc in nonconformances
        ]
