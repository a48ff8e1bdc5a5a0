# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an inspection shows its reader: the buttons of the screens and what
they answer, and the texts built in the reader's language (the failure and
disposition reasons, what a failure will start).

The buttons only open dialogs and call the recording methods
(``quality_inspection_record.py``); nothing here decides or writes a result."""

from odoo import api, models

# In the context of a work order shown in a dialog: come back to it after
# recording (``mrp.workorder.action_open_wizard``).
WORKORDER_DIALOG_KEY = "quality_workorder_dialog"


class QualityInspectionScreen(models.AbstractModel):
    """Inherited by ``quality.inspection`` (models/quality_inspection.py):
    its buttons, and the computes of its reasons (``failure_reason``,
    ``disposition_reason``, fields of the main file)."""

    _name = "quality.inspection.screen"
    _description = "Inspection Screens"

    @api.depends(
        "state",
        "failure_note",
        "checkpoint_id.failure_message",
        "measure_ids.value",
        "tolerance_min",
        "tolerance_max",
        "defect_count",
    )
    @api.depends_context("lang")
    def _compute_failure_reason(self):
        for inspection in self:
            inspection.failure_reason = inspection.state == "fail" and (
                inspection.failure_note or inspection._get_failure_text()
            )

    def _get_failure_text(self):
        """Why the inspection failed when nobody typed it, in the reader's
        language: the measures outside tolerance, the rejected sample, or the
        checkpoint's failure message."""
        self.ensure_one()
        outside = self.measure_ids.filtered(lambda m: not m.is_within_tolerance)
        if self.sampling_plan_id:
            return self.env._(
                "Lot rejected: %(defects)s nonconforming units in a sample of "
                "%(size)s (Ac %(ac)s, Re %(re)s).",
                defects=self.defect_count,
                size=self.sample_size,
                ac=self.accept_number,
                re=self.reject_number,
            )
        if outside:
            details = ", ".join(
                self.env._(
                    "sample %(no)s: %(value)s",
                    no=measure.sample_no,
                    value=measure.value,
                )
                for measure in outside
            )
            return self.env._(
                "Outside tolerance (%(min)s to %(max)s): %(details)s",
                min=self.tolerance_min,
                max=self.tolerance_max,
                details=details,
            )
        return self.failure_message or False

    @api.depends(
        "disposition", "disposition_note", "disposition_automatic", "checkpoint_id"
    )
    @api.depends_context("lang")
    def _compute_disposition_reason(self):
        for inspection in self:
            reason = inspection.disposition_note
            if not reason and inspection.disposition_automatic:
                reason = self.env._(
                    "Automatic: failure policy of checkpoint %(checkpoint)s.",
                    checkpoint=inspection.checkpoint_id.name,
                )
            inspection.disposition_reason = inspection.disposition and reason

    def action_pass(self):
        self.do_pass()
        return self._get_recorded_action()

    def action_fail(self):
        """Ask for the reason and the failed quantity before failing."""
        self.ensure_one()
        self._check_can_record()
        return self._get_dialog_action(
            self.env._(
                "Fail %(name)s (%(title)s)",
                name=self.name,
                title=self.checkpoint_id.name,
            ),
            "quality.inspection.fail",
            {"default_inspection_id": self.id},
        )

    def action_open_measure_wizard(self):
        self.ensure_one()
        self._check_can_record()
        return self._get_dialog_action(
            self.env._(
                "Record Measures: %(name)s (%(title)s)",
                name=self.name,
                title=self.checkpoint_id.name,
            )
            if self.check_type == "measure"
            else self.env._(
                "Record Samples: %(name)s (%(title)s)",
                name=self.name,
                title=self.checkpoint_id.name,
            ),
            "quality.inspection.measure.wizard",
            {"default_inspection_id": self.id},
        )

    def action_open_inspection(self):
        """This inspection's own form in a dialog: its photo, comment and
        buttons, from a list of a work order."""
        self.ensure_one()
        return dict(
            self._get_dialog_action(self.display_name, self._name, {}),
            res_id=self.id,
        )

    def _get_dialog_action(self, name, model, context):
        """A dialog on ``model``; the work-order dialog it was opened from (see
        ``mrp.workorder.action_open_wizard``) comes back after it."""
        flag = self.env.context.get(WORKORDER_DIALOG_KEY)
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": dict(context, **{WORKORDER_DIALOG_KEY: flag} if flag else {}),
        }

    def _get_recorded_action(self):
        """What the screen does once results are recorded: tell what happened
        and show the record again (reopening the work-order dialog it came
        from)."""
        after = {"type": "ir.actions.act_window_close"}
        workorder = self.workorder_id[:1]
        if self.env.context.get(WORKORDER_DIALOG_KEY) and workorder:
            after = workorder.action_open_wizard()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": " ".join(
                    inspection._get_result_message() for inspection in self
                ),
                "type": "warning" if "fail" in self.mapped("state") else "success",
                "next": after,
            },
        }

    def _get_result_message(self):
        """One line telling the user what their result did."""
        self.ensure_one()
        names = {"name": self.name, "title": self.checkpoint_id.name}
        if self.state == "pass":
            return self.env._("%(name)s (%(title)s) passed.", **names)
        if self.state != "fail":
            return self.env._("%(name)s (%(title)s) is still to do.", **names)
        message = self.env._("%(name)s (%(title)s) failed.", **names)
        nonconformance = self.nonconformance_id
        if nonconformance:
            message += " " + self.env._(
                "Nonconformance %(nonconformance)s opened.",
                nonconformance=nonconformance.name,
            )
        reworks = self.reinspection_ids.workorder_id
        if reworks:
            message += " " + self.env._(
                "Rework work order added: %(reworks)s.",
                reworks=", ".join(reworks.mapped("display_name")),
            )
        return message

    def action_open_reopen_wizard(self):
        self._check_can_reopen()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen Inspections"),
            "res_model": "quality.inspection.reopen",
            "view_mode": "form",
            "target": "new",
            "context": {"default_inspection_ids": self.ids},
        }

    def action_open_workorder(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mrp.workorder",
            "view_mode": "form",
            "res_id": self.workorder_id.id,
        }

    def action_open_disposition_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Disposition"),
            "res_model": "quality.inspection.disposition",
            "view_mode": "form",
            "target": "new",
            "context": {"default_inspection_ids": self.ids},
        }

    def _get_failure_consequence(self):
        """What failing this inspection would start, told before it is done
        (the loop itself: ``quality.nonconformance._handle_failures``)."""
        self.ensure_one()
        # To do, it blocks exactly when its failure would (``gate_blocking``).
        if not self.gate_blocking:
            return self.env._(
                "The failure is recorded; this inspection does not hold the work "
                "order, and opens no nonconformance."
            )
        Nonconformance = self.env["quality.nonconformance"]
        existing = self.nonconformance_id or self.origin_inspection_id.nonconformance_id
        if existing:
            lines = [
                self.env._(
                    "The failure is added to nonconformance %(name)s.",
                    name=existing.name,
                )
            ]
        else:
            responsible = Nonconformance._get_failure_responsible(self)
            lines = [
                self.env._(
                    "A nonconformance opens for %(responsible)s.",
                    responsible=responsible.name or "-",
                )
            ]
        if self.production_id._is_open():
            lines.append(self._get_policy_consequence())
        return " ".join(lines)

    def _get_policy_consequence(self):
        self.ensure_one()
        checkpoint = self.checkpoint_id
        policy = checkpoint.on_failure
        if policy == "rework" and self._is_past_rework_limit():
            return self.env._(
                "The limit of %(loops)s rework loops is reached: no rework work "
                "order is added, the Quality Managers decide a concession or a "
                "scrap.",
                loops=checkpoint.max_rework_loops,
            )
        if policy == "rework":
            return self.env._(
                "A rework work order is added after %(workorder)s, before the next "
                "operation, with a re-inspection; the order is re-planned.",
                workorder=self.workorder_id.display_name,
            )
        if policy == "scrap":
            return self.env._("The failed quantity is scrapped.")
        if policy == "hold":
            return self.env._(
                "Work center %(workcenter)s is held until a Quality Manager "
                "releases it.",
                workcenter=self.workcenter_id.display_name,
            )
        return self.env._(
            "The work order waits for a decision: rework or scrap by an inspector, "
            "or a concession by a Quality Manager."
        )
