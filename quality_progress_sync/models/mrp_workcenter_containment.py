# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The containments of the work centers: figures of
``mrp.workcenter._get_quality_kpis``, split by concern from
mrp_workcenter.py. Now, whatever ``since`` (as the open nonconformances);
with ``workorder_domain``, the containments opened by an inspection of
those work orders:

- ``open_containments``: the open containments of the work center;
- ``held_qty``: the quantity of their suspect lots still undecided (in
  each product's unit);
- ``containment_age_days``: the age in days of the oldest of them, 0
  without one."""

from odoo import fields, models

CONTAINMENT_DEFAULTS = {
    "open_containments": 0,
    "held_qty": 0.0,
    "containment_age_days": 0.0,
}


class MrpWorkcenterContainment(models.AbstractModel):
    """Inherited by ``mrp.workcenter`` (models/mrp_workcenter.py), whose
    KPIs call its figures: their defaults (``CONTAINMENT_DEFAULTS``), counts
    (:meth:`_add_containment_kpis`, figures of now) and fields
    (:meth:`_get_containment_field_values`)."""

    _name = "mrp.workcenter.containment"
    _description = "Work Center Containments"

    open_containment_count = fields.Integer(
        string="Open Containments",
        compute="_compute_quality_kpis",
        help="Containments of this work center not closed yet.",
    )
    containment_held_qty = fields.Float(
        string="Held Quantity",
        compute="_compute_quality_kpis",
        digits="Product Unit of Measure",
        help="Quantity of the suspect lots of its open containments that no "
        "Quality Manager has decided yet.",
    )
    containment_age_days = fields.Float(
        string="Oldest Containment (Days)",
        compute="_compute_quality_kpis",
        digits=(16, 1),
        help="Days since its oldest open containment was opened.",
    )

    def _get_containment_field_values(self, values):
        """The containment fields of a work center from its KPIs
        (``values``)."""
        return {
            "open_containment_count": values["open_containments"],
            "containment_held_qty": values["held_qty"],
            "containment_age_days": values["containment_age_days"],
        }

    def _get_open_containment_domain(self, workorder_domain=None):
        """The open containments of these work centers (opened by an
        inspection of the work orders of ``workorder_domain``)."""
        domain = [("workcenter_id", "in", self.ids), ("state", "=", "open")]
        if workorder_domain:
            domain.append(("inspection_id.workorder_id", "any", workorder_domain))
        return domain

    def _add_containment_kpis(self, kpis, workorder_domain=None):
        """Add the containment figures (see the module's docstring) to
        ``kpis``: two grouped queries and the work centers of the
        containments still holding undecided lots."""
        domain = self._get_open_containment_domain(workorder_domain)
        now = fields.Datetime.now()
        for workcenter, count, opened in self.env["quality.containment"]._read_group(
            domain, ["workcenter_id"], ["__count", "create_date:min"]
        ):
            values = kpis[workcenter.id]
            values["open_containments"] = count
            values["containment_age_days"] = max(
                (now - opened).total_seconds() / 86400.0, 0.0
            )
        undecided = [("containment_id", "any", domain), ("decision", "=", False)]
        for containment, quantity in self.env["quality.containment.line"]._read_group(
            undecided, ["containment_id"], ["quantity:sum"]
        ):
            kpis[containment.workcenter_id.id]["held_qty"] += quantity or 0.0
