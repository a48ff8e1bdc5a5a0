# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Inspections and containments, split by concern from
quality_inspection.py: which failures bracket a containment, and the
re-inspections of suspect lots."""

from odoo import fields, models

# Stages whose failure brackets: a first article judges one piece.
BRACKETED_STAGES = ("patrol", "final")


class QualityInspectionContainment(models.AbstractModel):
    """Inherited by ``quality.inspection`` (models/quality_inspection.py).
    Its guarded field joins the model's (``quality.protected.mixin`` joins
    the sets of every class of the model)."""

    _name = "quality.inspection.containment"
    _description = "Inspection Containments"
    # Given by the containment that asks for the re-inspection of a lot: a
    # user's inspection linked to a lot would justify its release.
    _quality_protected_fields = frozenset({"containment_line_id"})

    containment_line_id = fields.Many2one(
        "quality.containment.line",
        string="Re-inspection Of Suspect Lot",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The suspect lot of a containment that this inspection re-inspects.",
    )

    def _is_containment_scope(self):
        """Whether this inspection's checkpoint brackets, on an operation
        and a work center (not a re-inspection of a rework or of a suspect
        lot)."""
        self.ensure_one()
        return bool(
            self.checkpoint_id.containment_policy != "none"
            and self.operation_id
            and self.workcenter_id
            and not self.origin_inspection_id
            and not self.containment_line_id
        )

    def _is_containment_trigger(self):
        """Whether this failure opens a containment: a blocking patrol or
        final inspection of a checkpoint that brackets."""
        self.ensure_one()
        return (
            self.state == "fail"
            and self.blocking
            and self.stage in BRACKETED_STAGES
            and self._is_containment_scope()
        )
