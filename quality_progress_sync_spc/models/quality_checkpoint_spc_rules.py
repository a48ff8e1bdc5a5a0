# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SPC on measure checkpoints: the run rules checked on each new subgroup
(``_spc_evaluate``, called when measures are recorded) and what a signal does."""

from odoo import models
from odoo.addons.quality_progress_sync.models.quality_story import reader_env

from . import quality_spc


class QualityCheckpointSpcRules(models.AbstractModel):
    """The run rules of the SPC checkpoints and what a signal starts: a mixin
    that ``quality.checkpoint`` inherits (quality_checkpoint.py), whose
    fields it reads."""

    _name = "quality.checkpoint.spc.rules"
    _description = "SPC Run Rules of a Checkpoint"

    # ------------------------------------------------------------------
    # Run rules on a new subgroup
    # ------------------------------------------------------------------

    def _spc_evaluate(self, inspection):
        """Check the run rules on the subgroup of ``inspection``, whose
        measures were just created and whose result is not recorded yet,
        against the frozen limits: one signal per broken rule and chart, then
        what ``spc_on_signal`` says. The part is judged by its tolerances
        only. Reads only the last subgroups the rules need."""
        self.ensure_one()
        checkpoint = self.sudo()
        limits = checkpoint.spc_enabled and checkpoint._spc_get_frozen_limits()
        values = inspection.measure_ids.filtered("active").mapped("value")
        if not limits or len(values) != checkpoint.spc_subgroup_size:
            return self.env["quality.spc.signal"]
        history = checkpoint._spc_read_subgroups(
            quality_spc.history_length(checkpoint.spc_rules),
            exclude_ids=inspection.ids,
        )
        stats = [(row["mean"], row["spread"], row["stddev"]) for row in history]
        stats.append(quality_spc.subgroup_stats(values))
        broken = checkpoint._spc_broken_rules(stats, limits)
        if not broken:
            return self.env["quality.spc.signal"]
        signals = checkpoint._spc_create_signals(inspection, broken, limits)
        checkpoint._spc_act_on_signals(inspection, signals)
        return signals

    def _spc_broken_rules(self, stats, limits):
        """[(chart, rule, value)] that the last of the subgroups ``stats``
        ((mean, range, stddev), oldest first) breaks."""
        self.ensure_one()
        location, dispersion = quality_spc.plotted_series(stats, self.spc_subgroup_size)
        charts = (
            (quality_spc.LOCATION, location, limits.center, limits.ucl, limits.lcl),
            (
                quality_spc.DISPERSION,
                dispersion,
                limits.dispersion_center,
                limits.dispersion_ucl,
                limits.dispersion_lcl,
            ),
        )
        return [
            (chart, rule, series[-1])
            for chart, series, center, ucl, lcl in charts
            for rule in quality_spc.broken_rules(
                series, center, ucl, lcl, self.spc_rules
            )
        ]

    def _spc_create_signals(self, inspection, broken, limits):
        self.ensure_one()
        vals_list = [
            self._prepare_spc_signal_vals(inspection, chart, rule, value, limits)
            for chart, rule, value in broken
        ]
        return (
            self.env["quality.spc.signal"]
            .sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )

    def _prepare_spc_signal_vals(self, inspection, chart, rule, value, limits):
        """Values of the signal of ``rule`` broken on ``chart`` by the
        subgroup of ``inspection`` (plotted at ``value``)."""
        self.ensure_one()
        location = chart == quality_spc.LOCATION
        return {
            "checkpoint_id": self.id,
            "inspection_id": inspection.id,
            "workorder_id": inspection.workorder_id.id,
            "production_id": inspection.production_id.id,
            "workcenter_id": inspection.workcenter_id.id,
            "product_id": inspection.product_id.id,
            "company_id": inspection.company_id.id,
            "rule": rule,
            "chart": chart,
            "value": value,
            "center_line": limits.center if location else limits.dispersion_center,
            "ucl": limits.ucl if location else limits.dispersion_ucl,
            "lcl": limits.lcl if location else limits.dispersion_lcl,
            "user_id": self.env.uid,
        }

    def _spc_act_on_signals(self, inspection, signals):
        """What ``spc_on_signal`` says, once for the signals of one
        subgroup: an activity, a patrol inspection or a hold."""
        self.ensure_one()
        if self.spc_on_signal == "hold" and inspection.workcenter_id:
            workcenter = inspection.workcenter_id
            env = reader_env(workcenter, workcenter.quality_responsible_id)
            workcenter._quality_hold_for(
                self._spc_signal_summary(inspection, signals, env)
            )
            signals[:1].message_post(
                body=env._(
                    "Work center %(workcenter)s is on hold until a Quality "
                    "Manager releases it.",
                    workcenter=workcenter.with_env(env).display_name,
                )
            )
            return
        if self.spc_on_signal == "patrol" and self._spc_add_patrols(
            inspection, signals
        ):
            return
        self._spc_schedule_activity(inspection, signals)

    def _spc_signal_summary(self, inspection, signals, env):
        """What the signals say, in ``env``'s language."""
        return env._(
            "SPC signal on %(checkpoint)s (%(inspection)s): %(rules)s",
            checkpoint=self.with_env(env).name,
            inspection=inspection.name,
            rules="; ".join(signals.with_env(env).mapped("display_name")),
        )

    def _spc_schedule_activity(self, inspection, signals):
        """An activity for the responsible on the first signal, unless one of
        this checkpoint's new signals still has an open activity."""
        self.ensure_one()
        Signal = self.env["quality.spc.signal"].sudo()
        if Signal.search_count(
            [
                ("checkpoint_id", "=", self.id),
                ("state", "=", "new"),
                ("activity_ids", "!=", False),
                ("id", "not in", signals.ids),
            ],
            limit=1,
        ):
            return
        responsible = self._spc_get_responsible(signals.workcenter_id[:1])
        if responsible:
            env = reader_env(self, responsible)
            signals[:1].activity_schedule(
                "mail.mail_activity_data_warning",
                summary=self._spc_signal_summary(inspection, signals, env),
                note=env._(
                    "The process drifts: check the machine before a part is out "
                    "of tolerance, then acknowledge the signal."
                ),
                user_id=responsible.id,
            )

    def _spc_get_responsible(self, workcenter):
        self.ensure_one()
        return (
            self.responsible_id
            or workcenter.quality_responsible_id
            or self.env.ref("quality_progress_sync.group_quality_manager").users[:1]
        )

    def _spc_add_patrols(self, inspection, signals):
        """A patrol inspection on the running work order: the inspection's own
        while it is not finished, else those in progress at its work center.
        None is added where one from an earlier signal is still to do. Whether
        a work order was found."""
        self.ensure_one()
        patrol = self.spc_patrol_checkpoint_id or self
        workorders = inspection.workorder_id.filtered(
            lambda wo: wo.state not in ("done", "cancel")
        ) or self.env["mrp.workorder"].search(
            [
                ("workcenter_id", "=", inspection.workcenter_id.id),
                ("state", "=", "progress"),
            ]
        )
        if not workorders:
            return False
        waiting = self.env["quality.inspection"].search(
            [
                ("workorder_id", "in", workorders.ids),
                ("checkpoint_id", "=", patrol.id),
                ("stage", "=", "patrol"),
                ("state", "=", "todo"),
                ("id", "!=", inspection.id),
            ]
        )
        vals_list = [
            dict(patrol._prepare_inspection_vals(workorder), stage="patrol")
            for workorder in workorders - waiting.workorder_id
        ]
        patrols = self.env["quality.inspection"].sudo().create(vals_list)
        self._spc_log_patrols(patrols, signals)
        return True

    def _spc_log_patrols(self, patrols, signals):
        """Why the SPC added ``patrols``, in their chatter, in one batch and
        in the company's language."""
        env = reader_env(self)
        note = env._(
            "Added by an SPC signal on %(checkpoint)s: %(rules)s.",
            checkpoint=self.with_env(env).name,
            rules=", ".join(signals.with_env(env).mapped("display_name")),
        )
        patrols._message_log_batch(dict.fromkeys(patrols.ids, note))
