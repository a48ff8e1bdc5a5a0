# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""OEE of the work centers (``mrp.workcenter._get_quality_kpis``): a
hand-computed fixture, the edge cases, and a constant number of queries."""

from datetime import timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.tests import Form

from .common import QualityProgressCase

DAYS_30 = timedelta(days=30)


class OeeCase(QualityProgressCase):
    """Builders: time logs of a given duration, failures decided."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.losses = {
            loss_type: cls.env["mrp.workcenter.productivity.loss"].search(
                [("loss_type", "=", loss_type)], limit=1
            )
            for loss_type in ("productive", "performance", "availability", "quality")
        }

    def _log(self, workcenter, loss_type, minutes, workorder=None, days_ago=1):
        """An ended time log of ``minutes`` (its duration as Odoo stores it,
        whatever the work center's calendar makes of a block)."""
        end = fields.Datetime.now() - timedelta(days=days_ago)
        log = (
            self.env["mrp.workcenter.productivity"]
            .sudo()
            .create(
                {
                    "workcenter_id": workcenter.id,
                    "workorder_id": workorder.id if workorder else False,
                    "loss_id": self.losses[loss_type].id,
                    "date_start": end - timedelta(minutes=minutes),
                    "date_end": end,
                }
            )
        )
        log.duration = minutes
        return log

    def _clear_logs(self, workcenters):
        self.env["mrp.workcenter.productivity"].sudo().search(
            [("workcenter_id", "in", workcenters.ids)]
        ).unlink()

    def _fail(self, inspection, qty, user=None):
        inspection = inspection.with_user(user or self.inspector)
        inspection.failed_qty = qty
        inspection.do_fail("Out of tolerance")

    def _kpis(self, workcenters, user=None, **kwargs):
        kwargs.setdefault("since", fields.Datetime.now() - DAYS_30)
        workcenters = workcenters.with_user(user or self.operator)
        return workcenters._get_quality_kpis(**kwargs)


