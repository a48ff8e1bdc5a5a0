# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An SPC signal brackets too when its checkpoint asks for it: once for a
drift, while its containment is open."""

from odoo.exceptions import ValidationError

from .spc_common import SpcCase
from .spc_published import PISTONRINGS
from .test_spc_signals import HIGH_MEAN


class TestContainmentSpc(SpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_spc_checkpoint(
            containment_policy="window", containment_on_spc_signal=True
        )
        cls.history = cls._record_subgroups(cls.checkpoint, PISTONRINGS)
        cls.checkpoint.with_user(cls.manager).action_compute_spc_limits()

    def _containments(self):
        return self.env["quality.containment"].search(
            [("checkpoint_id", "=", self.checkpoint.id)]
        )

    def test_a_signal_opens_one_containment(self):
        inspection = self._record_subgroups(self.checkpoint, [HIGH_MEAN])
        containment = self._containments()
        self.assertEqual(containment.trigger, "spc_signal")
        self.assertEqual(containment.inspection_id, inspection)
        self.assertEqual(containment.window_inspection_id, self.history[-1])
        self.assertEqual(containment.line_ids.production_id, inspection.production_id)
        self.assertTrue(inspection.production_id.quality_containment_hold)
        self._record_subgroups(self.checkpoint, [HIGH_MEAN])
        self.assertEqual(self._containments(), containment, "one per drift")

    def test_no_containment_when_the_checkpoint_does_not_ask(self):
        self.checkpoint.containment_on_spc_signal = False
        self._record_subgroups(self.checkpoint, [HIGH_MEAN])
        self.assertFalse(self._containments())

    def test_signals_contain_only_with_a_policy(self):
        with self.assertRaises(ValidationError):
            self.checkpoint.containment_policy = "none"
