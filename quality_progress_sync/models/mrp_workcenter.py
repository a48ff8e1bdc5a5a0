# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    quality_hold = fields.Boolean(
        readonly=True,
        copy=False,
        help="Blocked by a failed inspection until a Quality Manager releases it.",
    )

    def _quality_hold(self, inspection):
        """Block the work centers through Odoo's own blocking, with the
        quality loss reason."""
        loss = self.env.ref("quality_progress_sync.loss_quality_hold")
        for workcenter in self.sudo():
            if workcenter.working_state != "blocked":
                workcenter.env["mrp.workcenter.productivity"].create(
                    {
                        "workcenter_id": workcenter.id,
                        "loss_id": loss.id,
                        "description": self.env._(
                            "Quality hold: %(inspection)s failed",
                            inspection=inspection.name,
                        ),
                        "date_start": fields.Datetime.now(),
                        "user_id": self.env.uid,
                        "company_id": workcenter.company_id.id,
                    }
                )
            workcenter.quality_hold = True

    def action_release_quality_hold(self):
        if not self.env.user.has_group("quality_progress_sync.group_quality_manager"):
            raise AccessError(
                self.env._("Only a Quality Manager can release a quality hold.")
            )
        not_held = self.filtered(lambda w: not w.quality_hold)
        if not_held:
            raise UserError(
                self.env._(
                    "%(names)s is not on quality hold.",
                    names=", ".join(not_held.mapped("name")),
                )
            )
        for workcenter in self.sudo():
            if workcenter.working_state == "blocked":
                workcenter.unblock()
            workcenter.quality_hold = False
            workcenter.message_post(
                body=self.env._(
                    "Quality hold released by %(user)s.", user=self.env.user.name
                )
            )
        return True
