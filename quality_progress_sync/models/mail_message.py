# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chatter of inspections and nonconformances as quality evidence.

Creating messages stays free: Odoo and the add-on post the result history,
the reopening notes, the actions' notes, activity feedback; users comment.
What is posted as evidence is never edited nor deleted, except by the add-on
itself (superuser):

- the traces, on any inspection or nonconformance: every message that is not
  a user's comment (tracking of the result, "Reopened: reason", the notes of
  the failure loop and of the actions, escalations, activity feedback);
- every message, comments included, of a judged inspection (passed or
  failed) and of a closed nonconformance: like the inspection itself, its
  chatter stays as it was judged until a Quality Manager reopens it, which
  leaves its own trace.

Odoo edits a message (the chatter's Edit and Delete) through
``mail.thread._message_update_content`` on a superuser copy of the message:
the check is made there, with the user's environment.
"""

from odoo import api, models
from odoo.exceptions import UserError

from .quality_inspection import DONE_STATES

# For each model whose chatter is evidence: the domain of its records whose
# every message is evidence (the traces are, on any of them).
EVIDENCE_THREADS = {
    "quality.inspection": [("state", "in", DONE_STATES)],
    "quality.nonconformance": [("is_closed", "=", True)],
}


class MailMessage(models.Model):
    _inherit = "mail.message"

    def write(self, vals):
        if vals and not self.env.su:
            self._check_not_quality_evidence()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_quality_evidence(self):
        if not self.env.su:
            self._check_not_quality_evidence()

    def _get_quality_evidence(self):
        """The messages among these that are quality evidence (see the
        module's docstring), read as superuser."""
        messages = self.sudo().filtered(
            lambda m: m.model in EVIDENCE_THREADS and m.res_id
        )
        traces = messages.filtered(lambda m: m.message_type != "comment")
        comments = messages - traces
        closed = set()
        for model, domain in EVIDENCE_THREADS.items():
            res_ids = comments.filtered(lambda m, model=model: m.model == model)
            if res_ids:
                records = (
                    self.env[model]
                    .sudo()
                    .search([("id", "in", res_ids.mapped("res_id")), *domain])
                )
                closed.update((model, res_id) for res_id in records.ids)
        evidence = traces | comments.filtered(lambda m: (m.model, m.res_id) in closed)
        return self.browse(evidence.ids)

    def _check_not_quality_evidence(self):
        """Refuse to change these messages when one is quality evidence."""
        if self._get_quality_evidence():
            raise UserError(
                self.env._(
                    "This message is part of a quality record (a judged "
                    "inspection, a closed nonconformance or their history): it "
                    "is neither edited nor deleted. A Quality Manager reopens a "
                    "judged inspection with a reason; add a new message to "
                    "complete it."
                )
            )


class MailTrackingValue(models.Model):
    """The old and new values of a tracked field are the result history:
    only administrators may write them in Odoo, and not those of quality
    evidence."""

    _inherit = "mail.tracking.value"

    def write(self, vals):
        if vals and not self.env.su:
            self.sudo().mail_message_id.with_env(self.env)._check_not_quality_evidence()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_quality_evidence(self):
        if not self.env.su:
            self.sudo().mail_message_id.with_env(self.env)._check_not_quality_evidence()


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_update_content(self, message, *args, **kwargs):
        """Odoo's Edit and Delete of a message in the chatter: ``message``
        comes as superuser, ``self`` with the user's environment."""
        if not self.env.su:
            message.with_env(self.env)._check_not_quality_evidence()
        return super()._message_update_content(message, *args, **kwargs)
