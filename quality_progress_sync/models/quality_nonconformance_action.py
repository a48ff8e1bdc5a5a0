# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .quality_guard import is_quality_manager
from .quality_story import reader_env

# Set by the action's buttons (its responsible or a Quality Manager) and by the
# escalation cron, never written directly.
PROTECTED_FIELDS = frozenset(
    {"acknowledged", "date_acknowledged", "done", "date_done", "escalated"}
)
# Who does the action and by when: see ``_check_can_change``.
ASSIGNMENT_FIELDS = frozenset({"responsible_id", "deadline"})


class QualityNonconformanceAction(models.Model):
    _name = "quality.nonconformance.action"
    _inherit = ["quality.protected.mixin"]
    _description = "Nonconformance Corrective or Preventive Action"
    _order = "deadline, id"
    # The company is its nonconformance's (a stored related field, which the
    # ORM would let a user write, moving the nonconformance with it).
    _quality_protected_fields = PROTECTED_FIELDS | {"company_id"}
    # An action stays on its nonconformance: moved away, it would no longer
    # keep that one open.
    _quality_fixed_fields = frozenset({"nonconformance_id"})

    nonconformance_id = fields.Many2one(
        "quality.nonconformance", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="nonconformance_id.company_id", store=True)
    name = fields.Char(string="Action", required=True)
    action_type = fields.Selection(
        [("corrective", "Corrective"), ("preventive", "Preventive")],
        string="Type",
        required=True,
        default="corrective",
    )
    responsible_id = fields.Many2one(
        "res.users", required=True, domain="[('share', '=', False)]"
    )
    deadline = fields.Date(required=True)
    acknowledged = fields.Boolean(readonly=True, copy=False)
    date_acknowledged = fields.Datetime(readonly=True, copy=False)
    done = fields.Boolean(readonly=True, copy=False)
    date_done = fields.Datetime(readonly=True, copy=False)
    escalated = fields.Boolean(readonly=True, copy=False, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        # As superuser, the author staying the user, who may have no email.
        for action in actions.sudo():
            env = reader_env(action.nonconformance_id)
            action.nonconformance_id.message_post(
                body=Markup("%s")
                % env._(
                    "Action added: %(name)s (%(responsible)s, due %(deadline)s)",
                    name=action.name,
                    responsible=action.responsible_id.name,
                    deadline=format_date(env, action.deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return actions

    def write(self, vals):
        if not self.env.su:
            self._check_can_change(vals)
        changed = {
            action: (action.responsible_id, action.deadline)
            for action in self
            if ASSIGNMENT_FIELDS & vals.keys()
        }
        res = super().write(vals)
        for action, (responsible, deadline) in changed.items():
            action._post_assignment_change(responsible, deadline)
        return res

    def _check_can_change(self, vals):
        """A done action stays as it was done; who does an action and by
        when is changed by a Quality Manager or the nonconformance's
        responsible only (an inspector does not hand an action to himself or
        to someone else to close it, nor move its deadline past the
        escalation). The nonconformance's responsible is itself changed by a
        Quality Manager or by that responsible only
        (``quality.nonconformance._check_can_change_responsible``): an
        inspector cannot make himself its responsible to reassign its
        actions."""
        done = self.filtered("done")
        if done:
            raise UserError(
                self.env._(
                    "The action %(names)s is done: it stays as it was done.",
                    names=", ".join(done.mapped("name")),
                )
            )
        if not ASSIGNMENT_FIELDS & vals.keys() or is_quality_manager(self.env):
            return
        for action in self:
            if self.env.user != action.nonconformance_id.responsible_id:
                raise UserError(
                    self.env._(
                        "Only %(responsible)s (responsible of %(nonconformance)s) "
                        "or a Quality Manager can change who does the action "
                        "%(name)s and by when.",
                        responsible=action.nonconformance_id.responsible_id.name or "-",
                        nonconformance=action.nonconformance_id.name,
                        name=action.name,
                    )
                )

    def _post_assignment_change(self, responsible, deadline):
        """Trace a change of responsible or deadline in the nonconformance's
        chatter (as superuser, the author staying the user)."""
        self.ensure_one()
        if (responsible, deadline) == (self.responsible_id, self.deadline):
            return
        env = reader_env(self.nonconformance_id)
        self.nonconformance_id.sudo().message_post(
            body=env._(
                "Action %(name)s: %(old_responsible)s, due %(old_deadline)s, "
                "now %(responsible)s, due %(deadline)s.",
                name=self.name,
                old_responsible=responsible.name,
                old_deadline=format_date(env, deadline),
                responsible=self.responsible_id.name,
                deadline=format_date(env, self.deadline),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _check_responsible(self):
        if is_quality_manager(self.env):
            return
        for action in self:
            if self.env.user != action.responsible_id:
                raise UserError(
                    self.env._(
                        "Only %(responsible)s or a Quality Manager can update the "
                        "action %(name)s.",
                        responsible=action.responsible_id.name,
                        name=action.name,
                    )
                )

    def action_acknowledge(self):
        self._check_responsible()
        self.filtered(lambda a: not a.acknowledged).sudo().write(
            {"acknowledged": True, "date_acknowledged": fields.Datetime.now()}
        )
        return True

    def action_done(self):
        self._check_responsible()
        now = fields.Datetime.now()
        for action in self.filtered(lambda a: not a.done):
            action.sudo().write(
                {
                    "done": True,
                    "date_done": now,
                    "acknowledged": True,
                    "date_acknowledged": action.date_acknowledged or now,
                }
            )
            action.nonconformance_id.sudo().message_post(
                body=reader_env(action.nonconformance_id)._(
                    "Action done: %(name)s", name=action.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
