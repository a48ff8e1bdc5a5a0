# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The files of a judged inspection as quality evidence.

An inspection's ``picture`` is an attachment (``res_field`` "picture"), as
are the photos and files added in its chatter (what a photo check counts).
Users with write access to the inspection may write its attachments: once
the inspection is judged (passed or failed) they stay as they were, like the
inspection, until a Quality Manager reopens it. Adding a file in the chatter
of a judged inspection stays free; replacing its picture does not.

- not rewritten, moved nor deleted: the attachments of a judged inspection,
  and those of its evidence messages (``mail.message`` res_model, e.g. an
  activity's feedback);
- not created nor moved onto a judged inspection's picture field.

The add-on (superuser) is not refused: Odoo writes a Binary field's
attachment as superuser, after the inspection's own ``write`` checked it.
"""

from odoo import api, models
from odoo.exceptions import UserError

from .quality_inspection import DONE_STATES

INSPECTION = "quality.inspection"
# Writing only these on an evidence attachment changes nothing of it: Odoo
# gives a new attachment an access token (an image posted in a message).
TOKEN_FIELDS = frozenset({"access_token"})


def _as_id(value):
    """``value`` (an attachment's ``res_id`` as given over RPC) as an id, or
    None when it is none (the ORM refuses what is not a number)."""
    if not value or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_not_onto_judged_picture(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if vals and not self.env.su:
            self._check_quality_evidence_write(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_quality_evidence(self):
        if not self.env.su and self._get_quality_evidence():
            raise UserError(self._get_quality_evidence_error())

    def _get_quality_evidence(self):
        """The attachments among these that are quality evidence (see the
        module's docstring), read as superuser."""
        attachments = self.sudo()
        on_inspection = attachments.filtered(
            lambda a: a.res_model == INSPECTION and a.res_id
        )
        judged = self._get_judged_inspection_ids(on_inspection.mapped("res_id"))
        evidence = on_inspection.filtered(lambda a: a.res_id in judged)
        on_message = attachments.filtered(
            lambda a: a.res_model == "mail.message" and a.res_id
        )
        if on_message:
            messages = (
                self.env["mail.message"]
                .browse(on_message.mapped("res_id"))
                .exists()
                ._get_quality_evidence()
            )
            evidence |= on_message.filtered(lambda a: a.res_id in messages.ids)
        return self.browse(evidence.ids)

    @api.model
    def _get_judged_inspection_ids(self, inspection_ids):
        if not inspection_ids:
            return set()
        return set(
            self.env[INSPECTION]
            .sudo()
            .search([("id", "in", list(inspection_ids)), ("state", "in", DONE_STATES)])
            .ids
        )

    def _check_quality_evidence_write(self, vals):
        evidence = self._get_quality_evidence()
        token_only = vals.keys() <= TOKEN_FIELDS and not any(
            evidence.sudo().mapped("access_token")
        )
        if evidence and not token_only:
            raise UserError(self._get_quality_evidence_error())
        if vals.keys() & {"res_model", "res_id", "res_field"}:
            self._check_not_onto_judged_picture(
                [
                    {
                        "res_model": vals.get("res_model", attachment.res_model),
                        "res_id": vals.get("res_id", attachment.res_id),
                        "res_field": vals.get("res_field", attachment.res_field),
                    }
                    for attachment in self.sudo()
                ]
            )

    @api.model
    def _check_not_onto_judged_picture(self, vals_list):
        """Refuse attachments of a field (the picture) of a judged inspection:
        the field is written through the inspection, which refuses it."""
        inspection_ids = {
            _as_id(vals.get("res_id"))
            for vals in vals_list
            if vals.get("res_model") == INSPECTION and vals.get("res_field")
        }
        if self._get_judged_inspection_ids(inspection_ids - {None}):
            raise UserError(self._get_quality_evidence_error())

    def _get_quality_evidence_error(self):
        return self.env._(
            "The files of a judged inspection are quality evidence: they are "
            "neither replaced, changed nor deleted. A Quality Manager can reopen "
            "the inspection with a reason; add a new file to complete it."
        )