class TestOee(OeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cp_scrap = cls._create_checkpoint(name="Burr", on_failure="scrap")
        cls.cp_rework = cls._create_checkpoint(
            name="Length", on_failure="rework", rework_duration=55
        )
        cls.cp_alert = cls._create_checkpoint(name="Finish", on_failure="alert")

    def _inspection(self, production, checkpoint):
        return production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint and i.state == "todo"
        )

    def _run_fixture_order(self):
        """100 units cut: 2 scrapped, 3 reworked and passed again, 1 used as
        is (concession); the rest passed."""
        production = self._create_mo(qty=100)
        self._fail(self._inspection(production, self.cp_scrap), 2)
        self._fail(self._inspection(production, self.cp_rework), 3)
        conceded = self._inspection(production, self.cp_alert)
        self._fail(conceded, 1)
        conceded.with_user(self.manager).action_set_disposition(
            "concession", "Cosmetic only"
        )
        self._pass_all(production)
        self._mark_done(production)
        return production

    def _log_fixture_times(self, production, rework):
        """1000 minutes logged on the cutting center: 800 productive on the
        cut (as many expected) and 55 on its rework, 45 of performance, 60
        of availability and 40 of quality losses."""
        wo_cut = self._workorder(production, self.op_cut)
        wo_cut.duration_expected = 800
        self._clear_logs(self.wc_cut)
        self._log(self.wc_cut, "productive", 800, wo_cut)
        self._log(self.wc_cut, "productive", 55, rework)
        self._log(self.wc_cut, "performance", 45, wo_cut)
        self._log(self.wc_cut, "availability", 60)
        self._log(self.wc_cut, "quality", 40)

    def test_hand_computed_oee(self):
        """Availability 900 / 1000 min = 0.90; performance 855 / 900 min =
        0.95 (800 min expected for the cut, 55 for its rework); quality
        98 / 100 = 0.98 (the 2 scrapped units; the reworked ones passed
        again, the conceded one is used as is): OEE 0.8379."""
        production = self._run_fixture_order()
        rework = production.workorder_ids.filtered("rework_of_id")
        self.assertEqual(rework.state, "done")
        self.assertEqual(rework.workcenter_id, self.wc_cut)
        self._log_fixture_times(production, rework)
        self.assertEqual(rework.duration_expected, 55)

        values = self._kpis(self.wc_cut)[self.wc_cut.id]
        self.assertAlmostEqual(values["planned_time"], 1000.0)
        self.assertAlmostEqual(values["run_time"], 900.0)
        self.assertAlmostEqual(values["expected_time"], 855.0)
        self.assertAlmostEqual(values["units_made"], 100.0)
        self.assertAlmostEqual(values["units_good"], 98.0)
        self.assertAlmostEqual(values["units_first_pass"], 94.0)
        self.assertAlmostEqual(values["availability"] / 100, 0.90, places=4)
        self.assertAlmostEqual(values["performance"] / 100, 0.95, places=4)
        self.assertAlmostEqual(values["quality"] / 100, 0.98, places=4)
        self.assertAlmostEqual(values["first_pass_quality"] / 100, 0.94, places=4)
        self.assertAlmostEqual(values["oee"] / 100, 0.8379, places=4)
        # The cards read the same figures, as the operator.
        workcenter = self.wc_cut.with_user(self.operator)
        workcenter.invalidate_recordset()
        self.assertAlmostEqual(workcenter.quality_oee, 83.79, places=2)
        self.assertAlmostEqual(workcenter.quality_oee_availability, 90.0)
        self.assertAlmostEqual(workcenter.quality_oee_performance, 95.0)
        self.assertAlmostEqual(workcenter.quality_oee_quality, 98.0)
        self.assertAlmostEqual(workcenter.quality_first_pass_quality, 94.0)
        self.assertAlmostEqual(workcenter.quality_planned_time, 1000.0 / 60)
        self.assertAlmostEqual(workcenter.quality_units_made, 100.0)

    def test_outside_the_period_and_other_work_orders(self):
        """Logs before ``since`` are not counted; with ``workorder_domain``,
        the logs of those work orders, and the blocks when ``since`` bounds
        them."""
        production = self._create_mo(qty=10)
        wo_cut = self._workorder(production, self.op_cut)
        self._clear_logs(self.wc_cut)
        self._log(self.wc_cut, "productive", 50, wo_cut)
        self._log(self.wc_cut, "availability", 50)
        self._log(self.wc_cut, "productive", 400, days_ago=40)
        values = self._kpis(self.wc_cut)[self.wc_cut.id]
        self.assertAlmostEqual(values["planned_time"], 100.0)
        self.assertAlmostEqual(values["availability"], 50.0)
        scope = [("id", "=", wo_cut.id)]
        values = self._kpis(self.wc_cut, since=None, workorder_domain=scope)
        self.assertAlmostEqual(values[self.wc_cut.id]["planned_time"], 50.0)
        values = self._kpis(self.wc_cut, workorder_domain=scope)
        self.assertAlmostEqual(values[self.wc_cut.id]["planned_time"], 100.0)
        other = [("id", "=", self._workorder(production, self.op_weld).id)]
        values = self._kpis(self.wc_cut, since=None, workorder_domain=other)
        self.assertEqual(values[self.wc_cut.id]["planned_time"], 0.0)

    def test_cards_show_the_factors_with_their_definitions(self):
        """The work center cards, as the operator reads them: OEE and its
        three factors, each row with its definition as a tooltip."""
        action = self.env.ref("mrp.mrp_workcenter_kanban_action")
        views = (
            self.env["mrp.workcenter"]
            .with_user(self.operator)
            .get_views([(action.view_id.id, "kanban")])
        )
        arch = etree.fromstring(views["views"]["kanban"]["arch"])
        for field in (
            "quality_oee",
            "quality_oee_availability",
            "quality_oee_performance",
            "quality_oee_quality",
        ):
            with self.subTest(field=field):
                # Its own row (the block of the KPIs has a title too).
                shown = arch.xpath(
                    f"//div[@title][t[contains(@t-out, 'record.{field}.')] or "
                    f"span/t[contains(@t-out, 'record.{field}.')]]"
                )
                self.assertEqual(len(shown), 1)
                self.assertGreater(len(shown[0].get("title")), 30)
        # One OEE on the card: Odoo's own (time only) is not shown beside it.
        odoo_oee = arch.xpath("//div[@t-if='record.oee.raw_value > 0']")
        self.assertEqual(len(odoo_oee), 1)
        self.assertIn("d-none", odoo_oee[0].get("class").split())


