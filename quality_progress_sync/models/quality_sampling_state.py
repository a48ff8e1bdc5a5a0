# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.tools import SQL

from .quality_sampling_plan import SEVERITIES

ACCEPTED = "A"
REJECTED = "R"
# Normal -> tightened: 2 lots not accepted within 5 (or fewer) consecutive lots.
TIGHTEN_WINDOW = 5
TIGHTEN_REJECTED = 2
# Tightened -> normal: 5 consecutive lots accepted.
RELAX_ACCEPTED = 5
# Normal -> reduced: 10 consecutive lots accepted (when the plan allows it).
REDUCE_ACCEPTED = 10
# Results kept: enough for every rule above.
HISTORY_LENGTH = max(TIGHTEN_WINDOW, RELAX_ACCEPTED, REDUCE_ACCEPTED)


class QualitySamplingState(models.Model):
    """Where a product stands in the switching rules of a sampling plan.

    ISO 2859-1 clause 9.3, simplified:

    - normal -> tightened when 2 lots out of 5 or fewer consecutive ones are
      not accepted;
    - tightened -> normal after 5 consecutive lots accepted;
    - normal -> reduced after 10 consecutive lots accepted, if the plan allows
      reduced inspection. The 1999 switching score and the conditions on a
      steady production rate are not applied;
    - reduced -> normal as soon as a lot is not accepted (a lot accepted
      under reduced inspection with Ac < d < Re counts as not accepted: the
      caller records it so), or when the plan no longer allows reduced
      inspection.

    The history only holds the lots inspected since the last switch, so a
    switch always starts a new count. Discontinuation of inspection after 5
    lots not accepted under tightened inspection is not handled.
    """

    _name = "quality.sampling.state"
    _description = "Sampling Switching State"
    _order = "plan_id, product_id"

    plan_id = fields.Many2one(
        "quality.sampling.plan",
        string="Sampling Plan",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    product_id = fields.Many2one(
        "product.product", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    severity = fields.Selection(
        SEVERITIES, required=True, default="normal", readonly=True
    )
    history = fields.Char(
        readonly=True,
        help="Lots inspected since the last switch, oldest first (A accepted, "
        "R not accepted); the last 10 are kept.",
    )
    lot_count = fields.Integer(
        string="Lots Recorded", readonly=True, help="Lots recorded in total."
    )

    _sql_constraints = [
        (
            "plan_product_uniq",
            "unique(plan_id, product_id)",
            "A product has one switching state per sampling plan.",
        ),
    ]

    @api.model
    def _get_locked(self, plan, product):
        """The state of ``product`` under ``plan``, created if missing and
        locked until the end of the transaction; as superuser.

        Two lots of one product judged at the same time must neither both
        create the state (the second would get a duplicate key error, which
        Odoo does not retry) nor both update it from the same history: the
        row is inserted with ``ON CONFLICT DO NOTHING``, then read ``FOR
        UPDATE``. When the other transaction committed the row or an update
        of it after this one began, PostgreSQL (repeatable read, Odoo's
        isolation level) raises a serialization failure, which Odoo retries
        with a fresh snapshot.
        """
        State = self.sudo()
        State.flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO quality_sampling_state
                    (plan_id, product_id, company_id, severity, lot_count,
                     create_uid, create_date, write_uid, write_date)
                VALUES (%(plan)s, %(product)s, %(company)s, 'normal', 0,
                        %(uid)s, %(now)s, %(uid)s, %(now)s)
                ON CONFLICT (plan_id, product_id) DO NOTHING
                """,
                plan=plan.id,
                product=product.id,
                company=plan.sudo().company_id.id,
                uid=self.env.uid,
                now=self.env.cr.now(),
            )
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM quality_sampling_state
                 WHERE plan_id = %(plan)s AND product_id = %(product)s
                   FOR UPDATE
                """,
                plan=plan.id,
                product=product.id,
            )
        )
        state = State.browse(self.env.cr.fetchone()[0])
        # A row inserted above is new to the ORM's cache.
        plan.invalidate_recordset(["state_ids"])
        state.invalidate_recordset()
        return state

    def _record_result(self, accepted):
        """Add one lot result, switch if a rule says so; return the severity."""
        self.ensure_one()
        history = (self.history or "") + (ACCEPTED if accepted else REJECTED)
        severity = self._get_next_severity(history)
        if severity != self.severity:
            history = ""
        self.write(
            {
                "severity": severity,
                "history": history[-HISTORY_LENGTH:],
                "lot_count": self.lot_count + 1,
            }
        )
        return severity

    def _get_next_severity(self, history):
        """Severity after ``history`` (results under the current severity)."""
        self.ensure_one()
        allow_reduced = self.plan_id.allow_reduced
        if self.severity == "normal":
            if history[-TIGHTEN_WINDOW:].count(REJECTED) >= TIGHTEN_REJECTED:
                return "tightened"
            if allow_reduced and history[-REDUCE_ACCEPTED:] == (
                ACCEPTED * REDUCE_ACCEPTED
            ):
                return "reduced"
        elif self.severity == "tightened":
            if history[-RELAX_ACCEPTED:] == ACCEPTED * RELAX_ACCEPTED:
                return "normal"
        elif self.severity == "reduced":
            if history.endswith(REJECTED) or not allow_reduced:
                return "normal"
        return self.severity
