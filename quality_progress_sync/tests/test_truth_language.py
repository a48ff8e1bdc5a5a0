# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Texts stored at event time (chatter notes, activity summaries) are
written for whom reads them: the assignee's language, else the company's,
whoever records the event (issue #24, item 17)."""

from datetime import datetime

from odoo.tests import new_test_user

from .common import QualityProgressCase


class TestStoredTextLanguage(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.chinese_manager = new_test_user(
            cls.env,
            login="qps_manager_zh",
            groups="quality_progress_sync.group_quality_manager",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.checkpoint = cls._create_checkpoint(
            name="Burr",
            performer="inspector",
            on_failure="alert",
            responsible_id=cls.chinese_manager.id,
        )

    def _fail(self):
        production = self._create_mo()
        inspection = production.inspection_ids
        # The inspector reads English: the assignee's texts stay Chinese.
        self.assertNotEqual(self.inspector.lang, "zh_CN")
        inspection.with_user(self.inspector).do_fail("Burr")
        return inspection

    def test_activity_in_the_assignees_language(self):
        nonconformance = self._fail().nonconformance_id
        self.assertEqual(nonconformance.responsible_id, self.chinese_manager)
        activity = nonconformance.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(
            activity.summary, f"不合格品 {nonconformance.name}\uff1a分析并关闭"
        )

    def test_note_in_the_companys_language_and_time(self):
        inspection = self._fail()
        self.company.partner_id.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        inspection.sudo().date_done = datetime(2026, 3, 1, 23, 30)
        inspection.with_user(self.manager)._reopen("Wrong gauge")
        note = inspection.message_ids[:1].body
        self.assertIn("已重新打开\uff1aWrong gauge", note)
        self.assertIn("先前结果", note)
        # 23:30 UTC is the next morning in Shanghai, written as Odoo writes
        # dates in Chinese, not as a raw UTC timestamp.
        self.assertNotIn("2026-03-01 23:30", note)
        self.assertIn("07:30", note)

    def test_english_company_stays_english(self):
        inspection = self._fail()
        self.company.partner_id.lang = "en_US"
        inspection.with_user(self.manager)._reopen("Wrong gauge")
        self.assertIn("Reopened: Wrong gauge", inspection.message_ids[:1].body)
