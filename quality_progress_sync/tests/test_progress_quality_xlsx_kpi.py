# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The workbook's KPI sheet: the work centers' figures as their cards show them."""

from freezegun import freeze_time
from lxml import etree

from odoo import Command

from .xlsx_common import (
    OEE_COLUMNS,
    ProgressQualityXlsxCase,
)


class TestProgressQualityXlsxKpi(ProgressQualityXlsxCase):
    def _frame_kpis(self):
        """The KPI rows of the frame's work orders, by work center, without
        their OEE columns (test_oee_per_workcenter). Produced: what the work
        orders made, rework aside (B's cutting and welding, done; nothing
        reported on A's)."""
        __, workbook = self._export(product_ids=[Command.set(self.product.ids)])
        kpis = {row["Work center"]: row for row in self._rows(workbook["KPIs"])}
        self.assertEqual(set(kpis), {"QPS Cutting", "QPS Welding", "QPS Painting"})
        for row in kpis.values():
            for column in OEE_COLUMNS:
                del row[column]
        return kpis

    def test_kpis_of_cutting(self):
        """A and B passed; B done on time, A open past 08:20 on 3 March."""
        self.assertEqual(
            self._frame_kpis()["QPS Cutting"],
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

    def test_kpis_of_welding(self):
        """A failed (its rework is still to inspect), B passed but finished
        late; A and its rework are open past their planned finish."""
        self.assertEqual(
            self._frame_kpis()["QPS Welding"],
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

    def test_kpis_of_painting(self):
        """Nothing to inspect, no rate; B's paint was due on 4 March."""
        self.assertEqual(
            self._frame_kpis()["QPS Painting"],
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
