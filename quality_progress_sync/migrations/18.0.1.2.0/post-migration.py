# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tell, on each sampling plan moved to ANSI/ASQ Z1.4 by the pre-migration,
why it uses that standard and how to use ISO 2859-1:1999 instead."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    plans = (
        env["quality.sampling.plan"]
        .with_context(active_test=False)
        .search([("standard", "=", "ansi_z14")])
    )
    for plan in plans:
        plan.message_post(
            body=env._(
                "This plan now names its standard: ANSI/ASQ Z1.4 (MIL-STD-105E), "
                "whose tables it has always used, so its sample sizes and "
                "acceptance numbers stay the same. Choose ISO 2859-1:1999 (GB/T "
                "2828.1-2012) when your customer asks for it: its reduced "
                "inspection table differs."
            ),
            subtype_xmlid="mail.mt_note",
        )
