# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.addons.quality_progress_sync.tests.translations_common import (
    TranslationsMixin,
)
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTranslations(TranslationsMixin, TransactionCase):
    translated_module = "quality_progress_sync_shop_floor"
