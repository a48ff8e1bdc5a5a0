# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""OEE and the cost of poor quality of the work centers: figures of
``mrp.workcenter._get_quality_kpis`` (added by :meth:`_add_oee_kpis`), split
by concern from mrp_workcenter.py. Over a period (``since``, ``until``,
and/or the work orders of ``workorder_domain``; "since ``since``" below
reads "in [since, until)" when ``until`` bounds it too):

- time: Odoo's time logs (``mrp.workcenter.productivity``, ended, started
  since ``since``) by the type of their loss reason. *Run time* is the time
  the work center worked: ``productive`` (within the expected duration)
  and ``performance`` (beyond it, "Reduced Speed"). *Down time* is the
  time it was blocked: ``availability`` and ``quality`` reasons (the
  add-on's quality hold among them). *Planned time* is run time plus
  down time: the time the work center was logged as working or blocked
  (Odoo logs no idle time, which is not counted). With ``workorder_domain``
  the logs of those work orders, plus, when a date bounds them, the
  blocks of the work center (Odoo's blocks have no work order);
- availability: run time over planned time;
- performance: the expected duration (Odoo's ``duration_expected``) of the
  work orders done in the period, rework ones included (their time is run
  time), over the run time; above 100% when faster than expected;
- quality: good units over units made. Units made: the produced quantity
  (``qty_produced``, in each order's unit) of the work orders done in the
  period, rework work orders aside. Not good: the failed quantity of their
  failed inspections that were scrapped, still await a decision, or were
  reworked and not (yet) passed their re-inspection; a concession is used
  as is, a rework whose re-inspection (or a later loop's) passed is good.
  At most the work order's quantity. *First-pass quality* beside it: the
  units that failed no inspection;
- OEE: the product of availability, performance and quality; undefined
  (None) when one of them is: no planned time, no run time or no unit made;
- cost of poor quality: the rows of ``quality.cost.report`` (scrap, rework
  time and components, concessions) of the nonconformances of these work
  centers (where the failure was found, not where it was reworked), dated
  since ``since``, in the work center's currency (its company's, else the
  user's company's), for users who may read that report; None for the
  others. A rework's time costs the cost per hour its work center had when
  the rework was done (stored on it by Odoo then), for its whole duration:
  over a period that crosses a change of that cost, each rework at its
  own, one that ran across the change at the new one, and a later change
  changes none, except for reworks done while the work center had no cost
  (0), which take its current one (Odoo's fallback). A product without a
  cost (nor a default one) adds its quantity and no amount."""

from odoo import fields, models
from odoo.tools import SQL

RUN_TYPES = ("productive", "performance")
# The fields of the inspections the units' query reads.
INSPECTION_UNIT_FIELDS = (
    "workorder_id",
    "state",
    "origin_inspection_id",
    "failed_qty",
    "disposition",
)
DOWN_TYPES = ("availability", "quality")
# The figures added to each work center's KPIs, at their value without data.
OEE_DEFAULTS = {
    **{f"time_{loss_type}": 0.0 for loss_type in RUN_TYPES + DOWN_TYPES},
    "run_time": 0.0,
    "planned_time": 0.0,
    "expected_time": 0.0,
    "units_made": 0.0,
    "units_good": 0.0,
    "units_first_pass": 0.0,
}
COPQ_SUMS = (
    "scrap_qty",
    "rework_hours",
    "scrap_cost",
    "rework_cost",
    "component_cost",
    "total_cost",
    "concession_count",
)
COPQ_AMOUNTS = ("scrap_cost", "rework_cost", "component_cost", "total_cost")

# By work center: the expected minutes of the done work orders of %(done)s
# (id, work center, produced, expected, made: not a rework), then, of those
# made, the units, first-pass and good units (``_get_oee_units_query``).
UNITS_QUERY = """
WITH RECURSIVE done(id, workcenter_id, produced, expected, made, day) AS (
    %(done)s
), chain(root_id, workorder_id, id, first_qty) AS (
    SELECT i.id, i.workorder_id, i.id, i.failed_qty
      FROM quality_inspection i
      JOIN done ON done.id = i.workorder_id AND done.made
     WHERE i.state = 'fail' AND i.origin_inspection_id IS NULL
    UNION ALL
    SELECT c.root_id, c.workorder_id, r.id, c.first_qty
      FROM chain c
      JOIN quality_inspection r ON r.origin_inspection_id = c.id
), failures AS (
    SELECT c.root_id, c.workorder_id, MAX(c.first_qty) AS first_qty,
           SUM(CASE WHEN i.state = 'pass'
                      OR (i.state = 'fail' AND i.disposition = 'concession')
                    THEN 0 ELSE i.failed_qty END) AS bad_qty
      FROM chain c
      JOIN quality_inspection i ON i.id = c.id
     WHERE NOT EXISTS (
            SELECT FROM quality_inspection r
             WHERE r.origin_inspection_id = c.id
           )
     GROUP BY c.root_id, c.workorder_id
), losses AS (
    SELECT workorder_id, SUM(first_qty) AS first_qty,
           SUM(bad_qty) AS bad_qty
      FROM failures
     GROUP BY workorder_id
)
SELECT done.workcenter_id,
       done.day,
       SUM(done.expected),
       SUM(done.produced) FILTER (WHERE done.made),
       SUM(GREATEST(done.produced - COALESCE(l.first_qty, 0), 0))
           FILTER (WHERE done.made),
       SUM(GREATEST(done.produced - COALESCE(l.bad_qty, 0), 0))
           FILTER (WHERE done.made)
  FROM done
  LEFT JOIN losses l ON l.workorder_id = done.id
 GROUP BY done.workcenter_id, done.day
"""


class MrpWorkcenterOee(models.AbstractModel):
    """Inherited by ``mrp.workcenter`` (models/mrp_workcenter.py), whose
    KPIs call its figures: their defaults (``OEE_DEFAULTS``), counts
    (:meth:`_add_oee_kpis`), rates (:meth:`_add_oee_rates`) and fields
    (:meth:`_get_oee_field_values`)."""

    _name = "mrp.workcenter.oee"
    _description = "Work Center OEE"

    quality_oee = fields.Float(
        string="OEE (%)",
        compute="_compute_quality_kpis",
        help="Overall equipment effectiveness over the last 30 days: "
        "the product of availability, performance and quality.",
    )
    quality_oee_availability = fields.Float(
        string="Availability (%)",
        compute="_compute_quality_kpis",
        help="Run time over planned time: the time logged working over the "
        "time logged working or blocked (last 30 days).",
    )
    quality_oee_performance = fields.Float(
        string="Performance (%)",
        compute="_compute_quality_kpis",
        help="Expected duration of the work orders done over the run time "
        "(last 30 days).",
    )
    quality_oee_quality = fields.Float(
        string="Quality (%)",
        compute="_compute_quality_kpis",
        help="Good units over units made by the work orders done in the last "
        "30 days: scrapped units, units awaiting a decision and reworked units "
        "not yet passed again are not good.",
    )
    quality_first_pass_quality = fields.Float(
        string="First-Pass Quality (%)",
        compute="_compute_quality_kpis",
        help="Units that failed no inspection over units made (last 30 days).",
    )
    quality_planned_time = fields.Float(
        string="Planned Time (Hours, 30 Days)",
        compute="_compute_quality_kpis",
        help="Time logged working or blocked: the base of the availability.",
    )
    quality_run_time = fields.Float(
        string="Run Time (Hours, 30 Days)",
        compute="_compute_quality_kpis",
        help="Time logged working: the base of the performance.",
    )
    quality_units_made = fields.Float(
        string="Units Made (30 Days)",
        compute="_compute_quality_kpis",
        help="Produced by the work orders done, rework ones aside: the base of "
        "the quality.",
    )

    def _get_oee_field_values(self, values):
        """The OEE fields of a work center from its KPIs (``values``)."""
        return {
            "quality_oee": values["oee"] or 0.0,
            "quality_oee_availability": values["availability"] or 0.0,
            "quality_oee_performance": values["performance"] or 0.0,
            "quality_oee_quality": values["quality"] or 0.0,
            "quality_first_pass_quality": values["first_pass_quality"] or 0.0,
            "quality_planned_time": values["planned_time"] / 60.0,
            "quality_run_time": values["run_time"] / 60.0,
            "quality_units_made": values["units_made"],
        }

    def _add_oee_kpis(self, kpis, scope, since, workorder_domain, until=None):
        """Add the OEE's counts and the cost of poor quality to ``kpis``
        (see the module's docstring): times in minutes."""
        self._add_oee_times(kpis, since, workorder_domain, until=until)
        self._add_oee_units(kpis, scope, since, until=until)
        self._add_copq_kpis(kpis, since, workorder_domain, until=until)

    def _add_oee_rates(self, values):
        """The OEE and its factors, in percent or None, from their counts."""
        values["run_time"] = values["time_productive"] + values["time_performance"]
        values["planned_time"] = values["run_time"] + sum(
            values[f"time_{loss_type}"] for loss_type in DOWN_TYPES
        )
        values["availability"] = self._percent(
            values["run_time"], values["planned_time"]
        )
        values["performance"] = self._percent(
            values["expected_time"], values["run_time"]
        )
        values["quality"] = self._percent(values["units_good"], values["units_made"])
        values["first_pass_quality"] = self._percent(
            values["units_first_pass"], values["units_made"]
        )
        factors = [values[key] for key in ("availability", "performance", "quality")]
        values["oee"] = (
            None if None in factors else factors[0] * factors[1] * factors[2] / 10000.0
        )

    def _add_oee_times(self, kpis, since, workorder_domain, until=None):
        """The ended time logs by loss type (minutes): one grouped query."""
        domain = [
            ("workcenter_id", "in", self.ids),
            ("date_end", "!=", False),
            ("loss_type", "in", RUN_TYPES + DOWN_TYPES),
            *self._get_period_domain("date_start", since, until),
        ]
        if workorder_domain:
            of_orders = [("workorder_id", "any", workorder_domain)]
            if since or until:
                of_orders = ["|", ("workorder_id", "=", False), *of_orders]
            domain += of_orders
        for workcenter, *day, loss_type, duration in self.env[
            "mrp.workcenter.productivity"
        ]._read_group(
            domain, [*kpis.groupby("date_start"), "loss_type"], ["duration:sum"]
        ):
            kpis.at(workcenter.id, *day)[f"time_{loss_type}"] += duration or 0.0

    def _add_oee_units(self, kpis, scope, since, until=None):
        """The expected time and the units made, good and first-pass of the
        work orders done in the period: one query."""
        done = [
            *scope,
            ("state", "=", "done"),
            *self._get_period_domain("date_finished", since, until),
        ]
        self._flush_oee_units()
        Workorder = self.env["mrp.workorder"]
        query = Workorder._search(done)
        rows = self._execute_without_jit(
            self._get_oee_units_query(
                query.select(
                    SQL.identifier(query.table, "id"),
                    SQL.identifier(query.table, "workcenter_id"),
                    SQL.identifier(query.table, "qty_produced"),
                    SQL.identifier(query.table, "duration_expected"),
                    SQL("%s IS NULL", SQL.identifier(query.table, "rework_of_id")),
                    kpis.day_sql(SQL.identifier(query.table, "date_finished"))
                    if kpis.by_day
                    else SQL("NULL::date"),
                )
            )
        )
        for workcenter_id, day, expected, made, first_pass, good in rows:
            values = kpis.at(workcenter_id, *([day] if kpis.by_day else []))
            values["expected_time"] += expected or 0.0
            values["units_made"] += made or 0.0
            values["units_first_pass"] += first_pass or 0.0
            values["units_good"] += good or 0.0

    def _execute_without_jit(self, query):
        """The rows of ``query``, planned without PostgreSQL's JIT. The
        planner estimates the re-inspection chain of UNITS_QUERY (a
        recursive CTE) at ten times its rows per level: over weeks of a
        plant's history the estimate passes PostgreSQL's JIT thresholds and
        compiling the plan costs 0.7 s for a query of 0.2 s (measured at
        200,000 work orders, ``bench/run --scale L``). JIT is off for this
        query only: the setting of the transaction is restored after it (a
        failed query rolls the transaction, and the setting, back)."""
        cr = self.env.cr
        cr.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
        previous = cr.fetchone()[0]
        rows = self.env.execute_query(query)
        cr.execute(SQL("SELECT set_config('jit', %s, true)", previous))
        return rows

    def _flush_oee_units(self):
        """Write what the units' query reads and the ORM still holds."""
        self.env["mrp.workorder"].flush_model(
            ["state", "qty_produced", "duration_expected", "rework_of_id"]
        )
        self.env["quality.inspection"].flush_model(INSPECTION_UNIT_FIELDS)

    def _get_oee_units_query(self, done_query):
        """By work center: the expected minutes of the done work orders of
        ``done_query`` (id, work center, produced, expected, made: not a
        rework), then, of those made, the units, first-pass and good units.

        A failed inspection (not a re-inspection) of a work order made is
        followed through its re-inspections to the last one: passed or used
        as is (concession), its units are good; else (failed, scrapped,
        awaiting a decision or its re-inspection) its failed quantity is
        not."""
        return SQL(UNITS_QUERY, done=done_query)

    def _add_copq_kpis(self, kpis, since, workorder_domain, until=None):
        """The cost of poor quality by work center (``copq_*``, in the work
        center's currency ``copq_currency_id``): one grouped query on the
        report, None for users who may not read it. Not by day (the trend
        draws no cost): ``kpis`` by day have no ``copq_*``."""
        if kpis.by_day:
            return
        Report = self.env["quality.cost.report"]
        readable = Report.has_access("read")
        for workcenter in self:
            values = kpis[workcenter.id]
            values.update(dict.fromkeys([f"copq_{key}" for key in COPQ_SUMS]))
            values["copq_currency_id"] = workcenter._get_copq_company().currency_id.id
            if readable:
                values.update({f"copq_{key}": 0 for key in COPQ_SUMS})
        if not readable:
            return
        domain = [
            ("workcenter_id", "in", self.ids),
            *self._get_period_domain("date", since, until),
        ]
        if workorder_domain:
            domain += Report._get_workorder_domain(workorder_domain)
        groups = Report._read_group(
            domain,
            ["workcenter_id", "company_id"],
            [f"{key}:sum" for key in COPQ_SUMS],
        )
        today = fields.Date.context_today(self)
        for workcenter, company, *sums in groups:
            values = kpis[workcenter.id]
            target = workcenter._get_copq_company()
            for key, value in zip(COPQ_SUMS, sums, strict=True):
                if key in COPQ_AMOUNTS:
                    value = company.currency_id._convert(
                        value or 0.0, target.currency_id, target, today
                    )
                values[f"copq_{key}"] += value or 0

    def _get_copq_company(self):
        """The company whose currency (and rates) a work center's costs are
        in: its own, else (a work center shared by the companies) the
        user's."""
        self.ensure_one()
        return self.company_id or self.env.company
