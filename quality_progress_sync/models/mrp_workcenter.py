# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The work centers' quality: their hold and pass-rate alarm, and the one
definition of their KPIs (``mrp.workcenter._get_quality_kpis``), which
every screen and report reads:

- pass rate: passed over done (passed or failed) inspections, done since
  ``since``;
- first-pass yield: of the work orders (rework work orders aside) whose
  inspections are all judged (none left to do), those that passed them all
  the first time: no failure, no rework work order. With ``since``: the
  work orders still open or finished since then;
- on-time rate: of the done work orders with a committed finish (finished
  since ``since``), those finished by it;
- late: work orders not finished and past their planned end, now;
- open nonconformances: of the work orders, not closed now;
- rework: rework work orders (created since ``since``);
- produced: their ``quality_qty_produced``, rework aside (since: as the
  first-pass yield);
- OEE and the cost of poor quality: models/mrp_workcenter_oee.py;
- containments: models/mrp_workcenter_containment.py."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import clean_context

from .mrp_workcenter_containment import CONTAINMENT_DEFAULTS
from .mrp_workcenter_oee import OEE_DEFAULTS
from .mrp_workorder_index import OPEN_STATES
from .quality_guard import is_quality_manager
from .quality_inspection import DONE_STATES
from .quality_kpi_table import KpiTable
from .quality_story import reader_env

PASS_RATE_DAYS = 30
# The counts behind the KPIs (see ``_get_quality_kpis``).
KPI_COUNTS = (
    "inspections_done",
    "inspections_passed",
    "inspections_failed",
    "judged",
    "first_pass",
    "committed",
    "finished_on_time",
    "late",
    "rework",
    "open_nonconformances",
    "produced",
)
# Set by the quality workflow only (failed inspections, pass rate threshold,
# the Quality Manager's release).
PROTECTED_FIELDS = frozenset({"quality_hold", "quality_alert_open"})


