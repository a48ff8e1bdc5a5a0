# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    quality_escalation_sla_hours = fields.Float(
        string="Escalation SLA (Hours)",
        config_parameter="quality_progress_sync.escalation_sla_hours",
        default=24.0,
        help="A nonconformance action not acknowledged within this time is "
        "escalated to the Quality Managers.",
    )

    quality_pass_rate_target = fields.Float(
        string="Default Pass Rate Target (%)",
        config_parameter="quality_progress_sync.pass_rate_target",
        default=98.0,
        help="Pass rate target of new work centers.",
    )
    quality_hold_on_threshold = fields.Boolean(
        string="Hold Work Centers Below Target",
        config_parameter="quality_progress_sync.hold_on_threshold",
        help="Also block a work center whose pass rate falls below its target.",
    )

    @api.constrains("quality_escalation_sla_hours")
    def _check_quality_escalation_sla_hours(self):
        if any(settings.quality_escalation_sla_hours <= 0 for settings in self):
            raise ValidationError(
                self.env._("The escalation SLA must be a positive number of hours.")
            )

    @api.constrains("quality_pass_rate_target")
    def _check_quality_pass_rate_target(self):
        if any(not 0 <= settings.quality_pass_rate_target <= 100 for settings in self):
            raise ValidationError(
                self.env._("The default pass rate target must be between 0 and 100.")
            )
