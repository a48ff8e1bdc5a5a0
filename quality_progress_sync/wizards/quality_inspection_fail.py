# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.quality_guard import clean_text
from ..models.quality_quantity import check_failed_qty, check_number


class QualityInspectionFail(models.TransientModel):
    """Fail an inspection with its reason and the failed quantity, knowing
    what the failure starts. It records through the inspection's own
    methods, as the user: the failed quantity (a note of the inspection),
    then ``do_fail(reason)``."""

    _name = "quality.inspection.fail"
    _description = "Fail an Inspection"

    inspection_id = fields.Many2one("quality.inspection", required=True, readonly=True)
    title = fields.Char(related="inspection_id.title")
    reason = fields.Text(required=True, help="What is wrong, as you saw it.")
    failed_qty = fields.Float(
        string="Failed Quantity",
        digits="Product Unit of Measure",
        required=True,
        default=1.0,
        help="How many units fail: they are reworked or scrapped.",
    )
    product_uom_id = fields.Many2one(
        related="inspection_id.workorder_id.product_uom_id", string="Unit"
    )
    consequence = fields.Text(
        compute="_compute_consequence", help="What failing this inspection starts."
    )

    @api.depends("inspection_id")
    def _compute_consequence(self):
        for wizard in self:
            wizard.consequence = wizard.inspection_id._get_failure_consequence()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_failed_qty_value(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_failed_qty_value(vals)
        return super().write(vals)

    def _check_failed_qty_value(self, vals):
        """A failed quantity that is no finite number (NaN, infinity: Odoo's
        rounding crashes on them) is refused before it is written."""
        if "failed_qty" in vals:
            check_number(
                self.env, vals["failed_qty"], self.env._("The failed quantity")
            )

    @api.constrains("failed_qty", "inspection_id")
    def _check_failed_qty(self):
        """Above zero, at most what the work order makes (the inspection's
        own rule)."""
        for wizard in self:
            check_failed_qty(wizard.inspection_id, wizard.failed_qty)

    def action_confirm(self):
        self.ensure_one()
        reason = clean_text(self.env, self.reason, self.env._("The reason"))
        if not reason:
            raise UserError(self.env._("Give the reason of the failure."))
        self._check_failed_qty()
        inspection = self.inspection_id
        if inspection.failed_qty != self.failed_qty:
            inspection.failed_qty = self.failed_qty
        inspection.do_fail(reason)
        return inspection._get_recorded_action()
