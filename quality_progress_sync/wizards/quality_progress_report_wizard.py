# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import base64
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..report.progress_quality_xlsx import REPORT_MODEL


class QualityProgressReportWizard(models.TransientModel):
    _name = "quality.progress.report.wizard"
    _description = "Progress & Quality Export"

    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    date_from = fields.Date(
        string="From",
        required=True,
        default=_default_date_from,
        help="Work orders planned (or, never planned, created) on or after this day.",
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=fields.Date.context_today,
        help="Work orders planned (or, never planned, created) on or before this day.",
    )
    workcenter_ids = fields.Many2many(
        "mrp.workcenter",
        string="Work Centers",
        help="Leave empty to export every work center.",
    )
    product_ids = fields.Many2many(
        "product.product",
        string="Products",
        help="Leave empty to export every product.",
    )
    xlsx_file = fields.Binary(string="Workbook", readonly=True, attachment=True)
    xlsx_filename = fields.Char(string="File Name", readonly=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._(
                        "The start date (%(date_from)s) is after the end date "
                        "(%(date_to)s): choose a start on or before the end.",
                        date_from=wizard.date_from,
                        date_to=wizard.date_to,
                    )
                )

    def action_export(self):
        """Build the workbook of the work orders in the filters and download it."""
        self.ensure_one()
        workorders = self.env["mrp.workorder"].search(
            self._get_workorder_domain(), order="production_id, sequence, id"
        )
        content = self.env[REPORT_MODEL]._generate_xlsx(
            workorders, workcenters=self.workcenter_ids
        )
        filename = self.env._(
            "progress_quality_%(date_from)s_%(date_to)s.xlsx",
            date_from=self.date_from,
            date_to=self.date_to,
        )
        self.write({"xlsx_file": base64.b64encode(content), "xlsx_filename": filename})
        query = urlencode(
            {
                "model": self._name,
                "id": self.id,
                "field": "xlsx_file",
                "filename_field": "xlsx_filename",
                "download": "true",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content?{query}",
            "target": "self",
        }

    def _get_datetime_range(self):
        """The range as naive UTC datetimes, from the first day at midnight to
        the day after the last one (excluded), in the user's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or self.env.context.get("tz") or "UTC")

        def to_utc(day):
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return to_utc(self.date_from), to_utc(self.date_to + timedelta(days=1))

    def _get_workorder_domain(self):
        """Work orders of the export: not cancelled, of the chosen work centers
        and products, whose planned span (start to finish; a done work order's
        finish is its real end) overlaps the range; work orders never planned
        (no start) count on the day they were created."""
        self.ensure_one()
        start, end = self._get_datetime_range()
        domain = [
            ("state", "!=", "cancel"),
            "|",
            "&",
            ("date_start", "<", end),
            ("date_finished", ">=", start),
            "&",
            ("date_start", "=", False),
            "&",
            ("create_date", ">=", start),
            ("create_date", "<", end),
        ]
        if self.workcenter_ids:
            domain.append(("workcenter_id", "in", self.workcenter_ids.ids))
        if self.product_ids:
            domain.append(("product_id", "in", self.product_ids.ids))
        return domain
