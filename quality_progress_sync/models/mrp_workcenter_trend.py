# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The trend of the work centers' OEE and first-pass yield, week by week:
the figures of ``mrp.workcenter._get_quality_kpis`` (the one engine) over
each of the last ISO weeks, split by concern from mrp_workcenter.py. A
week runs from its Monday 00:00 to the next one in the reader's time zone
(the context's, else the user's, else UTC); its work orders are those
finished in it (``until`` of the engine: no work order still open counts,
the current week's included, so that every point reads alike). A past week
has no "now": the engine's current figures (late work orders, open
nonconformances and containments) are not asked for."""

from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models

TREND_WEEKS = 12


class MrpWorkcenterTrend(models.AbstractModel):
    """Inherited by ``mrp.workcenter`` (models/mrp_workcenter.py)."""

    _name = "mrp.workcenter.trend"
    _description = "Work Center Quality Trend"

    quality_trend = fields.Json(
        string="Trend (12 Weeks)",
        compute="_compute_quality_trend",
        help="OEE and first-pass yield of each of the last 12 weeks.",
    )

    def _compute_quality_trend(self):
        """The trend of :meth:`_get_quality_trend`, for all the work
        centers at once."""
        trend = self._get_quality_trend()
        for workcenter in self:
            workcenter.quality_trend = trend.get(workcenter.id, [])

    def _get_trend_timezone(self):
        """The reader's time zone: the context's, else the user's, else UTC
        (an unknown name as UTC)."""
        name = self.env.context.get("tz") or self.env.user.tz or "UTC"
        try:
            return pytz.timezone(name)
        except pytz.UnknownTimeZoneError:
            return pytz.utc

    def _get_trend_weeks(self, weeks=TREND_WEEKS):
        """The last ``weeks`` ISO weeks of the reader's time zone, the
        current one last: [(label, its Monday 00:00, the next Monday)], both
        bounds as naive UTC datetimes (as stored); labels as "2026-W49"."""
        tz = self._get_trend_timezone()
        today = pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()
        monday = today - timedelta(days=today.weekday())

        def to_utc(day):
            local = tz.localize(datetime.combine(day, time()))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        periods = []
        for index in range(weeks - 1, -1, -1):
            day = monday - timedelta(weeks=index)
            year, week, __ = day.isocalendar()
            label = f"{year}-W{week:02d}"
            periods.append((label, to_utc(day), to_utc(day + timedelta(weeks=1))))
        return periods

    @staticmethod
    def _get_week_monday(label):
        """The Monday of the ISO week ``label`` ("2026-W49"), as a date
        string ("2026-11-30")."""
        monday = datetime.strptime(f"{label}-1", "%G-W%V-%u").date()
        return fields.Date.to_string(monday)

    def _get_quality_trend(self, weeks=TREND_WEEKS):
        """{work center id: [{"week": "2026-W49", "start": "2026-11-30",
        "oee": float or None, "fpy": float or None}]}: the OEE and the
        first-pass yield of each of the last ``weeks`` ISO weeks (the
        current one last) from :meth:`_get_quality_kpis`, None for a week
        without a base.

        Cost: one call of the engine by day over all the weeks, for all
        these work centers (its constant number of queries, whatever the
        number of work centers or weeks); the days' counts are summed by
        week and its rates computed as the engine computes them
        (:meth:`_add_rates`)."""
        tz = self._get_trend_timezone()
        periods = self._get_trend_weeks(weeks)
        daily = self.with_context(tz=tz.zone)._get_quality_kpis(
            since=periods[0][1], until=periods[-1][2], current=False, by_day=True
        )
        counts = self._get_kpi_defaults()
        labels = [label for label, __, __ in periods]
        weekly = {
            workcenter.id: {label: dict(counts) for label in labels}
            for workcenter in self
        }
        for (workcenter_id, day), values in daily.items():
            self._add_day(weekly[workcenter_id], day, values, counts)
        trend = {
            workcenter_id: [
                self._get_trend_point(label, by_week[label]) for label in labels
            ]
            for workcenter_id, by_week in weekly.items()
        }
        return trend

    @staticmethod
    def _add_day(by_week, day, values, counts):
        """Add the counts (the keys of ``counts``) of the day ``day`` to its
        ISO week's in ``by_week``."""
        year, week, __ = day.isocalendar()
        week_values = by_week.get(f"{year}-W{week:02d}")
        if week_values is None:
            return
        for key in counts:
            week_values[key] += values[key]

    def _get_trend_point(self, label, values):
        """The point of the week ``label`` from its summed counts."""
        self._add_rates(values)
        return {
            "week": label,
            "start": self._get_week_monday(label),
            "oee": values["oee"],
            "fpy": values["first_pass_yield"],
        }
