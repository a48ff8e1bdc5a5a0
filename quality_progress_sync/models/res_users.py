# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


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

    @property
    def SELF_WRITEABLE_FIELDS(self):
        # The user's own choice on the Shop Floor, as for their preferences.
        return [*super().SELF_WRITEABLE_FIELDS, "quality_shop_floor_workcenter_ids"]

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "quality_shop_floor_workcenter_ids"]
