# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The patrols the crons add to running and late work orders, split by
concern from mrp_workorder.py."""

from odoo import api, models


# One concern of the model per file (readme/DEVELOP.md): hence R8180.
class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"  # pylint: disable=R8180

    @api.model
    def _cron_late_workorder_patrols(self, limit=500):
        """One patrol inspection, and an activity for the inspector, for each
        work order that is late against its planned end."""
        Checkpoint = self.env["quality.checkpoint"]
        checkpoints = Checkpoint.search([("for_late_workorders", "=", True)])
        if not checkpoints:
            return self.env["quality.inspection"]
        workorders = self.search(
            [
                ("is_late", "=", True),
                ("late_patrol_done", "=", False),
                ("production_id.company_id", "in", checkpoints.company_id.ids),
            ],
            limit=limit,
            order="date_finished, id",
        )
        workorders.sudo().late_patrol_done = True
        return checkpoints._create_late_patrols(workorders)

    @api.model
    def _cron_generate_timed_patrols(self, limit=500):
        """Patrol inspections every N minutes of work on running work orders."""
        checkpoints = self.env["quality.checkpoint"].search(
            [("frequency", "=", "every_n_minutes")]
        )
        if not checkpoints:
            return
        workorders = self.search(
            [
                ("state", "=", "progress"),
                ("time_ids.date_end", "=", False),
                ("production_id.company_id", "in", checkpoints.company_id.ids),
            ],
            limit=limit,
            order="date_start, id",
        )
        self.env["quality.checkpoint"]._create_inspections(workorders, "timer")
