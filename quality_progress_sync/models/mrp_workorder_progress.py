# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a work order has produced, split by concern from mrp_workorder.py:
one definition, ``quality_qty_produced``, read by the Shop Floor, the
kanban's progress, the KPIs, the XLSX report, the printed record and the
patrols every N units.

Odoo sets the order's ``qty_producing`` to the whole quantity when a work
order starts: what the order is making, not what was made. Produced is 0 at
the start; while the work order runs, what the operator reports (the
quantity produced written on the work order, by its form or the Shop Floor,
or on its order: ``mrp.production.write``); once done, the quantity Odoo
records as done."""

import math
from contextlib import contextmanager, nullcontext

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Set by the work order's reports and its Done, never written by users.
PROGRESS_FIELDS = frozenset({"quality_qty_reported", "quality_qty_produced"})
# The orders to which a work order's write is passing its quantity produced
# on (Odoo's inverse of ``qty_producing``): kept on the cursor, which no RPC
# caller reaches (a context key would let any caller skip the report), for
# the duration of that write only.
PASSED_ON = "quality_progress_sync.quantity_passed_on"


@contextmanager
def passing_on_quantity(productions):
    """Inside, :func:`is_quantity_passed_on` says ``productions`` receive
    the quantity a work order reports: no report of their other work
    orders."""
    passed_on = productions.env.cr.cache.setdefault(PASSED_ON, set())
    added = set(productions.ids) - passed_on
    passed_on.update(added)
    try:
        yield
    finally:
        passed_on.difference_update(added)


def is_quantity_passed_on(productions):
    """Whether all ``productions`` are inside :func:`passing_on_quantity`."""
    return set(productions.ids) <= productions.env.cr.cache.get(PASSED_ON, set())


class MrpWorkorderProgress(models.AbstractModel):
    """Inherited by ``mrp.workorder`` (models/mrp_workorder.py), whose
    ``write`` calls its steps (:meth:`_prepare_quantity_report`,
    :meth:`_reporting_quantity`, :meth:`_record_quality_report`)."""

    _name = "mrp.workorder.progress"
    _description = "Work Order Progress"
    _quality_protected_fields = PROGRESS_FIELDS

    quality_qty_reported = fields.Float(
        string="Reported Quantity",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="The quantity produced the operator last reported while the work "
        "order ran.",
    )
    quality_qty_produced = fields.Float(
        string="Produced",
        digits="Product Unit of Measure",
        compute="_compute_quality_qty_produced",
        store=True,
        help="0 when the work order starts, what its operator reports while it "
        "runs, the quantity done once done.",
    )

    @api.depends("state", "qty_produced", "quality_qty_reported")
    def _compute_quality_qty_produced(self):
        for workorder in self:
            if workorder.state == "done":
                workorder.quality_qty_produced = workorder.qty_produced
            elif workorder.state == "progress":
                workorder.quality_qty_produced = workorder.quality_qty_reported
            else:
                workorder.quality_qty_produced = 0.0

    def _prepare_quantity_report(self, vals):
        """Step of ``write``: the quantity produced written on running work
        orders is their operator's report (on those not started yet, Odoo's
        start writing the whole quantity, it is not). (running work orders,
        quantity) to record once written, or None."""
        if "qty_producing" not in vals:
            return None
        quantity = self._check_reported_quantity(vals["qty_producing"])
        return self.filtered(lambda wo: wo.state == "progress"), quantity

    def _reporting_quantity(self, vals):
        """Around Odoo's write: a quantity produced it passes on to the order
        is no report for the order's other work orders."""
        if "qty_producing" not in vals:
            return nullcontext()
        return passing_on_quantity(self.production_id)

    def _check_reported_quantity(self, value):
        """``value`` as a quantity produced: a number, zero or more."""
        try:
            quantity = self._fields["qty_producing"].convert_to_cache(value, self)
        except (TypeError, ValueError) as error:
            raise ValidationError(
                self.env._(
                    "The produced quantity must be a number, not %(value)r.",
                    value=value,
                )
            ) from error
        if not math.isfinite(quantity) or quantity < 0:
            raise ValidationError(
                self.env._(
                    "The produced quantity must be zero or more, not %(value)s.",
                    value=quantity,
                )
            )
        return quantity

    def _record_quality_report(self, quantity):
        """Record ``quantity`` as produced so far by these running work
        orders; the patrols due by that quantity follow."""
        changed = self.filtered(lambda wo: wo.quality_qty_reported != quantity)
        if changed:
            changed.sudo().write({"quality_qty_reported": quantity})
            self.env["quality.checkpoint"]._create_inspections(changed, "produce")

    def _get_quality_produced_qty(self):
        """Produced so far (see ``quality_qty_produced``): the patrols every
        N units count it."""
        self.ensure_one()
        return self.quality_qty_produced
