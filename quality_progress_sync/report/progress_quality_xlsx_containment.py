# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Containments sheet of the "Progress & Quality" workbook: a row per
suspect lot of the containments of the exported work orders (opened by
their inspections, on their orders, or holding what their orders made),
read in a constant number of queries whatever the number of lots."""

from odoo import fields, models

from .progress_quality_xlsx import DATETIME, NUMBER, REPORT_MODEL, TEXT, with_notes

# What the sheet reads of the containments and of their suspect lots, in one
# batch each.
CONTAINMENT_FIELDS = [
    "name",
    "state",
    "create_date",
    "date_closed",
    "inspection_id",
    "workcenter_id",
    "operation_id",
    "date_from",
    "date_to",
]
CONTAINMENT_LINE_FIELDS = [
    "containment_id",
    "lot_id",
    "product_id",
    "quantity",
    "uom_id",
    "location_summary",
    "decision",
    "decision_user_id",
    "decision_date",
]


class ProgressQualityXlsx(models.AbstractModel):
    _inherit = REPORT_MODEL

    def _write_sheets(self, workbook, workorders, workcenters):
        result = super()._write_sheets(workbook, workorders, workcenters)
        self._write_table(
            workbook,
            self._get_formats(workbook),
            self.env._("Containments"),
            self._get_containment_columns(),
            self._get_containment_rows(self._get_containment_lines(workorders)),
        )
        return result

    def _get_containment_lines(self, workorders):
        """The suspect lots of the containments of ``workorders``: opened by
        an inspection of theirs or on one of their orders, or holding what
        one of their orders made."""
        productions = workorders.production_id.ids
        containments = [
            "|",
            "|",
            ("inspection_id.workorder_id", "in", workorders.ids),
            ("production_id", "in", productions),
            ("line_ids.production_id", "in", productions),
        ]
        return self.env["quality.containment.line"].search(
            [("containment_id", "any", containments)], order="id"
        )

    def _get_containment_columns(self):
        _ = self.env._
        columns = [
            ("containment", _("Containment"), TEXT, 14),
            ("state", _("Status"), TEXT, 10),
            ("opened", _("Opened on"), DATETIME, 17),
            ("age", _("Age (days)"), NUMBER, 10),
            ("inspection", _("Failed inspection"), TEXT, 16),
            ("workcenter", _("Work center"), TEXT, 18),
            ("operation", _("Operation"), TEXT, 22),
            ("date_from", _("Suspect since"), DATETIME, 17),
            ("date_to", _("Suspect until"), DATETIME, 17),
            ("lot", _("Lot/Serial number"), TEXT, 18),
            ("product", _("Product"), TEXT, 28),
            ("quantity", _("Suspect quantity"), NUMBER, 11),
            ("uom", _("Unit"), TEXT, 8),
            ("location", _("Where now"), TEXT, 36),
            ("decision", _("Decision"), TEXT, 10),
            ("decision_user", _("Decided by"), TEXT, 18),
            ("decision_date", _("Decided on"), DATETIME, 17),
        ]
        return with_notes(columns, self._get_containment_notes())

    def _get_containment_notes(self):
        _ = self.env._
        return {
            "age": _(
                "Open containments: from their opening to the export; "
                "closed ones: from their opening to their closing."
            ),
            "date_from": _("The last passed inspection of the checkpoint there."),
        }

    def _get_containment_rows(self, lines):
        """The rows of the suspect ``lines``, by containment then line."""
        line_values = self._read_values(
            lines,
            CONTAINMENT_LINE_FIELDS,
            {
                "lot_id": "name",
                "product_id": "display_name",
                "uom_id": "name",
                "decision_user_id": "name",
            },
        )
        containments = self._read_values(
            lines.containment_id.sorted("id"),
            CONTAINMENT_FIELDS,
            {"inspection_id": "name", "workcenter_id": "name", "operation_id": "name"},
        )
        by_id = {values["id"]: values for values in containments}
        labels = {
            "state": self._selection_labels("quality.containment", "state"),
            "decision": self._selection_labels("quality.containment.line", "decision"),
        }
        now = fields.Datetime.now()
        line_values.sort(key=lambda values: (values["containment_id"], values["id"]))
        return [
            self._prepare_containment_row(
                by_id[values["containment_id"]], values, labels, now
            )
            for values in line_values
        ]

    def _prepare_containment_row(self, containment, line, labels, now):
        """The row of a suspect ``line`` of ``containment`` (their values,
        ``_read_values``), at ``now``."""
        return {
            "containment": containment["name"],
            "state": labels["state"].get(containment["state"]),
            "opened": self._to_local(containment["create_date"]),
            "age": self._get_containment_age(containment, now),
            "inspection": containment["inspection_id_name"],
            "workcenter": containment["workcenter_id_name"],
            "operation": containment["operation_id_name"],
            "date_from": self._to_local(containment["date_from"]),
            "date_to": self._to_local(containment["date_to"]),
            "lot": line["lot_id_name"],
            "product": line["product_id_name"],
            "quantity": line["quantity"],
            "uom": line["uom_id_name"],
            "location": line["location_summary"],
            "decision": labels["decision"].get(line["decision"]),
            "decision_user": line["decision_user_id_name"],
            "decision_date": self._to_local(line["decision_date"]),
        }

    def _get_containment_age(self, containment, now):
        """Days from the opening of ``containment`` (its values) to its
        closing, or to ``now`` while it is open."""
        end = containment["date_closed"] if containment["state"] == "closed" else now
        if not end:
            return None
        return (end - containment["create_date"]).total_seconds() / 86400.0
