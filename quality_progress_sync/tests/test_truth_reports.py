# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The certificate of conformity and the inspection record of an order tell
the same figures, to the same precision, and the certificate names who
released it (issue #24)."""

import re

from odoo.tests import tagged

from .test_report_inspection_record import CERTIFICATE, RECORD, ReportCase, html_text

COUNTS = re.compile(r"Passed: (\d+) Failed: (\d+) To Do: (\d+)")


@tagged("post_install", "-at_install")
class TestCertificateAndRecordAgree(ReportCase):
    def setUp(self):
        super().setUp()
        self._inspection(self.final).with_user(self.manager).action_set_disposition(
            "concession", "Cosmetic scratch, accepted by the customer"
        )
        self._pass_all(self.production)
        self._mark_done(self.production)
        self.assertEqual(self.production.state, "done")

    def _render(self, report, user):
        content, __ = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, self.production.ids)
        )
        return html_text(content)

    def test_same_inspection_counts(self):
        certificate = COUNTS.findall(self._render(CERTIFICATE, self.inspector))
        record = COUNTS.findall(self._render(RECORD, self.inspector))
        inspections = self.production.inspection_ids
        expected = tuple(
            str(len(inspections.filtered(lambda i, s=state: i.state == s)))
            for state in ("pass", "fail", "todo")
        )
        self.assertEqual(certificate, [expected])
        self.assertEqual(record, [expected])

    def test_same_quantities_to_the_same_precision(self):
        uom = self.production.product_uom_id.name
        certificate = self._render(CERTIFICATE, self.inspector)
        record = self._render(RECORD, self.inspector)
        self.assertIn(f"Quantity 5.00 {uom}", certificate)
        self.assertIn(f"Quantity 5.00 {uom} Produced: 5.00 {uom}", record)
        self.assertNotIn("5.0 ", certificate)

    def test_released_by_who_issues_it(self):
        self.assertNotEqual(self.production.user_id, self.manager)
        certificate = self._render(CERTIFICATE, self.manager)
        self.assertIn(f"Released By {self.manager.name}", certificate)
        self.assertNotIn(self.production.user_id.name, certificate)
