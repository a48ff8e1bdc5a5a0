# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A containment's window on a timeline: the last inspection that passed
(or the operation's first start), what was made inside the window, the
failure, and what was made downstream from its lots since, in the order
they happened, in the reader's time zone."""

from markupsafe import Markup

from odoo import fields, models
from odoo.tools import format_datetime, formatLang

# The timeline's kinds of event: their icon and colour.
EVENT_STYLES = {
    "pass": ("fa-check-circle", "text-success"),
    "start": ("fa-play-circle", "text-muted"),
    "made": ("fa-cog", "text-warning"),
    "fail": ("fa-times-circle", "text-danger"),
    "downstream": ("fa-share", "text-warning"),
    "closed": ("fa-flag-checkered", "text-success"),
}


class QualityContainment(models.Model):
    _inherit = "quality.containment"

    timeline_html = fields.Html(
        string="Timeline",
        compute="_compute_timeline_html",
        sanitize=False,
        help="The window and what happened in it, in the order it happened.",
    )

    def _compute_timeline_html(self):
        for containment in self:
            containment.timeline_html = containment._render_timeline()

    def _get_timeline_events(self):
        """[(when, kind, text)] of this containment, in time order."""
        self.ensure_one()
        _ = self.env._
        if self.window_inspection_id:
            opening = _(
                "%(inspection)s passed: the window opens",
                inspection=self.window_inspection_id.name,
            )
            events = [(self.date_from, "pass", opening)]
        else:
            opening = _(
                "No earlier pass: the window opens when %(operation)s started",
                operation=self.operation_id.display_name or "-",
            )
            events = [(self.date_from, "start", opening)]
        for line in self.line_ids:
            events.append(self._get_timeline_line_event(line))
        events.append(
            (
                self.date_to,
                "fail",
                _("%(inspection)s failed", inspection=self.inspection_id.name),
            )
        )
        if self.state == "closed" and self.date_closed:
            events.append((self.date_closed, "closed", _("Every suspect lot decided")))
        return sorted(events, key=lambda event: event[0])

    def _get_timeline_line_event(self, line):
        """The event of a suspect line: when its order worked inside the
        window (or finished, downstream) and what it made."""
        workorder = line.workorder_id
        made = _made_text(self.env, line)
        if line.origin == "downstream":
            when = line.production_id.date_finished or self.date_to
            return (when, "downstream", made)
        when = max(workorder.date_start or self.date_from, self.date_from)
        return (when, "made", made)

    def _render_timeline(self):
        self.ensure_one()
        if not self.date_from or not self.date_to:
            return False
        tz = self.env.context.get("tz") or self.env.user.tz
        items = Markup().join(
            Markup(
                '<li class="d-flex gap-2 mb-1 o_qps_timeline_%s">'
                '<i class="fa fa-fw %s %s mt-1" role="img" aria-hidden="true"></i>'
                '<span class="text-muted text-nowrap">%s</span><span>%s</span></li>'
            )
            % (
                kind,
                *EVENT_STYLES[kind],
                format_datetime(self.env, when, tz=tz, dt_format="short"),
                text,
            )
            for when, kind, text in self._get_timeline_events()
        )
        return Markup('<ul class="list-unstyled mb-0 o_qps_timeline">%s</ul>') % items


def _made_text(env, line):
    """What a suspect line's order made, in words."""
    values = {
        "production": line.production_id.display_name or "-",
        "quantity": formatLang(env, line.quantity, dp="Product Unit of Measure"),
        "unit": line.uom_id.name or "",
        "lot": line.lot_id.name or "",
    }
    if line.origin == "downstream":
        return env._(
            "%(production)s made %(quantity)s %(unit)s %(lot)s from %(parent)s",
            parent=line.parent_lot_id.name or "-",
            **values,
        )
    if line.lot_id:
        return env._("%(production)s made %(quantity)s %(unit)s, lot %(lot)s", **values)
    return env._("%(production)s made %(quantity)s %(unit)s", **values)
