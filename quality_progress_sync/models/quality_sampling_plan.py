# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

# The standards whose tables ship as data. Their Table 1 (code letters) and
# sample sizes are the same; their master tables differ in the reduced table
# (ISO 2859-1:1999 has Re = Ac + 1 throughout, ANSI/ASQ Z1.4 keeps the gaps
# of MIL-STD-105E) and in tightened letter A at AQL 10; their switching rules
# differ too (see quality.sampling.state).
STANDARDS = [
    ("iso2859_1", "ISO 2859-1:1999 (GB/T 2828.1-2012)"),
    ("ansi_z14", "ANSI/ASQ Z1.4-2003 (MIL-STD-105E)"),
]
DEFAULT_STANDARD = "iso2859_1"
INSPECTION_LEVELS = [
    ("S-1", "S-1"),
    ("S-2", "S-2"),
    ("S-3", "S-3"),
    ("S-4", "S-4"),
    ("I", "I"),
    ("II", "II"),
    ("III", "III"),
]
# The AQL columns of the master tables (ISO 2859-1 Tables 2-A to 2-C, Z1.4
# Tables II-A to II-C), from the tightest to the loosest, written as printed
# (percent nonconforming, or nonconformities per 100 units).
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
    """AQL single sampling of ISO 2859-1:1999 or ANSI/ASQ Z1.4.

    A plan holds its standard, the inspection level and the AQL; the
    standards' tables are data (code letters, Table 1 lot size bands, master
    table cells of each standard). Call ``_get_plan(lot_size, severity)`` for
    the sample size and the acceptance and rejection numbers of a lot,
    ``_get_product_plan(product, lot_size)`` to use the severity reached by
    that product's switching history, and ``_record_inspection_result`` (or
    ``_record_lot_result``) once the lot is judged.
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
    standard = fields.Selection(
        STANDARDS,
        required=True,
        default=DEFAULT_STANDARD,
        tracking=True,
        help="Tables and switching rules used: ISO 2859-1:1999, identical to "
        "GB/T 2828.1-2012 and JIS Z 9015-1, or ANSI/ASQ Z1.4-2003, whose tables "
        "are those of MIL-STD-105E. They differ in the reduced inspection table "
        "and in the rules for reduced inspection.",
    )
    inspection_level = fields.Selection(
        INSPECTION_LEVELS,
        required=True,
        default="II",
        tracking=True,
        help="General levels I, II (usual) and III, or special levels S-1 to S-4 "
        "for small samples (Table 1 of both standards).",
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
        help="A Quality Manager may approve reduced inspection for a product "
        "under this plan once its lots qualify (ISO 2859-1: switching score of "
        "30; ANSI/ASQ Z1.4: 10 consecutive lots accepted under normal "
        "inspection) and production is at a steady rate.",
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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_discontinued(self):
        """A plan under which inspection is discontinued for a product stays:
        deleting it would let the product's AQL inspections pass again
        without the corrective action recorded."""
        states = self.state_ids.filtered("discontinued")
        if states:
            raise UserError(
                self.env._(
                    "Inspection is discontinued under %(plans)s for %(products)s: "
                    "record the corrective action and restart it, or archive "
                    "the plan, rather than delete it.",
                    plans=", ".join(states.plan_id.mapped("display_name")),
                    products=", ".join(states.product_id.mapped("display_name")),
                )
            )

    @api.model
    def _check_table_values(self, vals):
        """Refuse a standard, an inspection level or an AQL that the tables do
        not have.

        Done before the ORM sees the values, so that the user gets this
        message rather than the ORM's "wrong value" error.
        """
        if "standard" in vals:
            self._check_table_choice(
                vals["standard"], STANDARDS, self.env._("Standard")
            )
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
        """Refuse a ``what`` (standard, AQL, inspection level, severity) that
        is not one of ``choices`` (a selection list)."""
        keys = [key for key, _label in choices]
        if not isinstance(value, str) or value not in keys:
            raise ValidationError(
                self.env._(
                    "%(what)s %(value)s is not in the sampling tables; use one "
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
        """Single sampling plan of this plan for a lot of ``lot_size`` units,
        from the tables of the plan's standard.

        Returns a dict:

        - ``code_letter``: letter of the plan used, after following the arrows
          of the master table (it may differ from ``lot_code_letter``);
        - ``lot_code_letter``: letter given by Table 1 for the lot size;
        - ``sample_size``: units to inspect, never more than the lot: when the
          plan's sample size reaches the lot size, every unit is inspected
          (ISO 2859-1: "if sample size equals or exceeds lot size, carry out
          100 % inspection") and ``full_inspection`` is True;
        - ``accept`` (Ac) and ``reject`` (Re): the lot is accepted with at most
          Ac nonconforming units (or nonconformities), not accepted with Re or
          more; under reduced inspection of ANSI/ASQ Z1.4, Re may exceed
          Ac + 1 (a count in between accepts the lot and reinstates normal
          inspection);
        - ``standard``, ``severity``, ``lot_size``, ``full_inspection``.
        """
        self.ensure_one()
        return self._lookup_plan(
            lot_size, self.inspection_level, self.aql, severity, self.standard
        )

    @api.model
    def _lookup_plan(
        self,
        lot_size,
        inspection_level,
        aql,
        severity="normal",
        standard=DEFAULT_STANDARD,
    ):
        """``_get_plan`` for any standard, inspection level and AQL."""
        lot_size = self._check_lot_size(lot_size)
        self._check_table_choice(standard, STANDARDS, self.env._("Standard"))
        self._check_table_choice(
            inspection_level, INSPECTION_LEVELS, self.env._("Inspection level")
        )
        self._check_table_choice(aql, AQLS, self.env._("AQL"))
        self._check_table_choice(severity, SEVERITIES, self.env._("Severity"))
        lot_letter = self.env["quality.sampling.lot.band"]._get_code_letter(
            lot_size, inspection_level
        )
        cell = self.env["quality.sampling.table.cell"]._get_plan_cell(
            standard, severity, lot_letter, aql
        )
        plan_size = cell.code_letter_id._get_sample_size(severity)
        return {
            "code_letter": cell.code_letter_id.name,
            "lot_code_letter": lot_letter.name,
            "sample_size": min(plan_size, lot_size),
            "accept": cell.accept_number,
            "reject": cell.reject_number,
            "full_inspection": plan_size >= lot_size,
            "standard": standard,
            "severity": severity,
            "lot_size": lot_size,
        }

    def _get_tighter_accept(self, code_letter):
        """Acceptance number of the normal plan of ``code_letter`` (a name)
        one AQL step tighter than this plan's AQL, in this plan's standard:
        what the switching score of ISO 2859-1 (clause 9.3.3) compares the
        lot with when the plan's Ac is 2 or more. None when that cell is an
        arrow (never the case beside a plan with Ac of 2 or more) or there is
        no tighter AQL.
        """
        self.ensure_one()
        index = AQL_VALUES.index(self.aql)
        if not index:
            return None
        cell = self.env["quality.sampling.table.cell"]._get_cell(
            self.standard, "normal", code_letter, AQL_VALUES[index - 1]
        )
        return cell.accept_number if cell.kind == "plan" else None

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

    def _check_not_discontinued(self, product):
        """Refuse to judge a lot of ``product`` while inspection under this
        plan is discontinued for it (ISO 2859-1 clause 9.4, ANSI/ASQ Z1.4
        clause 8.4): its AQL inspections stay to do, and hold their gate,
        until a Quality Manager records the corrective action."""
        self.ensure_one()
        state = self.sudo()._get_state(product)
        if state.discontinued:
            raise UserError(
                self.env._(
                    "Inspection of %(product)s under the sampling plan %(plan)s is "
                    "discontinued since %(date)s: %(count)s lots were not "
                    "accepted under tightened inspection. A Quality Manager "
                    "records the corrective action and restarts inspection "
                    "(Quality > Switching States) before a lot is judged again.",
                    product=product.display_name,
                    plan=self.display_name,
                    date=format_datetime(self.env, state.discontinued_date),
                    count=state.tightened_rejected_count,
                )
            )

    def _record_inspection_result(self, inspection, defects):
        """The AQL ``inspection`` found ``defects`` nonconforming units (or
        nonconformities): record its lot in the switching history of its
        product; refused while inspection is discontinued for the product.

        The lot counts for switching when it is on original inspection: not
        the re-inspection of a reworked lot, nor a new result of a reopened
        inspection (resubmitted lots do not count).
        """
        self.ensure_one()
        inspection.ensure_one()
        self._check_not_discontinued(inspection.product_id)
        judged_before = (
            self.env["quality.sampling.lot"]
            .sudo()
            .search_count([("inspection_id", "=", inspection.id)], limit=1)
        )
        return self._record_sampled_lot(
            inspection.product_id,
            {
                "severity": inspection.sampling_severity or "normal",
                "code_letter": inspection.sampling_code_letter,
                "sample_size": inspection.sample_size,
                "accept": inspection.accept_number,
                "reject": inspection.reject_number,
            },
            defects,
            inspection=inspection,
            original=not inspection.origin_inspection_id and not judged_before,
        )

    def _record_sampled_lot(
        self, product, lot_plan, defects, inspection=None, original=True
    ):
        """Record a lot of ``product`` sampled with ``lot_plan`` (a dict of
        ``_get_plan``, or its keys ``severity``, ``code_letter``,
        ``sample_size``, ``accept`` and ``reject``) in which ``defects``
        nonconforming units (or nonconformities) were found; return the
        severity of the next lot.

        The lot is accepted below Re. Under reduced inspection of ANSI/ASQ
        Z1.4, a count above Ac and below Re accepts the lot and reinstates
        normal inspection.
        """
        self.ensure_one()
        lot = {
            "inspection_id": inspection.id if inspection else False,
            "severity": lot_plan["severity"],
            "code_letter": lot_plan["code_letter"],
            "sample_size": lot_plan["sample_size"],
            "accept": lot_plan["accept"],
            "reject": lot_plan["reject"],
            "defects": defects,
            "original": original,
        }
        if lot["severity"] == "normal" and lot["accept"] >= 2:
            lot["tighter_accept"] = self._get_tighter_accept(lot["code_letter"])
        return self._record_lot_result(product, defects < lot["reject"], lot)

    def _record_lot_result(self, product, accepted, lot=None):
        """Record that a lot of ``product`` was accepted or not, switch.

        ``lot`` describes it (keys of ``quality.sampling.state._record_result``:
        the plan it was inspected with and the count found); without it the
        lot feeds every rule but the switching score. Applies the switching
        rules of the plan's standard to the product's history under this
        plan and returns the severity for its next lot. Whoever judged the
        lot may record it: the state is written as superuser.
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
        self._check_not_discontinued(product)
        return state._record_result(bool(accepted), lot)
