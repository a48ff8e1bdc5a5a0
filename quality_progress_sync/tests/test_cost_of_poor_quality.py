# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cost of poor quality: one definition (``quality.cost.report``) read
by the report, the nonconformance's form and the work centers' KPIs."""

from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .test_oee import OeeCase


class TestCostOfPoorQuality(OeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(
            name="Length", on_failure="rework", rework_duration=30
        )
        cls.product.standard_price = 12.5
        cls.component.standard_price = 4.0
        cls.wc_cut.costs_hour = 60.0
        # Components added to a rework are consumed without Odoo's warning.
        cls.bom.consumption = "flexible"
        cls.Report = cls.env["quality.cost.report"]

    def _costs(self, nonconformance, user=None):
        nonconformance = nonconformance.with_user(user or self.inspector)
        nonconformance.invalidate_recordset()
        return {
            "scrap_qty": nonconformance.copq_scrap_qty,
            "scrap": nonconformance.copq_scrap_cost,
            "hours": nonconformance.copq_rework_hours,
            "rework": nonconformance.copq_rework_cost,
            "components": nonconformance.copq_component_cost,
            "total": nonconformance.copq_total_cost,
            "concessions": nonconformance.copq_concession_count,
        }

    def _reworked_order(self, component_qty=0.0):
        """An order whose cut failed once, reworked (30 minutes expected, so
        30 minutes logged when the order is done without time logs), its
        re-inspection passed, the order done: the cost per hour of the work
        center is stored on the rework work order then."""
        production = self._create_mo(qty=5)
        inspection = production.inspection_ids
        self._fail(inspection, 1)
        rework = production.workorder_ids.filtered("rework_of_id")
        if component_qty:
            self._add_component(production, component_qty)
        # A re-inspection judges reworked pieces: the rework runs first, for
        # the 30 minutes it was expected to.
        self._start_reworks(rework.inspection_ids)
        rework.inspection_ids.with_user(self.inspector).do_pass()
        self._mark_done(production)
        log, *others = rework.time_ids.sorted("id")
        log.browse([other.id for other in others]).unlink()
        log.date_end = log.date_start + timedelta(minutes=30)
        self.assertEqual(rework.state, "done")
        if component_qty:
            # Odoo links a component without operation to the last work
            # order when the order is planned: given to the rework here, as
            # its Components tab would.
            production.move_raw_ids.filtered(
                lambda m: m.product_uom_qty == component_qty
            ).sudo().workorder_id = rework
        return inspection.nonconformance_id, rework

    def _add_component(self, production, qty):
        production.move_raw_ids = [
            Command.create(
                {
                    "product_id": self.component.id,
                    "product_uom_qty": qty,
                    "product_uom": self.component.uom_id.id,
                    "location_id": production.location_src_id.id,
                    "location_dest_id": self.component.property_stock_production.id,
                    "company_id": production.company_id.id,
                }
            )
        ]

    def test_rework_at_the_cost_per_hour_of_its_time(self):
        """The cost per hour stored on each rework work order when it was
        done: a change of the work center's cost during the period leaves
        the earlier reworks as they were."""
        first, rework = self._reworked_order(component_qty=2.0)
        self.assertEqual(rework.costs_hour, 60.0)
        self.wc_cut.costs_hour = 120.0
        second, __ = self._reworked_order()
        self.wc_cut.costs_hour = 500.0
        costs = self._costs(first)
        self.assertAlmostEqual(costs["hours"], 0.5)
        self.assertAlmostEqual(costs["rework"], 30.0)
        self.assertAlmostEqual(costs["components"], 8.0)
        self.assertAlmostEqual(costs["total"], 38.0)
        self.assertAlmostEqual(self._costs(second)["rework"], 60.0)
        values = self._kpis(self.wc_cut, user=self.inspector)[self.wc_cut.id]
        self.assertAlmostEqual(values["copq_rework_cost"], 90.0)
        self.assertAlmostEqual(values["copq_component_cost"], 8.0)
        self.assertAlmostEqual(values["copq_total_cost"], 98.0)
        self.assertAlmostEqual(values["copq_rework_hours"], 1.0)
        self.assertEqual(values["copq_currency_id"], self.company.currency_id.id)

    def test_scrap_at_the_product_cost_and_concessions(self):
        self.checkpoint.on_failure = "scrap"
        production = self._create_mo(qty=5)
        inspection = production.inspection_ids
        self._fail(inspection, 2)
        nonconformance = inspection.nonconformance_id
        costs = self._costs(nonconformance)
        self.assertEqual(costs["scrap_qty"], 2.0)
        self.assertAlmostEqual(costs["scrap"], 25.0)
        self.assertEqual(costs["concessions"], 0)
        # In the product's unit: a scrap order of a dozen is 12 units.
        dozen = self.env.ref("uom.product_uom_dozen")
        nonconformance.scrap_ids.sudo().write(
            {"scrap_qty": 1.0, "product_uom_id": dozen.id}
        )
        costs = self._costs(nonconformance)
        self.assertAlmostEqual(costs["scrap_qty"], 12.0)
        self.assertAlmostEqual(costs["scrap"], 150.0)
        # A product without a cost: its quantity, no amount.
        self.product.standard_price = 0.0
        costs = self._costs(nonconformance)
        self.assertAlmostEqual(costs["scrap_qty"], 12.0)
        self.assertEqual(costs["scrap"], 0.0)

    def test_concession_counted(self):
        self.checkpoint.on_failure = "alert"
        production = self._create_mo(qty=5)
        inspection = production.inspection_ids
        self._fail(inspection, 1)
        inspection.with_user(self.manager).action_set_disposition(
            "concession", "Within the customer's deviation"
        )
        costs = self._costs(inspection.nonconformance_id)
        self.assertEqual(costs["concessions"], 1)
        self.assertEqual(costs["total"], 0.0)

    def test_report_by_month_and_work_center(self):
        nonconformance, __ = self._reworked_order()
        Report = self.Report.with_user(self.inspector)
        views = Report.get_views([(False, "pivot"), (False, "graph")])
        for view_type in ("pivot", "graph"):
            arch = etree.fromstring(views["views"][view_type]["arch"])
            self.assertTrue(arch.xpath("//field[@name='date'][@interval='month']"))
            self.assertTrue(arch.xpath("//field[@name='workcenter_id']"))
        groups = Report.read_group(
            [], ["total_cost:sum"], ["date:month", "workcenter_id"], lazy=False
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["workcenter_id"][0], self.wc_cut.id)
        self.assertAlmostEqual(groups[0]["total_cost"], 30.0)
        row = Report.search([("nonconformance_id", "=", nonconformance.id)])
        self.assertEqual(row.cost_type, "rework")
        self.assertEqual(row.product_id, self.product)
        self.assertEqual(row.currency_id, self.company.currency_id)
        menu = self.env.ref("quality_progress_sync.quality_cost_report_menu")
        self.assertEqual(
            menu.parent_id,
            self.env.ref("quality_progress_sync.quality_progress_sync_menu_reporting"),
        )

    def test_report_is_read_only(self):
        nonconformance, __ = self._reworked_order()
        row = self.Report.search([("nonconformance_id", "=", nonconformance.id)])
        before = row.read(["total_cost", "rework_hours"])
        for user in (self.inspector, self.manager):
            Report = self.Report.with_user(user)
            with self.assertRaises(AccessError):
                Report.create({"total_cost": 1.0})
            with self.assertRaises(AccessError):
                row.with_user(user).write({"total_cost": 0.0})
            with self.assertRaises(AccessError):
                row.with_user(user).unlink()
        row.invalidate_recordset()
        self.assertEqual(row.read(["total_cost", "rework_hours"]), before)

    def test_operators_do_not_see_costs(self):
        """Operators read nonconformances and the work center cards, not
        what poor quality costs."""
        nonconformance, __ = self._reworked_order()
        with self.assertRaises(AccessError):
            self._costs(nonconformance, user=self.operator)
        with self.assertRaises(AccessError):
            self.Report.with_user(self.operator).search([])
        views = (
            self.env["quality.nonconformance"]
            .with_user(self.operator)
            .get_views([(False, "form")])
        )
        self.assertNotIn("copq_total_cost", views["views"]["form"]["arch"])
        values = self._kpis(self.wc_cut)[self.wc_cut.id]
        self.assertIsNone(values["copq_total_cost"])
        self.assertEqual(values["units_made"], 5.0, "the OEE is theirs")
        views = (
            self.env["quality.nonconformance"]
            .with_user(self.inspector)
            .get_views([(False, "form")])
        )
        self.assertIn("copq_total_cost", views["views"]["form"]["arch"])


class TestCostOfPoorQualityCompanies(OeeCase):
    """Each company's costs at its own product costs, in its currency, seen
    by its users only; a work center shared by the companies sums them in
    the user's company's currency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls._create_company_b()
        cls._create_shared_part()
        cls.nc_a = cls._scrap_nonconformance(cls.company_a, 1.0)
        cls.nc_b = cls._scrap_nonconformance(cls.company_b, 3.0)
        cls.inspector_b = new_test_user(
            cls.env,
            login="qps_cost_inspector_b",
            groups="quality_progress_sync.group_quality_inspector",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.inspector_ab = new_test_user(
            cls.env,
            login="qps_cost_inspector_ab",
            groups="quality_progress_sync.group_quality_inspector",
            company_id=cls.company_a.id,
            company_ids=[Command.set((cls.company_a | cls.company_b).ids)],
        )

    @classmethod
    def _create_company_b(cls):
        """Company B, in another currency (at a rate of 2.0)."""
        currency_b = (
            cls.env["res.currency"]
            .with_context(active_test=False)
            .search([("id", "!=", cls.company_a.currency_id.id)], limit=1)
        )
        currency_b.active = True
        cls.env["res.currency.rate"].create(
            {
                "currency_id": currency_b.id,
                "rate": 2.0,
                "name": "2020-01-01",
                "company_id": False,
            }
        )
        cls.company_b = cls.env["res.company"].create(
            {"name": "QPS Company B", "currency_id": currency_b.id}
        )

    @classmethod
    def _create_shared_part(cls):
        """A part of both companies, at 10.0 in A and 7.0 in B, pressed on a
        work center they share."""
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

    @classmethod
    def _scrap_nonconformance(cls, company, qty):
        """A nonconformance of an order of ``company`` on the shared work
        center, with a scrap order of ``qty`` units."""
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))
        production = env["mrp.production"].create({"product_id": cls.part.id})
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
        return nonconformance

    def test_each_company_at_its_cost_and_currency(self):
        self.assertEqual(self.nc_b.workcenter_id, self.shared)
        rows = self.env["quality.cost.report"].search(
            [("nonconformance_id", "in", (self.nc_a | self.nc_b).ids)]
        )
        by_company = {row.company_id: row for row in rows}
        self.assertAlmostEqual(by_company[self.company_a].scrap_cost, 10.0)
        self.assertAlmostEqual(by_company[self.company_b].scrap_cost, 21.0)
        self.assertEqual(
            by_company[self.company_b].currency_id, self.company_b.currency_id
        )
        Report = self.env["quality.cost.report"].with_user(self.inspector_b)
        self.assertEqual(Report.search([]).company_id, self.company_b)
        self.assertAlmostEqual(
            self.nc_b.with_user(self.inspector_b).copq_scrap_cost, 21.0
        )
        with self.assertRaises(AccessError):
            self._read_cost(self.nc_a.with_user(self.inspector_b))

    @staticmethod
    def _read_cost(nonconformance):
        return nonconformance.copq_scrap_cost

    def test_shared_work_center_in_the_user_company_currency(self):
        currency_a = self.company_a.currency_id
        values = self._kpis(self.shared, user=self.inspector_ab)[self.shared.id]
        self.assertEqual(values["copq_currency_id"], currency_a.id)
        in_a = self.company_b.currency_id._convert(
            21.0, currency_a, self.company_a, fields.Date.today()
        )
        # At the rates of the database (a demo database has its own).
        self.assertGreater(in_a, 0.0)
        self.assertAlmostEqual(values["copq_scrap_cost"], 10.0 + in_a)
        values = self._kpis(self.shared, user=self.inspector_b)[self.shared.id]
        self.assertEqual(values["copq_currency_id"], self.company_b.currency_id.id)
        self.assertAlmostEqual(values["copq_scrap_cost"], 21.0)
