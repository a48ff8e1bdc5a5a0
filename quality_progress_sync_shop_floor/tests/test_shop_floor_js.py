# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The add-on's JavaScript unit tests (static/tests/*.test.js, Odoo's hoot in
``web.assets_unit_tests``), run in a browser as Odoo runs its own
(web/tests/test_js.py): only this add-on's suite, by its id."""

from odoo.addons.web.tests.test_js import unit_test_error_checker
from odoo.tests import HttpCase, no_retry, tagged

# The suite hoot makes of the add-on's test files.
SUITE = "@quality_progress_sync_shop_floor"


def hoot_job_id(name):
    """The id hoot gives a suite or a test, from its full name (as
    web/tests/test_js.py, ``HOOTCommon._generate_hash``)."""
    value = 0
    for char in name:
        value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


@tagged("post_install", "-at_install")
class TestShopFloorUnit(HttpCase):
    def test_hoot_job_id(self):
        # The ids Odoo's own test checks.
        self.assertEqual(hoot_job_id("@web/core"), "e39ce9ba")
        self.assertEqual(hoot_job_id("@web/core/autocomplete"), "69a6561d")

    def _run_suite(self, preset):
        self.browser_js(
            f"/web/tests?headless&loglevel=2&preset={preset}&timeout=15000"
            f"&id={hoot_job_id(SUITE)}",
            "",
            "",
            login="admin",
            timeout=1800,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=unit_test_error_checker,
        )

    @no_retry
    def test_unit_tests_desktop(self):
        self._run_suite("desktop")

    @no_retry
    def test_unit_tests_mobile(self):
        """The same tests on a phone's screen (hoot's mobile preset)."""
        self._run_suite("mobile")
