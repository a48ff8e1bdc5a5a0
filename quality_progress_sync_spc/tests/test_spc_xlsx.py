# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SPC sheets of the Progress & Quality workbook."""

import io

import xlsxwriter
from openpyxl import load_workbook

from .spc_common import SpcCase
from .spc_published import PISTONRINGS, QCC_PISTONRINGS

HIGH_MEAN = (74.018, 74.020, 74.022, 74.019, 74.021)
REPORT_MODEL = "report.quality_progress_sync.progress_quality_xlsx"


class TestSpcWorkbook(SpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_spc_checkpoint()
        cls.history = cls._record_subgroups(cls.checkpoint, PISTONRINGS)
        cls.checkpoint.with_user(cls.manager).action_compute_spc_limits()
        cls.drift = cls._record_subgroups(cls.checkpoint, [HIGH_MEAN])

    def _workbook(self, workorders=None):
        report = self.env[REPORT_MODEL]
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        inspections = (self.history | self.drift).with_env(self.env)
        checkpoints = report._get_spc_checkpoints(inspections)
        report._write_spc_sheets(
            workbook, report._get_formats(workbook), checkpoints, workorders
        )
        workbook.close()
        return load_workbook(io.BytesIO(output.getvalue()))

    def _find(self, sheet, text):
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == text:
                    return cell
        raise AssertionError(f"{text!r} not in {sheet.title}")

    def test_a_sheet_per_spc_checkpoint(self):
        book = self._workbook()
        self.assertEqual(book.sheetnames, ["SPC Ring diameter"])
        sheet = book["SPC Ring diameter"]
        location = self._find(sheet, "Location")
        self.assertAlmostEqual(
            sheet.cell(location.row, 4).value, QCC_PISTONRINGS["ucl"], delta=1e-5
        )
        used = self._find(sheet, "Subgroups used")
        self.assertEqual(sheet.cell(used.row, 2).value, 25)

    def test_the_sheet_lists_subgroups_signals_and_capability(self):
        sheet = self._workbook()["SPC Ring diameter"]
        first = self._find(sheet, self.history[0].name)
        self.assertAlmostEqual(sheet.cell(first.row, 10).value, 74.0102)
        drift_rows = [
            cell.row
            for row in sheet.iter_rows()
            for cell in row
            if cell.value == self.drift.name
        ]
        # The subgroup, then its signal.
        self.assertEqual(len(drift_rows), 2)
        self.assertIn("Nelson 1", sheet.cell(drift_rows[0], 15).value)
        self.assertIn("Nelson 1", sheet.cell(drift_rows[1], 3).value)
        overall = self._find(sheet, "All")
        self.assertEqual(sheet.cell(overall.row, 3).value, 26)

    def test_the_sheet_keeps_to_the_work_orders_of_the_report(self):
        sheet = self._workbook(self.history[:3].workorder_id)["SPC Ring diameter"]
        overall = self._find(sheet, "All")
        self.assertEqual(sheet.cell(overall.row, 3).value, 3)
        with self.assertRaises(AssertionError):
            self._find(sheet, self.drift.name)
