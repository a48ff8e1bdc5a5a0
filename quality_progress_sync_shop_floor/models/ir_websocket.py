# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who hears the Shop Floor's notifications: a screen asks for the Shop
Floor channel; the server gives a Manufacturing user the channels of their
own companies instead (shop_floor_notify.py sends on the
channel of each work order's company). The client names only a text, which
anyone could ask for: the company channels are records, granted here."""

from odoo import models

from .shop_floor_notify import SHOP_FLOOR_CHANNEL


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        if SHOP_FLOOR_CHANNEL in channels:
            channels = [
                channel for channel in channels if channel != SHOP_FLOOR_CHANNEL
            ]
            channels += self._get_shop_floor_channels()
        return super()._build_bus_channel_list(channels)

    def _get_shop_floor_channels(self):
        """The Shop Floor channels of the user's companies, for a
        Manufacturing user (none for anyone else)."""
        user = self.env.user
        if not self.env.uid or not user.has_group("mrp.group_mrp_user"):
            return []
        return [(company, SHOP_FLOOR_CHANNEL) for company in user.company_ids]
