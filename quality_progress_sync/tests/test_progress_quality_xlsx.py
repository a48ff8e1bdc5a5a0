# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import base64
import gc
import io
from datetime import date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from freezegun import freeze_time
from lxml import etree
from openpyxl import load_workbook
from xlsxwriter.utility import datetime_to_excel_datetime

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user

from ..report.progress_quality_xlsx import (
    INSPECTION_FIELDS,
    REPORT_MODEL,
    WORKORDER_FIELDS,
)
from ..report.xlsx_cells import excel_date, paused_gc
from .common import QualityProgressCase

# The export runs on 2026-03-20: work orders planned to finish before are late.
EXPORT_TIME = "2026-03-20 12:00:00"
SHEETS = [
    "Work orders",
    "Inspections",
    "Nonconformances",
    "KPIs",
    "Cost of poor quality",
    "Containments",
]
# The OEE columns of the KPI sheet, as the work center cards show them.
OEE_COLUMNS = {
    "Availability": "quality_oee_availability",
    "Performance": "quality_oee_performance",
    "Quality": "quality_oee_quality",
    "OEE": "quality_oee",
}
# The planner works in Shanghai: the workbook shows UTC+8.
TZ_OFFSET = timedelta(hours=8)


class TestProgressQualityXlsx(QualityProgressCase):
    """Three orders of the frame planned in March (A: cutting passed, welding
    failed and reworked; B: cut on time, welded late, both passed), one of the
    fork in March (C) and one of the frame in May (D)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = new_test_user(
            cls.env,
            login="qps_planner",
            groups="mrp.group_mrp_manager,mrp.group_mrp_routings",
            tz="Asia/Shanghai",
        )
        # Every order cut on the cutting center is inspected, whatever product.
        cls.cp_cut = cls._create_checkpoint(
            name="Cut length", workcenter_id=cls.wc_cut.id, performer="inspector"
        )
        cls.cp_weld = cls._create_checkpoint(
            name="Weld width",
            operation_id=cls.op_weld.id,
            performer="inspector",
            check_type="measure",
            norm=10.0,
            tolerance_min=9.9,
            tolerance_max=10.1,
            sample_size=2,
            rework_duration=30,
            responsible_id=cls.manager.id,
        )
        cls.mo_a = cls._create_mo(qty=2)
        cls.mo_b = cls._create_mo()
        cls.mo_c = cls._create_mo(product=cls.other_product)
        cls.mo_d = cls._create_mo()
        with freeze_time("2026-03-03 07:30"):
            cls._inspection(cls.mo_a, cls.cp_cut).with_user(cls.inspector).do_pass()
            cls._inspection(cls.mo_a, cls.cp_weld).with_user(cls.inspector).do_measure(
                [10.0, 10.5]
            )
        cls.a_cut, cls.a_weld, cls.a_paint = cls._operations(cls.mo_a)
        cls.a_rework = cls.mo_a.workorder_ids.filtered("rework_of_id")
        cls.nonconformance = cls.a_rework.rework_nonconformance_id
        cls._plan(cls.a_cut, "2026-03-03 08:00", 20)
        cls._plan(cls.a_weld, "2026-03-03 09:00", 20)
        cls._plan(cls.a_rework, "2026-03-03 10:00", 30)
        cls._plan(cls.a_paint, "2026-03-25 08:00", 20)
        cls.b_cut, cls.b_weld, cls.b_paint = cls._operations(cls.mo_b)
        cls._plan(cls.b_cut, "2026-03-02 08:00", 10)
        cls._plan(cls.b_weld, "2026-03-02 09:00", 10)
        cls._plan(cls.b_paint, "2026-03-04 08:00", 10)
        for workorder, start in zip(
            cls._operations(cls.mo_c), ("08:00", "09:00", "10:00"), strict=True
        ):
            cls._plan(workorder, f"2026-03-05 {start}", 10)
        for workorder, start in zip(
            cls._operations(cls.mo_d), ("08:00", "09:00", "10:00"), strict=True
        ):
            cls._plan(workorder, f"2026-05-04 {start}", 10)
        # B: cutting finished in 5 of its 10 planned minutes, welding 2 hours
        # instead of 10 minutes.
        cls._run(cls.b_cut, "2026-03-02 08:00", "2026-03-02 08:05")
        cls._run(cls.b_weld, "2026-03-02 09:00", "2026-03-02 11:00")

    @classmethod
    def _inspection(cls, production, checkpoint):
        return production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        )

    @classmethod
    def _operations(cls, production):
        workorders = production.workorder_ids.filtered(lambda wo: not wo.rework_of_id)
        return workorders.sorted(lambda wo: wo.operation_id.sequence)

    @classmethod
    def _plan(cls, workorder, start, minutes):
        start = fields.Datetime.to_datetime(start)
        workorder.with_context(bypass_duration_calculation=True).write(
            {"date_start": start, "date_finished": start + timedelta(minutes=minutes)}
        )

    @classmethod
    def _run(cls, workorder, start, finish):
        with freeze_time(start):
            workorder.with_user(cls.operator).button_start()
        with freeze_time(fields.Datetime.to_datetime(finish) - timedelta(minutes=1)):
            # The shared builder is an instance method: the class stands in.
            cls._pass_all(cls, workorder)
        with freeze_time(finish):
            workorder.with_user(cls.operator).button_finish()

    def _export(self, user=None, **vals):
        """Run the wizard as ``user`` (the planner): its action and workbook."""
        vals.setdefault("date_from", "2026-03-01")
        vals.setdefault("date_to", "2026-03-31")
        wizard = (
            self.env["quality.progress.report.wizard"]
            .with_user(user or self.planner)
            .create(vals)
        )
        with freeze_time(EXPORT_TIME):
            action = wizard.action_export()
        self.assertTrue(wizard.xlsx_filename.endswith(".xlsx"))
        workbook = load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file)))
        return action, workbook

    def _rows(self, sheet):
        """The rows of a sheet as dicts by header."""
        header, *rows = sheet.iter_rows(values_only=True)
        return [dict(zip(header, row, strict=True)) for row in rows]

    def _workorder_rows(self, workbook):
        return {
            (row["Manufacturing order"], row["Work order"]): row
            for row in self._rows(workbook["Work orders"])
        }

    def _keys(self, *workorders):
        return {(wo.production_id.name, wo.name) for wo in workorders}

    def _local(self, value):
        return fields.Datetime.to_datetime(value) + TZ_OFFSET

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
        self.assertEqual(
            header,
            [
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
            ],
        )
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

    def test_workorder_values(self):
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

    # KPIs ------------------------------------------------------------------

    def test_kpis_per_workcenter(self):
        __, workbook = self._export(product_ids=[Command.set(self.product.ids)])
        kpis = {row["Work center"]: row for row in self._rows(workbook["KPIs"])}
        self.assertEqual(set(kpis), {"QPS Cutting", "QPS Welding", "QPS Painting"})
        for row in kpis.values():
            for column in OEE_COLUMNS:
                del row[column]  # test_oee_per_workcenter
        # Produced: what the work orders made, rework aside (B's cutting and
        # welding, done; nothing reported on A's).
        # Cutting: A and B passed; B done on time, A open past 08:20 on 3 March.
        self.assertEqual(
            kpis["QPS Cutting"],
            {
                "Work center": "QPS Cutting",
                "Work orders": 2,
                "Inspections done": 2,
                "Passed": 2,
                "Failed": 0,
                "Pass rate": 1,
                "First-pass yield": 1,
                "On-time rate": 1,
                "Late work orders": 1,
                "Open nonconformances": 0,
                "Rework work orders": 0,
                "Quantity produced": 1,
            },
        )
        # Welding: A failed (its rework is still to inspect), B passed but
        # finished late; A and its rework are open past their planned finish.
        self.assertEqual(
            kpis["QPS Welding"],
            {
                "Work center": "QPS Welding",
                "Work orders": 3,
                "Inspections done": 2,
                "Passed": 1,
                "Failed": 1,
                "Pass rate": 0.5,
                "First-pass yield": 0.5,
                "On-time rate": 0,
                "Late work orders": 2,
                "Open nonconformances": 1,
                "Rework work orders": 1,
                "Quantity produced": 1,
            },
        )
        # Painting: nothing to inspect, no rate; B's paint was due on 4 March.
        self.assertEqual(
            kpis["QPS Painting"],
            {
                "Work center": "QPS Painting",
                "Work orders": 2,
                "Inspections done": 0,
                "Passed": 0,
                "Failed": 0,
                "Pass rate": None,
                "First-pass yield": None,
                "On-time rate": None,
                "Late work orders": 1,
                "Open nonconformances": 0,
                "Rework work orders": 0,
                "Quantity produced": 0,
            },
        )

    def test_oee_per_workcenter(self):
        """The OEE of the exported work orders, as the engine computes it:
        cutting: B's 5 minutes for the 10 expected (performance 200%), its
        unit good; welding: B's 2 hours for the 10 minutes expected;
        painting: nothing run, nothing defined. No block logged on their
        work orders: available whenever they ran."""
        __, workbook = self._export(product_ids=[Command.set(self.product.ids)])
        kpis = {row["Work center"]: row for row in self._rows(workbook["KPIs"])}
        expected = {
            "QPS Cutting": (1.0, 2.0, 1.0, 2.0),
            "QPS Welding": (1.0, 10 / 120, 1.0, 10 / 120),
            "QPS Painting": (None, None, None, None),
        }
        for name, figures in expected.items():
            for column, figure in zip(OEE_COLUMNS, figures, strict=True):
                with self.subTest(workcenter=name, column=column):
                    if figure is None:
                        self.assertIsNone(kpis[name][column])
                    else:
                        self.assertAlmostEqual(kpis[name][column], figure)
        workcenters = self.wc_cut | self.wc_weld | self.wc_paint
        engine = workcenters._get_quality_kpis(
            workorder_domain=[("product_id", "=", self.product.id)]
        )
        self.assertAlmostEqual(engine[self.wc_weld.id]["oee"] / 100, 10 / 120)

    def test_oee_columns_defined_as_on_the_cards(self):
        """Each OEE column is a percent with the definition of the work
        center card's row as its header note (the card's window aside)."""
        __, workbook = self._export()
        sheet = workbook["KPIs"]
        header = {cell.value: cell for cell in sheet[1]}
        view = self.env.ref("mrp.mrp_workcenter_kanban_action").view_id
        views = (
            self.env["mrp.workcenter"]
            .with_user(self.planner)
            .get_views([(view.id, "kanban")])
        )
        arch = etree.fromstring(views["views"]["kanban"]["arch"])
        for column, field in OEE_COLUMNS.items():
            with self.subTest(column=column):
                cell = header[column]
                # The card's own row of the figure.
                [title] = arch.xpath(
                    f"//div[@title][span/t[contains(@t-out, 'record.{field}.')]]/@title"
                )
                definition = title.replace(", last 30 days", "")
                if column == "Availability":
                    # The sheet's window: the exported work orders' time logs.
                    definition = definition[:-1] + (
                        ", on the exported work orders (a block of the work "
                        "center without a work order counts on its card, not "
                        "here)."
                    )
                self.assertEqual(cell.comment.text, definition)
                self.assertEqual(sheet.cell(2, cell.column).number_format, "0.0%")

    def test_first_pass_yield_waits_for_the_inspections(self):
        # C's cutting is still to inspect: it does not count yet.
        __, workbook = self._export()
        kpis = {row["Work center"]: row for row in self._rows(workbook["KPIs"])}
        self.assertEqual(kpis["QPS Cutting"]["Work orders"], 3)
        self.assertEqual(kpis["QPS Cutting"]["First-pass yield"], 1)
        c_cut = self._operations(self.mo_c)[0]
        # Failing re-plans the order: from its planned start, still in March.
        with freeze_time("2026-03-05 07:00"):
            c_cut.inspection_ids.with_user(self.inspector).do_fail("Burr")
        __, workbook = self._export()
        kpis = {row["Work center"]: row for row in self._rows(workbook["KPIs"])}
        self.assertAlmostEqual(kpis["QPS Cutting"]["First-pass yield"], 2 / 3)
        self.assertAlmostEqual(kpis["QPS Cutting"]["Pass rate"], 2 / 3)

    def test_kpi_chart(self):
        __, workbook = self._export()
        sheet = workbook["KPIs"]
        self.assertEqual(sheet["F2"].number_format, "0.0%")
        self.assertIn("no rework work order", sheet["G1"].comment.text)
        [chart] = sheet._charts
        self.assertEqual(chart.tagname, "barChart")
        self.assertEqual(chart.type, "col")
        [series] = chart.series
        self.assertEqual(series.val.numRef.f, "KPIs!$F$2:$F$4")
        self.assertEqual(series.cat.strRef.f, "KPIs!$A$2:$A$4")

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
