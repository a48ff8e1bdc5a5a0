# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

DECISIONS = [
    ("approve_reduced", "Approve Reduced Inspection"),
    ("reinstate_normal", "Reinstate Normal Inspection"),
    ("restart", "Restart at Tightened Inspection"),
]


class QualitySamplingStateDecision(models.TransientModel):
    """A Quality Manager's decision on a product's switching state, with its
    note or reason: the form behind the buttons of the switching state. The
    state's own action checks the rights and the conditions; a decision is
    not even opened on a state of another company than the user's."""

    _name = "quality.sampling.state.decision"
    _description = "Sampling Switching Decision"

    state_id = fields.Many2one(
        "quality.sampling.state",
        string="Switching State",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    decision = fields.Selection(DECISIONS, required=True, readonly=True)
    reason = fields.Text(
        help="Approval: an optional note. Normal inspection: why (production "
        "irregular or delayed, or another condition). Restart: the corrective "
        "action taken."
    )

    @api.model_create_multi
    def create(self, vals_list):
        decisions = super().create(vals_list)
        decisions._check_state_access()
        return decisions

    def _check_state_access(self):
        """The state is one a Quality Manager of its company decides: checked
        with the user's rights (see ``quality.sampling.state._check_manager``)."""
        for decision in self:
            decision.state_id._check_manager(
                self.env._("decide on this switching state")
            )

    def action_confirm(self):
        self.ensure_one()
        state = self.state_id
        if self.decision == "approve_reduced":
            state.action_approve_reduced(self.reason)
        elif self.decision == "reinstate_normal":
            state.action_reinstate_normal(self.reason)
        else:
            state.action_restart(self.reason)
        return {"type": "ir.actions.act_window_close"}
