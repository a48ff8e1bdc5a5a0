# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What stays bounded when a plant's history grows (issue #28): the
escalation cron, recording a result, the work-center KPIs cost a number of
queries that does not depend on how many records there are. The timings at
scale are measured by a benchmark, not here."""

from datetime import timedelta

from odoo import fields

from .common import QualityProgressCase


class TestEscalationBudget(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Nonconformance = cls.env["quality.nonconformance"]

    def _overdue(self, count):
        """``count`` nonconformances, each with one action past its deadline."""
        nonconformances = self.Nonconformance.create(
            [
                {"title": f"Late {index}", "responsible_id": self.manager.id}
                for index in range(count)
            ]
        )
        self.env["quality.nonconformance.action"].create(
            [
                {
                    "nonconformance_id": nc.id,
                    "name": f"Fix {nc.title}",
                    "responsible_id": self.operator.id,
                    "deadline": fields.Date.today() - timedelta(days=1),
                }
                for nc in nonconformances
            ]
        )
        return nonconformances

    def _escalations(self, nonconformances):
        """The escalation activities of ``nonconformances``."""
        return nonconformances.activity_ids.filtered(
            lambda a: a.summary.startswith("Escalated")
        )

    def _escalate(self, count):
        """Queries of the cron escalating ``count`` overdue actions."""
        nonconformances = self._overdue(count)
        queries = self._count_queries(self.Nonconformance._cron_escalate_actions)
        self.assertTrue(all(nonconformances.action_ids.mapped("escalated")))
        return queries

    def test_escalation_costs_the_same_for_2_or_20_overdue_actions(self):
        self._escalate(2)  # warm the caches up
        self.assertEqual(self._escalate(2), self._escalate(20))

    def test_escalation_notes_each_and_notifies_each_manager_once(self):
        nonconformances = self._overdue(3)
        Message = self.env["mail.message"]
        before = Message.search([("partner_ids", "in", self.manager.partner_id.ids)])
        self.Nonconformance._cron_escalate_actions()
        for nc in nonconformances:
            self.assertIn("past its deadline", nc.message_ids[0].body)
            self.assertEqual(len(self._escalations(nc)), 1)
        notices = (
            Message.search([("partner_ids", "in", self.manager.partner_id.ids)])
            - before
            - nonconformances.message_ids
        )
        self.assertEqual(len(notices), 1)
        for nc in nonconformances:
            self.assertIn(nc.name, notices.body)

    def test_escalation_cap_carries_the_rest_to_the_next_run(self):
        nonconformances = self._overdue(5)
        actions = nonconformances.action_ids
        first = self.Nonconformance._cron_escalate_actions(limit=3)
        self.assertEqual(first, actions.sorted("id")[:3])
        second = self.Nonconformance._cron_escalate_actions(limit=3)
        self.assertEqual(second, actions.sorted("id")[3:])
        self.assertFalse(self.Nonconformance._cron_escalate_actions(limit=3))
        self.assertEqual(len(self._escalations(nonconformances)), 5)


class TestRecordingBudget(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Burr", operation_id=cls.op_cut.id)
        # The work center's history: inspections passed and failed on an
        # earlier order (the pass rate stays above its target).
        cls.history = cls._create_mo()
        cls.env["ir.config_parameter"].set_param(
            "quality_progress_sync.pass_rate_target", 50.0
        )
        cls.wc_cut.pass_rate_target = 50.0

    def _add_history(self, count):
        workorder = self._workorder(self.history, self.op_cut)
        inspections = (
            self.env["quality.inspection"]
            .sudo()
            .create([self.checkpoint._prepare_inspection_vals(workorder)] * count)
        )
        inspections.write({"state": "pass", "date_done": fields.Datetime.now()})
        inspections[:1].write({"state": "fail"})

    def _record_queries(self):
        """Queries of passing the inspection of a new order's Cut."""
        production = self._create_mo()
        inspection = self._workorder(production, self.op_cut).inspection_ids
        inspection = inspection.with_user(self.manager)
        queries = self._count_queries(inspection.do_pass)
        self.assertEqual(inspection.state, "pass")
        return queries

    def test_recording_costs_the_same_after_10_or_200_inspections(self):
        self._add_history(10)
        self._record_queries()  # warm the caches up
        few = self._record_queries()
        self._add_history(190)
        self.assertEqual(few, self._record_queries())


class TestKpiBudget(QualityProgressCase):
    def _kpi_queries(self, count):
        """Queries of the 30-day KPIs of ``count`` new work centers and the
        three of the BoM."""
        workcenters = self.env["mrp.workcenter"].create(
            [{"name": f"KPI {count} {index}"} for index in range(count)]
        )
        workcenters |= self.wc_cut | self.wc_weld | self.wc_paint

        def read():
            workcenters.read(["quality_pass_rate", "first_pass_yield", "on_time_rate"])

        return self._count_queries(read)

    def test_kpis_cost_the_same_for_5_or_50_work_centers(self):
        self._create_checkpoint(name="Burr", operation_id=self.op_cut.id)
        self._pass_all(self._create_mo())
        self._kpi_queries(5)  # warm the caches up
        self.assertEqual(self._kpi_queries(5), self._kpi_queries(50))


class XlsxBudgetCase(QualityProgressCase):
    """Orders with a measured and a pass/fail checkpoint; a module of the
    repository adds to the measured checkpoint's values (``bore``)."""

    bore = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_checkpoint(
            name="Bore",
            operation_id=cls.op_cut.id,
            check_type="measure",
            sample_size=3,
            norm=10.0,
            tolerance_min=9.9,
            tolerance_max=10.1,
            **cls.bore,
        )
        cls._create_checkpoint(name="Weld seam", operation_id=cls.op_weld.id)

    def _xlsx_queries(self, count):
        """Queries of the workbook of the work orders of ``count`` orders,
        their inspections passed but one failed."""
        productions = self.env["mrp.production"]
        for __ in range(count):
            productions |= self._create_mo()
        self._pass_all(productions[1:])
        inspections = productions[0].workorder_ids.inspection_ids
        inspections.filtered(lambda i: i.check_type == "measure").with_user(
            self.manager
        ).do_measure([10.0, 10.5, 10.0])
        Report = self.env["report.quality_progress_sync.progress_quality_xlsx"]
        workorders = productions.workorder_ids
        return self._count_queries(lambda: Report._generate_xlsx(workorders))


class TestXlsxBudget(XlsxBudgetCase):
    def test_xlsx_costs_the_same_for_2_or_10_orders(self):
        self._xlsx_queries(2)  # warm the caches up
        self.assertEqual(self._xlsx_queries(2), self._xlsx_queries(10))
