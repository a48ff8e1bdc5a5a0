# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import shutil
import subprocess
import tempfile
from pathlib import Path

from lxml import html

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import QualityProgressCase

RECORD = "quality_progress_sync.action_report_inspection_record"
RECORD_LOT = "quality_progress_sync.action_report_inspection_record_lot"
RECORD_INSPECTION = "quality_progress_sync.action_report_inspection_record_qi"
CERTIFICATE = "quality_progress_sync.action_report_quality_certificate"


def html_text(content):
    """The text of a rendered report, whitespace collapsed."""
    return " ".join(html.fromstring(content).text_content().split())


def pdf_text(pdf):
    """The text of a PDF with poppler's pdftotext; None without poppler, or
    when the PDF carries no font: a wkhtmltopdf built on an unpatched Qt
    (Debian's) draws text in web fonts as shapes."""
    if not (shutil.which("pdftotext") and shutil.which("pdffonts")):
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, check=True
        ).stdout.decode()
        if len(fonts.strip().splitlines()) <= 2:
            return None
        result = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"],
            capture_output=True,
            check=True,
        )
    return " ".join(result.stdout.decode().split())


class ReportCase(QualityProgressCase):
    """The demo's flow on a lot-tracked shaft: a measured first article and
    an instruction (reopened once), a patrol failed then reworked and
    re-inspected, a photo cross-check, and a final inspection failed,
    waiting for a Quality Manager's decision."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.write({"is_storable": True, "tracking": "lot"})
        cls.diameter = cls._create_checkpoint(
            name="Shaft diameter",
            stage="first_article",
            check_type="measure",
            norm=25.0,
            tolerance_min=24.95,
            tolerance_max=25.05,
        )
        cls.offsets = cls._create_checkpoint(
            name="Tool offsets checked",
            stage="first_article",
            check_type="instructions",
        )
        cls.surface = cls._create_checkpoint(
            name="Surface finish",
            operation_id=cls.op_weld.id,
            stage="patrol",
            performer="inspector",
            on_failure="rework",
        )
        cls.photo = cls._create_checkpoint(
            name="Photo of the ground surface",
            operation_id=cls.op_weld.id,
            stage="patrol",
            performer="cross",
            check_type="photo",
            blocking=False,
        )
        cls.final = cls._create_checkpoint(
            name="Final visual inspection",
            operation_id=cls.op_paint.id,
            stage="final",
            performer="inspector",
            on_failure="alert",
        )

    def setUp(self):
        super().setUp()
        self.production = self._create_mo(qty=5)
        self.production.action_generate_serial()
        self.lot = self.production.lot_producing_id
        self._record_flow()

    def _inspection(self, checkpoint, state=None):
        inspections = self.production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        )
        if state:
            inspections = inspections.filtered(lambda i: i.state == state)
        return inspections.sorted("id")

    def _start(self, production, operation):
        """Start a work order as the operator: its first articles come."""
        self._workorder(production, operation).with_user(self.operator).button_start()

    def _record_flow(self):
        inspector = self.inspector
        self._start(self.production, self.op_cut)
        self._inspection(self.diameter).with_user(self.operator).do_measure([25.01])
        offsets = self._inspection(self.offsets)
        offsets.with_user(self.operator).do_pass()
        offsets.with_user(self.manager)._reopen("Offsets sheet was outdated")
        offsets.with_user(self.operator).do_pass()
        self._inspection(self.surface).with_user(inspector).do_fail(
            "Chatter marks on the bearing seat"
        )
        photo = self._inspection(self.photo)
        photo.with_user(inspector).picture = self._png()
        photo.with_user(inspector).do_pass()
        # The re-inspection judges the reworked pieces: once the rework runs.
        reinspection = self._inspection(self.surface, "todo")
        reinspection.workorder_id.with_user(self.operator).button_start()
        reinspection.with_user(inspector).do_pass()
        self._inspection(self.final).with_user(inspector).do_fail("Scratch on flange")

    def _render_html(self, report, records):
        content, __ = self.env["ir.actions.report"]._render_qweb_html(
            report, records.ids
        )
        return html_text(content)


# An HttpCase: wkhtmltopdf reads the report's assets from the server (see
# test_report_certificate.py).
@tagged("post_install", "-at_install")
class TestReportInspectionRecord(HttpCase, ReportCase):
    def test_every_inspection_measure_and_decision_is_printed(self):
        text = self._render_html(RECORD, self.production)
        for value in (
            "Inspection Record",
            self.production.name,
            self.product.name,
            self.lot.name,
            self.company.name,
        ):
            self.assertIn(value, text)
        for inspection in self.production.inspection_ids:
            self.assertIn(inspection.name, text)
            self.assertIn(inspection.checkpoint_id.name, text)
        for measure in self._inspection(self.diameter).measure_ids:
            self.assertIn(f"{measure.value:.4f}", text)
        for figure in ("25.0000", "24.9500", "25.0500", "In"):
            self.assertIn(figure, text)
        failed = self._inspection(self.surface, "fail")
        for value in (
            "Chatter marks on the bearing seat",
            "Rework",
            failed.disposition_reason,
            failed.nonconformance_id.name,
            failed.reinspection_ids.workorder_id.name,
            "Scratch on flange",
            "Disposition: waiting for a Quality Manager's decision",
            "Offsets sheet was outdated",
            self.operator.name,
            self.inspector.name,
            self.manager.name,
        ):
            self.assertIn(value, text)

    def test_out_of_tolerance_measure_is_marked_out(self):
        production = self._create_mo()
        self._start(production, self.op_cut)
        production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == self.diameter
        ).with_user(self.operator).do_measure([25.2])
        text = self._render_html(RECORD, production)
        self.assertIn("25.2000", text)
        self.assertIn("Out", text)

    def test_photo_printed_as_thumbnail(self):
        content, __ = self.env["ir.actions.report"]._render_qweb_html(
            RECORD, self.production.ids
        )
        images = html.fromstring(content).xpath("//img[@alt='Photo']")
        self.assertEqual(len(images), 1)
        self.assertTrue(images[0].get("src").startswith("data:image/"))

    def test_printed_from_the_lot(self):
        text = self._render_html(RECORD_LOT, self.lot)
        self.assertIn(self.lot.name, text)
        for inspection in self.production.inspection_ids:
            self.assertIn(inspection.name, text)

    def test_printed_from_inspections(self):
        other = self._create_mo()
        inspections = self._inspection(self.surface) | other.inspection_ids[:1]
        text = self._render_html(RECORD_INSPECTION, inspections)
        self.assertIn(self.production.name, text)
        self.assertIn(other.name, text)

    def test_printed_in_the_readers_language(self):
        for lang, title, failure in (
            ("zh_CN", "检验记录", "不合格原因"),
            ("zh_TW", "檢驗記錄", "不合格原因"),
        ):
            with self.subTest(lang=lang):
                self.env["res.lang"]._activate_lang(lang)
                self.env["ir.module.module"]._load_module_terms(
                    ["quality_progress_sync"], [lang]
                )
                content, __ = (
                    self.env["ir.actions.report"]
                    .with_context(lang=lang)
                    ._render_qweb_html(RECORD, self.production.ids)
                )
                text = html_text(content)
                self.assertIn(title, text)
                self.assertIn(failure, text)
                self.assertNotIn("Inspection Record", text)
                self.assertNotIn("Failure reason", text)

    def test_pdf_a4_and_letter(self):
        if not self.env["ir.actions.report"].get_wkhtmltopdf_state() == "ok":
            self.skipTest("wkhtmltopdf is not installed")
        for paperformat in ("base.paperformat_euro", "base.paperformat_us"):
            with self.subTest(paperformat=paperformat):
                self.company.paperformat_id = self.env.ref(paperformat)
                pdf, kind = (
                    self.env["ir.actions.report"]
                    .with_context(force_report_rendering=True)
                    ._render_qweb_pdf(RECORD, self.production.ids)
                )
                self.assertEqual(kind, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF"))
                text = pdf_text(pdf)
                if text is not None:
                    self.assertIn(self.production.name, text)
                    self.assertIn("Chatter marks on the bearing seat", text)


@tagged("post_install", "-at_install")
class TestLotSnapshot(ReportCase):
    def test_lot_kept_as_judged(self):
        diameter = self._inspection(self.diameter)
        self.assertEqual(diameter.lot_id, self.lot)
        todo = self.production.inspection_ids.filtered(lambda i: i.state == "todo")
        new_lot = self.env["stock.lot"].create(
            {"name": "QPS-LOT-2", "product_id": self.product.id}
        )
        self.production.lot_producing_id = new_lot
        self.assertEqual(diameter.lot_id, self.lot)
        self.assertFalse(todo.lot_id)
        text = self._render_html(RECORD_LOT, self.lot)
        self.assertIn(diameter.name, text)

    def test_lot_refused_to_users(self):
        other = self.env["stock.lot"].create(
            {"name": "QPS-LOT-3", "product_id": self.product.id}
        )
        with self.assertRaises(UserError):
            self._inspection(self.diameter).with_user(self.manager).write(
                {"lot_id": other.id}
            )
