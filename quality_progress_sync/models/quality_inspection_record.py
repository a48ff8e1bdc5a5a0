# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recording an inspection's result, who may record it, and reopening it.

The recording methods sit side by side: ``do_pass``, ``do_fail``,
``do_measure`` and ``do_sample_results`` (public: reachable over RPC with any
arguments, so each checks them) all go through :meth:`_check_can_record`
(the row locked, the state, the first article, the performer rules of
:meth:`_get_performer_error`) and end in :meth:`_record_result`, which hands a
failure to the nonconformance's loop. A Quality Manager reopens a done
inspection with :meth:`_reopen`, unless what it held is finished."""

import math

from markupsafe import Markup

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .quality_guard import INSPECTOR_GROUP, clean_text, is_quality_manager
from .quality_story import format_when, reader_env

DONE_STATES = ("pass", "fail")
# Beyond this a value is no measure (and no longer rounds to the field's
# digits): refused.
MEASURE_LIMIT = 1e12
MEASURE_LIMIT_TEXT = "1e+12"


class QualityInspectionRecord(models.AbstractModel):
    """Inherited by ``quality.inspection`` (models/quality_inspection.py):
    its recording methods, and the hook ``_on_measures_changed`` that
    extensions of ``quality.inspection`` override."""

    _name = "quality.inspection.record"
    _description = "Inspection Recording"

    def do_pass(self):
        """Pass the inspections; measure ones pass through :meth:`do_measure`."""
        self._check_can_record()
        for inspection in self:
            if inspection.sampling_plan_id:
                raise UserError(
                    self.env._(
                        "%(name)s is an AQL sample: record the result of each of "
                        "its %(count)s units, the lot is accepted or rejected from "
                        "them.",
                        name=inspection.display_name,
                        count=inspection.sample_size,
                    )
                )
            if inspection.check_type == "measure":
                raise UserError(
                    self.env._(
                        "%(name)s is a measure: record its values, the result "
                        "follows from the tolerances.",
                        name=inspection.display_name,
                    )
                )
            if inspection.check_type == "photo" and not inspection._has_photo():
                raise UserError(
                    self.env._(
                        "%(name)s needs a photo before it can pass: add a picture "
                        "or attach one in the chatter.",
                        name=inspection.display_name,
                    )
                )
        self._record_result("pass")
        return True

    def do_fail(self, reason=None):
        """Fail the inspections, with ``reason`` or the checkpoint's message."""
        reason = clean_text(self.env, reason, self.env._("The reason"))
        self._check_can_record()
        sampled = self.filtered("sampling_plan_id")
        if sampled:
            raise UserError(
                self.env._(
                    "%(names)s: AQL samples are judged from the result of each unit.",
                    names=", ".join(sampled.mapped("display_name")),
                )
            )
        # Without a reason, the checkpoint's message tells why (failure_reason).
        self._record_result("fail", reason=reason)
        return True

    def do_measure(self, values):
        """Record one value per sample; pass when all lie within tolerance."""
        self.ensure_one()
        self._check_can_record()
        numbers = self._check_measure_values(values)
        self.sudo().measure_ids = [
            Command.create({"sample_no": index, "value": value})
            for index, value in enumerate(numbers, start=1)
        ]
        self._on_measures_changed(recorded=True)
        outside = self.measure_ids.filtered(lambda m: not m.is_within_tolerance)
        if self.sampling_plan_id:
            return self._record_sampling_result(len(outside))
        # A failure's reason follows from the measures (failure_reason).
        self._record_result("fail" if outside else "pass")
        return True

    def _on_measures_changed(self, recorded):
        """Hook: the active measures of these inspections changed, before
        their result is recorded: new values were ``recorded`` (do_measure),
        or their measures were archived (reopening, ``recorded`` False).
        Nothing here; extensions (quality_progress_sync_spc) override it."""

    def _check_measure_values(self, values):
        """``values`` as numbers, one per sample of this measure inspection."""
        if self.check_type != "measure":
            raise UserError(
                self.env._(
                    "%(name)s is not a measure inspection.", name=self.display_name
                )
            )
        numbers = self._parse_measure_values(values)
        if len(numbers) != self.sample_size:
            raise ValidationError(
                self.env._(
                    "%(name)s needs %(expected)s values, one per sample, "
                    "not %(count)s.",
                    name=self.display_name,
                    expected=self.sample_size,
                    count=len(numbers),
                )
            )
        return numbers

    def do_sample_results(self, results):
        """Record, for an AQL pass/fail sample, whether each unit conforms
        (``True``) or not (``False``); the lot is judged by Ac / Re."""
        self.ensure_one()
        self._check_can_record()
        if not self.sampling_plan_id or self.check_type != "pass_fail":
            raise UserError(
                self.env._(
                    "%(name)s is not an AQL pass/fail sample.", name=self.display_name
                )
            )
        if not isinstance(results, list | tuple) or any(
            not isinstance(result, bool) for result in results
        ):
            raise ValidationError(
                self.env._(
                    "Give one result per unit: conforming (true) or not (false)."
                )
            )
        if len(results) != self.sample_size:
            raise ValidationError(
                self.env._(
                    "%(name)s needs %(expected)s results, one per unit of the "
                    "sample, not %(count)s.",
                    name=self.display_name,
                    expected=self.sample_size,
                    count=len(results),
                )
            )
        return self._record_sampling_result(results.count(False))

    def _record_result(self, state, reason=False):
        """Record ``state`` with the ``reason`` the user gave, if any."""
        # The lot judged is kept as it is now: the order's lot may change.
        for production, inspections in self.grouped("production_id").items():
            inspections.sudo().write(
                {
                    "state": state,
                    "user_id": self.env.uid,
                    "date_done": fields.Datetime.now(),
                    "failure_note": reason if state == "fail" else False,
                    "lot_id": production.lot_producing_id.id,
                }
            )
        self.workcenter_id._check_pass_rate_threshold()
        if state == "fail":
            self.env["quality.nonconformance"]._handle_failures(self)
        if state == "pass":
            # Patrols wait for the first article: their time has come.
            self.env["quality.checkpoint"]._create_inspections(
                self.filtered(lambda i: i.stage == "first_article").workorder_id,
                "produce",
            )

    def _record_sampling_result(self, defects):
        """Judge the lot from the nonconforming units of the sample (ISO
        2859-1: accept with at most Ac, reject from Re; under reduced
        inspection a count between them accepts the lot but ends reduced
        inspection) and feed the switching rules."""
        self.ensure_one()
        self.sampling_plan_id._record_inspection_result(self, defects)
        self.sudo().defect_count = defects
        # A rejection's reason follows from the counts (failure_reason).
        self._record_result("pass" if defects < self.reject_number else "fail")
        return True

    def _parse_measure_values(self, values):
        if not isinstance(values, list | tuple):
            values = [values]
        numbers = []
        for value in values:
            number = None
            if not isinstance(value, bool):
                try:
                    number = float(value)
                except (TypeError, ValueError, OverflowError):
                    number = None
            if number is None or not math.isfinite(number):
                raise ValidationError(
                    self.env._(
                        "%(value)r is not a finite number: enter each measure as "
                        "a number.",
                        value=value,
                    )
                )
            if abs(number) >= MEASURE_LIMIT:
                raise ValidationError(
                    self.env._(
                        "%(value)s is out of range: a measure lies between "
                        "-%(limit)s and %(limit)s.",
                        value=value,
                        limit=MEASURE_LIMIT_TEXT,
                    )
                )
            numbers.append(number)
        return numbers

    def _has_photo(self):
        self.ensure_one()
        if self.picture:
            return True
        return bool(
            self.env["ir.attachment"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("mimetype", "=like", "image/%"),
                ],
                limit=1,
            )
        )

    def _check_can_record(self):
        """Refuse a result on inspections that are done, that wait for their
        first article, or that are not the user's to perform. The rows are
        locked first: of two users recording the same inspection at once, the
        second waits, then is told it is done (Odoo retries its request)."""
        self._lock_for_update()
        for inspection in self:
            if inspection.state != "todo":
                raise UserError(
                    self.env._(
                        "%(name)s is already %(state)s. Only a Quality Manager can "
                        "reopen it.",
                        name=inspection.display_name,
                        state=inspection._get_state_label(),
                    )
                )
            waiting = inspection._get_waiting_error()
            if waiting:
                raise UserError(waiting)
            error = inspection._get_performer_error(self.env.user)
            if error:
                raise AccessError(error)

    def _lock_for_update(self):
        """Lock these inspections' rows until the end of the transaction. A
        row changed meanwhile by another transaction makes this one fail
        with a serialization error, which Odoo retries from the start."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM quality_inspection WHERE id IN %s FOR UPDATE",
                    tuple(self.ids),
                )
            )

    def _get_waiting_error(self):
        """Why this inspection cannot be recorded yet, or False: a patrol
        waits for its work order's first article; a re-inspection judges
        reworked pieces, and waits for its rework work order to start (the
        rework's Done waits for it in turn)."""
        self.ensure_one()
        rework = self.workorder_id
        if (
            self.origin_inspection_id
            and rework.rework_of_id
            and rework.state not in ("progress", "done")
        ):
            return self.env._(
                "%(name)s re-inspects the rework of %(origin)s: it is recorded "
                "once %(workorder)s has started.",
                name=self.display_name,
                origin=self.origin_inspection_id.name,
                workorder=rework.display_name,
            )
        if self.stage == "patrol" and not self.workorder_id._is_first_article_passed():
            return self.env._(
                "%(name)s is a patrol inspection: it waits for the first "
                "article of %(workorder)s to pass.",
                name=self.display_name,
                workorder=self.workorder_id.display_name,
            )
        return False

    def _get_state_label(self):
        self.ensure_one()
        selection = self._fields["state"]._description_selection(self.env)
        return dict(selection)[self.state]

    def _get_performer_error(self, user):
        """Why ``user`` may not record this inspection, or False.

        - inspector: a quality inspector;
        - self: the operator of the work order (who logged time on it; anyone
          of Manufacturing while nobody has), or an inspector;
        - cross: anyone of Manufacturing or an inspector, but never an
          operator of this work order; once the next work order has operators,
          one of them (or an inspector)."""
        self.ensure_one()
        is_inspector = user.has_group(INSPECTOR_GROUP)
        is_operator = user.has_group("mrp.group_mrp_user")
        workorder = self.workorder_id
        operators = workorder._get_operator_users()
        if self.performer == "inspector" or not (is_operator or is_inspector):
            if is_inspector:
                return False
            return self.env._(
                "%(name)s must be performed by a quality inspector.",
                name=self.display_name,
            )
        if self.performer == "self":
            if is_inspector or not operators or user in operators:
                return False
            return self.env._(
                "%(name)s is a self-check: only the operator of %(workorder)s "
                "(%(operators)s) or an inspector records it.",
                name=self.display_name,
                workorder=workorder.display_name,
                operators=", ".join(operators.mapped("name")),
            )
        return self._get_cross_check_error(user, is_inspector)

    def _get_cross_check_error(self, user, is_inspector):
        """A cross-check: never by an operator of its work order; once the
        next operation has operators, by one of them or an inspector."""
        workorder = self.workorder_id
        if user in workorder._get_operator_users():
            return self.env._(
                "%(name)s is a cross-check: it is done by the operator of the next "
                "operation, never by one who worked on %(workorder)s.",
                name=self.display_name,
                workorder=workorder.display_name,
            )
        next_operators = workorder._get_next_workorders()._get_operator_users()
        if is_inspector or not next_operators or user in next_operators:
            return False
        return self.env._(
            "%(name)s is a cross-check: only the operator of the next operation "
            "(%(operators)s) or an inspector records it.",
            name=self.display_name,
            operators=", ".join(next_operators.mapped("name")),
        )

    def _check_can_reopen(self):
        if not is_quality_manager(self.env):
            raise AccessError(
                self.env._("Only a Quality Manager can reopen an inspection.")
            )
        finished = self.filtered(lambda i: i._get_finished_holder())
        if finished:
            raise UserError(
                self.env._(
                    "%(names)s cannot be reopened: what it held is already "
                    "finished (%(holders)s). Open a nonconformance on the "
                    "finished goods instead.",
                    names=", ".join(finished.mapped("display_name")),
                    holders=", ".join(
                        holder.display_name
                        for inspection in finished
                        for holder in inspection._get_finished_holder()
                    ),
                )
            )
        decided = self.filtered("disposition")
        if decided:
            raise UserError(
                self.env._(
                    "A failed inspection with a disposition stays as it is: its "
                    "rework, scrap or concession carries on (%(names)s).",
                    names=", ".join(decided.mapped("display_name")),
                )
            )
        not_done = self.filtered(lambda i: i.state not in DONE_STATES)
        if not_done:
            raise UserError(
                self.env._(
                    "Only passed or failed inspections can be reopened: %(names)s.",
                    names=", ".join(not_done.mapped("display_name")),
                )
            )

    def _get_finished_holder(self):
        """What this inspection held that is already done (or cancelled): its
        manufacturing order; its work order; for a cross-check, the next work
        orders once started. Reopening it then would leave a finished record
        with an inspection to do."""
        self.ensure_one()
        production = self.production_id
        if not production._is_open():
            return production
        if self.performer == "cross":
            return self.workorder_id._get_next_workorders().filtered(
                lambda wo: wo.state in ("progress", "done")
            )
        return self.workorder_id.filtered(lambda wo: not wo._is_open())

    def _lock_holders(self):
        """Write the rows of what these inspections hold (orders, work orders
        and, for cross-checks, the next ones): a concurrent Done or start
        of them then fails to serialize with this transaction, and Odoo
        retries it against the reopened inspection."""
        workorders = (
            self.workorder_id
            | self.filtered(
                lambda i: i.performer == "cross"
            ).workorder_id._get_next_workorders()
        )
        for records in (self.production_id, workorders):
            if records:
                self.env.cr.execute(
                    SQL(
                        "UPDATE %s SET write_date = write_date WHERE id IN %s",
                        SQL.identifier(records._table),
                        tuple(records.ids),
                    )
                )

    def _post_reopened(self, reason):
        """The note of a reopening: why, and what the inspection said before,
        written for the quality team of its company."""
        self.ensure_one()
        env = reader_env(self)
        inspection = self.with_env(env)
        values = ", ".join(str(v) for v in inspection.measure_ids.mapped("value"))
        body = Markup("<p>%s</p><ul><li>%s</li><li>%s</li></ul>") % (
            env._("Reopened: %(reason)s", reason=reason),
            env._(
                "Previous result: %(state)s by %(user)s on %(date)s",
                state=inspection._get_state_label(),
                user=inspection.user_id.display_name,
                date=format_when(env, inspection.date_done),
            ),
            env._("Previous values: %(values)s", values=values or "-"),
        )
        inspection.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    def _reopen(self, reason):
        """Set done inspections back to do, keeping their old result in the
        chatter and their old measures archived."""
        reason = clean_text(self.env, reason, self.env._("The reason"))
        self._check_can_reopen()
        self._lock_holders()
        self._lock_for_update()
        if not reason:
            raise UserError(self.env._("Give a reason to reopen an inspection."))
        for inspection in self:
            inspection._post_reopened(reason)
        self.env["quality.inspection.reopening"]._log(self, reason)
        self.measure_ids.sudo().write({"active": False})
        self._on_measures_changed(recorded=False)
        self.sudo().write(
            {
                "state": "todo",
                "user_id": False,
                "date_done": False,
                "failure_note": False,
                "failure_handled": False,
            }
        )
        return True
