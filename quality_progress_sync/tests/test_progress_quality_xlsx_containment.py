# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Containments sheet of the "Progress & Quality" workbook, exported
by an inspector (the lowest group that exports it)."""

import base64
import io
from datetime import timedelta

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command

from .containment_common import ContainmentCase, at

REPORT_MODEL = "report.quality_progress_sync.progress_quality_xlsx"
SECOND = 1 / 86400
HEADER = [
    "Containment",
    "Status",
    "Opened on",
    "Age (days)",
    "Failed inspection",
    "Work center",
    "Operation",
    "Suspect since",
    "Suspect until",
    "Lot/Serial number",
    "Product",
    "Suspect quantity",
    "Unit",
    "Where now",
    "Decision",
    "Decided by",
    "Decided on",
]


class TestProgressQualityXlsxContainment(ContainmentCase):
    """LOT-HELD and LOT-OTHER made between the last passed patrol (9:00) and
    the failed one (13:00) of the turning on 2 March (UTC; the inspector
    works in UTC), with the order that failed still running."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspector.tz = "UTC"
        passed = cls._make(cls.shaft, 5, at(8), at(9), "LOT-PASSED")
        cls.held = cls._make(cls.shaft, 2, at(9, 30), at(10), "LOT-HELD")
        cls.other = cls._make(cls.shaft, 3, at(10), at(10, 30), "LOT-OTHER")
        cls.failing = cls._start(cls.shaft, 5, at(12, 30))
        cls._record(cls.failing, at(13), "fail")
        cls.containment = cls._containment(cls.failing)
        cls.opened = cls.containment.create_date
        cls.passed = passed
        lines = cls.containment.line_ids
        cls.line = lines.filtered(lambda line: line.lot_id == cls.held)
        cls.other_line = lines.filtered(lambda line: line.lot_id == cls.other)
        cls.running_line = lines.filtered(lambda line: not line.lot_id)

    def _export(self, when, **vals):
        """The workbook the inspector exports at ``when``."""
        vals.setdefault("date_from", "2026-03-01")
        vals.setdefault("date_to", "2026-03-31")
        # The shafts of the test only (demo data may have orders in March).
        vals.setdefault("product_ids", [Command.set(self.shaft.ids)])
        wizard = (
            self.env["quality.progress.report.wizard"]
            .with_user(self.inspector)
            .create(vals)
        )
        with freeze_time(when):
            wizard.action_export()
        return load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file)))

    def _rows(self, workbook):
        header, *rows = workbook["Containments"].iter_rows(values_only=True)
        self.assertEqual(list(header), HEADER)
        return [dict(zip(header, row, strict=True)) for row in rows]

    def _scrap(self, line, when):
        with freeze_time(when):
            line.with_user(self.manager).action_scrap("Cracked")

    def _export_other_scrapped(self):
        """The workbook 3.5 days after the opening, LOT-OTHER scrapped the
        day after it."""
        self._scrap(self.other_line, self.opened + timedelta(days=1))
        return self._export(self.opened + timedelta(days=3, hours=12))

    def test_a_row_per_suspect_lot(self):
        rows = self._rows(self._export_other_scrapped())
        self.assertEqual(
            [row["Lot/Serial number"] for row in rows], [None, "LOT-HELD", "LOT-OTHER"]
        )
        held = rows[1]
        self.assertEqual(held["Containment"], self.containment.name)
        self.assertEqual(held["Status"], "Open")
        self.assertAlmostEqual(
            held["Opened on"], self.opened, delta=timedelta(milliseconds=1)
        )
        # Datetimes count whole seconds.
        self.assertAlmostEqual(held["Age (days)"], 3.5, delta=SECOND)
        self.assertEqual(held["Failed inspection"], self.containment.inspection_id.name)
        self.assertEqual(held["Work center"], "QPS Cutting")
        self.assertEqual(held["Operation"], "QPS Shaft step")
        self.assertEqual(held["Suspect since"], at(9))
        self.assertEqual(held["Suspect until"], at(13))
        self.assertEqual(held["Product"], "QPS Shaft")
        self.assertEqual(held["Suspect quantity"], 2)
        self.assertEqual(held["Unit"], "Units")
        self.assertIn("2", held["Where now"])
        self.assertIn(self.stock.display_name, held["Where now"])
        self.assertIsNone(held["Decision"])
        self.assertIsNone(held["Decided by"])

    def test_decided_lot_and_running_order_rows(self):
        running, __, other = self._rows(self._export_other_scrapped())
        self.assertEqual(other["Lot/Serial number"], "LOT-OTHER")
        self.assertEqual(other["Decision"], "Scrap")
        self.assertEqual(other["Decided by"], self.manager.name)
        self.assertEqual(
            other["Decided on"],
            (self.opened + timedelta(days=1)).replace(microsecond=0),
        )
        self.assertNotIn(self.stock.display_name, other["Where now"])
        self.assertIsNone(running["Lot/Serial number"])
        self.assertEqual(running["Product"], "QPS Shaft")
        self.assertIn(self.failing.name, running["Where now"])

    def test_sheet_layout(self):
        sheet = self._export_other_scrapped()["Containments"]
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:Q4")
        self.assertEqual(sheet["C2"].number_format, "yyyy-mm-dd hh:mm")
        self.assertIn("to their closing", sheet["D1"].comment.text)

    def test_closed_containment_ages_until_its_closing(self):
        self._scrap(self.line | self.other_line, self.opened + timedelta(days=1))
        with freeze_time(self.opened + timedelta(days=2)):
            self._reinspect(self.running_line).with_user(self.inspector).do_pass()
            self.running_line.with_user(self.manager).action_release("Passed")
        self.assertEqual(self.containment.state, "closed")
        rows = self._rows(self._export(self.opened + timedelta(days=10)))
        self.assertEqual({row["Status"] for row in rows}, {"Closed"})
        for row in rows:
            self.assertAlmostEqual(row["Age (days)"], 2, delta=SECOND)
        self.assertEqual(
            [row["Decision"] for row in rows], ["Release", "Scrap", "Scrap"]
        )

    def test_containments_of_the_exported_work_orders_only(self):
        workbook = self._export(
            self.opened, date_from="2026-05-01", date_to="2026-05-31"
        )
        self.assertEqual(self._rows(workbook), [])
        Report = self.env[REPORT_MODEL].with_user(self.inspector)
        made = self.env["mrp.production"].search(
            [("lot_producing_id", "in", (self.passed | self.held).ids)]
        )
        for workorders, count in (
            # Made before the window: no containment.
            (made.filtered(lambda p: p.lot_producing_id == self.passed), 0),
            # A suspect lot's order, the failed order: every suspect lot.
            (made.filtered(lambda p: p.lot_producing_id == self.held), 3),
            (self.failing, 3),
        ):
            lines = Report._get_containment_lines(workorders.workorder_ids)
            self.assertEqual(len(lines), count)

    def _count_export_queries(self):
        wizard = (
            self.env["quality.progress.report.wizard"]
            .with_user(self.inspector)
            .create(
                {
                    "date_from": "2026-03-01",
                    "date_to": "2026-03-31",
                    "product_ids": [Command.set(self.shaft.ids)],
                }
            )
        )
        with freeze_time(self.opened):
            return self._count_queries(wizard.action_export)

    def test_queries_do_not_grow_with_the_suspect_lots(self):
        # Every kind of row already: running, in stock, decided.
        self._scrap(self.other_line, self.opened)
        self._count_export_queries()  # caches of the first export
        queries = self._count_export_queries()
        for minute in range(0, 50, 10):
            self._make(
                self.shaft, 1, at(14, minute), at(14, minute + 5), f"LOT-{minute}"
            )
        failing = self._start(self.shaft, 5, at(16))
        self._record(failing, at(16, 30), "fail")
        lines = self._containment(failing).line_ids
        self.assertGreaterEqual(len(lines), 5)
        self._scrap(lines.filtered("lot_id")[:2], self.opened)
        self.assertEqual(self._count_export_queries(), queries)
        rows = self._rows(self._export(self.opened))
        self.assertEqual(len(rows), 3 + len(lines))
