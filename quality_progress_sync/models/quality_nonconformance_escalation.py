# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The escalation of nonconformances to the Quality Managers: by the failure
loop (a rework limit reached) and by the cron, for the actions past their
deadline or not acknowledged within the SLA (Settings)."""

from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

from .quality_story import reader_env

# Actions escalated per run of the cron: the others stay to escalate, and the
# cron runs again at once (ir.cron._notify_progress) until none is left.
ESCALATION_BATCH = 1000
# Nonconformances named in the managers' message of one escalation.
ESCALATION_DIGEST = 50


class QualityNonconformanceEscalation(models.AbstractModel):
    """Inherited by ``quality.nonconformance`` (its main file)."""

    _name = "quality.nonconformance.escalation"
    _description = "Nonconformance Escalation"

    def _escalate(self, reason):
        """Tell the Quality Managers, once per nonconformance."""
        to_escalate = self.filtered(lambda n: not n.escalated)
        to_escalate.sudo().escalated = True
        to_escalate._notify_managers({nc.id: [reason] for nc in to_escalate})

    def _escalate_rework_limit(self, inspection):
        self.ensure_one()
        self._escalate(
            self.env._(
                "%(name)s failed after %(loops)s rework loops: no further rework "
                "work order is made. Decide a concession or a scrap.",
                name=inspection.name,
                loops=inspection.rework_loop,
            )
        )

    def _notify_managers(self, reasons):
        """Tell the Quality Managers why these nonconformances are escalated
        (``reasons``: {nonconformance id: [reason, ...]}): a note on each, an
        activity on each for one of them, and one message to each manager
        naming them all. A bounded number of queries whatever their number:
        created in batches, the activities sending no mail of their own.

        As superuser, the author staying the user: whoever triggers the
        escalation may have no email address (most operators)."""
        if not self:
            return
        nonconformances = self.sudo()
        managers = self._get_escalation_managers()
        # The managers are the note's recipients; notified once, below.
        nonconformances._message_log_batch(
            {
                nc.id: Markup("<p>%s</p>")
                % reader_env(nc)._(
                    "Escalated to the Quality Managers: %(reason)s",
                    reason="; ".join(reasons[nc.id]),
                )
                for nc in nonconformances
            },
            partner_ids=managers.partner_id.ids,
        )
        if managers:
            nonconformances._schedule_escalation_activities(managers[0], reasons)
            nonconformances._notify_escalations(managers, reasons)

    def _get_escalation_managers(self):
        """The internal users of the Quality Manager group."""
        return (
            self.env.ref("quality_progress_sync.group_quality_manager")
            .sudo()
            .users.filtered(lambda u: not u.share)
        )

    def _schedule_escalation_activities(self, user, reasons):
        """An activity for ``user`` on each nonconformance, in one create
        (Odoo's quick update: no mail per activity, see
        :meth:`_notify_escalations`)."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        # Each activity names its record (res_name) one record at a time:
        # the names computed here for all at once.
        self.mapped("display_name")
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": nc.id,
                    "summary": reader_env(nc, user)._(
                        "Escalated: %(reason)s", reason="; ".join(reasons[nc.id])
                    ),
                    "date_deadline": fields.Date.context_today(self),
                    "automated": True,
                    "user_id": user.id,
                }
                for nc in self
            ]
        )

    def _notify_escalations(self, managers, reasons):
        """One message to the ``managers`` (inbox or mail, as each chose)
        naming the escalated nonconformances and why: the first
        ``ESCALATION_DIGEST`` of them, the others counted (each has its note
        and its activity)."""
        env = reader_env(self)
        items = Markup().join(
            Markup("<li>%s: %s</li>")
            % (nc._get_html_link(nc.name), "; ".join(reasons[nc.id]))
            for nc in self[:ESCALATION_DIGEST]
        )
        if len(self) > ESCALATION_DIGEST:
            items += Markup("<li>%s</li>") % env._(
                "and %(count)s more: see their activities.",
                count=len(self) - ESCALATION_DIGEST,
            )
        self.env["mail.thread"].sudo().message_notify(
            partner_ids=managers.partner_id.ids,
            subject=env._("Nonconformances escalated"),
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (env._("Escalated to the Quality Managers:"), items),
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _cron_escalate_actions(self, limit=ESCALATION_BATCH):
        """Escalate, once, the actions past their deadline or not
        acknowledged within the SLA (Settings): the oldest ``limit`` ones, the
        others at the next run (at once, under Odoo's cron)."""
        sla_hours = float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("quality_progress_sync.escalation_sla_hours", 24)
        )
        actions = self.env["quality.nonconformance.action"].search(
            self._get_escalation_domain(sla_hours), order="id", limit=limit + 1
        )
        remaining = len(actions) - limit
        actions = actions[:limit]
        reasons = defaultdict(list)
        for action in actions:
            reasons[action.nonconformance_id.id].append(
                self._get_escalation_reason(action, sla_hours)
            )
        actions.nonconformance_id._notify_managers(reasons)
        actions.sudo().write({"escalated": True})
        self.env["ir.cron"]._notify_progress(
            done=len(actions), remaining=max(remaining, 0)
        )
        return actions

    @api.model
    def _get_escalation_domain(self, sla_hours):
        """The actions to escalate: not done, past their deadline or not
        acknowledged within ``sla_hours`` of their creation."""
        now = fields.Datetime.now()
        return [
            ("escalated", "=", False),
            ("done", "=", False),
            "|",
            ("deadline", "<", fields.Date.context_today(self)),
            "&",
            ("acknowledged", "=", False),
            ("create_date", "<", now - timedelta(hours=sla_hours)),
        ]

    @api.model
    def _get_escalation_reason(self, action, sla_hours):
        env = reader_env(action.nonconformance_id)
        if action.deadline < fields.Date.context_today(self):
            return env._("action %(name)s is past its deadline", name=action.name)
        return env._(
            "action %(name)s was not acknowledged within %(hours)s hours",
            name=action.name,
            hours=sla_hours,
        )
