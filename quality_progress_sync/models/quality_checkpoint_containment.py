# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whether a checkpoint's failures bracket a containment, split by concern
from quality_checkpoint.py."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .quality_containment import CONTAINMENT_POLICIES


# One concern of the model per file (readme/DEVELOP.md): hence R8180.
class QualityCheckpoint(models.Model):
    _inherit = "quality.checkpoint"  # pylint: disable=R8180

    containment_policy = fields.Selection(
        CONTAINMENT_POLICIES,
        string="Containment",
        required=True,
        default="none",
        tracking=True,
        help="What a failed blocking patrol or final inspection holds: "
        "nothing more; what its operation made on its work center since the "
        "last inspection of this checkpoint that passed there (operation "
        "window); or that and what was made from it since (and downstream).",
    )
    containment_on_spc_signal = fields.Boolean(
        string="Contain on SPC Signal",
        tracking=True,
        help="An SPC signal of this checkpoint brackets too, as a failure does.",
    )

    @api.constrains("containment_policy", "containment_on_spc_signal")
    def _check_containment_on_spc_signal(self):
        for checkpoint in self:
            if (
                checkpoint.containment_on_spc_signal
                and checkpoint.containment_policy == "none"
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s: choose what a containment holds before "
                        "containing on SPC signals.",
                        name=checkpoint.name,
                    )
                )

    def _spc_act_on_signals(self, inspection, signals):
        res = super()._spc_act_on_signals(inspection, signals)
        if self.containment_on_spc_signal:
            self.env["quality.containment"]._open_for_signal(inspection)
        return res
