# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The "Cost of poor quality" sheet of the "Progress & Quality" workbook:
the Cost of Poor Quality report's figures of the exported work orders."""

import base64
import io
from datetime import datetime, timedelta

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command, fields
from odoo.tests import Form, new_test_user

from .common import QualityProgressCase

SHEET = "Cost of poor quality"
AMOUNTS = (
    "Scrap cost",
    "Rework cost",
    "Rework components cost",
    "Cost of poor quality",
)


class XlsxCostCase(QualityProgressCase):
    """Exports through the wizard and reads the sheet back."""

    @classmethod
    def _new_planner(cls, login, company=None):
        company = company or cls.env.company
        return new_test_user(
            cls.env,
            login=login,
            groups="mrp.group_mrp_manager,mrp.group_mrp_routings",
            tz="Asia/Shanghai",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def _export(self, user, date_from, date_to, **vals):
        wizard = (
            self.env["quality.progress.report.wizard"]
            .with_user(user)
            .create(dict(vals, date_from=date_from, date_to=date_to))
        )
        wizard.action_export()
        return load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file)))

    def _rows(self, sheet):
        """The rows of the table (down to the first empty row), by header."""
        rows = sheet.iter_rows(values_only=True)
        header = next(rows)
        table = []
        for row in rows:
            if row[0] is None:
                break
            table.append(dict(zip(header, row, strict=True)))
        return table


