# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models


class MrpWorkcenterProductivity(models.Model):
    _inherit = "mrp.workcenter.productivity"

    @api.model_create_multi
    def create(self, vals_list):
        logs = super().create(vals_list)
        # Whoever a time log names worked on its work order: remembered on
        # the work order, where editing or deleting the log changes nothing.
        for log in logs.filtered(lambda log: log.workorder_id and log.user_id):
            log.workorder_id._add_quality_operator(log.user_id)
        return logs

    def write(self, vals):
        res = super().write(vals)
        if "user_id" in vals or "workorder_id" in vals:
            for log in self.filtered(lambda log: log.workorder_id and log.user_id):
                log.workorder_id._add_quality_operator(log.user_id)
        return res
