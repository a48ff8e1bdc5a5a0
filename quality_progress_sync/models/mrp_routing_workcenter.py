# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class MrpRoutingWorkcenter(models.Model):
    _inherit = "mrp.routing.workcenter"

    quality_checkpoint_ids = fields.One2many(
        "quality.checkpoint", "operation_id", string="Quality Checkpoints"
    )
    quality_checkpoint_count = fields.Integer(
        compute="_compute_quality_checkpoint_count", string="Checkpoints"
    )

    def _compute_quality_checkpoint_count(self):
        groups = self.env["quality.checkpoint"]._read_group(
            [("operation_id", "in", self.ids)], ["operation_id"], ["__count"]
        )
        counts = {operation.id: count for operation, count in groups}
        for operation in self:
            operation.quality_checkpoint_count = counts.get(operation.id, 0)
