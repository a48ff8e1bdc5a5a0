# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import HttpCase, tagged

from .spc_common import SpcCase
from .spc_published import PISTONRINGS


@tagged("post_install", "-at_install")
class TestSpcChartTour(HttpCase, SpcCase):
    """The control chart in a browser: opened from the checkpoint, the point
    beyond the upper limit red, its rule in its tooltip and in the signals."""

    def test_spc_chart_tour(self):
        admin = self.env.ref("base.user_admin")
        checkpoint = self._create_spc_checkpoint()
        self._record_subgroups(checkpoint, PISTONRINGS, user=admin)
        checkpoint.with_user(admin).action_compute_spc_limits()
        drift = self._record_subgroups(
            checkpoint, [(74.018, 74.020, 74.022, 74.019, 74.021)], user=admin
        )
        self.assertEqual(drift.spc_signal_ids.rule, "nelson_1")

        self.start_tour(
            "/odoo/action-quality_progress_sync.quality_checkpoint_action/"
            f"{checkpoint.id}",
            "quality_progress_sync_spc_chart_tour",
            login="admin",
        )