class TestOeeEdgeCases(OeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(
            name="Length", on_failure="rework", rework_duration=20
        )

    def test_no_planned_time_no_production(self):
        """A new work center: nothing defined, shown as 0 (the cards show
        "-" without a base); logs without production: availability and
        performance (0: nothing expected was done), no quality, no OEE."""
        idle = self.env["mrp.workcenter"].create({"name": "QPS Idle"})
        values = self._kpis(idle)[idle.id]
        for key in ("availability", "performance", "quality", "oee"):
            self.assertIsNone(values[key], key)
        self.assertEqual(values["planned_time"], 0.0)
        self.assertEqual(idle.with_user(self.operator).quality_oee, 0.0)
        self._log(idle, "productive", 30)
        self._log(idle, "availability", 10)
        values = self._kpis(idle)[idle.id]
        self.assertAlmostEqual(values["availability"], 75.0)
        self.assertEqual(values["performance"], 0.0)
        self.assertIsNone(values["quality"])
        self.assertIsNone(values["oee"])

    def test_only_rework(self):
        """A work center that only reworks: its time and expected duration
        count, it made no unit: no quality, no OEE."""
        cell = self.env["mrp.workcenter"].create({"name": "QPS Rework Cell"})
        self.checkpoint.rework_workcenter_id = cell
        production = self._create_mo(qty=4)
        self._fail(production.inspection_ids, 1)
        rework = production.workorder_ids.filtered("rework_of_id")
        self.assertEqual(rework.workcenter_id, cell)
        self._pass_all(production)
        self._mark_done(production)
        self._clear_logs(cell)
        self._log(cell, "productive", 20, rework)
        values = self._kpis(cell)[cell.id]
        self.assertEqual(values["units_made"], 0.0)
        self.assertAlmostEqual(values["expected_time"], 20.0)
        self.assertAlmostEqual(values["performance"], 100.0)
        self.assertAlmostEqual(values["availability"], 100.0)
        self.assertIsNone(values["quality"])
        self.assertIsNone(values["oee"])

    def test_rework_good_only_once_passed_again(self):
        """Reworked units are not good while their re-inspection is to do or
        failed, good once a later loop's re-inspection passed; a failure
        still awaiting a decision is not good."""
        production = self._create_mo(qty=10)
        inspection = production.inspection_ids
        self._fail(inspection, 4)

        def quality():
            values = self._kpis(self.wc_cut, since=None, workorder_domain=scope)
            return values[self.wc_cut.id]["units_good"]

        wo_cut = self._workorder(production, self.op_cut)
        scope = [("id", "=", wo_cut.id)]
        # Done (the rework holds the next operations, not the cut).
        wo_cut.with_user(self.operator).button_finish()
        self.assertEqual(wo_cut.state, "done")
        self.assertEqual(quality(), 6.0, "re-inspection to do")
        first = production.workorder_ids.filtered("rework_of_id").inspection_ids
        self._start_reworks(first)
        self._fail(first, 4)
        self.assertEqual(quality(), 6.0, "re-inspection failed, reworked again")
        second = (
            production.workorder_ids.filtered("rework_of_id") - first.workorder_id
        ).inspection_ids
        self.assertEqual(second.origin_inspection_id, first)
        self._start_reworks(second)
        second.with_user(self.inspector).do_pass()
        self.assertEqual(quality(), 10.0, "the second loop passed")
        values = self._kpis(self.wc_cut, since=None, workorder_domain=scope)
        self.assertEqual(values[self.wc_cut.id]["units_first_pass"], 6.0)

    def test_failure_awaiting_a_decision_is_not_good(self):
        """A failure of a check that does not block, alerting only: its
        units are not good until a decision (a concession) is made."""
        self.checkpoint.write({"on_failure": "alert", "blocking": False})
        production = self._create_mo(qty=5)
        inspection = production.inspection_ids
        self._fail(inspection, 2)
        self._workorder(production, self.op_cut).with_user(
            self.operator
        ).button_finish()
        values = self._kpis(self.wc_cut)[self.wc_cut.id]
        self.assertEqual(values["units_made"], 5.0)
        self.assertEqual(values["units_good"], 3.0)
        inspection.with_user(self.manager).action_set_disposition(
            "concession", "Within the customer's deviation"
        )
        values = self._kpis(self.wc_cut)[self.wc_cut.id]
        self.assertEqual(values["units_good"], 5.0)

    def test_failed_quantity_capped_by_the_work_order(self):
        """Two checks failing the same units do not make more bad units than
        units made."""
        self.checkpoint.on_failure = "scrap"
        self._create_checkpoint(name="Width", on_failure="scrap")
        production = self._create_mo(qty=2)
        for inspection in production.inspection_ids:
            self._fail(inspection, 2)
        self._pass_all(production)
        self._mark_done(production)
        values = self._kpis(self.wc_cut)[self.wc_cut.id]
        self.assertEqual(values["units_made"], 2.0)
        self.assertEqual(values["units_good"], 0.0)
        self.assertEqual(values["quality"], 0.0)

    def test_production_without_planned_time(self):
        """Units made but no time logged (the logs deleted): the quality is
        defined, availability, performance and OEE are not (the cards show
        0 and "-")."""
        production = self._create_mo(qty=4)
        self._pass_all(production)
        self._mark_done(production)
        self._clear_logs(self.wc_cut)
        values = self._kpis(self.wc_cut)[self.wc_cut.id]
        self.assertEqual(values["planned_time"], 0.0)
        self.assertEqual(values["units_made"], 4.0)
        self.assertGreater(values["expected_time"], 0.0)
        self.assertEqual(values["quality"], 100.0)
        for key in ("availability", "performance", "oee"):
            self.assertIsNone(values[key], key)
        workcenter = self.wc_cut.with_user(self.operator)
        workcenter.invalidate_recordset()
        self.assertEqual(workcenter.quality_oee, 0.0)
        self.assertEqual(workcenter.quality_oee_quality, 100.0)

    def test_blocked_the_whole_period(self):
        """Planned time but no run time (blocked throughout): availability
        0, no performance (nothing ran), no OEE."""
        blocked = self.env["mrp.workcenter"].create({"name": "QPS Blocked"})
        self._log(blocked, "availability", 45)
        self._log(blocked, "quality", 15)
        values = self._kpis(blocked)[blocked.id]
        self.assertEqual(values["planned_time"], 60.0)
        self.assertEqual(values["run_time"], 0.0)
        self.assertEqual(values["availability"], 0.0)
        self.assertIsNone(values["performance"])
        self.assertIsNone(values["oee"])


class TestOeeCostEdgeCases(OeeCase):
    """The cost of poor quality in the work centers' KPIs, at the edges."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(
            name="Length", on_failure="rework", rework_duration=20
        )

    def _inspection(self, production, checkpoint):
        return production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint and i.state == "todo"
        )

    def _rework(self, production, start, minutes, cost_on_the_way=None):
        """Fail the order's cut once and run its rework from ``start`` for
        ``minutes``, its re-inspection passed; the work center's cost per
        hour set to ``cost_on_the_way`` while the rework runs."""
        self._fail(self._inspection(production, self.checkpoint), 1)
        rework = production.workorder_ids.filtered("rework_of_id")
        with freeze_time(start):
            rework.with_user(self.operator).button_start()
        if cost_on_the_way is not None:
            rework.workcenter_id.costs_hour = cost_on_the_way
        with freeze_time(start + timedelta(minutes=minutes)):
            rework.inspection_ids.with_user(self.inspector).do_pass()
            rework.with_user(self.operator).button_finish()
        self.assertEqual(rework.state, "done")
        self.assertAlmostEqual(rework.duration, minutes)
        return rework

    def test_period_across_a_change_of_the_cost_per_hour(self):
        """Each rework costs its real time at the cost per hour of its work
        center when it was done (stored on it by Odoo then), for its whole
        duration: A, done 20 days ago at 60 an hour; B, started 10 days
        ago at 60, the cost raised to 120 while it ran, done at 120; the
        cost raised again to 500 afterwards changes neither. Over the last
        30 days, across the change: 0.5 h x 60 + 0.5 h x 120 = 90; over
        the last 15 days, B alone: 60."""
        self.wc_cut.costs_hour = 60.0
        now = fields.Datetime.now()
        rework_a = self._rework(self._create_mo(), now - timedelta(days=20), 30)
        rework_b = self._rework(
            self._create_mo(), now - timedelta(days=10), 30, cost_on_the_way=120.0
        )
        self.wc_cut.costs_hour = 500.0
        self.assertEqual((rework_a.costs_hour, rework_b.costs_hour), (60.0, 120.0))
        values = self._kpis(self.wc_cut, user=self.inspector)[self.wc_cut.id]
        self.assertAlmostEqual(values["copq_rework_hours"], 1.0)
        self.assertAlmostEqual(values["copq_rework_cost"], 90.0)
        self.assertAlmostEqual(values["copq_total_cost"], 90.0)
        since = now - timedelta(days=15)
        values = self._kpis(self.wc_cut, user=self.inspector, since=since)
        self.assertAlmostEqual(values[self.wc_cut.id]["copq_rework_cost"], 60.0)

    def test_rework_cell_costs_are_the_failing_work_center_s(self):
        """A work center that only reworks: the rework's cost, at the cell's
        cost per hour, is the cost of poor quality of the work center where
        the failure was found, not the cell's."""
        cell = self.env["mrp.workcenter"].create(
            {"name": "QPS Rework Cell", "costs_hour": 90.0}
        )
        self.checkpoint.rework_workcenter_id = cell
        self.wc_cut.costs_hour = 10.0
        rework = self._rework(
            self._create_mo(qty=4), fields.Datetime.now() - timedelta(days=2), 20
        )
        self.assertEqual(rework.workcenter_id, cell)
        kpis = self._kpis(cell | self.wc_cut, user=self.inspector)
        self.assertEqual(kpis[cell.id]["copq_total_cost"], 0.0)
        self.assertAlmostEqual(kpis[cell.id]["expected_time"], 20.0)
        self.assertAlmostEqual(kpis[self.wc_cut.id]["copq_rework_cost"], 30.0)

    def test_products_without_a_cost(self):
        """A product never given a cost, scrapped, and a rework on a work
        center without a cost per hour: the quantities and hours count, the
        amounts are 0 (no error), the OEE is as without costs."""
        self.assertFalse(self.product.standard_price)
        self.assertFalse(self.wc_cut.costs_hour)
        scrap_check = self._create_checkpoint(name="Burr", on_failure="scrap")
        production = self._create_mo(qty=5)
        self._fail(self._inspection(production, scrap_check), 2)
        self._rework(production, fields.Datetime.now() - timedelta(days=1), 20)
        self._pass_all(production)
        self._mark_done(production)
        values = self._kpis(self.wc_cut, user=self.inspector)[self.wc_cut.id]
        self.assertEqual(values["copq_scrap_qty"], 2.0)
        self.assertAlmostEqual(values["copq_rework_hours"], 20 / 60)
        for key in ("scrap_cost", "rework_cost", "component_cost", "total_cost"):
            self.assertEqual(values[f"copq_{key}"], 0.0, key)
        self.assertEqual(values["units_good"], 3.0)
        self.assertAlmostEqual(values["quality"], 60.0)
        nonconformances = production.inspection_ids.nonconformance_id
        self.assertEqual(len(nonconformances), 2)
        self.assertEqual(
            nonconformances.with_user(self.inspector).mapped("copq_total_cost"),
            [0.0, 0.0],
        )
        # Odoo's fallback: a rework done while its work center had no cost
        # takes the work center's current one, once it has one.
        self.wc_cut.costs_hour = 60.0
        values = self._kpis(self.wc_cut, user=self.inspector)[self.wc_cut.id]
        self.assertAlmostEqual(values["copq_rework_cost"], 20.0)


class TestOeeQueries(OeeCase):
    def _workcenters(self, count):
        workcenters = self.env["mrp.workcenter"].create(
            [{"name": f"QPS OEE {index}"} for index in range(count)]
        )
        for workcenter in workcenters:
            self._log(workcenter, "productive", 30)
            self._log(workcenter, "availability", 5)
        return workcenters

    def test_queries_do_not_grow_with_work_centers(self):
        production = self._create_mo(qty=3)
        self._pass_all(production)
        self._mark_done(production)
        few = self._workcenters(5) | self.wc_cut
        many = self._workcenters(50) | self.wc_cut
        for user in (self.operator, self.inspector):
            with self.subTest(user=user.login):
                # The caches of the access rules, filled.
                self._count_queries(lambda u=user: self._kpis(many, user=u))
                counts = [
                    self._count_queries(
                        lambda wcs=workcenters, u=user: self._kpis(wcs, user=u)
                    )
                    for workcenters in (few, many)
                ]
                self.assertEqual(counts[0], counts[1])

    def test_kanban_cards_cost_the_same_for_5_or_50_work_centers(self):
        spec = {
            name: {}
            for name in (
                "quality_oee",
                "quality_oee_availability",
                "quality_oee_performance",
                "quality_oee_quality",
                "quality_planned_time",
                "quality_run_time",
                "quality_units_made",
                "quality_pass_rate",
            )
        }
        Workcenter = self.env["mrp.workcenter"].with_user(self.operator)
        # The caches of the access rules, filled.
        self._count_queries(lambda: Workcenter.web_search_read([], spec))
        counts = []
        for count in (5, 50):
            workcenters = self._workcenters(count)
            domain = [("id", "in", workcenters.ids)]
            counts.append(
                self._count_queries(
                    lambda d=domain: Workcenter.web_search_read(d, spec)
                )
            )
        self.assertEqual(counts[0], counts[1])


class TestOeeNewWorkcenter(OeeCase):
    def test_new_work_center_form(self):
        """A work center being created has no figure yet, and its form opens."""
        form = Form(self.env["mrp.workcenter"])
        form.name = "QPS New Cell"
        self.assertEqual(form.quality_oee, 0.0)
        workcenter = form.save()
        self.assertEqual(workcenter.quality_oee_availability, 0.0)
