# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .quality_guard import clean_text, is_quality_manager
from .quality_sampling_plan import SEVERITIES

ACCEPTED = "A"
REJECTED = "R"
# Normal -> tightened: 2 lots not accepted within 5 (or fewer) consecutive lots.
TIGHTEN_WINDOW = 5
TIGHTEN_REJECTED = 2
# Tightened -> normal: 5 consecutive lots accepted.
RELAX_ACCEPTED = 5
# Tightened -> discontinued: 5 lots not accepted while on tightened inspection.
DISCONTINUE_REJECTED = 5
# ISO 2859-1:1999 clause 9.3.3: the switching score qualifies a product for
# reduced inspection at 30; a lot accepted adds 2 when the plan's Ac is 0 or
# 1, 3 when Ac is 2 or more and the lot passes the plan one AQL step tighter.
SCORE_FOR_REDUCED = 30
SCORE_SMALL_AC = 2
SCORE_TIGHTER_AQL = 3
# ANSI/ASQ Z1.4 clause 8.3.3 a): 10 consecutive lots accepted on normal.
Z14_ACCEPTED_FOR_REDUCED = 10
# Results kept: enough for every rule above.
HISTORY_LENGTH = max(
    TIGHTEN_WINDOW, RELAX_ACCEPTED, Z14_ACCEPTED_FOR_REDUCED, DISCONTINUE_REJECTED
)
# Fields that only the switching rules and the managers' actions set.
WORKFLOW_FIELDS = {
    "plan_id",
    "product_id",
    "severity",
    "history",
    "lot_count",
    "switching_score",
    "tightened_rejected_count",
    "discontinued",
    "discontinued_date",
    "reduced_approved_by_id",
    "reduced_approved_date",
    "lot_ids",
    "event_ids",
}


# The state of a product under a plan, created once whoever comes first
# (``_get_locked``), then locked.
INSERT_STATE_SQL = """
    INSERT INTO quality_sampling_state
        (plan_id, product_id, company_id, severity, lot_count,
         switching_score, tightened_rejected_count, discontinued,
         create_uid, create_date, write_uid, write_date)
    VALUES (%(plan)s, %(product)s, %(company)s, 'normal', 0, 0, 0,
            FALSE, %(uid)s, %(now)s, %(uid)s, %(now)s)
    ON CONFLICT (plan_id, product_id) DO NOTHING
"""
LOCK_STATE_SQL = """
    SELECT id FROM quality_sampling_state
     WHERE plan_id = %(plan)s AND product_id = %(product)s
       FOR UPDATE
"""


