# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import gc
from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

from freezegun import freeze_time
from xlsxwriter.utility import datetime_to_excel_datetime

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form

from ..report.progress_quality_xlsx import (
    INSPECTION_FIELDS,
    REPORT_MODEL,
    WORKORDER_FIELDS,
)
from ..report.xlsx_cells import excel_date, paused_gc
from .xlsx_common import (
    EXPORT_TIME,
    SHEETS,
    ProgressQualityXlsxCase,
)

WORKORDER_HEADER = [
    "Manufacturing order",
    "Work order",
    "Product",
    "Work center",
    "Status",
    "Planned start",
    "Planned finish",
    "Actual start",
    "Actual finish",
    "Expected duration (min)",
    "Real duration (min)",
    "Quantity produced",
    "Quantity to produce",
    "Progress",
    "Late",
    "Finished on time",
    "Quality",
    "Inspections to do",
    "Inspections passed",
    "Inspections failed",
    "Blocking reason",
    "Rework of",
]


class TestProgressQualityXlsx(ProgressQualityXlsxCase):
    # Download --------------------------------------------------------------

    def test_export_downloads_the_workbook(self):
        action, workbook = self._export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        url = urlsplit(action["url"])
        self.assertEqual(url.path, "/web/content")
        query = parse_qs(url.query)
        self.assertEqual(query["model"], ["quality.progress.report.wizard"])
        self.assertEqual(query["field"], ["xlsx_file"])
        self.assertEqual(query["download"], ["true"])
        self.assertEqual(workbook.sheetnames, SHEETS)

    def test_inspector_can_export(self):
        __, workbook = self._export(user=self.inspector)
        self.assertEqual(workbook.sheetnames, SHEETS)

    def test_operator_cannot_export(self):
        with self.assertRaises(AccessError):
            self.env["quality.progress.report.wizard"].with_user(self.operator).create(
                {"date_from": "2026-03-01", "date_to": "2026-03-31"}
            )

    def test_start_after_end_is_refused(self):
        Wizard = self.env["quality.progress.report.wizard"].with_user(self.planner)
        with self.assertRaisesRegex(ValidationError, "after the end date"):
            Wizard.create({"date_from": "2026-03-31", "date_to": "2026-03-01"})
        form = Form(Wizard)
        form.date_from = date(2026, 4, 2)
        form.date_to = date(2026, 4, 1)
        with self.assertRaises(ValidationError):
            form.save()

    def test_range_is_in_the_user_time_zone(self):
        wizard = (
            self.env["quality.progress.report.wizard"]
            .with_user(self.planner)
            .create({"date_from": "2026-03-03", "date_to": "2026-03-03"})
        )
        self.assertEqual(
            wizard._get_datetime_range(),
            (datetime(2026, 3, 2, 16, 0), datetime(2026, 3, 3, 16, 0)),
        )

    # Work orders -----------------------------------------------------------

    def test_workorder_sheet_layout(self):
        __, workbook = self._export(product_ids=[Command.set(self.product.ids)])
        sheet = workbook["Work orders"]
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header, WORKORDER_HEADER)
        self.assertTrue(all(cell.font.b for cell in sheet[1]))
        for name in SHEETS:
            self.assertEqual(workbook[name].freeze_panes, "A2")
            self.assertTrue(workbook[name].auto_filter.ref.startswith("A1:"))
        # Seven work orders of the frame in March, below the header.
        self.assertEqual(sheet.auto_filter.ref, "A1:V8")
        self.assertEqual(sheet["F2"].number_format, "yyyy-mm-dd hh:mm")
        self.assertEqual(sheet["N2"].number_format, "0.0%")
        # The rules behind the derived columns are notes on their header.
        self.assertIn("planned finish at the start", sheet["G1"].comment.text)
        self.assertIn("planned finish", sheet["O1"].comment.text)

    def test_workorders_of_the_period_and_product(self):
        __, workbook = self._export(product_ids=[Command.set(self.product.ids)])
        rows = self._workorder_rows(workbook)
        self.assertEqual(
            set(rows),
            self._keys(
                self.a_cut,
                self.a_weld,
                self.a_rework,
                self.a_paint,
                self.b_cut,
                self.b_weld,
                self.b_paint,
            ),
        )

    def test_every_product_by_default(self):
        __, workbook = self._export()
        rows = self._workorder_rows(workbook)
        self.assertEqual(len(rows), 10)
        self.assertTrue(self._keys(*self._operations(self.mo_c)) <= set(rows))
        self.assertFalse(self._keys(*self._operations(self.mo_d)) & set(rows))

    def test_workcenter_filter(self):
        __, workbook = self._export(workcenter_ids=[Command.set(self.wc_weld.ids)])
        rows = self._workorder_rows(workbook)
        self.assertEqual(
            set(rows),
            self._keys(
                self.a_weld,
                self.a_rework,
                self.b_weld,
                self._operations(self.mo_c)[1],
            ),
        )
        inspections = self._rows(workbook["Inspections"])
        self.assertEqual(
            {row["Checkpoint"] for row in inspections}, {self.cp_weld.name}
        )
        kpis = self._rows(workbook["KPIs"])
        self.assertEqual([row["Work center"] for row in kpis], ["QPS Welding"])

    def test_date_filter(self):
        __, workbook = self._export(date_from="2026-05-01", date_to="2026-05-31")
        self.assertEqual(
            set(self._workorder_rows(workbook)),
            self._keys(*self._operations(self.mo_d)),
        )

    def test_never_planned_workorder_counts_on_its_creation_day(self):
        production = self._create_mo()
        created = fields.Datetime.context_timestamp(
            production.with_user(self.planner), production.workorder_ids[0].create_date
        ).date()
        # Only this product's: other work orders created today (demo data) count
        # on that day too.
        products = [Command.set(production.product_id.ids)]
        __, workbook = self._export(
            date_from=created, date_to=created, product_ids=products
        )
        self.assertEqual(
            set(self._workorder_rows(workbook)),
            self._keys(*production.workorder_ids),
        )
        __, workbook = self._export(product_ids=products)
        self.assertFalse(
            self._keys(*production.workorder_ids) & set(self._workorder_rows(workbook))
        )

    def test_workorder_values_finished_on_time(self):
        __, workbook = self._export()
        rows = self._workorder_rows(workbook)
        b_cut = rows[self._keys(self.b_cut).pop()]
        self.assertEqual(b_cut["Product"], "QPS Frame")
        self.assertEqual(b_cut["Work center"], "QPS Cutting")
        self.assertEqual(b_cut["Status"], "Finished")
        self.assertEqual(b_cut["Planned start"], self._local("2026-03-02 08:00"))
        self.assertEqual(b_cut["Planned finish"], self._local("2026-03-02 08:10"))
        self.assertEqual(b_cut["Actual start"], self._local("2026-03-02 08:00"))
        self.assertEqual(b_cut["Actual finish"], self._local("2026-03-02 08:05"))
        self.assertEqual(b_cut["Expected duration (min)"], 10)
        self.assertEqual(b_cut["Real duration (min)"], 5)
        self.assertEqual(b_cut["Progress"], 1)
        self.assertEqual(b_cut["Late"], "No")
        self.assertEqual(b_cut["Finished on time"], "Yes")
        self.assertEqual(b_cut["Quality"], "Passed")
        self.assertEqual(
            (b_cut["Inspections to do"], b_cut["Inspections passed"]), (0, 1)
        )
        self.assertIsNone(b_cut["Rework of"])

    def test_workorder_values_late(self):
        __, workbook = self._export()
        rows = self._workorder_rows(workbook)
        b_weld = rows[self._keys(self.b_weld).pop()]
        # Odoo wrote the real end over the planned finish: the one committed
        # at the start shows.
        self.assertEqual(b_weld["Planned finish"], self._local("2026-03-02 09:10"))
        self.assertEqual(b_weld["Actual finish"], self._local("2026-03-02 11:00"))
        self.assertEqual(b_weld["Real duration (min)"], 120)
        self.assertEqual(b_weld["Finished on time"], "No")

        a_weld = rows[self._keys(self.a_weld).pop()]
        self.assertEqual(a_weld["Planned finish"], self._local("2026-03-03 09:20"))
        self.assertIsNone(a_weld["Actual start"])
        self.assertIsNone(a_weld["Actual finish"])
        self.assertEqual(a_weld["Progress"], 0)
        self.assertEqual(a_weld["Quantity to produce"], 2)
        self.assertEqual(a_weld["Late"], "Yes")
        self.assertIsNone(a_weld["Finished on time"])
        self.assertEqual(a_weld["Quality"], "Failed")
        self.assertEqual(a_weld["Inspections failed"], 1)

    def test_workorder_values_rework_and_not_yet_due(self):
        __, workbook = self._export()
        rows = self._workorder_rows(workbook)
        a_rework = rows[self._keys(self.a_rework).pop()]
        self.assertEqual(a_rework["Rework of"], "Weld")
        self.assertEqual(a_rework["Quality"], "To Inspect")
        self.assertIn(self.a_rework.inspection_ids.name, a_rework["Blocking reason"])

        a_paint = rows[self._keys(self.a_paint).pop()]
        self.assertEqual(a_paint["Late"], "No")
        self.assertEqual(a_paint["Quality"], "No Inspection")

    def test_values_read_as_read_gives_them(self):
        """The sheets read their records by columns from one fetch: the
        values of ``read(load=None)``, in the records' order, the names of
        the many2ones beside them."""
        report = self.env[REPORT_MODEL].with_user(self.planner)
        workorders = (self.mo_a | self.mo_b).workorder_ids.with_user(self.planner)
        workorders = workorders.sorted("id", reverse=True)
        inspections = (self.mo_a | self.mo_b).inspection_ids.with_user(self.planner)
        for records, field_names in (
            (workorders, [*WORKORDER_FIELDS, "qty_production"]),
            (inspections, INSPECTION_FIELDS),
        ):
            expected = records.read(field_names, load=None)
            self.env.invalidate_all()
            values = report._read_values(records, field_names, {"product_id": "name"})
            self.assertEqual(
                [{key: row[key] for key in expected[0]} for row in values], expected
            )
            self.assertEqual(
                [row["product_id_name"] for row in values],
                records.mapped(lambda record: record.product_id.name),
            )

    def test_quantity_to_produce_as_the_work_orders_give_it(self):
        report = self.env[REPORT_MODEL].with_user(self.planner)
        workorders = self.mo_a.workorder_ids | self.mo_b.workorder_ids
        rows = report._get_workorder_rows(workorders.with_user(self.planner))
        self.assertEqual(
            [row["qty_production"] for row in rows],
            workorders.mapped("qty_production"),
        )
        self.assertIn(2, [row["qty_production"] for row in rows])

    def test_garbage_collector_paused_while_building(self):
        self.assertTrue(gc.isenabled())
        with self.assertRaises(ValueError), paused_gc():
            self.assertFalse(gc.isenabled())
            raise ValueError("stopped")
        self.assertTrue(gc.isenabled())
        gc.disable()
        try:
            with paused_gc():
                pass
            self.assertFalse(gc.isenabled())
        finally:
            gc.enable()

    def test_dates_as_excel_stores_them(self):
        for value in (
            datetime(2026, 3, 2, 8, 5, 17, 250),
            datetime(1900, 3, 1),
            datetime(1900, 2, 28, 23, 59),
            date(2026, 3, 6),
        ):
            self.assertEqual(
                excel_date(value),
                datetime_to_excel_datetime(value, False, False),
            )

    # Inspections and nonconformances --------------------------------------

    def test_inspection_rows(self):
        __, workbook = self._export(product_ids=[Command.set(self.product.ids)])
        rows = {row["Reference"]: row for row in self._rows(workbook["Inspections"])}
        expected = (self.mo_a.inspection_ids | self.mo_b.inspection_ids).filtered(
            lambda i: i.state != "cancel"
        )
        self.assertEqual(set(rows), set(expected.mapped("name")))
        self.assertEqual(len(rows), 5)

        failed = self._inspection(self.mo_a, self.cp_weld).filtered(
            lambda i: i.workorder_id == self.a_weld
        )
        row = rows[failed.name]
        self.assertEqual(row["Checkpoint"], "Weld width")
        self.assertEqual(row["Manufacturing order"], self.mo_a.name)
        self.assertEqual(row["Work order"], "Weld")
        self.assertEqual(row["Product"], "QPS Frame")
        self.assertEqual(row["Work center"], "QPS Welding")
        self.assertEqual(row["Stage"], "Final")
        self.assertEqual(row["Performer"], "Inspector")
        self.assertEqual(row["Type"], "Measure")
        self.assertEqual(row["Status"], "Failed")
        self.assertEqual(row["Measures"], "10; 10.5")
        self.assertIn("sample 2", row["Failure reason"])
        self.assertEqual(row["Inspected by"], self.inspector.name)
        self.assertEqual(row["Inspected on"], self._local("2026-03-03 07:30"))
        self.assertEqual(row["Disposition"], "Rework")
        self.assertEqual(row["Nonconformance"], self.nonconformance.name)

        reinspection = rows[self.a_rework.inspection_ids.name]
        self.assertEqual(reinspection["Status"], "To Do")
        self.assertIsNone(reinspection["Inspected by"])
        self.assertIsNone(reinspection["Measures"])

        passed = rows[self._inspection(self.mo_b, self.cp_weld).name]
        self.assertEqual(passed["Status"], "Passed")
        self.assertEqual(passed["Measures"], "10; 10")
        self.assertEqual(passed["Inspected by"], self.manager.name)

    def test_nonconformance_row(self):
        __, workbook = self._export()
        [row] = self._rows(workbook["Nonconformances"])
        self.assertEqual(row["Reference"], self.nonconformance.name)
        self.assertEqual(row["Title"], self.nonconformance.title)
        self.assertIn("Weld width failed", row["Title"])
        self.assertEqual(row["Manufacturing order"], self.mo_a.name)
        self.assertEqual(row["Work order"], "Weld")
        self.assertEqual(row["Product"], "QPS Frame")
        self.assertEqual(row["Severity"], "Critical")
        self.assertEqual(row["Stage"], "New")
        self.assertEqual(row["Disposition"], "Rework")
        self.assertEqual(row["Responsible"], self.manager.name)
        # Three days after the failure of 2026-03-03.
        self.assertEqual(row["Deadline"], datetime(2026, 3, 6))
        self.assertEqual(workbook["Nonconformances"]["J2"].number_format, "yyyy-mm-dd")
        self.assertEqual(row["Rework work orders"], 1)
        self.assertEqual(row["Escalated"], "No")

    def test_nonconformance_out_of_the_filter(self):
        __, workbook = self._export(workcenter_ids=[Command.set(self.wc_cut.ids)])
        self.assertEqual(self._rows(workbook["Nonconformances"]), [])

    def test_empty_export(self):
        __, workbook = self._export(date_from="2025-01-01", date_to="2025-01-31")
        self.assertEqual(workbook.sheetnames, SHEETS)
        for name in SHEETS:
            self.assertEqual(self._rows(workbook[name]), [])
        self.assertEqual(workbook["KPIs"]._charts, [])

    # Speed -----------------------------------------------------------------

    def _count_export_queries(self):
        wizard = (
            self.env["quality.progress.report.wizard"]
            .with_user(self.planner)
            .create({"date_from": "2026-03-01", "date_to": "2026-03-31"})
        )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        with freeze_time(EXPORT_TIME):
            wizard.action_export()
        return self.env.cr.sql_log_count - before

    def test_queries_do_not_grow_with_the_work_orders(self):
        self._count_export_queries()  # caches of the first export
        queries = self._count_export_queries()
        for __ in range(3):
            production = self._create_mo()
            self._inspection(production, self.cp_weld).with_user(
                self.inspector
            ).do_measure([10.0, 10.5])
            self._pass_all(production.workorder_ids[0])
            for workorder in production.workorder_ids:
                self._plan(workorder, "2026-03-10 08:00", 10)
        self.assertEqual(self._count_export_queries(), queries)
        __, workbook = self._export()
        self.assertEqual(len(self._rows(workbook["Work orders"])), 10 + 3 * 4)
