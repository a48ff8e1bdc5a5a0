# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a nonconformance tells, split by concern from
quality_nonconformance.py: on its form, why it was opened (the failed
inspection, its reason and measures, who inspected it and when); on its
order's chatter, one linked line per event of the failure loop (see
``quality_story.py``), its closing included, which ends its tasks."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.misc import formatLang

from .quality_story import get_story_env, tell_story


class QualityNonconformanceStory(models.AbstractModel):
    """Inherited by ``quality.nonconformance`` (its main file)."""

    _name = "quality.nonconformance.story"
    _description = "Nonconformance Story"

    failure_inspection_id = fields.Many2one(
        "quality.inspection",
        string="Failed Inspection",
        compute="_compute_failure_inspection_id",
        store=True,
        help="The failed inspection that opened this nonconformance.",
    )
    failure_reason = fields.Text(
        related="failure_inspection_id.failure_reason", string="Failure Reason"
    )
    failure_user_id = fields.Many2one(
        related="failure_inspection_id.user_id", string="Inspected By"
    )
    failure_date = fields.Datetime(
        related="failure_inspection_id.date_done", string="Inspected On"
    )
    failure_measure_ids = fields.One2many(
        related="failure_inspection_id.measure_ids", string="Measured Values"
    )

    @api.depends("inspection_ids", "inspection_ids.origin_inspection_id")
    def _compute_failure_inspection_id(self):
        for nonconformance in self:
            inspections = nonconformance.inspection_ids.sorted("id")
            nonconformance.failure_inspection_id = (
                inspections.filtered(lambda i: not i.origin_inspection_id)
                or inspections
            )[:1]

    # ------------------------------------------------------------------
    # The order's story: one line per event
    # ------------------------------------------------------------------

    @api.model
    def _tell_failure(self, inspection, nonconformance=None):
        """``inspection`` failed: why, and its nonconformance if it has one."""
        production = inspection.production_id
        env = get_story_env(production)
        inspection = inspection.with_env(env)
        values = {
            "inspection": inspection._get_html_link(title=inspection.name),
            "checkpoint": inspection.checkpoint_id.name,
            "workorder": inspection.workorder_id.display_name,
            "reason": inspection.failure_reason or "-",
        }
        if nonconformance:
            text = env._(
                "%(inspection)s (%(checkpoint)s) failed on %(workorder)s, "
                "nonconformance %(nonconformance)s: %(reason)s"
            )
            values["nonconformance"] = nonconformance._get_html_link(
                title=nonconformance.name
            )
        else:
            text = env._(
                "%(inspection)s (%(checkpoint)s) failed on %(workorder)s: %(reason)s"
            )
        tell_story(production, Markup(text) % values)

    @api.model
    def _tell_disposition(self, inspection, done):
        """What was decided for ``inspection``'s failure and what it made
        (``done``: the rework work order, the scrap order)."""
        production = inspection.production_id
        env = get_story_env(production)
        inspection = inspection.with_env(env)
        values = {"inspection": inspection._get_html_link(title=inspection.name)}
        if inspection.disposition == "rework":
            text = env._("Rework of %(inspection)s: work order %(rework)s added.")
            values["rework"] = done.with_env(env)._get_html_link()
        elif inspection.disposition == "scrap":
            text = env._("%(inspection)s: %(quantity)s %(uom)s scrapped (%(scrap)s).")
            values.update(
                quantity=formatLang(env, done.scrap_qty, dp="Product Unit of Measure"),
                uom=done.product_uom_id.with_env(env).name,
                scrap=done._get_html_link(title=done.name),
            )
        else:
            text = env._(
                "%(inspection)s accepted under concession by %(user)s: %(reason)s"
            )
            values.update(
                user=inspection.disposition_user_id.name,
                reason=inspection.disposition_reason or "-",
            )
        tell_story(production, Markup(text) % values)

    def _end_tasks(self):
        """A closed nonconformance leaves nothing to do: its activities are
        marked done, as Odoo's Mark Done does, and its order is told."""
        self.activity_ids.sudo().action_feedback(
            feedback=self.env._("Nonconformance closed.")
        )
        self._tell_closed()

    def _tell_closed(self):
        for nonconformance in self.filtered("production_id"):
            env = get_story_env(nonconformance.production_id)
            text = env._("Nonconformance %(nonconformance)s closed.")
            tell_story(
                nonconformance.production_id,
                Markup(text)
                % {
                    "nonconformance": nonconformance._get_html_link(nonconformance.name)
                },
            )
