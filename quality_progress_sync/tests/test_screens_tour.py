# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The office dialogs in a browser, on a tablet: the disposition dialog of
an inspector (nothing chosen, no concession offered); printing without
wkhtmltopdf (a refused certificate is a dialog with its reason, the
inspection record shows in the browser after a plain message)."""

from odoo.tests import HttpCase, tagged

from .common import QualityProgressCase


@tagged("post_install", "-at_install")
class TestScreensTour(HttpCase, QualityProgressCase):
    browser_size = "1024x768"
    touch_enabled = True

    def test_disposition_tour(self):
        self._create_checkpoint(name="Tour check", on_failure="alert")
        production = self._create_mo()
        inspection = self._workorder(production, self.op_cut).inspection_ids
        inspection.with_user(self.inspector).do_fail("Burr")
        self.start_tour(
            "/odoo/action-quality_progress_sync.quality_inspection_action/"
            f"{inspection.id}",
            "quality_progress_sync_disposition_tour",
            login=self.inspector.login,
        )
        self.assertEqual(inspection.disposition, "scrap")
        self.assertEqual(inspection.disposition_user_id, self.inspector)

    def test_print_tour(self):
        self._create_checkpoint(name="Tour check")
        production = self._create_mo()
        self.inspector.groups_id += self.env.ref("mrp.group_mrp_user")
        # As on a server without wkhtmltopdf.
        self.patch(
            type(self.env["ir.actions.report"]),
            "get_wkhtmltopdf_state",
            lambda report: "install",
        )
        self.start_tour(
            f"/odoo/action-mrp.mrp_production_action/{production.id}",
            "quality_progress_sync_print_tour",
            login=self.inspector.login,
        )
