# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The containment figures of the work centers, read by an operator (the
lowest group that sees the work-center KPIs), from the one KPI engine."""

from datetime import timedelta

from freezegun import freeze_time

from .containment_common import ContainmentCase, at

FIELDS = ["open_containment_count", "containment_held_qty", "containment_age_days"]
SECOND = 1 / 86400


class TestWorkcenterContainmentKpi(ContainmentCase):
    """On the cutting center: LOT-HELD (2) and LOT-OTHER (3) made between
    the last passed patrol and the failed one, whose order (5) still runs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make(cls.shaft, 5, at(8), at(9), "LOT-PASSED")
        cls.held = cls._make(cls.shaft, 2, at(9, 30), at(10), "LOT-HELD")
        cls.other = cls._make(cls.shaft, 3, at(10), at(10, 30), "LOT-OTHER")
        cls.failing = cls._start(cls.shaft, 5, at(12, 30))
        cls._record(cls.failing, at(13), "fail")
        cls.containment = cls._containment(cls.failing)
        cls.opened = cls.containment.create_date
        lines = cls.containment.line_ids
        cls.other_line = lines.filtered(lambda line: line.lot_id == cls.other)

    def _read(self, workcenters, when):
        """The figures of ``workcenters`` as the operator reads them at
        ``when``: {work center: (count, held, age)}."""
        with freeze_time(when):
            rows = workcenters.with_user(self.operator).read(FIELDS)
        return {row["id"]: tuple(row[name] for name in FIELDS) for row in rows}

    def test_figures_of_the_work_center(self):
        figures = self._read(
            self.wc_cut | self.wc_weld, self.opened + timedelta(days=2, hours=12)
        )
        count, held, age = figures[self.wc_cut.id]
        self.assertEqual((count, held), (1, 10))
        # Datetimes count whole seconds.
        self.assertAlmostEqual(age, 2.5, delta=SECOND)
        self.assertEqual(figures[self.wc_weld.id], (0, 0, 0))

    def test_a_decided_lot_is_no_longer_held(self):
        self.other_line.with_user(self.manager).action_scrap("Cracked")
        count, held, __ = self._read(self.wc_cut, self.opened)[self.wc_cut.id]
        self.assertEqual((count, held), (1, 7))

    def test_closed_containment_counts_no_more(self):
        lines = self.containment.line_ids
        (lines - self.other_line).filtered("lot_id").with_user(
            self.manager
        ).action_scrap("Cracked")
        self.other_line.with_user(self.manager).action_scrap("Cracked")
        running = lines.filtered(lambda line: not line.lot_id)
        self._reinspect(running).with_user(self.inspector).do_pass()
        running.with_user(self.manager).action_release("Passed")
        self.assertEqual(self.containment.state, "closed")
        self.assertEqual(
            self._read(self.wc_cut, self.opened)[self.wc_cut.id], (0, 0, 0)
        )

    def test_report_scope_is_its_work_orders(self):
        Workcenter = self.env["mrp.workcenter"].with_user(self.operator)
        failed = [("id", "in", self.failing.workorder_ids.ids)]
        kpis = Workcenter.browse(self.wc_cut.id)._get_quality_kpis(
            workorder_domain=failed
        )
        self.assertEqual(kpis[self.wc_cut.id]["open_containments"], 1)
        self.assertEqual(kpis[self.wc_cut.id]["held_qty"], 10)
        others = [("id", "not in", self.failing.workorder_ids.ids)]
        kpis = Workcenter.browse(self.wc_cut.id)._get_quality_kpis(
            workorder_domain=others
        )
        self.assertEqual(kpis[self.wc_cut.id]["open_containments"], 0)
        self.assertEqual(kpis[self.wc_cut.id]["containment_age_days"], 0)

    def test_kanban_card_shows_them(self):
        action = self.env.ref(
            "quality_progress_sync.quality_workcenter_kpi_menu"
        ).action
        arch = (
            self.env[action.res_model]
            .with_user(self.operator)
            .get_views([(action.view_id.id, "kanban")])["views"]["kanban"]["arch"]
        )
        self.assertIn('t-if="record.open_containment_count.raw_value"', arch)

    def test_queries_do_not_grow_with_work_centers(self):
        # A containment on a second work center too.
        self._make(
            self.shaft, 5, at(14), at(15), "LOT-2-PASSED", workcenter=self.wc_cut_2
        )
        self._make(
            self.shaft, 2, at(15), at(16), "LOT-2-HELD", workcenter=self.wc_cut_2
        )
        failing = self._start(self.shaft, 5, at(16, 30), workcenter=self.wc_cut_2)
        self._record(failing, at(17), "fail")
        self.assertEqual(self._containment(failing).workcenter_id, self.wc_cut_2)

        def queries(count):
            workcenters = self.env["mrp.workcenter"].create(
                [{"name": f"QPS KPI {count} {index}"} for index in range(count)]
            )
            workcenters |= self.wc_cut | self.wc_cut_2
            return self._count_queries(
                lambda: workcenters.with_user(self.operator).read(FIELDS)
            )

        queries(5)  # warm the caches up
        self.assertEqual(queries(5), queries(50))
        figures = self._read(self.wc_cut | self.wc_cut_2, self.opened)
        self.assertEqual(figures[self.wc_cut_2.id][:2], (1, 2 + 5))
