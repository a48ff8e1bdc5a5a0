# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SPC queries read the figures of each subgroup stored on its inspection
when its measures are recorded (issue #28): the summaries, limits, capability,
chart subgroups and capability report equal, to 1e-9, what aggregating every
measure gave; the migration fills the figures of the inspections measured
before the same way."""

import importlib.util
import random

from odoo.exceptions import UserError
from odoo.tools import SQL, file_path

from ..hooks import post_init_hook
from ..models import quality_spc
from ..models.quality_spc_query import summary_from_row
from .spc_common import SpcCase
from .spc_published import PISTONRINGS

# How the summaries were computed before the figures were stored: every
# active measure aggregated, subgroup by subgroup, on each read.
MEASURES_SUMMARY_SQL = """
    WITH subgroup AS (
        SELECT i.id, i.checkpoint_id, i.workcenter_id, i.product_id,
               i.company_id, i.date_done,
               count(m.id) AS size, avg(m.value) AS mean,
               max(m.value) - min(m.value) AS spread,
               stddev_samp(m.value) AS stddev,
               sum(m.value) AS total, sum(m.value * m.value) AS squares
          FROM quality_inspection i
          JOIN quality_checkpoint c ON c.id = i.checkpoint_id
          JOIN quality_inspection_measure m ON m.inspection_id = i.id AND m.active
         WHERE i.state IN ('pass', 'fail') AND i.sample_size = c.spc_subgroup_size
           AND i.checkpoint_id IN %(ids)s
      GROUP BY i.id
    ), point AS (
        SELECT subgroup.*, abs(mean - lag(mean) OVER (
                   PARTITION BY {keys} ORDER BY date_done, id)) AS moving_range
          FROM subgroup
    )
    SELECT {keys}, count(*) AS subgroup_count, sum(size) AS measure_count,
           avg(mean) AS grand_mean, avg(spread) AS mean_range,
           avg(stddev) AS mean_stddev, avg(moving_range) AS mean_moving_range,
           sqrt(greatest(0, (sum(squares) - sum(total) * sum(total) / sum(size))
                / nullif(sum(size) - 1, 0))) AS stddev_overall
      FROM point
  GROUP BY {keys}
"""
FIGURES = (
    "subgroup_count",
    "measure_count",
    "grand_mean",
    "mean_range",
    "mean_stddev",
    "mean_moving_range",
    "stddev_overall",
)


class TestSpcStoredFigures(SpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        draw = random.Random(28)
        # X-bar-R (5 a subgroup) at two work centers' products, X-bar-S (12)
        # and individuals (1), on values far from zero (the sums of squares).
        cls.rings = cls._create_spc_checkpoint(
            operation_id=False, workcenter_id=cls.wc_cut.id
        )
        cls._record_subgroups(cls.rings, PISTONRINGS)
        cls._record_subgroups(cls.rings, PISTONRINGS[:8], bom=cls.other_bom)
        cls.shafts = cls._create_spc_checkpoint(
            name="Shaft length",
            sample_size=12,
            norm=1250.0,
            tolerance_min=1249.9,
            tolerance_max=1250.1,
        )
        cls._record_subgroups(
            cls.shafts,
            [
                [round(draw.gauss(1250.0, 0.02), 4) for __ in range(12)]
                for __ in "x" * 30
            ],
        )
        cls.bores = cls._create_spc_checkpoint(
            name="Bore",
            sample_size=1,
            norm=12.5,
            tolerance_min=12.4,
            tolerance_max=12.6,
        )
        cls.bore_inspections = cls._record_subgroups(
            cls.bores, [[round(draw.gauss(12.5, 0.01), 4)] for __ in range(40)]
        )
        cls.checkpoints = cls.rings | cls.shafts | cls.bores

    def _measures_summaries(self, keys=("checkpoint_id",)):
        """{key: Summary} as aggregated from every measure."""
        columns = ", ".join(keys)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                MEASURES_SUMMARY_SQL.format(keys=columns),
                ids=tuple(self.checkpoints.ids),
            )
        )
        return {
            tuple(row[key] for key in keys): summary_from_row(row)
            for row in self.env.cr.dictfetchall()
        }

    def assertSummaryEqual(self, summary, expected):
        for name in FIGURES:
            with self.subTest(figure=name):
                value, wanted = getattr(summary, name), getattr(expected, name)
                if wanted is None:
                    self.assertIsNone(value)
                else:
                    self.assertAlmostEqual(value, wanted, delta=1e-9)

    def test_summaries_equal_the_measures_aggregates(self):
        expected = self._measures_summaries()
        summaries = self.checkpoints._spc_read_summaries()
        self.assertEqual(len(summaries), 3)
        for checkpoint in self.checkpoints:
            with self.subTest(checkpoint=checkpoint.name):
                self.assertSummaryEqual(
                    summaries[checkpoint.id][0], expected[(checkpoint.id,)]
                )

    def test_summaries_per_work_center_and_product_equal_the_aggregates(self):
        keys = ("checkpoint_id", "workcenter_id", "product_id")
        expected = self._measures_summaries(keys)
        summaries = self.checkpoints._spc_read_summaries(keys=keys[1:])
        self.assertEqual(summaries.keys(), expected.keys())
        for key, (summary, __) in summaries.items():
            with self.subTest(key=key):
                self.assertSummaryEqual(summary, expected[key])

    def test_limits_and_capability_equal_those_of_the_aggregates(self):
        expected = self._measures_summaries()
        summaries = self.checkpoints._spc_read_summaries()
        for checkpoint in self.checkpoints:
            size = checkpoint.spc_subgroup_size
            summary, wanted = summaries[checkpoint.id][0], expected[(checkpoint.id,)]
            limits = quality_spc.control_limits(summary, size)
            figures = checkpoint._spc_capability(summary)
            wanted_figures = checkpoint._spc_capability(wanted)
            with self.subTest(checkpoint=checkpoint.name):
                for value, wanted_value in zip(
                    limits, quality_spc.control_limits(wanted, size), strict=True
                ):
                    self.assertAlmostEqual(value, wanted_value, delta=1e-9)
                for name in ("sigma_within", "sigma_overall", "cp", "cpk", "pp", "ppk"):
                    self.assertAlmostEqual(
                        figures[name], wanted_figures[name], delta=1e-9
                    )
        # What the Quality Manager freezes: these limits (to the fields' digits).
        self.rings.with_user(self.manager).action_compute_spc_limits()
        limits = quality_spc.control_limits(expected[(self.rings.id,)], 5)
        self.assertAlmostEqual(self.rings.spc_center_line, limits.center, delta=1e-6)
        self.assertAlmostEqual(self.rings.spc_ucl, limits.ucl, delta=1e-6)

    def test_capability_report_equals_the_aggregates(self):
        keys = ("checkpoint_id", "workcenter_id", "product_id", "company_id")
        expected = self._measures_summaries(keys)
        Report = self.env["quality.spc.capability"]
        self.env.cr.execute(
            SQL(
                "SELECT * FROM (%s) AS report WHERE checkpoint_id IN %s",
                Report._table_query,
                tuple(self.checkpoints.ids),
            )
        )
        rows = self.env.cr.dictfetchall()
        self.assertEqual(len(rows), len(expected))
        for row in rows:
            key = tuple(row[name] for name in keys)
            with self.subTest(key=key):
                self.assertSummaryEqual(summary_from_row(row), expected[key])
        self.assertEqual(
            len(Report.search([("checkpoint_id", "in", self.checkpoints.ids)])),
            len(expected),
        )

    def test_chart_subgroups_are_the_measures(self):
        inspections = self.bore_inspections[-10:]
        rows = self.bores._spc_read_subgroups(10, values=True)
        self.assertEqual([row["id"] for row in rows], inspections.ids)
        for row, inspection in zip(rows, inspections, strict=True):
            values = inspection.measure_ids.mapped("value")
            self.assertEqual(row["values"], values)
            self.assertAlmostEqual(row["mean"], sum(values) / len(values), delta=1e-9)
        rows = self.shafts._spc_read_subgroups(3, values=True)
        for row in rows:
            mean, spread, stddev = quality_spc.subgroup_stats(row["values"])
            self.assertAlmostEqual(row["mean"], mean, delta=1e-9)
            self.assertAlmostEqual(row["spread"], spread, delta=1e-9)
            self.assertAlmostEqual(row["stddev"], stddev, delta=1e-9)

    def test_reopened_inspection_leaves_the_subgroups_until_measured_again(self):
        inspection = self.bore_inspections[0]
        before = self.bores.spc_subgroup_count
        inspection.with_user(self.manager)._reopen("Gauge slipped")
        self.assertFalse(inspection.spc_size)
        self.bores.invalidate_recordset()
        self.assertEqual(self.bores.spc_subgroup_count, before - 1)
        inspection.with_user(self.inspector).do_measure([12.55])
        self.assertEqual(inspection.spc_size, 1)
        self.assertAlmostEqual(inspection.spc_mean, 12.55)
        self.assertSummaryEqual(
            self.bores._spc_read_summaries()[self.bores.id][0],
            self._measures_summaries()[(self.bores.id,)],
        )

    def test_figures_are_not_written_by_users(self):
        inspection = self.bore_inspections[0]
        for user in (self.inspector, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                inspection.with_user(user).write({"spc_mean": 99.0})
        inspection.invalidate_recordset()
        self.assertNotEqual(inspection.spc_mean, 99.0)

    def _forget_figures(self):
        """The figures recorded, then emptied as before the install."""
        columns = "spc_size, spc_mean, spc_range, spc_stddev, spc_sum, spc_sum_squares"
        query = f"SELECT id, {columns} FROM quality_inspection WHERE spc_size > 0"
        self.env.flush_all()
        self.env.cr.execute(query + " ORDER BY id")
        recorded = self.env.cr.fetchall()
        self.env.cr.execute(
            f"UPDATE quality_inspection SET ({columns}) = "
            "(NULL, NULL, NULL, NULL, NULL, NULL)"
        )
        return query, recorded

    def test_install_fills_the_figures_as_recording_does(self):
        query, recorded = self._forget_figures()
        post_init_hook(self.env)
        self.env.cr.execute(query + " ORDER BY id")
        self.assertEqual(self.env.cr.fetchall(), recorded)

    def test_migration_fills_the_figures_as_recording_does(self):
        query, recorded = self._forget_figures()
        path = file_path(
            "quality_progress_sync/migrations/18.0.1.6.0/post-migration.py"
        )
        spec = importlib.util.spec_from_file_location("qps_migration_1_6", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.5.0")
        self.env.cr.execute(query + " ORDER BY id")
        self.assertEqual(self.env.cr.fetchall(), recorded)

    def test_capability_report_computes_the_view_once(self):
        """Read as a user under the company rule: the rows and what the
        rule checks come from one run of the view."""
        Report = self.env["quality.spc.capability"].with_user(self.operator)
        # This test's four rows, and those of the database (a demo one has its
        # own checkpoint).
        expected = Report.search_count([])
        self.assertGreaterEqual(expected, 4)
        self.env.flush_all()
        self.env.invalidate_all()
        spec = {name: {} for name in ("subgroup_count", "grand_mean", "cpk")}
        with self._capture_statements() as statements:
            result = Report.web_search_read([], spec)
        runs = [query for query in statements if "WITH point AS" in query]
        self.assertEqual(result["length"], expected)
        self.assertEqual(len(runs), 1)
