# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.quality_guard import is_quality_inspector, is_quality_manager
from ..models.quality_inspection import DISPOSITIONS


class QualityInspectionDisposition(models.TransientModel):
    """Decide what happens to failed parts. Nothing is chosen for the user;
    only what they may decide is offered (``allowed_dispositions``): rework
    and scrap to inspectors, a concession to Quality Managers, no rework
    past the checkpoint's loop limit. ``quality.inspection``'s
    ``action_set_disposition`` still refuses the rest."""

    _name = "quality.inspection.disposition"
    _description = "Disposition of Failed Inspections"

    inspection_ids = fields.Many2many("quality.inspection", required=True)
    disposition = fields.Selection(DISPOSITIONS)
    reason = fields.Text()
    allowed_dispositions = fields.Json(compute="_compute_allowed_dispositions")
    allowed_note = fields.Char(compute="_compute_allowed_dispositions")

    @api.depends("inspection_ids")
    @api.depends_context("uid")
    def _compute_allowed_dispositions(self):
        for wizard in self:
            allowed = wizard._get_allowed_dispositions()
            wizard.allowed_dispositions = allowed
            wizard.allowed_note = wizard._get_allowed_note(allowed)

    def _get_allowed_dispositions(self):
        """The dispositions the user may decide for all these inspections,
        in the order of the selection."""
        self.ensure_one()
        allowed = set()
        if is_quality_inspector(self.env):
            allowed.add("scrap")
            if not self._is_past_rework_limit():
                allowed.add("rework")
        if is_quality_manager(self.env):
            allowed.add("concession")
        return [key for key, __ in DISPOSITIONS if key in allowed]

    def _is_past_rework_limit(self):
        return any(i._is_past_rework_limit() for i in self.inspection_ids)

    def _get_allowed_note(self, allowed):
        """Why a disposition is not offered, in the reader's words."""
        notes = []
        if self._is_past_rework_limit():
            notes.append(
                self.env._("The rework loop limit is reached: no more rework.")
            )
        if "concession" not in allowed:
            notes.append(
                self.env._("A concession (use as is) is decided by a Quality Manager.")
            )
        return " ".join(notes) or False

    def action_confirm(self):
        self.ensure_one()
        if not self.disposition:
            raise UserError(
                self.env._("Choose what happens to the failed parts first.")
            )
        self.inspection_ids.action_set_disposition(self.disposition, self.reason)
        return {"type": "ir.actions.act_window_close"}
