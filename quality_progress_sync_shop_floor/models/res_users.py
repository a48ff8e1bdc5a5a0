# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The user's Shop Floor preference (the work centers last chosen) and the
operators' home action."""

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

SHOP_FLOOR_FIELD = "quality_shop_floor_workcenter_ids"
# A choice of work centers: their ids, nothing else.
ID_COMMANDS = (Command.LINK, Command.UNLINK, Command.CLEAR, Command.SET)


class ResUsers(models.Model):
    _inherit = "res.users"

    quality_shop_floor_workcenter_ids = fields.Many2many(
        "mrp.workcenter",
        "quality_shop_floor_user_workcenter_rel",
        "user_id",
        "workcenter_id",
        string="Shop Floor Work Centers",
        help="The work centers this user last chose on the Shop Floor.",
    )

    # Readable by the user as a preference, but not self-writeable: Odoo
    # writes self-writeable fields as superuser, and an x2many command would
    # then reach the work centers themselves. The Shop Floor writes the
    # choice through ``_set_shop_floor_workcenters``.
    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, SHOP_FLOOR_FIELD]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_shop_floor_commands(vals)
        users = super().create(vals_list)
        if any(SHOP_FLOOR_FIELD in vals for vals in vals_list):
            users._check_shop_floor_companies()
        return users

    @api.model
    def _get_home_actions(self):
        """The operators (Manufacturing users who do not administer it) land
        on the Shop Floor, after the quality team's own."""
        return [
            *super()._get_home_actions(),
            (
                lambda user: (
                    user.has_group("mrp.group_mrp_user")
                    and not user.has_group("mrp.group_mrp_manager")
                ),
                "quality_progress_sync_shop_floor.shop_floor_action",
            ),
        ]

    def write(self, vals):
        self._check_shop_floor_commands(vals)
        res = super().write(vals)
        if SHOP_FLOOR_FIELD in vals:
            self._check_shop_floor_companies()
        return res

    @api.model
    def _check_shop_floor_commands(self, vals):
        """The Shop Floor's choice is a set of work-center ids: no command
        that creates, changes or deletes a work center passes through it,
        whoever writes (Odoo's own superuser writes included)."""
        commands = vals.get(SHOP_FLOOR_FIELD)
        if not commands:
            return
        if not isinstance(commands, list | tuple):
            commands = [commands]
        for command in commands:
            if isinstance(command, int) and not isinstance(command, bool):
                continue
            if (
                isinstance(command, list | tuple)
                and command
                and command[0] in ID_COMMANDS
                and all(
                    isinstance(value, int) and not isinstance(value, bool)
                    for value in (command[2] if command[0] == Command.SET else [])
                )
            ):
                continue
            raise ValidationError(
                self.env._(
                    "The Shop Floor's work centers are chosen by their ids: "
                    "%(command)r is not a choice.",
                    command=command,
                )
            )

    def _check_shop_floor_companies(self):
        """A user chooses among the work centers of their companies."""
        for user in self.sudo():
            foreign = user.quality_shop_floor_workcenter_ids.filtered(
                lambda wc, u=user: wc.company_id and wc.company_id not in u.company_ids
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot choose work centers of another company: "
                        "%(workcenters)s.",
                        user=user.name,
                        workcenters=", ".join(foreign.mapped("name")),
                    )
                )

    def _set_shop_floor_workcenters(self, workcenters):
        """Remember the user's choice on the Shop Floor: ``workcenters``, as
        found with the user's own rights."""
        self.ensure_one()
        self.sudo().write({SHOP_FLOOR_FIELD: [Command.set(workcenters.ids)]})
