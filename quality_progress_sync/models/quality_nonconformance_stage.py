# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class QualityNonconformanceStage(models.Model):
    _name = "quality.nonconformance.stage"
    _description = "Nonconformance Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    is_closed = fields.Boolean(
        string="Closing Stage",
        help="Nonconformances reach this stage once their actions are done and "
        "their re-inspections passed.",
    )