class MrpWorkcenter(models.Model):
    _name = "mrp.workcenter"
    _inherit = [
        "mrp.workcenter",
        "mail.activity.mixin",
        "quality.protected.mixin",
        "mrp.workcenter.oee",
        "mrp.workcenter.containment",
        "mrp.workcenter.trend",
    ]
    _quality_protected_fields = PROTECTED_FIELDS

    def _default_pass_rate_target(self):
        return float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("quality_progress_sync.pass_rate_target", 98.0)
        )

    pass_rate_target = fields.Float(
        string="Pass Rate Target (%)",
        default=_default_pass_rate_target,
        help="Below this rolling pass rate, the quality responsible is alerted.",
    )
    quality_responsible_id = fields.Many2one(
        "res.users",
        domain="[('share', '=', False)]",
        help="Receives the alerts when the pass rate falls below its target.",
    )
    quality_alert_open = fields.Boolean(
        readonly=True,
        copy=False,
        help="An alert is open: the pass rate is still below its target.",
    )
    quality_pass_rate = fields.Float(
        string="Pass Rate (%)",
        compute="_compute_quality_kpis",
        help="Passed among the inspections done in the last 30 days.",
    )
    quality_inspection_count = fields.Integer(
        string="Inspections (30 Days)", compute="_compute_quality_kpis"
    )
    first_pass_yield = fields.Float(
        string="First-Pass Yield (%)",
        compute="_compute_quality_kpis",
        help="Of the work orders of the last 30 days (rework work orders aside) "
        "whose inspections are all judged, those that passed them all the "
        "first time: no failure, no rework.",
    )
    first_pass_count = fields.Integer(
        string="Judged Work Orders (30 Days)",
        compute="_compute_quality_kpis",
        help="Work orders whose inspections are all judged, rework ones aside: "
        "the base of the first-pass yield.",
    )
    on_time_count = fields.Integer(
        string="Committed Work Orders (30 Days)",
        compute="_compute_quality_kpis",
        help="Work orders done with a committed finish: the base of the on-time rate.",
    )
    on_time_rate = fields.Float(
        string="On-Time Rate (%)",
        compute="_compute_quality_kpis",
        help="Share of the work orders done in the last 30 days that finished "
        "by their committed finish (their planned end when they started).",
    )
    late_workorder_count = fields.Integer(
        string="Late Work Orders", compute="_compute_quality_kpis"
    )
    open_nonconformance_count = fields.Integer(
        string="Open Nonconformances", compute="_compute_quality_kpis"
    )
    rework_count = fields.Integer(
        string="Rework Work Orders (30 Days)", compute="_compute_quality_kpis"
    )
    quality_hold = fields.Boolean(
        readonly=True,
        copy=False,
        help="Blocked by a failed inspection until a Quality Manager releases it.",
    )

    @api.constrains("pass_rate_target")
    def _check_pass_rate_target(self):
        for workcenter in self:
            if not 0 <= workcenter.pass_rate_target <= 100:
                raise ValidationError(
                    self.env._(
                        "The pass rate target of %(name)s must be between 0 and 100.",
                        name=workcenter.name,
                    )
                )

    def _compute_quality_kpis(self):
        """The KPIs of the last 30 days (see :meth:`_get_quality_kpis`)."""
        since = fields.Datetime.now() - timedelta(days=PASS_RATE_DAYS)
        kpis = self._get_quality_kpis(since=since)
        for workcenter in self:
            values = kpis[workcenter.id]
            workcenter.quality_inspection_count = values["inspections_done"]
            workcenter.quality_pass_rate = values["pass_rate"] or 0.0
            workcenter.first_pass_count = values["judged"]
            workcenter.first_pass_yield = values["first_pass_yield"] or 0.0
            workcenter.on_time_count = values["committed"]
            workcenter.on_time_rate = values["on_time_rate"] or 0.0
            workcenter.late_workorder_count = values["late"]
            workcenter.rework_count = values["rework"]
            workcenter.open_nonconformance_count = values["open_nonconformances"]
            workcenter.update(workcenter._get_kpi_field_values(values))

    def _get_kpi_field_values(self, values):
        """The other KPI fields of a work center from its KPIs (``values``):
        the OEE's and the containments'; extensions add theirs."""
        return {
            **self._get_oee_field_values(values),
            **self._get_containment_field_values(values),
        }

    def _get_quality_kpis(
        self, since=None, workorder_domain=None, until=None, current=True, by_day=False
    ):
        """The quality KPIs of these work centers: one definition of each
        figure, which every screen and report reads here: {work center id:
        {figure: value}}, one grouped query per count. ``workorder_domain``
        restricts every figure to some work orders (the report's filters);
        ``since`` to what happened from then on (the screens' rolling window);
        ``until`` to what happened before then (a past window, the trend's
        weeks): there, the work orders "still open" are not counted, a past
        window counts what was finished in [since, until). ``current``
        False leaves the figures of now (late, open nonconformances and
        containments) at 0, unasked: a past window has no "now". ``by_day``
        (a past window, not ``current``) counts each figure on the day of
        its date in the context's time zone: {(work center id, date):
        figures} (:class:`KpiTable`), the rates of each day computed; the
        trend sums the days of a week and computes its rates with
        :meth:`_add_rates`.

        The figures: see the module's docstring."""
        if by_day and (current or not until):
            raise ValueError("KPIs by day count a past window: until, not current.")
        scope = [("workcenter_id", "in", self.ids), *(workorder_domain or [])]
        kpis = KpiTable(self, self._get_kpi_defaults, by_day=by_day)
        self._add_pass_rates(kpis, since, workorder_domain, until)
        self._add_workorder_kpis(kpis, scope, since, until=until)
        self._add_oee_kpis(kpis, scope, since, workorder_domain, until=until)
        if current:
            self._add_current_kpis(kpis, scope, workorder_domain)
        for values in kpis.values():
            self._add_rates(values)
        return kpis

    def _add_rates(self, values):
        """The rates of one work center's KPIs, from their counts (the
        figures of :meth:`_get_kpi_defaults`); extensions add theirs."""
        values["pass_rate"] = self._percent(
            values["inspections_passed"], values["inspections_done"]
        )
        values["first_pass_yield"] = self._percent(
            values["first_pass"], values["judged"]
        )
        values["on_time_rate"] = self._percent(
            values["finished_on_time"], values["committed"]
        )
        self._add_oee_rates(values)

    @staticmethod
    def _get_period_domain(field_name, since=None, until=None):
        """``field_name`` in [since, until), each bound when given."""
        return [
            *([(field_name, ">=", since)] if since else []),
            *([(field_name, "<", until)] if until else []),
        ]

    def _get_recent_workorder_domain(self, since=None, until=None):
        """The work orders of the period: still open, or finished since
        ``since`` (both through an index, see mrp_workorder_index.py); with
        ``until`` (a past window), finished in [since, until) only."""
        if until:
            finished = self._get_period_domain("date_finished", since, until)
            return [("state", "=", "done"), *finished]
        if not since:
            return []
        return [
            "|",
            ("state", "in", OPEN_STATES),
            "&",
            ("state", "=", "done"),
            ("date_finished", ">=", since),
        ]

    def _add_workorder_kpis(self, kpis, scope, since, until=None):
        """The counts of first-pass yield, on-time rate, late work orders and
        rework of :meth:`_get_quality_kpis`."""
        recent = self._get_recent_workorder_domain(since, until)
        self._add_made(kpis, [*scope, *recent])
        committed = [
            *scope,
            ("state", "=", "done"),
            ("date_planned_finished", "!=", False),
            *self._get_period_domain("date_finished", since, until),
        ]
        self._add_shares(
            kpis,
            "mrp.workorder",
            committed,
            "finished_on_time",
            "committed",
            "date_finished",
        )
        reworks = [
            *scope,
            ("rework_of_id", "!=", False),
            *self._get_period_domain("create_date", since, until),
        ]
        self._add_counts(kpis, "mrp.workorder", reworks, "rework", "create_date")

    def _get_kpi_defaults(self):
        """The figures of a work center's KPIs before counting: its own, the
        OEE's and the containments'; extensions add theirs."""
        return {
            **dict.fromkeys(KPI_COUNTS, 0),
            **OEE_DEFAULTS,
            **CONTAINMENT_DEFAULTS,
        }

    def _add_current_kpis(self, kpis, scope, workorder_domain):
        """The figures of now, whatever the period: the late work orders and
        the open nonconformances of ``scope`` (these work centers' work
        orders of ``workorder_domain``)."""
        late = [*scope, ("is_late", "=", True)]
        self._add_counts(kpis, "mrp.workorder", late, "late")
        # The nonconformance's work center is its work order's (a stored
        # related field): read through its index, not the work orders'.
        open_ncs = [("is_closed", "=", False), ("workcenter_id", "in", self.ids)]
        if workorder_domain:
            open_ncs.append(("workorder_id", "any", workorder_domain))
        self._add_counts(
            kpis, "quality.nonconformance", open_ncs, "open_nonconformances"
        )
        self._add_containment_kpis(kpis, workorder_domain)

    def _add_made(self, kpis, scope):
        """The work orders of ``scope`` made (rework ones aside): the
        quantity they produced, and those judged (inspections not all "none"
        and none left to do) and passed the first time, the first-pass
        yield's counts: one grouped query."""
        made = [*scope, ("rework_of_id", "=", False)]
        groupby = [
            *kpis.groupby("date_finished"),
            "inspection_state",
            "inspection_todo_count",
            "first_pass",
        ]
        for workcenter, *day, state, todo, first_pass, count, produced in self.env[
            "mrp.workorder"
        ]._read_group(made, groupby, ["__count", "quality_qty_produced:sum"]):
            values = kpis.at(workcenter.id, *day)
            values["produced"] += produced or 0.0
            if state != "none" and not todo:
                values["judged"] += count
                values["first_pass"] += count if first_pass else 0

    @staticmethod
    def _percent(part, total):
        """``part`` of ``total`` in percent; None without a base."""
        return 100.0 * part / total if total else None

    def _add_counts(self, kpis, model, domain, key, date_field=None):
        """Add to ``kpis[work center][key]`` the records of ``model`` in
        ``domain``, by work center (by day of ``date_field`` when ``kpis``
        counts by day; a figure of now has none): one grouped query."""
        groupby = kpis.groupby(date_field) if date_field else ["workcenter_id"]
        for workcenter, *day, count in self.env[model]._read_group(
            domain, groupby, ["__count"]
        ):
            kpis.at(workcenter.id, *day)[key] += count

    def _add_shares(self, kpis, model, domain, flag, total_key, date_field):
        """Add the records of ``model`` in ``domain`` by work center (and
        day of ``date_field``) to ``total_key``, and those whose ``flag`` is
        set to ``flag``."""
        for workcenter, *day, value, count in self.env[model]._read_group(
            domain, [*kpis.groupby(date_field), flag], ["__count"]
        ):
            values = kpis.at(workcenter.id, *day)
            values[total_key] += count
            if value:
                values[flag] += count

    def _get_pass_rate_domain(self, since=None, workorder_domain=None, until=None):
        """The inspections done (passed or failed) since ``since`` (and
        before ``until``) on these work centers (of the work orders in
        ``workorder_domain``): the base of the pass rate."""
        domain = [
            ("workcenter_id", "in", self.ids),
            ("state", "in", DONE_STATES),
            *self._get_period_domain("date_done", since, until),
        ]
        if workorder_domain:
            domain.append(("workorder_id", "any", workorder_domain))
        return domain

    def _add_pass_rates(self, kpis, since, workorder_domain, until):
        """The inspections passed, failed and done of :meth:`_get_quality_kpis`:
        one grouped query."""
        domain = self._get_pass_rate_domain(since, workorder_domain, until)
        for workcenter, *day, state, count in self.env[
            "quality.inspection"
        ]._read_group(domain, [*kpis.groupby("date_done"), "state"], ["__count"]):
            values = kpis.at(workcenter.id, *day)
            values["inspections_done"] += count
            values[
                "inspections_passed" if state == "pass" else "inspections_failed"
            ] += count

    def _get_pass_rates(self, since=None):
        """{work center id: (passed, done)}: the inspections passed and done
        (passed or failed) since ``since`` on these work centers; one grouped
        query."""
        kpis = KpiTable(self, self._get_kpi_defaults)
        self._add_pass_rates(kpis, since, None, None)
        return {
            key: (values["inspections_passed"], values["inspections_done"])
            for key, values in kpis.items()
            if values["inspections_done"]
        }

    def unblock(self):
        """Odoo's Unblock. A quality hold is lifted by the Quality Manager's
        release only (``action_release_quality_hold``): on a work center on
        quality hold, Unblock is that release, refused to other users."""
        held = self.filtered("quality_hold")
        if held:
            held.action_release_quality_hold()
        for workcenter in self - held:
            super(MrpWorkcenter, workcenter).unblock()
        return True

    def action_release_quality_hold(self):
        """Lift the quality hold (Quality Managers): end the blocking time
        logs and clear ``quality_hold``."""
        if not is_quality_manager(self.env):
            raise AccessError(
                self.env._("Only a Quality Manager can release a quality hold.")
            )
        not_held = self.filtered(lambda w: not w.quality_hold)
        if not_held:
            raise UserError(
                self.env._(
                    "%(names)s is not on quality hold.",
                    names=", ".join(not_held.mapped("name")),
                )
            )
        for workcenter in self.sudo():
            # Cleared first: Unblock of a held work center is this release.
            workcenter.quality_hold = False
            if workcenter.working_state == "blocked":
                workcenter.unblock()
            workcenter.message_post(
                body=reader_env(workcenter)._(
                    "Quality hold released by %(user)s.", user=self.env.user.name
                )
            )
        return True

    def _check_pass_rate_threshold(self):
        """Alert the quality responsible once when the rolling pass rate falls
        below the target; optionally hold the work center (Settings)."""
        since = fields.Datetime.now() - timedelta(days=PASS_RATE_DAYS)
        rates = self._get_pass_rates(since)
        hold = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("quality_progress_sync.hold_on_threshold")
        )
        for workcenter in self.sudo():
            passed, done = rates.get(workcenter.id, (0, 0))
            rate = 100.0 * passed / done if done else 100.0
            if rate >= workcenter.pass_rate_target:
                # Written on a change only: every result reaches this line,
                # and a write would lock the work center's row for nothing.
                if workcenter.quality_alert_open:
                    workcenter.quality_alert_open = False
                continue
            if workcenter.quality_alert_open:
                continue
            workcenter.quality_alert_open = True
            summary = workcenter._alert_pass_rate(rate)
            if hold:
                workcenter._quality_hold_for(summary)

    def _alert_pass_rate(self, rate):
        """Tell the quality responsible (or a Quality Manager) that the pass
        rate is below the target; return the alert's text."""
        self.ensure_one()
        managers = self.env.ref("quality_progress_sync.group_quality_manager").users
        responsible = self.quality_responsible_id or managers[:1]
        summary = reader_env(self, responsible)._(
            "Pass rate %(rate).1f%% below the target of %(target).1f%%",
            rate=rate,
            target=self.pass_rate_target,
        )
        self.message_post(body=summary)
        if responsible:
            self.activity_schedule(
                "mail.mail_activity_data_warning",
                summary=summary,
                user_id=responsible.id,
            )
        return summary

    def _quality_hold(self, inspection):
        """Hold the work centers after a failed inspection."""
        self._quality_hold_for(
            self.env._(
                "Quality hold: %(inspection)s failed", inspection=inspection.name
            )
        )

    def _quality_hold_for(self, description):
        """Block the work centers through Odoo's own blocking, with the
        quality loss reason, and set ``quality_hold``: the flag the gate
        trusts (the time log is only what Odoo shows and users can write).

        A work center already blocked for another reason gets its quality
        time log too, so that ending that other block does not lift the hold.
        """
        # As superuser, without the caller's default_* keys (a default
        # date_end would end the log at birth).
        Productivity = self.env(context=clean_context(self.env.context), su=True)[
            "mrp.workcenter.productivity"
        ]
        loss = self._get_quality_hold_loss()
        open_logs = Productivity.search(
            [
                ("workcenter_id", "in", self.ids),
                ("loss_id", "=", loss.id),
                ("date_end", "=", False),
            ]
        )
        for workcenter in self.sudo():
            if workcenter not in open_logs.workcenter_id:
                Productivity.create(
                    {
                        "workcenter_id": workcenter.id,
                        "loss_id": loss.id,
                        "description": description,
                        "date_start": fields.Datetime.now(),
                        "date_end": False,
                        "user_id": self.env.uid,
                        "company_id": workcenter.company_id.id,
                    }
                )
            if not workcenter.quality_hold:
                workcenter.quality_hold = True

    def _get_quality_hold_loss(self):
        """The loss reason of the quality hold time logs. Every time log
        written by a user asks for it: read from the cached XML id, without
        ``env.ref``'s query checking that the record still exists (deleting
        the record deletes its XML id too)."""
        loss_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "quality_progress_sync.loss_quality_hold", raise_if_not_found=False
        )
        return self.env["mrp.workcenter.productivity.loss"].browse(loss_id or ())

    def _check_quality_hold(self):
        """Refuse work on these work centers while one is on quality hold.

        Reads ``quality_hold``, which only the quality workflow sets, and not
        Odoo's ``working_state``, which follows time logs."""
        held = self.sudo().filtered("quality_hold")
        if held:
            raise UserError(
                self.env._(
                    "%(workcenters)s is on quality hold after a failed "
                    "inspection: no work order starts there until a Quality "
                    "Manager releases it.",
                    workcenters=", ".join(held.mapped("display_name")),
                )
            )
