# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .quality_guard import is_quality_manager


class MrpWorkcenterProductivity(models.Model):
    """The time log that blocks a work center on quality hold is Odoo's own
    blocking record, and Manufacturing users may write time logs. While the
    hold lasts, only a Quality Manager ends, rewrites or deletes it, and no
    other user's time log may take the work center out of its blocked state.
    Once ended, it is the record of the hold (its downtime counts in the work
    center's effectiveness): nobody but the quality workflow changes or
    deletes it. Only the quality workflow (as superuser) logs the quality
    hold reason. The users a time log names are kept as operators of its work
    order."""

    _inherit = "mrp.workcenter.productivity"

    # The OEE's times read the time logs started in a window (the cards'
    # 30 days, the trend's 12 weeks, mrp.workcenter._add_oee_times:
    # date_start >= since AND date_start < until): a range of the index
    # instead of a scan of the plant's whole history.
    date_start = fields.Datetime(index=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_quality_hold_loss_not_set(vals_list)
        ids = [vals.get("workcenter_id") for vals in vals_list]
        if all(type(id_) is int for id_ in ids):
            held = self._get_quality_blocked(self.env["mrp.workcenter"].browse(ids))
        else:
            held = self._get_quality_blocked()
        logs = super().create(vals_list)
        self._check_still_blocked(held & logs.workcenter_id)
        logs._add_quality_operators()
        return logs

    def write(self, vals):
        workcenters = self.workcenter_id
        if not self.env.su:
            self._get_quality_hold_logs()._check_can_change_quality_hold_log()
            self._check_ended_quality_hold_unchanged()
            self._check_quality_hold_loss_not_set([vals])
            if isinstance(vals.get("workcenter_id"), int):
                workcenters |= workcenters.browse(vals["workcenter_id"])
        held = self._get_quality_blocked(workcenters)
        res = super().write(vals)
        self._check_still_blocked(held)
        if "user_id" in vals or "workorder_id" in vals:
            self._add_quality_operators()
        return res

    def _add_quality_operators(self):
        """Whoever a time log names worked on its work order: remembered on
        the work order, where editing or deleting the log changes nothing."""
        for log in self.filtered(lambda log: log.workorder_id and log.user_id):
            log.workorder_id._add_quality_operator(log.user_id)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_quality_hold(self):
        self._get_quality_hold_logs()._check_can_change_quality_hold_log()
        if not self.env.su:
            self._check_ended_quality_hold_unchanged()

    def _get_quality_hold_logs(self):
        """The logs among these that hold their work center for quality: open,
        with the quality hold reason, on a work center on quality hold."""
        loss = self.env["mrp.workcenter"]._get_quality_hold_loss()
        return self & self.sudo().filtered(
            lambda log: (
                log.loss_id == loss
                and not log.date_end
                and log.workcenter_id.quality_hold
            )
        )

    def _get_quality_blocked(self, workcenters=None):
        """Among ``workcenters`` (default: all), those on quality hold and
        blocked, which a time log change by this user must leave blocked; none
        when the user is a Quality Manager (or superuser)."""
        Workcenter = self.env["mrp.workcenter"]
        if is_quality_manager(self.env):
            return Workcenter
        if workcenters is None:
            workcenters = Workcenter.sudo().search([("quality_hold", "=", True)])
        return workcenters.sudo().filtered(
            lambda w: w.quality_hold and w.working_state == "blocked"
        )

    def _check_still_blocked(self, workcenters):
        """Refuse a time log change that took ``workcenters`` (on quality hold)
        out of their blocked state: Odoo's start button reads it."""
        lifted = workcenters.filtered(lambda w: w.working_state != "blocked")
        if lifted:
            raise UserError(
                self.env._(
                    "%(workcenters)s is on quality hold: its time logs cannot "
                    "show it working or available until a Quality Manager "
                    "releases it.",
                    workcenters=", ".join(lifted.mapped("display_name")),
                )
            )

    def _check_can_change_quality_hold_log(self):
        if self and not is_quality_manager(self.env):
            raise AccessError(
                self.env._(
                    "%(workcenters)s is on quality hold: only a Quality Manager "
                    "ends, changes or deletes its quality hold time log, by "
                    "releasing the hold.",
                    workcenters=", ".join(
                        self.sudo().workcenter_id.mapped("display_name")
                    ),
                )
            )

    def _check_ended_quality_hold_unchanged(self):
        """Refuse to change or delete an ended quality hold time log: the
        record of the hold, whoever asks (the add-on writes as superuser)."""
        loss = self.env["mrp.workcenter"]._get_quality_hold_loss()
        ended = self.sudo().filtered(lambda log: log.loss_id == loss and log.date_end)
        if loss and ended:
            raise AccessError(
                self.env._(
                    "The quality hold of %(workcenters)s is over: its time log "
                    "is the record of the hold and is neither changed nor "
                    "deleted.",
                    workcenters=", ".join(ended.workcenter_id.mapped("display_name")),
                )
            )

    def _check_quality_hold_loss_not_set(self, vals_list):
        loss = self.env["mrp.workcenter"]._get_quality_hold_loss()
        if loss and any(vals.get("loss_id") == loss.id for vals in vals_list):
            raise UserError(
                self.env._(
                    "The Quality Hold reason is logged by the quality workflow "
                    "when an inspection fails, never by hand."
                )
            )


class MrpWorkcenterProductivityLoss(models.Model):
    """The Quality Hold reason is the add-on's: a production manager, who may
    edit Odoo's loss reasons, would otherwise turn it into a productive one
    (the held work center then shows as working), rename it (its name or a
    translation of it: Odoo ends a translation's update with a ``write``),
    reorder it or delete it. Nobody but the add-on (superuser) changes any
    of its fields."""

    _inherit = "mrp.workcenter.productivity.loss"

    def write(self, vals):
        if not self.env.su:
            self._check_not_quality_hold()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_quality_hold_reason(self):
        if not self.env.su:
            self._check_not_quality_hold()

    def _check_not_quality_hold(self):
        loss = self.env["mrp.workcenter"]._get_quality_hold_loss()
        if loss and loss in self:
            raise UserError(
                self.env._(
                    "The Quality Hold reason belongs to the quality workflow: "
                    "it is neither changed nor deleted."
                )
            )
