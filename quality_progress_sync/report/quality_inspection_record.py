# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The printed inspection record: what was inspected on a manufacturing order
(or on a lot), work order by work order.

One template (``report_inspection_record``), three entry points: printed from
manufacturing orders, from lots, and from inspections (the record of their
orders). Each is a report model that finds the records to print; the values
of one record come from :meth:`_prepare_record`."""

import base64

from odoo import api, models
from odoo.tools import image_process
from odoo.tools.image import image_data_uri

THUMBNAIL_SIZE = (240, 240)
RECORD_MODEL = "report.quality_progress_sync.report_inspection_record"


class ReportInspectionRecord(models.AbstractModel):
    _name = RECORD_MODEL
    _description = "Inspection Record Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        records = self._get_records(docids)
        inspections = self.env["quality.inspection"].union(
            *(record["inspections"] for record in records)
        )
        return {
            "doc_ids": docids,
            "doc_model": "mrp.production",
            "docs": self.env["mrp.production"].union(
                *(record["production"] for record in records)
            ),
            "records": records,
            "photos": self._get_photos(inspections),
        }

    @api.model
    def _get_records(self, docids):
        """The records to print for the manufacturing orders ``docids``."""
        productions = self.env["mrp.production"].browse(docids)
        productions.check_access("read")
        return [
            self._prepare_record(production, production.inspection_ids)
            for production in productions
        ]

    @api.model
    def _prepare_record(self, production, inspections, lot=None):
        """One printed record: ``production``, the lot it is for, and its
        work orders in their order with ``inspections`` of each, in the order
        they were made."""
        inspections = inspections.filtered(lambda i: i.state != "cancel")
        workorders = inspections.workorder_id.sorted(lambda wo: (wo.sequence, wo.id))
        return {
            "production": production,
            "lot": lot if lot is not None else production.lot_producing_id,
            "inspections": inspections,
            "workorders": [
                (
                    workorder,
                    inspections.filtered(
                        lambda i, wo=workorder: i.workorder_id == wo
                    ).sorted("id"),
                )
                for workorder in workorders
            ],
            "counts": self._get_counts(inspections),
        }

    @api.model
    def _get_counts(self, inspections):
        """``inspections`` counted by result, cancelled ones aside: the
        figures the inspection record and the certificate of conformity
        print (template ``report_inspection_counts``)."""
        return {
            state: len(inspections.filtered(lambda i, s=state: i.state == s))
            for state in ("pass", "fail", "todo")
        }

    @api.model
    def _get_photos(self, inspections):
        """Thumbnails (data URIs) of each inspection's picture and image
        attachments, by inspection id."""
        attachments = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "quality.inspection"),
                ("res_id", "in", inspections.ids),
                ("mimetype", "=like", "image/%"),
            ],
            order="id",
        )
        photos = {inspection.id: [] for inspection in inspections}
        for inspection in inspections.filtered("picture"):
            photos[inspection.id].append(self._thumbnail(inspection.picture))
        for attachment in attachments:
            if attachment.datas:
                photos[attachment.res_id].append(self._thumbnail(attachment.datas))
        return {key: [uri for uri in uris if uri] for key, uris in photos.items()}

    @api.model
    def _thumbnail(self, datas):
        try:
            image = image_process(base64.b64decode(datas), size=THUMBNAIL_SIZE)
        except (ValueError, OSError):
            return False
        return image_data_uri(base64.b64encode(image))


class ReportInspectionRecordLot(models.AbstractModel):
    """The inspection record of lots: per order that made each lot, the
    inspections that judged the lot and those still to do."""

    _name = "report.quality_progress_sync.report_inspection_record_lot"
    _inherit = RECORD_MODEL
    _description = "Inspection Record Report (Lots)"

    @api.model
    def _get_records(self, docids):
        lots = self.env["stock.lot"].browse(docids)
        lots.check_access("read")
        records = []
        for lot in lots:
            judged = self.env["quality.inspection"].search([("lot_id", "=", lot.id)])
            productions = judged.production_id | self.env["mrp.production"].search(
                [("lot_producing_id", "=", lot.id)]
            )
            for production in productions.sorted("id"):
                inspections = production.inspection_ids.filtered(
                    lambda i, p=production, lot=lot: (
                        i.lot_id == lot or (not i.lot_id and p.lot_producing_id == lot)
                    )
                )
                records.append(self._prepare_record(production, inspections, lot))
        return records


class ReportInspectionRecordInspection(models.AbstractModel):
    """The inspection record of the orders of the selected inspections."""

    _name = "report.quality_progress_sync.report_inspection_record_qi"
    _inherit = RECORD_MODEL
    _description = "Inspection Record Report (Inspections)"

    @api.model
    def _get_records(self, docids):
        inspections = self.env["quality.inspection"].browse(docids)
        inspections.check_access("read")
        return super()._get_records(inspections.production_id.sorted("id").ids)
