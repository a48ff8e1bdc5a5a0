# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models

from .quality_guard import INSPECTOR_GROUP


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users.filtered(lambda u: not u.action_id and not u.share)._set_home_action()
        return users

    def _set_home_action(self):
        """Where a new user lands after logging in, unless a home action was
        given: the first of ``_get_home_actions`` whose condition the user
        meets (the quality team on the Quality app's Progress & Quality).
        Others keep Odoo's default; the home action stays theirs to change
        (Preferences, or the user form)."""
        home_actions = self._get_home_actions()
        for user in self:
            for condition, xmlid in home_actions:
                if condition(user):
                    action = self.env.ref(xmlid, raise_if_not_found=False)
                    if action:
                        # A home action is an ir.actions.actions, whatever
                        # its kind.
                        user.action_id = action.id
                    break

    @api.model
    def _get_home_actions(self):
        """The home actions of new users, in order: a list of
        ``(condition, action xml id)``, ``condition`` a function of the user
        (the first met wins). A module adds its own (calling super)."""
        return [
            (
                lambda user: user.has_group(INSPECTOR_GROUP),
                "quality_progress_sync.mrp_workorder_quality_kanban_action",
            ),
        ]
