# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whether a checkpoint's failures bracket a containment, split by concern
from quality_checkpoint.py."""

from odoo import fields, models

CONTAINMENT_POLICIES = [
    ("none", "None"),
    ("window", "Operation window"),
    ("window_downstream", "Operation window and downstream"),
]


class QualityCheckpointContainment(models.AbstractModel):
    """Inherited by ``quality.checkpoint`` (models/quality_checkpoint.py)."""

    _name = "quality.checkpoint.containment"
    _description = "Checkpoint Containment"

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
