# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The translation checks of a module of quality_progress_sync (the core
and the modules split off it): mixed into a test case that names it."""

from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader

LANGUAGES = ("zh_CN", "zh_TW")


class TranslationsMixin:
    """Every term the module ``translated_module`` shows, as Odoo's exporter
    finds it in the code, views and data installed here, is in its template
    and translated in Simplified and Traditional Chinese."""

    translated_module = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.i18n = Path(get_module_path(cls.translated_module)) / "i18n"
        reader = TranslationModuleReader(cls.env.cr, [cls.translated_module])
        cls.terms = {source for __, __, __, __, source, __, __ in reader if source}

    def test_every_file_is_read(self):
        """An f-string in a translated call stops the extraction of its whole
        file (logged, not raised): none is left."""
        with self.assertNoLogs("odoo.tools.translate", level="ERROR"):
            list(TranslationModuleReader(self.env.cr, [self.translated_module]))

    def test_template_has_every_term(self):
        pot = self.i18n / f"{self.translated_module}.pot"
        template = {entry.msgid for entry in polib.pofile(str(pot))}
        self.assertFalse(
            self.terms - template, "terms missing from the .pot: re-export it"
        )

    def test_chinese_translations_are_complete(self):
        for lang in LANGUAGES:
            with self.subTest(lang=lang):
                po = polib.pofile(str(self.i18n / f"{lang}.po"))
                translated = {
                    entry.msgid
                    for entry in po.translated_entries()
                    if not entry.obsolete
                }
                self.assertFalse(self.terms - translated)
                self.assertFalse(po.fuzzy_entries())
