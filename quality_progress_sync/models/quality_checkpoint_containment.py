# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whether a checkpoint's failures bracket a containment, split by concern
from quality_checkpoint.py."""

from odoo import fields, models

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
