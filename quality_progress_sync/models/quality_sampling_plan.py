# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

INSPECTION_LEVELS = [
    ("S-1", "S-1"),
    ("S-2", "S-2"),
    ("S-3", "S-3"),
    ("S-4", "S-4"),
    ("I", "I"),
    ("II", "II"),
    ("III", "III"),
]
# The AQL columns of ISO 2859-1 Tables 2-A to 2-C, written as the standard
# writes them (percent nonconforming, or nonconformities per 100 units).
AQL_VALUES = [
    "0.010",
    "0.015",
    "0.025",
    "0.040",
    "0.065",
    "0.10",
    "0.15",
    "0.25",
    "0.40",
    "0.65",
    "1.0",
    "1.5",
    "2.5",
    "4.0",
    "6.5",
    "10",
    "15",
    "25",
    "40",
    "65",
    "100",
    "150",
    "250",
    "400",
    "650",
    "1000",
]
AQLS = [(value, value) for value in AQL_VALUES]
SEVERITIES = [
    ("normal", "Normal"),
    ("tightened", "Tightened"),
    ("reduced", "Reduced"),
]


class QualitySamplingPlan(models.Model):
    """AQL single sampling of ISO 2859-1:1999 (= ANSI/ASQ Z1.4).

    A plan holds the inspection level and the AQL; the standard's tables are
    data (code letters, Table 1 lot size bands, master table cells). Call
    ``_get_plan(lot_size, severity)`` for the sample size and the acceptance
    and rejection numbers of a lot, ``_get_product_plan(product, lot_size)`` to
    use the severity reached by that product's switching history, and
    ``_record_lot_result(product, accepted)`` once the lot is judged.
    """

    _name = "quality.sampling.plan"
    _description = "Quality Sampling Plan (AQL)"
    _inherit = ["mail.thread"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    inspection_level = fields.Selection(
        INSPECTION_LEVELS,
        required=True,
        default="II",
        tracking=True,
        help="General levels I, II (usual) and III, or special levels S-1 to S-4 "
        "for small samples (ISO 2859-1 Table 1).",
    )
    aql = fields.Selection(
        AQLS,
        string="AQL",
        required=True,
        default="1.0",
        tracking=True,
        help="Acceptance quality limit, in percent nonconforming (up to 10) or "
        "nonconformities per 100 units.",
    )
    allow_reduced = fields.Boolean(
        string="Allow Reduced Inspection",
        tracking=True,
        help="Switch a product to reduced inspection after 10 consecutive lots "
        "accepted under normal inspection.",
    )
    state_ids = fields.One2many(
        "quality.sampling.state", "plan_id", string="Switching States"
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_table_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_table_values(vals)
        return super().write(vals)

    @api.model
    def _check_table_values(self, vals):
        """Refuse an inspection level or an AQL that the tables do not have.

        Done before the ORM sees the values, so that the user gets this
        message rather than the ORM's "wrong value" error.
        """
        if "aql" in vals:
            self._check_table_choice(vals["aql"], AQLS, self.env._("AQL"))
        if "inspection_level" in vals:
            self._check_table_choice(
                vals["inspection_level"],
                INSPECTION_LEVELS,
                self.env._("Inspection level"),
            )

    @api.model
    def _check_table_choice(self, value, choices, what):
        """Refuse a ``what`` (AQL, inspection level, severity) that is not
        one of ``choices`` (a selection list)."""
        keys = [key for key, _label in choices]
        if value not in keys:
            raise ValidationError(
                self.env._(
                    "%(what)s %(value)s is not in the ISO 2859-1 tables; use one "
                    "of %(values)s.",
                    what=what,
                    value=value,
                    values=", ".join(keys),
                )
            )

    @api.model
    def _check_lot_size(self, lot_size):
        """The lot size as a whole number of units (a fraction counts as one).

        Raises a ValidationError for anything but a finite number above zero.
        """
        if (
            isinstance(lot_size, bool)
            or not isinstance(lot_size, int | float)
            or not math.isfinite(lot_size)
            or lot_size <= 0
        ):
            raise ValidationError(
                self.env._(
                    "The lot size must be a number of units greater than zero, "
                    "not %(lot_size)s.",
                    lot_size=lot_size,
                )
            )
        return math.ceil(round(lot_size, 6))

    def _get_plan(self, lot_size, severity="normal"):
        """Single sampling plan of this plan for a lot of ``lot_size`` units.

        Returns a dict:

        - ``code_letter``: letter of the plan used, after following the arrows
          of the master table (it may differ from ``lot_code_letter``);
        - ``lot_code_letter``: letter given by Table 1 for the lot size;
        - ``sample_size``: units to inspect, never more than the lot: when the
          plan's sample size reaches the lot size, every unit is inspected
          (ISO 2859-1: "if sample size equals or exceeds lot size, carry out
          100 % inspection") and ``full_inspection`` is True;
        - ``accept`` (Ac) and ``reject`` (Re): the lot is accepted with at most
          Ac nonconforming units (or nonconformities), rejected with Re or
          more; under reduced inspection Re may exceed Ac + 1;
        - ``severity``, ``lot_size``, ``full_inspection``.
        """
        self.ensure_one()
        return self._lookup_plan(lot_size, self.inspection_level, self.aql, severity)

    @api.model
    def _lookup_plan(self, lot_size, inspection_level, aql, severity="normal"):
        """``_get_plan`` for any inspection level and AQL."""
        lot_size = self._check_lot_size(lot_size)
        self._check_table_choice(
            inspection_level, INSPECTION_LEVELS, self.env._("Inspection level")
        )
        self._check_table_choice(aql, AQLS, self.env._("AQL"))
        self._check_table_choice(severity, SEVERITIES, self.env._("Severity"))
        lot_letter = self.env["quality.sampling.lot.band"]._get_code_letter(
            lot_size, inspection_level
        )
        cell = self.env["quality.sampling.table.cell"]._get_plan_cell(
            severity, lot_letter, aql
        )
        plan_size = cell.code_letter_id._get_sample_size(severity)
        return {
            "code_letter": cell.code_letter_id.name,
            "lot_code_letter": lot_letter.name,
            "sample_size": min(plan_size, lot_size),
            "accept": cell.accept_number,
            "reject": cell.reject_number,
            "full_inspection": plan_size >= lot_size,
            "severity": severity,
            "lot_size": lot_size,
        }

    def _get_state(self, product):
        """Switching state of ``product`` under this plan (may be empty)."""
        self.ensure_one()
        return self.env["quality.sampling.state"].search(
            [("plan_id", "=", self.id), ("product_id", "=", product.id)], limit=1
        )

    def _get_severity(self, product):
        """Inspection severity to apply to the next lot of ``product``."""
        self.ensure_one()
        severity = self._get_state(product).severity or "normal"
        if severity == "reduced" and not self.allow_reduced:
            return "normal"
        return severity

    def _get_product_plan(self, product, lot_size):
        """``_get_plan`` at the severity reached by ``product``."""
        self.ensure_one()
        return self._get_plan(lot_size, self._get_severity(product))

    def _record_lot_result(self, product, accepted):
        """Record that a lot of ``product`` was accepted or not, switch.

        Applies the switching rules to the product's history under this plan
        and returns the severity for its next lot (see
        ``quality.sampling.state``). Whoever judged the lot may record it:
        the state is written as superuser.
        """
        self.ensure_one()
        if (
            not isinstance(product, models.BaseModel)
            or product._name != "product.product"
            or len(product) != 1
        ):
            raise ValidationError(
                self.env._("A lot result needs exactly one product variant.")
            )
        # Created if missing and locked: results recorded at the same time
        # for one product serialize instead of colliding.
        state = self.env["quality.sampling.state"]._get_locked(self, product)
        return state._record_result(bool(accepted))
