# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The patrols the crons add to running and late work orders, split by
concern from mrp_workorder.py."""

from collections import defaultdict

from markupsafe import Markup

from odoo import api, models


class MrpWorkorderPatrol(models.AbstractModel):
    """Inherited by ``mrp.workorder`` (models/mrp_workorder.py): the
    crons' methods (:meth:`_cron_late_workorder_patrols`,
    :meth:`_cron_generate_timed_patrols`)."""

    _name = "mrp.workorder.patrol"
    _description = "Work Order Patrols"

    @api.model
    def _get_running_domain(self):
        """The work orders that run: started and someone at work on them (a
        paused work order makes nothing to patrol)."""
        return [("state", "=", "progress"), ("time_ids.date_end", "=", False)]

    @api.model
    def _cron_late_workorder_patrols(self, limit=500):
        """One patrol inspection for each running work order that is late
        against its planned end, once; one reminder per inspector."""
        Checkpoint = self.env["quality.checkpoint"]
        checkpoints = Checkpoint.search([("for_late_workorders", "=", True)])
        if not checkpoints:
            return self.env["quality.inspection"]
        workorders = self.search(
            [
                *self._get_running_domain(),
                ("is_late", "=", True),
                ("late_patrol_done", "=", False),
                ("production_id.company_id", "in", checkpoints.company_id.ids),
            ],
            limit=limit,
            order="date_finished, id",
        )
        workorders.sudo().late_patrol_done = True
        inspections = checkpoints._create_late_patrols(workorders)
        self._schedule_late_patrol_activities(inspections)
        return inspections

    @api.model
    def _schedule_late_patrol_activities(self, inspections):
        """One activity per inspector listing their late patrols (the work
        center's quality responsible, else an inspector), on the first of
        them."""
        inspectors = self.env.ref(
            "quality_progress_sync.group_quality_inspector"
        ).users.filtered(lambda u: not u.share)
        by_user = defaultdict(lambda: self.env["quality.inspection"])
        for inspection in inspections:
            user = inspection.workcenter_id.quality_responsible_id or inspectors[:1]
            if user:
                by_user[user] |= inspection
        for user, patrols in by_user.items():
            patrols[:1].activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                **self._prepare_late_patrol_activity(patrols, user),
            )

    @api.model
    def _prepare_late_patrol_activity(self, patrols, user):
        """Summary and note of ``user``'s reminder of ``patrols``, in their
        language."""
        env = patrols.with_context(lang=user.lang).env
        if len(patrols) == 1:
            summary = env._(
                "Late work order %(workorder)s: patrol inspection",
                workorder=patrols.workorder_id.with_env(env).display_name,
            )
        else:
            summary = env._(
                "Late work orders: %(count)s patrol inspections", count=len(patrols)
            )
        lines = Markup("").join(
            Markup("<li>%s %s</li>")
            % (
                patrol._get_html_link(title=patrol.name),
                patrol.workorder_id.with_env(env).display_name,
            )
            for patrol in patrols
        )
        note = Markup("<p>%s</p><ul>%s</ul>") % (
            env._("Patrol these running work orders, late against their plan:"),
            lines,
        )
        return {"summary": summary, "note": note}

    @api.model
    def _cron_generate_timed_patrols(self, limit=500):
        """Patrol inspections every N minutes of work on running work orders."""
        checkpoints = self.env["quality.checkpoint"].search(
            [("frequency", "=", "every_n_minutes")]
        )
        if not checkpoints:
            return
        workorders = self.search(
            [
                *self._get_running_domain(),
                ("production_id.company_id", "in", checkpoints.company_id.ids),
            ],
            limit=limit,
            order="date_start, id",
        )
        self.env["quality.checkpoint"]._create_inspections(workorders, "timer")
