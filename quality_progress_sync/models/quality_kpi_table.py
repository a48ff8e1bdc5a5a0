# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The table the KPI engine (``mrp.workcenter._get_quality_kpis``) counts
into: one row of figures per work center, or, by day, per work center and
day (the trend sums the days of each week: one grouped query per figure for
all the weeks, instead of one per week)."""

from datetime import datetime

import pytz

from odoo.tools import SQL


class KpiTable(dict):
    """{work center id: {figure: value}}; by day, {(work center id, date):
    {figure: value}}, the days in the time zone of the environment's context
    (as ``_read_group`` groups a datetime by day), a row only where there
    was something to count."""

    def __init__(self, workcenters, defaults, by_day=False):
        super().__init__()
        self.by_day = by_day
        self.defaults = defaults
        self.timezone = workcenters.env.context.get("tz")
        if self.timezone not in pytz.all_timezones_set:
            self.timezone = "UTC"
        if not by_day:
            for workcenter in workcenters:
                self[workcenter.id] = defaults()

    def groupby(self, date_field):
        """The groups of a grouped read whose period is ``date_field``: the
        work center, and by day its day."""
        if self.by_day:
            return ["workcenter_id", f"{date_field}:day"]
        return ["workcenter_id"]

    def day_sql(self, column):
        """The day of the datetime ``column`` (UTC), as ``groupby`` groups
        it: the SQL of the engine's own queries."""
        return SQL("timezone(%s, timezone('UTC', %s))::date", self.timezone, column)

    def at(self, workcenter_id, *day):
        """The figures of a work center (and, by day, of the day ``day``, a
        date or the datetime of its midnight)."""
        if not self.by_day:
            return self[workcenter_id]
        (day,) = day
        if isinstance(day, datetime):
            day = day.date()
        key = (workcenter_id, day)
        if key not in self:
            self[key] = self.defaults()
        return self[key]
