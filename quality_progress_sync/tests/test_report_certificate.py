# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .test_report_inspection_record import (
    CERTIFICATE,
    ReportCase,
    html_text,
    pdf_text,
)


# An HttpCase: wkhtmltopdf reads the report's assets from the server, which
# under odoo-bin serves them only in test mode (else it waits for the lock
# of the registries, held while the tests run).
@tagged("post_install", "-at_install")
class TestReportCertificate(HttpCase, ReportCase):
    def _finish_with_concession(self):
        self._inspection(self.final).with_user(self.manager).action_set_disposition(
            "concession", "Cosmetic scratch, accepted by the customer"
        )
        self._pass_all(self.production)
        self._mark_done(self.production)
        self.assertEqual(self.production.state, "done")

    def test_refused_for_an_undecided_failure(self):
        final = self._inspection(self.final)
        with self.assertRaises(UserError) as refused:
            self.env["ir.actions.report"].with_user(self.inspector)._render_qweb_html(
                CERTIFICATE, self.production.ids
            )
        message = str(refused.exception)
        self.assertIn(final.name, message)
        self.assertIn("decision", message)
        self.assertIn("is not done", message)

    def test_refused_to_operators(self):
        self._finish_with_concession()
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.operator)._render_qweb_html(
                CERTIFICATE, self.production.ids
            )

    def test_issued_for_a_done_order(self):
        self._finish_with_concession()
        report = self.env["ir.actions.report"].with_user(self.inspector)
        content, __ = report._render_qweb_html(CERTIFICATE, self.production.ids)
        text = html_text(content)
        for value in (
            "Certificate of Conformity",
            self.production.name,
            self.product.name,
            self.lot.name,
            f"Released By {self.inspector.name}",
            "Date and signature",
            "Deviations accepted under concession",
            "Cosmetic scratch, accepted by the customer",
            self._inspection(self.final).name,
        ):
            self.assertIn(value, text)

    def test_pdf_a4_and_letter(self):
        report = self.env["ir.actions.report"]
        if report.get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        self._finish_with_concession()
        report = report.with_user(self.inspector).with_context(
            force_report_rendering=True
        )
        for paperformat in ("base.paperformat_euro", "base.paperformat_us"):
            with self.subTest(paperformat=paperformat):
                self.company.paperformat_id = self.env.ref(paperformat)
                pdf, __ = report._render_qweb_pdf(CERTIFICATE, self.production.ids)
                self.assertTrue(pdf.startswith(b"%PDF"))
                text = pdf_text(pdf)
                if text is not None:
                    self.assertIn("Certificate of Conformity", text)
                    self.assertIn(self.production.name, text)
