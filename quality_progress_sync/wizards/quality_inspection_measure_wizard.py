# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.float_utils import float_repr

from ..models.quality_quantity import MAX_INTEGER as MAX_SAMPLE_NO
from ..models.quality_quantity import is_whole_number


class QualityInspectionMeasureWizard(models.TransientModel):
    _name = "quality.inspection.measure.wizard"
    _description = "Record Inspection Measures"

    inspection_id = fields.Many2one("quality.inspection", required=True)
    norm = fields.Float(related="inspection_id.norm")
    tolerance_min = fields.Float(related="inspection_id.tolerance_min")
    tolerance_max = fields.Float(related="inspection_id.tolerance_max")
    uom_id = fields.Many2one(related="inspection_id.uom_id")
    check_type = fields.Selection(related="inspection_id.check_type")
    instructions = fields.Html(related="inspection_id.instructions")
    accept_number = fields.Integer(related="inspection_id.accept_number")
    reject_number = fields.Integer(related="inspection_id.reject_number")
    is_sampled = fields.Boolean(compute="_compute_is_sampled")
    line_ids = fields.One2many(
        "quality.inspection.measure.wizard.line",
        "wizard_id",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    @api.depends("inspection_id")
    def _compute_is_sampled(self):
        for wizard in self:
            wizard.is_sampled = bool(wizard.inspection_id.sampling_plan_id)

    @api.depends("inspection_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [Command.clear()] + [
                Command.create({"sample_no": index})
                for index in range(1, wizard.inspection_id.sample_size + 1)
            ]

    def action_confirm(self):
        self.ensure_one()
        lines = self.line_ids.sorted("sample_no")
        if self.check_type == "measure":
            self.inspection_id.do_measure(lines.mapped("value"))
        else:
            self.inspection_id.do_sample_results(
                [not d for d in lines.mapped("defective")]
            )
        return self.inspection_id._get_recorded_action()


class QualityInspectionMeasureWizardLine(models.TransientModel):
    _name = "quality.inspection.measure.wizard.line"
    _description = "Record Inspection Measures Line"
    _order = "sample_no"

    wizard_id = fields.Many2one(
        "quality.inspection.measure.wizard", required=True, ondelete="cascade"
    )
    sample_no = fields.Integer(string="Sample", readonly=True)
    value = fields.Char(help="The measured value, as a number (e.g. 25.02).")
    defective = fields.Boolean(string="Nonconforming")
    # Beside each value: its tolerances (the value's widget tells, as it is
    # typed, whether it lies outside them).
    tolerance_min = fields.Float(related="wizard_id.tolerance_min")
    tolerance_max = fields.Float(related="wizard_id.tolerance_max")
    tolerance = fields.Char(compute="_compute_tolerance")

    @api.depends("wizard_id.inspection_id")
    def _compute_tolerance(self):
        for line in self:
            inspection = line.wizard_id.inspection_id
            if not inspection:
                line.tolerance = False
                continue
            low, high = (
                self._format_value(value)
                for value in (inspection.tolerance_min, inspection.tolerance_max)
            )
            uom = inspection.uom_id.name or ""
            line.tolerance = f"{low} \N{EN DASH} {high} {uom}".strip()

    @api.model
    def _format_value(self, value):
        """A measure as it is typed: a point, no useless zeros."""
        digits = self.env["decimal.precision"].precision_get("Quality Measure")
        return float_repr(value, digits).rstrip("0").rstrip(".")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_sample_no(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_sample_no(vals)
        return super().write(vals)

    def _check_sample_no(self, vals):
        """A sample number only orders the lines; one that is no whole
        number from 1 to PostgreSQL's largest integer is refused (the
        database would fail on it)."""
        sample_no = vals.get("sample_no", 1)
        if not is_whole_number(sample_no, MAX_SAMPLE_NO):
            raise ValidationError(
                self.env._(
                    "A sample number is a whole number from 1 to %(maximum)s, "
                    "not %(value)r.",
                    maximum=MAX_SAMPLE_NO,
                    value=sample_no,
                )
            )