class TestProgressQualityXlsxCost(XlsxCostCase):
    """On the cutting center: a frame order whose cut failed twice, 2
    units scrapped at 12.50 and 1 unit used as is (10 March); a fork order
    whose cut failed, reworked for 30 minutes at 60 an hour, done on 31
    March at 20:00 UTC: 1 April for the planner in Shanghai."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = cls._new_planner("qps_cost_planner")
        cls.product.standard_price = 12.5
        cls.other_product.standard_price = 8.0
        cls.wc_cut.costs_hour = 60.0
        cls.cp_scrap = cls._create_checkpoint(
            name="Burr",
            on_failure="scrap",
        )
        cls.cp_alert = cls._create_checkpoint(
            name="Finish",
            on_failure="alert",
        )
        cls.cp_rework = cls._create_checkpoint(
            name="Length",
            operation_id=cls.other_bom.operation_ids.sorted("sequence")[0].id,
            on_failure="rework",
            rework_duration=30,
        )
        with freeze_time("2026-03-10 08:00"):
            cls.frame_order = cls._scrapped_order()
        cls.fork_order, cls.rework = cls._reworked_order()

    @classmethod
    def _fail(cls, production, checkpoint, qty):
        inspection = production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        ).with_user(cls.inspector)
        inspection.failed_qty = qty
        inspection.do_fail("Out of tolerance")
        return inspection

    @classmethod
    def _scrapped_order(cls):
        production = cls._create_mo(qty=5)
        scrapped = cls._fail(production, cls.cp_scrap, 2)
        scrapped.nonconformance_id.scrap_ids.sudo().action_validate()
        conceded = cls._fail(production, cls.cp_alert, 1)
        conceded.with_user(cls.manager).action_set_disposition(
            "concession", "Cosmetic only"
        )
        # The shared builders are instance methods: the class stands in.
        cls._pass_all(cls, production)
        cls._mark_done(cls, production)
        return production

    @classmethod
    def _reworked_order(cls):
        with freeze_time("2026-03-31 19:00"):
            production = cls._create_mo(product=cls.other_product, qty=4)
            cls._fail(production, cls.cp_rework, 1)
        rework = production.workorder_ids.filtered("rework_of_id")
        with freeze_time("2026-03-31 19:30"):
            rework.button_start()
            rework.inspection_ids.with_user(cls.inspector).do_pass()
        with freeze_time("2026-03-31 20:00"):
            cls._pass_all(cls, production)
            cls._mark_done(cls, production)
        return production, rework

    def _sheet(self, user=None):
        workbook = self._export(user or self.planner, "2026-03-01", "2026-04-30")
        return workbook[SHEET]

    def test_fixture(self):
        self.assertEqual(self.rework.state, "done")
        self.assertAlmostEqual(self.rework.duration, 30.0)
        self.assertEqual(self.rework.costs_hour, 60.0)
        self.assertEqual(self.rework.date_finished, datetime(2026, 3, 31, 20, 0))

    def test_sheet_by_month_work_center_and_product(self):
        """The hand-computed figures: 2 x 12.50 of scrap and a concession in
        March on the frame, 0.5 hour x 60 of rework in April on the fork."""
        currency = self.company.currency_id.name
        self.assertEqual(
            self._rows(self._sheet()),
            [
                {
                    "Month": datetime(2026, 3, 1),
                    "Work center": "QPS Cutting",
                    "Product": "QPS Frame",
                    "Scrapped quantity": 2,
                    "Scrap cost": 25,
                    "Rework time (hours)": 0,
                    "Rework cost": 0,
                    "Rework components cost": 0,
                    "Concessions": 1,
                    "Cost of poor quality": 25,
                    "Currency": currency,
                },
                {
                    "Month": datetime(2026, 4, 1),
                    "Work center": "QPS Cutting",
                    "Product": "QPS Fork",
                    "Scrapped quantity": 0,
                    "Scrap cost": 0,
                    "Rework time (hours)": 0.5,
                    "Rework cost": 30,
                    "Rework components cost": 0,
                    "Concessions": 0,
                    "Cost of poor quality": 30,
                    "Currency": currency,
                },
            ],
        )

    def test_sheet_layout(self):
        sheet = self._sheet()
        self.assertEqual(sheet["A2"].number_format, "yyyy-mm")
        self.assertEqual(sheet["E2"].number_format, "#,##0.00")
        self.assertIn("re-inspections included", sheet["G1"].comment.text)
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:K3")

    def test_sheet_equals_the_report(self):
        """Each figure is the report's, grouped as its pivot groups them (by
        month in the planner's time zone)."""
        sheet = self._sheet()
        Report = (
            self.env["quality.cost.report"]
            .with_user(self.planner)
            .with_context(tz=self.planner.tz)
        )
        productions = self.frame_order | self.fork_order
        groups = Report.read_group(
            [("production_id", "in", productions.ids)],
            ["scrap_cost:sum", "rework_cost:sum", "total_cost:sum"],
            ["date:month", "product_id"],
            lazy=False,
        )
        self.assertEqual(len(groups), 2)
        by_product = {row["Product"]: row for row in self._rows(sheet)}
        for group in groups:
            row = by_product[group["product_id"][1]]
            with self.subTest(product=row["Product"]):
                self.assertAlmostEqual(row["Scrap cost"], group["scrap_cost"])
                self.assertAlmostEqual(row["Rework cost"], group["rework_cost"])
                self.assertAlmostEqual(row["Cost of poor quality"], group["total_cost"])
        nonconformances = (
            self.frame_order.inspection_ids | self.fork_order.inspection_ids
        ).nonconformance_id.with_user(self.planner)
        self.assertAlmostEqual(
            sum(nonconformances.mapped("copq_total_cost")),
            sum(row["Cost of poor quality"] for row in by_product.values()),
        )

    def test_chart_of_the_months_stacked_by_kind(self):
        sheet = self._sheet()
        # The totals per month below the table: the chart's data.
        self.assertEqual(
            [
                [cell.value for cell in row]
                for row in sheet.iter_rows(min_row=5, max_row=7, max_col=5)
            ],
            [
                ["Month", *AMOUNTS],
                ["2026-03", 25, 0, 0, 25],
                ["2026-04", 0, 30, 0, 30],
            ],
        )
        [chart] = sheet._charts
        self.assertEqual((chart.tagname, chart.type), ("barChart", "col"))
        self.assertEqual(chart.grouping, "stacked")
        self.assertEqual(len(chart.series), 3)
        references = [
            (series.cat.strRef.f, series.val.numRef.f) for series in chart.series
        ]
        self.assertEqual(
            references,
            [(f"'{SHEET}'!$A$6:$A$7", f"'{SHEET}'!${col}$6:${col}$7") for col in "BCD"],
        )

    def test_only_the_exported_work_orders(self):
        """The rework's costs belong to the fork's cut: not exported with
        the frame only, nor before the fork was made."""
        workbook = self._export(
            self.planner,
            "2026-03-01",
            "2026-04-30",
            product_ids=[Command.set(self.product.ids)],
        )
        rows = self._rows(workbook[SHEET])
        self.assertEqual([row["Product"] for row in rows], ["QPS Frame"])
        workbook = self._export(self.planner, "2025-01-01", "2025-01-31")
        self.assertEqual(self._rows(workbook[SHEET]), [])
        self.assertEqual(workbook[SHEET]._charts, [])

    def test_product_without_a_cost(self):
        """Its scrapped quantity, no amount, and no error."""
        self.product.standard_price = 0.0
        [frame] = [
            row for row in self._rows(self._sheet()) if row["Product"] == "QPS Frame"
        ]
        self.assertEqual(frame["Scrapped quantity"], 2)
        self.assertEqual(frame["Scrap cost"], 0)
        self.assertEqual(frame["Cost of poor quality"], 0)

    def _count_export_queries(self):
        wizard = (
            self.env["quality.progress.report.wizard"]
            .with_user(self.planner)
            .create({"date_from": "2026-03-01", "date_to": "2026-04-30"})
        )
        return self._count_queries(wizard.action_export)

    def test_queries_do_not_grow_with_the_rows(self):
        """Six more months on the sheet, as many queries."""
        self._count_export_queries()  # caches of the first export
        queries = self._count_export_queries()
        nonconformance = self.cp_scrap.inspection_ids.nonconformance_id
        scrap = nonconformance.scrap_ids
        for month in range(1, 7):
            scrap.sudo().copy(
                {
                    "date_done": datetime(2025, month, 15),
                    "quality_nonconformance_id": nonconformance.id,
                }
            )
        self.assertEqual(self._count_export_queries(), queries)
        self.assertEqual(len(self._rows(self._sheet())), 2 + 6)


