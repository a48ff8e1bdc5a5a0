# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

I18N = Path(__file__).parent.parent / "i18n"


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """Every term the module shows, as Odoo's exporter finds it in the code,
    views and data installed here, is in the template and translated in
    Simplified and Traditional Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reader = TranslationModuleReader(cls.env.cr, ["quality_progress_sync"])
        cls.terms = {source for __, __, __, __, source, __, __ in reader if source}

    def test_every_file_is_read(self):
        """An f-string in a translated call stops the extraction of its whole
        file (logged, not raised): none is left."""
        with self.assertNoLogs("odoo.tools.translate", level="ERROR"):
            list(TranslationModuleReader(self.env.cr, ["quality_progress_sync"]))

    def test_template_has_every_term(self):
        template = {
            entry.msgid
            for entry in polib.pofile(str(I18N / "quality_progress_sync.pot"))
        }
        self.assertFalse(
            self.terms - template,
            "terms missing from the .pot: re-export it",
        )

    def test_chinese_translations_are_complete(self):
        for lang in ("zh_CN", "zh_TW"):
            with self.subTest(lang=lang):
                po = polib.pofile(str(I18N / f"{lang}.po"))
                translated = {
                    entry.msgid
                    for entry in po.translated_entries()
                    if not entry.obsolete
                }
                self.assertFalse(self.terms - translated)
                self.assertFalse(po.fuzzy_entries())
