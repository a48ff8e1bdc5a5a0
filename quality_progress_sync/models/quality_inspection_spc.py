# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.tools import sql


# One concern of the model per file (readme/DEVELOP.md): hence R8180.
class QualityInspection(models.Model):
    _inherit = "quality.inspection"  # pylint: disable=R8180

    spc_enabled = fields.Boolean(related="checkpoint_id.spc_enabled")
    spc_signal_ids = fields.One2many(
        "quality.spc.signal", "inspection_id", string="SPC Signals"
    )
    spc_signal_count = fields.Integer(
        string="Number of SPC Signals", compute="_compute_spc_signal_count"
    )

    def init(self):
        res = super().init()
        # The last subgroups of a checkpoint, newest first, for the run rules
        # (quality.checkpoint._spc_read_subgroups): read from the index,
        # whatever the history.
        sql.create_index(
            self.env.cr,
            "quality_inspection_spc_history_index",
            self._table,
            ["checkpoint_id", "date_done DESC", "id DESC"],
            where="state IN ('pass', 'fail')",
        )
        return res

    @api.depends("spc_signal_ids")
    def _compute_spc_signal_count(self):
        groups = self.env["quality.spc.signal"]._read_group(
            [("inspection_id", "in", self._origin.ids)],
            ["inspection_id"],
            ["__count"],
        )
        counts = {inspection.id: count for inspection, count in groups}
        for inspection in self:
            inspection.spc_signal_count = counts.get(inspection._origin.id, 0)

    def action_view_spc_signals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_progress_sync.quality_spc_signal_action"
        )
        action["domain"] = [("inspection_id", "=", self.id)]
        return action
