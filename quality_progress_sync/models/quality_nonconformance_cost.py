# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a nonconformance costs: its rows of the Cost of Poor Quality report
(``quality.cost.report``, the one definition), summed; computed, not
stored, for the users who may read that report."""

from odoo import fields, models

# Who sees what poor quality costs: the report's readers.
COST_GROUPS = "quality_progress_sync.group_quality_inspector,mrp.group_mrp_manager"
COST_FIELDS = {
    "copq_scrap_qty": "scrap_qty",
    "copq_scrap_cost": "scrap_cost",
    "copq_rework_hours": "rework_hours",
    "copq_rework_cost": "rework_cost",
    "copq_component_cost": "component_cost",
    "copq_total_cost": "total_cost",
    "copq_concession_count": "concession_count",
}


def cost_field(field_type, string, help_text, **kwargs):
    return field_type(
        string=string,
        compute="_compute_copq",
        groups=COST_GROUPS,
        help=help_text,
        **kwargs,
    )


class QualityNonconformanceCost(models.AbstractModel):
    """Inherited by ``quality.nonconformance`` (its main file), which
    declares the amounts: in ``copq_currency_id``, its company's currency,
    they need the model's company."""

    _name = "quality.nonconformance.cost"
    _description = "Nonconformance Cost"

    copq_scrap_qty = cost_field(
        fields.Float,
        "Scrapped Quantity",
        "Quantity of its scrap orders, in the product's unit of measure.",
        digits="Product Unit of Measure",
    )
    copq_rework_hours = cost_field(
        fields.Float,
        "Rework Time (Hours)",
        "Real duration of its done rework work orders, re-inspections included.",
    )
    copq_concession_count = cost_field(
        fields.Integer, "Concessions", "Failed inspections used as is."
    )

    def _compute_copq(self):
        """Its rows of the report, summed: one grouped query."""
        groups = self.env["quality.cost.report"]._read_group(
            [("nonconformance_id", "in", self._origin.ids)],
            ["nonconformance_id"],
            [f"{column}:sum" for column in COST_FIELDS.values()],
        )
        sums = {nonconformance.id: values for nonconformance, *values in groups}
        for nonconformance in self:
            values = sums.get(nonconformance._origin.id) or [0] * len(COST_FIELDS)
            nonconformance.update(
                {
                    name: value or 0
                    for name, value in zip(COST_FIELDS, values, strict=True)
                }
            )