class TestProgressQualityXlsxCostCompanies(XlsxCostCase):
    """Two companies scrap on a work center they share: each planner's
    sheet has their company's cost only, in its currency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        currency_b = (
            cls.env["res.currency"]
            .with_context(active_test=False)
            .search([("id", "!=", cls.company_a.currency_id.id)], limit=1)
        )
        currency_b.active = True
        cls.company_b = cls.env["res.company"].create(
            {"name": "QPS Company B", "currency_id": currency_b.id}
        )
        cls.part = cls.env["product.product"].create(
            {"name": "QPS Shared Part", "type": "consu"}
        )
        cls.part.with_company(cls.company_a).standard_price = 10.0
        cls.part.with_company(cls.company_b).standard_price = 7.0
        hours = cls.env["resource.calendar"].create(
            {"name": "QPS Shared Hours", "company_id": False}
        )
        cls.shared = cls.env["mrp.workcenter"].create(
            {
                "name": "QPS Shared Cell",
                "company_id": False,
                "resource_calendar_id": hours.id,
            }
        )
        cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.part.product_tmpl_id.id,
                "company_id": False,
                "operation_ids": [
                    Command.create({"name": "Press", "workcenter_id": cls.shared.id})
                ],
            }
        )
        cls._scrap(cls.company_a, 1.0)
        cls._scrap(cls.company_b, 3.0)
        cls.planner_a = cls._new_planner("qps_cost_planner_a", cls.company_a)
        cls.planner_b = cls._new_planner("qps_cost_planner_b", cls.company_b)

    @classmethod
    def _scrap(cls, company, qty):
        """A nonconformance of an order of ``company`` on the shared work
        center, with a scrap order of ``qty`` units."""
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))
        form = Form(env["mrp.production"])
        form.product_id = cls.part
        production = form.save()
        nonconformance = env["quality.nonconformance"].create(
            {
                "title": f"Scratched in {company.name}",
                "company_id": company.id,
                "workorder_id": production.workorder_ids.id,
                "production_id": production.id,
                "product_id": cls.part.id,
            }
        )
        env["stock.scrap"].create(
            {
                "product_id": cls.part.id,
                "product_uom_id": cls.part.uom_id.id,
                "scrap_qty": qty,
                "company_id": company.id,
                "production_id": production.id,
                "location_id": production.location_dest_id.id,
                "quality_nonconformance_id": nonconformance.id,
            }
        )

    def test_each_company_its_costs(self):
        for planner, company, cost in (
            (self.planner_a, self.company_a, 10.0),
            (self.planner_b, self.company_b, 21.0),
        ):
            with self.subTest(company=company.name):
                # The work orders, never planned, count on their creation day.
                today = fields.Date.context_today(planner.with_user(planner))
                workbook = self._export(
                    planner,
                    today - timedelta(days=1),
                    today,
                    workcenter_ids=[Command.set(self.shared.ids)],
                )
                [row] = self._rows(workbook[SHEET])
                self.assertEqual(row["Work center"], "QPS Shared Cell")
                self.assertAlmostEqual(row["Scrap cost"], cost)
                self.assertEqual(row["Currency"], company.currency_id.name)

    def test_both_companies_each_in_its_currency(self):
        """A planner of both companies: a row per currency, never summed,
        and the months of the chart labelled with their currency."""
        planner = self._new_planner("qps_cost_planner_ab")
        planner.company_ids = self.company_a | self.company_b
        today = fields.Date.context_today(planner.with_user(planner))
        workbook = self._export(
            planner,
            today - timedelta(days=1),
            today,
            workcenter_ids=[Command.set(self.shared.ids)],
        )
        sheet = workbook[SHEET]
        rows = self._rows(sheet)
        self.assertEqual(
            {row["Currency"]: row["Scrap cost"] for row in rows},
            {
                self.company_a.currency_id.name: 10.0,
                self.company_b.currency_id.name: 21.0,
            },
        )
        labels = {sheet.cell(row, 1).value for row in (6, 7)}
        month = f"{rows[0]['Month']:%Y-%m}"
        self.assertEqual(
            labels,
            {
                f"{month} {self.company_a.currency_id.name}",
                f"{month} {self.company_b.currency_id.name}",
            },
        )