class QualitySamplingState(models.Model):
    """Where a product stands in the switching rules of a sampling plan.

    The rules of the plan's standard, ISO 2859-1:1999 clause 9 or ANSI/ASQ
    Z1.4-2003 clause 8 (the same in both unless said):

    - normal -> tightened when 2 lots out of 5 or fewer consecutive ones are
      not accepted on original inspection;
    - tightened -> normal after 5 consecutive lots accepted on original
      inspection;
    - normal -> reduced when the lots qualify (ISO: the switching score of
      clause 9.3.3 reaches 30; Z1.4: the last 10 lots on normal inspection
      were accepted), production is at a steady rate and the responsible
      authority wants it: a Quality Manager approves it on this state
      (``action_approve_reduced``), who and when being kept, and only when
      the plan allows reduced inspection. Z1.4's limit numbers (its clause
      8.3.3 b) are not applied, as its clause 8.5 lets the parties agree;
      the state shows the nonconforming count of the last 10 lots;
    - reduced -> normal when a lot is not accepted; Z1.4 also when a lot is
      accepted with a count above Ac and below Re; when production is
      irregular or delayed, or other conditions warrant it, a Quality
      Manager reinstates normal inspection with a reason
      (``action_reinstate_normal``); and when the plan no longer allows
      reduced inspection;
    - discontinuation (ISO 9.4, Z1.4 8.4): when 5 lots are not accepted
      while on tightened inspection, inspection under the plan is
      discontinued for the product: its lots are refused until a Quality
      Manager records the corrective action (``action_restart``), which
      restarts at tightened inspection.

    Resubmitted lots are recorded but do not count. The history holds the
    results of the lots on original inspection since the last switch, so a
    switch starts a new count; ``lot_ids`` and ``event_ids`` keep every lot
    and every switch with who, when and why.
    """

    _name = "quality.sampling.state"
    _inherit = ["quality.protected.mixin"]
    _description = "Sampling Switching State"
    _order = "plan_id, product_id"
    # The company is its plan's (a stored related field, which the ORM would
    # let a user write): moved, a state would be decided by that company.
    _quality_protected_fields = WORKFLOW_FIELDS | {"company_id"}

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
    standard = fields.Selection(related="plan_id.standard")
    allow_reduced = fields.Boolean(related="plan_id.allow_reduced")
    severity = fields.Selection(
        SEVERITIES, required=True, default="normal", readonly=True
    )
    history = fields.Char(
        readonly=True,
        help="Lots on original inspection since the last switch, oldest first "
        "(A accepted, R not accepted); the last 10 are kept.",
    )
    lot_count = fields.Integer(
        string="Lots Recorded", readonly=True, help="Lots recorded in total."
    )
    switching_score = fields.Integer(
        readonly=True,
        help="ISO 2859-1 clause 9.3.3, under normal inspection: starts at 0; "
        "when the plan's Ac is 0 or 1, +2 for a lot accepted, else back to 0; "
        "when Ac is 2 or more, +3 when the lot would have been accepted with "
        "the AQL one step tighter, else back to 0. At 30, reduced inspection "
        "may be approved.",
    )
    tightened_rejected_count = fields.Integer(
        string="Lots Not Accepted under Tightened",
        readonly=True,
        help="Lots not accepted since tightened inspection began; at 5, "
        "inspection is discontinued.",
    )
    discontinued = fields.Boolean(
        readonly=True,
        help="Inspection under this plan is discontinued for this product: its "
        "lots are not judged until a Quality Manager records the corrective "
        "action and restarts at tightened inspection.",
    )
    discontinued_date = fields.Datetime(string="Discontinued On", readonly=True)
    reduced_approved_by_id = fields.Many2one(
        "res.users", string="Reduced Inspection Approved By", readonly=True
    )
    reduced_approved_date = fields.Datetime(
        string="Reduced Inspection Approved On", readonly=True
    )
    reduced_eligible = fields.Boolean(
        string="Qualifies for Reduced",
        compute="_compute_reduced_eligible",
        help="The lots qualify for reduced inspection (ISO 2859-1: switching "
        "score of at least 30; ANSI/ASQ Z1.4: the last 10 lots on normal "
        "inspection accepted). A Quality Manager approves the switch when "
        "production is at a steady rate.",
    )
    accepted_in_row = fields.Integer(
        string="Consecutive Lots Accepted",
        compute="_compute_last_lots",
        help="Lots accepted in a row on original inspection since the last "
        "switch (up to 10).",
    )
    last_ten_defect_count = fields.Integer(
        string="Nonconforming in the Last 10 Lots",
        compute="_compute_last_lots",
        help="Nonconforming units (or nonconformities) in the samples of the "
        "last 10 lots on original normal inspection, and how many units they "
        "held: what ANSI/ASQ Z1.4's limit numbers are read against.",
    )
    last_ten_sample_units = fields.Integer(
        string="Sample Units of the Last 10 Lots", compute="_compute_last_lots"
    )
    lot_ids = fields.One2many(
        "quality.sampling.lot", "state_id", string="Lots", readonly=True
    )
    event_ids = fields.One2many(
        "quality.sampling.event", "state_id", string="Switching History", readonly=True
    )

    _sql_constraints = [
        (
            "plan_product_uniq",
            "unique(plan_id, product_id)",
            "A product has one switching state per sampling plan.",
        ),
    ]

    @api.depends("plan_id", "product_id")
    def _compute_display_name(self):
        for state in self:
            state.display_name = (
                f"{state.product_id.display_name} / {state.plan_id.display_name}"
            )

    @api.depends(
        "severity",
        "discontinued",
        "switching_score",
        "history",
        "plan_id.standard",
    )
    def _compute_reduced_eligible(self):
        for state in self:
            state.reduced_eligible = state._is_reduced_eligible()

    @api.depends("history", "lot_ids", "severity")
    def _compute_last_lots(self):
        for state in self:
            history = state.history or ""
            state.accepted_in_row = len(history) - len(history.rstrip(ACCEPTED))
            lots = state.lot_ids.filtered(
                lambda lot: lot.original and lot.severity == "normal"
            ).sorted(lambda lot: (lot.date, lot.id), reverse=True)[
                :Z14_ACCEPTED_FOR_REDUCED
            ]
            state.last_ten_defect_count = sum(lots.mapped("defect_count"))
            state.last_ten_sample_units = sum(lots.mapped("sample_size"))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        """A product's switching history goes with its plan only: deleting it
        would start the product again at normal inspection."""
        if not self.env.su:
            raise UserError(
                self.env._(
                    "The switching state of a product keeps its lots and "
                    "switches: it cannot be deleted."
                )
            )

    # ------------------------------------------------------------------
    # Actions of the Quality Manager (the responsible authority)
    # ------------------------------------------------------------------

    def action_approve_reduced(self, note=None):
        """Switch to reduced inspection: the lots qualify, production is at a
        steady rate and the responsible authority wants it (ISO 2859-1
        9.3.3, ANSI/ASQ Z1.4 8.3.3). Who and when are kept."""
        note = clean_text(self.env, note, self.env._("The note"))
        self._check_manager(self.env._("approve reduced inspection"))
        for state in self._lock():
            state._check_can_reduce()
            state._switch(
                "reduced",
                "reduced_approved",
                reason=note,
                vals={
                    "reduced_approved_by_id": self.env.uid,
                    "reduced_approved_date": fields.Datetime.now(),
                },
            )
        return True

    def action_reinstate_normal(self, reason=None):
        """Back from reduced to normal inspection: production became
        irregular or delayed, or other conditions warrant it; the reason is
        kept."""
        reason = clean_text(self.env, reason, self.env._("The reason"))
        self._check_manager(self.env._("reinstate normal inspection"))
        if not reason:
            raise UserError(
                self.env._(
                    "Give the reason to reinstate normal inspection (production "
                    "irregular or delayed, or another condition)."
                )
            )
        for state in self._lock():
            if state.severity != "reduced":
                raise UserError(
                    self.env._(
                        "%(name)s is not on reduced inspection.",
                        name=state.display_name,
                    )
                )
            state._switch("normal", "normal_by_manager", reason=reason)
        return True

    def action_restart(self, reason=None):
        """Resume inspection after discontinuation: the corrective action
        (the reason, kept) has been taken; inspection restarts at tightened
        (ISO 2859-1 9.4, ANSI/ASQ Z1.4 8.4)."""
        reason = clean_text(self.env, reason, self.env._("The corrective action"))
        self._check_manager(self.env._("restart a discontinued inspection"))
        if not reason:
            raise UserError(
                self.env._(
                    "Describe the corrective action taken before inspection restarts."
                )
            )
        for state in self._lock():
            if not state.discontinued:
                raise UserError(
                    self.env._(
                        "Inspection of %(name)s is not discontinued.",
                        name=state.display_name,
                    )
                )
            state._switch(
                "tightened",
                "restarted",
                reason=reason,
                vals={"discontinued": False, "discontinued_date": False},
            )
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _check_manager(self, what):
        """A decision on these states belongs to a Quality Manager of their
        company: checked with the user's rights (the access rules, the
        user's companies) before the states are locked as superuser."""
        if not is_quality_manager(self.env):
            raise AccessError(
                self.env._(
                    "Only a Quality Manager can %(what)s.",
                    what=what,
                )
            )
        self._check_company_access(what)

    def _check_company_access(self, what):
        if self.env.su or not self:
            return
        self.check_access("write")
        foreign = self.sudo().filtered(
            lambda state: state.company_id not in self.env.user.company_ids
        )
        if foreign:
            raise AccessError(
                self.env._(
                    "Only a Quality Manager of %(companies)s can %(what)s.",
                    companies=", ".join(foreign.company_id.mapped("name")),
                    what=what,
                )
            )

    def _lock(self):
        """These states, read again under a row lock, as superuser: a lot
        judged at the same time waits, or fails to serialize and is retried
        by Odoo."""
        if not self:
            return self.sudo()
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM quality_sampling_state WHERE id IN %s FOR UPDATE",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset()
        return self.sudo()

    def _is_reduced_eligible(self):
        self.ensure_one()
        if self.severity != "normal" or self.discontinued:
            return False
        if self.plan_id.standard == "ansi_z14":
            history = self.history or ""
            return history[-Z14_ACCEPTED_FOR_REDUCED:] == (
                ACCEPTED * Z14_ACCEPTED_FOR_REDUCED
            )
        return self.switching_score >= SCORE_FOR_REDUCED

    def _check_can_reduce(self):
        self.ensure_one()
        if not self.plan_id.allow_reduced:
            raise UserError(
                self.env._(
                    "The sampling plan %(plan)s does not allow reduced inspection.",
                    plan=self.plan_id.display_name,
                )
            )
        if not self._is_reduced_eligible():
            if self.plan_id.standard == "ansi_z14":
                rule = self.env._(
                    "the last 10 lots on normal inspection must have been accepted"
                )
            else:
                rule = self.env._(
                    "its switching score must be at least 30 (now %(score)s)",
                    score=self.switching_score,
                )
            raise UserError(
                self.env._(
                    "%(name)s does not qualify for reduced inspection: it must be "
                    "on normal inspection, not discontinued, and %(rule)s.",
                    name=self.display_name,
                    rule=rule,
                )
            )

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
        values = {
            "plan": plan.id,
            "product": product.id,
            "company": plan.sudo().company_id.id,
            "uid": self.env.uid,
            "now": self.env.cr.now(),
        }
        self.env.cr.execute(SQL(INSERT_STATE_SQL, **values))
        self.env.cr.execute(SQL(LOCK_STATE_SQL, **values))
        state = State.browse(self.env.cr.fetchone()[0])
        # A row inserted above is new to the ORM's cache.
        plan.invalidate_recordset(["state_ids"])
        state.invalidate_recordset()
        return state

    def _record_result(self, accepted, lot=None):
        """Add one lot result, switch if a rule says so; return the severity
        of the next lot. As superuser, on a locked state (``_get_locked``).

        ``lot`` (optional) describes the lot: ``inspection_id``, ``severity``
        it was inspected under, ``code_letter``, ``sample_size``, ``accept``,
        ``reject``, ``defects``, ``tighter_accept`` (Ac of the plan one AQL
        step tighter, for the switching score when Ac is 2 or more) and
        ``original`` (False for a resubmitted lot, which is kept but does not
        count; True by default).
        """
        self.ensure_one()
        lot = lot or {}
        if self.discontinued:
            raise UserError(
                self.env._(
                    "Inspection of %(name)s is discontinued.", name=self.display_name
                )
            )
        if self.severity == "reduced" and not self.plan_id.allow_reduced:
            self._switch("normal", "normal_not_allowed")
        lot_record = self._create_lot(accepted, lot)
        if lot_record.original:
            self._apply_switching_rules(accepted, lot, lot_record)
        self.lot_count += 1
        lot_record.write(
            {"severity_after": self.severity, "switching_score": self.switching_score}
        )
        return self.severity

    def _create_lot(self, accepted, lot):
        return (
            self.env["quality.sampling.lot"]
            .sudo()
            .create(
                {
                    "state_id": self.id,
                    "inspection_id": lot.get("inspection_id"),
                    "severity": lot.get("severity") or self.severity,
                    "code_letter": lot.get("code_letter"),
                    "sample_size": lot.get("sample_size", 0),
                    "accept_number": lot.get("accept", 0),
                    "reject_number": lot.get("reject", 0),
                    "defect_count": lot.get("defects", 0),
                    "result": "accepted" if accepted else "not_accepted",
                    "original": lot.get("original", True),
                }
            )
        )

    def _apply_switching_rules(self, accepted, lot, lot_record):
        """The rules of the plan's standard for one lot on original
        inspection under the current severity."""
        self.ensure_one()
        history = (self.history or "") + (ACCEPTED if accepted else REJECTED)
        self.history = history[-HISTORY_LENGTH:]
        if self.severity == "normal":
            if self.plan_id.standard == "iso2859_1":
                self.switching_score = self._get_next_score(accepted, lot)
            if history[-TIGHTEN_WINDOW:].count(REJECTED) >= TIGHTEN_REJECTED:
                self._switch("tightened", "tightened", lot=lot_record)
        elif self.severity == "tightened":
            if not accepted:
                self.tightened_rejected_count += 1
            if self.tightened_rejected_count >= DISCONTINUE_REJECTED:
                self._discontinue(lot_record)
            elif history[-RELAX_ACCEPTED:] == ACCEPTED * RELAX_ACCEPTED:
                self._switch("normal", "normal_after_tightened", lot=lot_record)
        elif self.severity == "reduced":
            if not accepted:
                self._switch("normal", "normal_after_rejection", lot=lot_record)
            elif "accept" in lot and lot.get("defects", 0) > lot["accept"]:
                # ANSI/ASQ Z1.4: accepted above Ac (below Re): back to normal.
                self._switch("normal", "normal_between_ac_re", lot=lot_record)

    def _get_next_score(self, accepted, lot):
        """ISO 2859-1:1999 clause 9.3.3: the switching score after a lot on
        original normal inspection.

        A lot inspected with a plan of another severity (an inspection made
        before the product came back to normal) adds nothing, and resets the
        score when not accepted; so does a lot recorded without its plan.
        """
        self.ensure_one()
        if not accepted:
            return 0
        accept = lot.get("accept")
        if accept is None or lot.get("severity", "normal") != "normal":
            return self.switching_score
        if accept <= 1:
            return self.switching_score + SCORE_SMALL_AC
        tighter_accept = lot.get("tighter_accept")
        if tighter_accept is None:
            return self.switching_score
        if lot.get("defects", 0) <= tighter_accept:
            return self.switching_score + SCORE_TIGHTER_AQL
        return 0

    def _discontinue(self, lot_record):
        self.ensure_one()
        self.write({"discontinued": True, "discontinued_date": fields.Datetime.now()})
        self._create_event("discontinued", "tightened", "tightened", lot=lot_record)

    def _switch(self, severity, event, reason=False, lot=None, vals=None):
        """Change to ``severity`` for ``event``: the counts start again."""
        self.ensure_one()
        previous = self.severity
        self.write(
            {
                "severity": severity,
                "history": False,
                "switching_score": 0,
                "tightened_rejected_count": 0,
                **(vals or {}),
            }
        )
        self._create_event(event, previous, severity, reason=reason, lot=lot)

    def _create_event(self, event, severity_from, severity_to, reason=False, lot=None):
        return (
            self.env["quality.sampling.event"]
            .sudo()
            .create(
                {
                    "state_id": self.id,
                    "event": event,
                    "severity_from": severity_from,
                    "severity_to": severity_to,
                    "reason": reason,
                    "lot_id": lot.id if lot else False,
                }
            )
        )
