# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The work centers' trend (issue #27): OEE and first-pass yield of each of
the last 12 weeks, from the one KPI engine (``_get_quality_kpis`` bounded by
``until``), in a constant number of queries, drawn on the KPI card."""

from datetime import datetime, timedelta

from freezegun import freeze_time
from lxml import etree

from .test_oee import OeeCase

# A Wednesday of ISO week 2026-W49 (Monday 2026-11-30).
NOW = "2026-12-02 12:00:00"


class TestQualityTrend(OeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Burr", on_failure="scrap")

    def _finish_cut(self, production, finished, expected):
        """Move the order's cut, done, to ``finished``, expecting
        ``expected`` minutes."""
        workorder = self._workorder(production, self.op_cut)
        self.assertEqual(workorder.state, "done")
        workorder.with_context(bypass_duration_calculation=True).write(
            {
                "date_start": finished - timedelta(hours=2),
                "date_finished": finished,
                "duration_expected": expected,
            }
        )
        return workorder

    def _log_at(self, loss_type, start, minutes, workorder=None):
        log = self._log(self.wc_cut, loss_type, minutes, workorder)
        log.write({"date_start": start, "date_end": start + timedelta(minutes=minutes)})
        log.duration = minutes

    def _build_two_weeks(self):
        """2026-W46: 10 units, all passed the first time, 60 minutes run
        for 60 expected: OEE 100 %, FPY 100 %. 2026-W49: 10 units, 2 failed
        and scrapped, 50 minutes run for 50 expected and 50 blocked: OEE
        50 % x 100 % x 80 % = 40 %, FPY 0 %."""
        good = self._create_mo(qty=10)
        self._pass_all(good)
        self._mark_done(good)
        bad = self._create_mo(qty=10)
        self._fail(bad.inspection_ids, 2)
        self._pass_all(bad)
        self._mark_done(bad)
        self._clear_logs(self.wc_cut)
        wo_good = self._finish_cut(good, datetime(2026, 11, 10, 10), 60)
        wo_bad = self._finish_cut(bad, datetime(2026, 12, 1, 10), 50)
        self._log_at("productive", datetime(2026, 11, 10, 8), 60, wo_good)
        self._log_at("productive", datetime(2026, 12, 1, 8), 50, wo_bad)
        self._log_at("availability", datetime(2026, 12, 1, 9), 50)

    def test_each_week_its_own_figures_and_gaps(self):
        self._build_two_weeks()
        with freeze_time(NOW):
            trend = self.wc_cut.with_user(self.operator)._get_quality_trend()
        points = trend[self.wc_cut.id]
        self.assertEqual(len(points), 12)
        self.assertEqual(points[-1]["week"], "2026-W49")
        self.assertEqual(points[-1]["start"], "2026-11-30")
        self.assertEqual(points[0]["week"], "2026-W38")
        by_week = {point["week"]: point for point in points}
        self.assertAlmostEqual(by_week["2026-W46"]["oee"], 100.0)
        self.assertAlmostEqual(by_week["2026-W46"]["fpy"], 100.0)
        self.assertAlmostEqual(by_week["2026-W49"]["oee"], 40.0)
        self.assertAlmostEqual(by_week["2026-W49"]["fpy"], 0.0)
        for week, point in by_week.items():
            if week not in ("2026-W46", "2026-W49"):
                self.assertIsNone(point["oee"], week)
                self.assertIsNone(point["fpy"], week)

    def test_the_engine_s_figures_of_each_week(self):
        """Each point is the engine's figure over its week, read by the
        card's field as well."""
        self._build_two_weeks()
        with freeze_time(NOW):
            workcenter = self.wc_cut.with_user(self.operator)
            trend = workcenter._get_quality_trend()[workcenter.id]
            weeks = workcenter._get_trend_weeks()
            workcenter.invalidate_recordset()
            self.assertEqual(workcenter.quality_trend, trend)
        for point, (label, start, end) in zip(trend, weeks, strict=True):
            values = workcenter._get_quality_kpis(since=start, until=end)
            values = values[workcenter.id]
            self.assertEqual(point["week"], label)
            self.assertEqual(point["oee"], values["oee"])
            self.assertEqual(point["fpy"], values["first_pass_yield"])

    def test_a_past_window_counts_no_open_work_order(self):
        """A work order still open, its inspection passed, counts in the
        rolling window (``since`` alone), not in a bounded week."""
        self._build_two_weeks()
        self._pass_all(self._create_mo())
        since = datetime(2026, 11, 30)
        workcenter = self.wc_cut.with_user(self.operator)
        with freeze_time(NOW):
            rolling = workcenter._get_quality_kpis(since=since)[workcenter.id]
            week = workcenter._get_quality_kpis(
                since=since, until=since + timedelta(weeks=1)
            )[workcenter.id]
        self.assertEqual(rolling["judged"], 2)
        self.assertAlmostEqual(rolling["first_pass_yield"], 50.0)
        self.assertEqual(week["judged"], 1)
        self.assertAlmostEqual(week["first_pass_yield"], 0.0)

    def _trend_queries(self, count):
        """Queries of the trend of ``count`` new work centers and the cut."""
        workcenters = self.env["mrp.workcenter"].create(
            [{"name": f"Trend {count} {index}"} for index in range(count)]
        )
        workcenters = (workcenters | self.wc_cut).with_user(self.operator)
        return self._count_queries(lambda: workcenters.read(["quality_trend"]))

    def test_trend_costs_one_engine_call_for_2_or_6_work_centers(self):
        self._build_two_weeks()
        with freeze_time(NOW):
            self._trend_queries(2)  # warm the caches up
            few = self._trend_queries(2)
            self.assertEqual(few, self._trend_queries(6))
            workcenters = self.wc_cut.with_user(self.operator)
            since = datetime(2026, 11, 30)
            engine = self._count_queries(
                lambda: workcenters._get_quality_kpis(
                    since=since, until=since + timedelta(weeks=1)
                )
            )
        # One engine call by day for the 12 weeks: no more queries than one
        # week's call (which also asks for the figures of now).
        self.assertLessEqual(few, engine)

    def test_card_draws_the_trend(self):
        action = self.env.ref("mrp.mrp_workcenter_kanban_action")
        views = (
            self.env["mrp.workcenter"]
            .with_user(self.operator)
            .get_views([(action.view_id.id, "kanban")])
        )
        arch = etree.fromstring(views["views"]["kanban"]["arch"])
        nodes = arch.xpath("//div[@name='quality_trend']/field[@name='quality_trend']")
        self.assertEqual(len(nodes), 1)
        self.assertEqual(nodes[0].get("widget"), "qps_quality_trend")

    def test_weeks_are_the_reader_s(self):
        """A week starts on Monday 00:00 where its reader is: in Shanghai
        (UTC+8) on Monday 04:00, the week is already the new one, and it
        began on Sunday 16:00 UTC; in UTC it is still Sunday."""
        workcenter = self.wc_cut.with_user(self.operator)
        shanghai = workcenter.with_context(tz="Asia/Shanghai")
        with freeze_time("2026-11-29 20:00:00"):
            local = shanghai._get_trend_weeks()
            utc = workcenter.with_context(tz="UTC")._get_trend_weeks()
            unknown = workcenter.with_context(tz="Mars/Olympus")._get_trend_weeks()
            trend = shanghai._get_quality_trend()[workcenter.id]
        self.assertEqual(
            local[-1],
            ("2026-W49", datetime(2026, 11, 29, 16), datetime(2026, 12, 6, 16)),
        )
        self.assertEqual(
            local[-2][1:], (datetime(2026, 11, 22, 16), datetime(2026, 11, 29, 16))
        )
        self.assertEqual(
            utc[-1], ("2026-W48", datetime(2026, 11, 23), datetime(2026, 11, 30))
        )
        self.assertEqual(unknown, utc)
        self.assertEqual(trend[-1]["week"], "2026-W49")
        self.assertEqual(trend[-1]["start"], "2026-11-30")

    def test_a_work_order_counts_in_its_reader_s_week(self):
        """The bad order's cut, finished on Sunday 2026-11-29 at 20:00 UTC,
        is Monday's in Shanghai: in W49 there, in W48 in UTC."""
        self._build_two_weeks()
        self._finish_cut(
            self.env["mrp.production"].search(
                [("product_id", "=", self.product.id)], order="id desc", limit=1
            ),
            datetime(2026, 11, 29, 20),
            50,
        )
        workcenter = self.wc_cut.with_user(self.operator)
        with freeze_time(NOW):
            local = workcenter.with_context(tz="Asia/Shanghai")._get_quality_trend()
            utc = workcenter.with_context(tz="UTC")._get_quality_trend()
        local = {point["week"]: point for point in local[workcenter.id]}
        utc = {point["week"]: point for point in utc[workcenter.id]}
        self.assertAlmostEqual(local["2026-W49"]["fpy"], 0.0)
        self.assertIsNone(local["2026-W48"]["fpy"])
        self.assertAlmostEqual(utc["2026-W48"]["fpy"], 0.0)
        self.assertIsNone(utc["2026-W49"]["fpy"])

    def test_a_past_week_asks_nothing_of_now(self):
        """Late work orders, open nonconformances and containments are
        figures of now: a trend week does not ask for them (fewer queries,
        left at 0), the same OEE and first-pass yield."""
        self._build_two_weeks()
        workcenter = self.wc_cut.with_user(self.operator)
        since = datetime(2026, 11, 30)
        until = since + timedelta(weeks=1)
        with freeze_time(NOW):
            workcenter._get_quality_kpis(since=since, until=until)  # warm up
            full = workcenter._get_quality_kpis(since=since, until=until)
            past = workcenter._get_quality_kpis(since=since, until=until, current=False)
            counts = [
                self._count_queries(
                    lambda c=current: workcenter._get_quality_kpis(
                        since=since, until=until, current=c
                    )
                )
                for current in (True, False)
            ]
        full, past = full[workcenter.id], past[workcenter.id]
        self.assertGreater(full["open_nonconformances"], 0)
        for key in ("late", "open_nonconformances", "open_containments", "held_qty"):
            self.assertEqual(past[key], 0, key)
        self.assertEqual(past["oee"], full["oee"])
        self.assertEqual(past["first_pass_yield"], full["first_pass_yield"])
        # At least one query each: late, open nonconformances, open
        # containments, held lots.
        self.assertGreaterEqual(counts[0] - counts[1], 4)

    def test_by_day_is_a_past_window(self):
        """The engine counts by day a past window only: with ``until`` and
        without the figures of now."""
        workcenter = self.wc_cut.with_user(self.operator)
        since = datetime(2026, 11, 30)
        with self.assertRaises(ValueError):
            workcenter._get_quality_kpis(since=since, current=False, by_day=True)
        with self.assertRaises(ValueError):
            workcenter._get_quality_kpis(
                since=since, until=since + timedelta(weeks=1), by_day=True
            )
