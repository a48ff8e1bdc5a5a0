# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The "Cost of poor quality" sheet of the "Progress & Quality" workbook:
the rows of the Cost of Poor Quality report (``quality.cost.report``, the
one definition) of the nonconformances of the exported work orders, summed
by month (in the user's time zone), work center, product and currency, as
the report's pivot sums them; below them, the totals per month by kind of
cost and their stacked column chart. For the readers of that report only."""

from collections import defaultdict

from odoo import models

from .progress_quality_xlsx import INTEGER, NUMBER, REPORT_MODEL, TEXT, with_notes

MONTH = "month"
# The report's figures summed on the sheet.
COST_SUMS = (
    "scrap_qty",
    "scrap_cost",
    "rework_hours",
    "rework_cost",
    "component_cost",
    "concession_count",
    "total_cost",
)
# The amounts whose sum is the total: the kinds stacked on the chart.
COST_KINDS = ("scrap_cost", "rework_cost", "component_cost")


class ProgressQualityXlsx(models.AbstractModel):
    _inherit = REPORT_MODEL

    def _write_sheets(self, workbook, workorders, workcenters):
        """The sheets, then the cost of poor quality (for its readers)."""
        res = super()._write_sheets(workbook, workorders, workcenters)
        if self.env["quality.cost.report"].has_access("read"):
            self._write_cost_sheet(workbook, workorders)
        return res

    def _get_formats(self, workbook):
        formats = super()._get_formats(workbook)
        formats[MONTH] = workbook.add_format({"num_format": "yyyy-mm", "valign": "top"})
        return formats

    def _write_cost_sheet(self, workbook, workorders):
        """The table of the costs, their totals per month and the chart."""
        formats = self._get_formats(workbook)
        columns = self._get_cost_columns()
        rows = self._get_cost_rows(workorders)
        sheet = self._write_table(
            workbook, formats, self.env._("Cost of poor quality"), columns, rows
        )
        if rows:
            months = self._get_cost_month_rows(rows)
            first_row = len(rows) + 2
            self._write_cost_month_table(sheet, formats, first_row, months)
            self._insert_cost_chart(workbook, sheet, first_row, len(months))
        return sheet

    def _get_cost_columns(self):
        _ = self.env._
        columns = [
            (MONTH, _("Month"), MONTH, 10),
            ("workcenter", _("Work center"), TEXT, 18),
            ("product", _("Product"), TEXT, 28),
            ("scrap_qty", _("Scrapped quantity"), NUMBER, 11),
            ("scrap_cost", _("Scrap cost"), NUMBER, 12),
            ("rework_hours", _("Rework time (hours)"), NUMBER, 11),
            ("rework_cost", _("Rework cost"), NUMBER, 12),
            ("component_cost", _("Rework components cost"), NUMBER, 12),
            ("concession_count", _("Concessions"), INTEGER, 11),
            ("total_cost", _("Cost of poor quality"), NUMBER, 13),
            ("currency", _("Currency"), TEXT, 9),
        ]
        return with_notes(columns, self._get_cost_notes())

    def _get_cost_notes(self):
        _ = self.env._
        return {
            MONTH: _(
                "When the cost arose, in your time zone: a scrap order's "
                "validation (else its creation), a rework work order's end, "
                "a concession's decision."
            ),
            "workcenter": _(
                "Where the failure was found (its rework may run elsewhere)."
            ),
            "scrap_qty": _("In the product's unit of measure."),
            "scrap_cost": _("Scrapped quantity at the product's cost."),
            "rework_hours": _(
                "Real duration of the done rework work orders, their "
                "re-inspections included (an inspection records no time of "
                "its own)."
            ),
            "rework_cost": _(
                "Real duration of the rework work orders at the cost per "
                "hour stored on them when they were done: re-inspections "
                "included."
            ),
            "component_cost": _(
                "Components consumed by the rework work orders, at their cost."
            ),
            "concession_count": _("Failed inspections used as is: counted, no amount."),
            "total_cost": _("Scrap, rework time and rework components."),
            "currency": _("The currency of the amounts: their company's."),
        }

    def _get_cost_domain(self, workorders):
        """The report's rows of the sheet: those of the nonconformances of
        ``workorders`` (the report's record rules apply)."""
        return self.env["quality.cost.report"]._get_workorder_domain(
            [("id", "in", workorders.ids)]
        )

    def _get_cost_rows(self, workorders):
        """The report's rows summed by month, work center, product and
        currency: one grouped query, the names read in batches."""
        # Months in the user's time zone, as the other sheets' dates.
        Report = self.env["quality.cost.report"].with_context(
            tz=self.env.context.get("tz") or self.env.user.tz
        )
        groups = Report._read_group(
            self._get_cost_domain(workorders),
            ["date:month", "workcenter_id", "product_id", "currency_id"],
            [f"{key}:sum" for key in COST_SUMS],
        )
        return [
            {
                MONTH: month,
                "workcenter": workcenter.name,
                "product": product.display_name,
                "currency": currency.name,
                **dict(zip(COST_SUMS, sums, strict=True)),
            }
            for month, workcenter, product, currency, *sums in groups
        ]

    def _get_cost_month_rows(self, rows):
        """The amounts of ``rows`` by kind and total, per month and
        currency, labelled by the month (and its currency when there are
        several)."""
        months = defaultdict(lambda: dict.fromkeys((*COST_KINDS, "total_cost"), 0.0))
        for row in rows:
            totals = months[(row[MONTH], row["currency"])]
            for key in totals:
                totals[key] += row[key] or 0.0
        several = len({currency for __, currency in months}) > 1
        month_rows = []
        for (month, currency), totals in sorted(
            months.items(), key=lambda item: (not item[0][0], item[0])
        ):
            label = f"{month:%Y-%m}" if month else ""
            if several:
                label = f"{label} {currency}".strip()
            month_rows.append(dict(totals, label=label))
        return month_rows

    def _get_cost_month_columns(self):
        labels = {column[0]: column[1] for column in self._get_cost_columns()}
        return [
            ("label", labels[MONTH], TEXT),
            *((key, labels[key], NUMBER) for key in (*COST_KINDS, "total_cost")),
        ]

    def _write_cost_month_table(self, sheet, formats, first_row, months):
        """The totals per month by kind, from ``first_row``: the chart's data."""
        columns = self._get_cost_month_columns()
        for col, (__, label, __kind) in enumerate(columns):
            sheet.write_string(first_row, col, label, formats["header"])
        for index, values in enumerate(months, start=first_row + 1):
            for col, (key, __, kind) in enumerate(columns):
                self._write_cell(sheet, index, col, values[key], formats[kind])

    def _insert_cost_chart(self, workbook, sheet, first_row, count):
        """A column chart of the total per month, stacked by kind of cost,
        below the totals per month (``count`` rows from ``first_row``)."""
        chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
        columns = self._get_cost_month_columns()
        last_row = first_row + count
        for col, (__, label, __kind) in enumerate(columns[1:-1], start=1):
            chart.add_series(
                {
                    "name": label,
                    "categories": [sheet.name, first_row + 1, 0, last_row, 0],
                    "values": [sheet.name, first_row + 1, col, last_row, col],
                }
            )
        chart.set_title({"name": self.env._("Cost of poor quality per month")})
        chart.set_y_axis({"num_format": "#,##0", "min": 0})
        chart.set_legend({"position": "bottom"})
        sheet.insert_chart(last_row + 2, 0, chart)
        return chart
