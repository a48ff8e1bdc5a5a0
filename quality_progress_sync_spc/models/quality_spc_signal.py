# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.addons.quality_progress_sync.models.quality_guard import is_quality_inspector
from odoo.exceptions import AccessError

from . import quality_spc
from .quality_spc_query import SPC_DIGITS

SPC_RULES = [
    ("nelson_1", "Nelson 1 (WE 1): a point beyond a control limit"),
    (
        "nelson_2",
        "Nelson 2 (WE 4): a run on one side of the centre line (9 points, "
        "8 under Western Electric)",
    ),
    ("nelson_3", "Nelson 3: six points in a row rising or falling"),
    ("nelson_4", "Nelson 4: fourteen points in a row alternating up and down"),
    ("nelson_5", "Nelson 5 (WE 2): two of three points beyond 2 sigma, one side"),
    ("nelson_6", "Nelson 6 (WE 3): four of five points beyond 1 sigma, one side"),
    ("nelson_7", "Nelson 7: fifteen points in a row within 1 sigma"),
    ("nelson_8", "Nelson 8: eight points in a row beyond 1 sigma, both sides"),
]
SPC_CHARTS = [
    (quality_spc.LOCATION, "Location (individuals or means)"),
    (quality_spc.DISPERSION, "Dispersion (moving ranges, ranges or deviations)"),
]
# The signal as the rules raised it, and its acknowledgement
# (action_acknowledge): users write the note only.
PROTECTED_FIELDS = frozenset(
    {
        "checkpoint_id",
        "inspection_id",
        "workorder_id",
        "production_id",
        "workcenter_id",
        "product_id",
        "company_id",
        "rule",
        "chart",
        "value",
        "center_line",
        "ucl",
        "lcl",
        "user_id",
        "date",
        "state",
        "acknowledge_user_id",
        "acknowledge_date",
    }
)


class QualitySpcSignal(models.Model):
    _name = "quality.spc.signal"
    _description = "SPC Signal"
    _inherit = ["mail.thread", "mail.activity.mixin", "quality.protected.mixin"]
    _quality_protected_fields = PROTECTED_FIELDS
    _order = "id desc"
    _check_company_auto = True

    checkpoint_id = fields.Many2one(
        "quality.checkpoint",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    inspection_id = fields.Many2one(
        "quality.inspection",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        help="The inspection whose measures completed the rule.",
    )
    workorder_id = fields.Many2one("mrp.workorder", string="Work Order", index=True)
    production_id = fields.Many2one("mrp.production", string="Manufacturing Order")
    workcenter_id = fields.Many2one("mrp.workcenter", string="Work Center", index=True)
    product_id = fields.Many2one("product.product", index=True)
    lot_id = fields.Many2one(related="inspection_id.lot_id", string="Lot/Serial Number")
    company_id = fields.Many2one("res.company", required=True, index=True)
    rule = fields.Selection(SPC_RULES, required=True, index=True)
    chart = fields.Selection(SPC_CHARTS, required=True)
    value = fields.Float(
        digits=SPC_DIGITS, help="The point of the subgroup on the chart."
    )
    center_line = fields.Float(string="Centre Line", digits=SPC_DIGITS)
    ucl = fields.Float(string="Upper Control Limit", digits=SPC_DIGITS)
    lcl = fields.Float(string="Lower Control Limit", digits=SPC_DIGITS)
    user_id = fields.Many2one(
        "res.users", string="Measured By", help="Who recorded the measures."
    )
    date = fields.Datetime(
        string="Raised On", required=True, default=fields.Datetime.now, index=True
    )
    state = fields.Selection(
        [("new", "New"), ("acknowledged", "Acknowledged")],
        required=True,
        default="new",
        index=True,
        tracking=True,
    )
    acknowledge_user_id = fields.Many2one(
        "res.users", string="Acknowledged By", tracking=True
    )
    acknowledge_date = fields.Datetime(string="Acknowledged On", tracking=True)
    note = fields.Text(help="What was found and done about the signal.")

    @api.depends("rule", "chart", "inspection_id.name")
    def _compute_display_name(self):
        rules = dict(self._fields["rule"]._description_selection(self.env))
        charts = {
            quality_spc.LOCATION: self.env._("location"),
            quality_spc.DISPERSION: self.env._("dispersion"),
        }
        for signal in self:
            signal.display_name = self.env._(
                "%(rule)s (%(chart)s chart, %(inspection)s)",
                rule=rules.get(signal.rule, ""),
                chart=charts.get(signal.chart, ""),
                inspection=signal.inspection_id.name or "",
            )

    def action_acknowledge(self):
        """Record who acknowledged these signals and when (quality inspectors);
        their activities are done. Signals already acknowledged keep their
        first acknowledgement."""
        if not is_quality_inspector(self.env):
            raise AccessError(
                self.env._("Only quality inspectors acknowledge SPC signals.")
            )
        new = self.filtered(lambda signal: signal.state == "new")
        new.sudo().write(
            {
                "state": "acknowledged",
                "acknowledge_user_id": self.env.uid,
                "acknowledge_date": fields.Datetime.now(),
            }
        )
        new.activity_ids.sudo().action_feedback(
            feedback=self.env._(
                "Signal acknowledged by %(user)s.", user=self.env.user.name
            )
        )
        return True

    def action_open_inspection(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "quality.inspection",
            "view_mode": "form",
            "res_id": self.inspection_id.id,
        }

    def action_open_spc_chart(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "quality_progress_sync_spc.spc_chart_action"
        )
        action["params"] = {"inspection_id": self.inspection_id.id}
        return action
