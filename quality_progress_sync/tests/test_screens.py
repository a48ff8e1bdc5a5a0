# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the screens ask of the models: texts built in the reader's language
and the rules of the nonconformance form."""

from odoo.exceptions import UserError, ValidationError

from .common import QualityProgressCase


class TestScreensCommon(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.checkpoint = cls._create_checkpoint(
            name="Cut length",
            on_failure="rework",
            responsible_id=cls.manager.id,
            failure_message="Cut again.",
        )
        cls.checkpoint.with_context(lang="zh_CN").write(
            {"name": "切割长度", "failure_message": "重新切割。"}
        )

    def setUp(self):
        super().setUp()
        self.production = self._create_mo()
        self.wo_cut = self._workorder(self.production, self.op_cut)
        self.inspection = self.wo_cut.inspection_ids


class TestReadersLanguage(TestScreensCommon):
    def _zh(self, records):
        return records.with_context(lang="zh_CN")

    def test_nonconformance_title_built_for_the_reader(self):
        self.inspection.with_user(self.inspector).do_fail("Burr")
        nonconformance = self.inspection.nonconformance_id
        self.assertFalse(nonconformance.custom_title)
        self.assertEqual(nonconformance.checkpoint_id, self.checkpoint)
        self.assertEqual(
            nonconformance.title,
            f"Cut length failed on {self.production.name} - Cut",
        )
        self.assertIn("切割长度", self._zh(nonconformance).title)
        self.assertIn("不合格", self._zh(nonconformance).title)
        self.assertEqual(
            self.env["quality.nonconformance"].search(
                [("title", "ilike", "cut length"), ("id", "=", nonconformance.id)]
            ),
            nonconformance,
        )

    def test_nonconformance_title_follows_the_order_name(self):
        """A backorder split renames the order: the title follows."""
        self.inspection.with_user(self.inspector).do_fail("Burr")
        nonconformance = self.inspection.nonconformance_id
        self.production.name = "WH/MO/RENAMED-001"
        self.assertIn("WH/MO/RENAMED-001", nonconformance.title)

    def test_typed_title_kept_as_typed(self):
        self.inspection.with_user(self.inspector).do_fail("Burr")
        nonconformance = self.inspection.nonconformance_id.with_user(self.manager)
        nonconformance.title = "Saw blade worn"
        self.assertEqual(nonconformance.custom_title, "Saw blade worn")
        self.assertEqual(self._zh(nonconformance).title, "Saw blade worn")
        typed = self.env["quality.nonconformance"].create({"title": "Dented tube"})
        self.assertEqual(self._zh(typed).title, "Dented tube")
        self.assertIn(
            typed,
            self.env["quality.nonconformance"].search([("title", "=", "Dented tube")]),
        )

    def test_rework_work_order_named_for_the_reader(self):
        self.inspection.with_user(self.inspector).do_fail("Burr")
        rework = self.production.workorder_ids.filtered("rework_of_id")
        self.assertEqual(rework.name, f"Cut ({self.inspection.name})")
        self.assertEqual(
            rework.display_name,
            f"{self.production.name} - Rework Cut ({self.inspection.name})",
        )
        self.assertIn("返工", self._zh(rework).display_name)
        rework.name = "Deburr"
        self.assertEqual(rework.display_name, f"{self.production.name} - Rework Deburr")

    def test_failure_reason_typed_or_built_for_the_reader(self):
        self.inspection.with_user(self.inspector).do_fail()
        self.assertFalse(self.inspection.failure_note)
        self.assertEqual(self.inspection.failure_reason, "Cut again.")
        self.assertEqual(self._zh(self.inspection).failure_reason, "重新切割。")
        production = self._create_mo()
        typed = production.inspection_ids
        typed.with_user(self.inspector).do_fail("Burr on the edge")
        self.assertEqual(self._zh(typed).failure_reason, "Burr on the edge")

    def test_automatic_disposition_reason_for_the_reader(self):
        self.inspection.with_user(self.inspector).do_fail("Burr")
        self.assertTrue(self.inspection.disposition_automatic)
        self.assertFalse(self.inspection.disposition_note)
        self.assertIn("Automatic", self.inspection.disposition_reason)
        self.assertIn("切割长度", self._zh(self.inspection).disposition_reason)


class TestNonconformanceForm(TestScreensCommon):
    def test_close_needs_the_root_cause(self):
        self.inspection.with_user(self.inspector).do_fail("Burr")
        nonconformance = self.inspection.nonconformance_id.with_user(self.manager)
        self.production.workorder_ids.filtered("rework_of_id").inspection_ids.with_user(
            self.inspector
        ).do_pass()
        with self.assertRaises(UserError) as error:
            nonconformance.action_close()
        self.assertIn("root cause", str(error.exception))
        nonconformance.root_cause = "<p><br></p>"
        with self.assertRaises(UserError):
            nonconformance.action_close()
        nonconformance.root_cause = "<p>Saw blade worn</p>"
        nonconformance.action_close()
        self.assertTrue(nonconformance.is_closed)

    def test_responsible_is_never_odoobot(self):
        """A failure recorded by OdooBot (a cron, data loading) on a checkpoint
        without responsible goes to the work center's quality responsible."""
        self.checkpoint.responsible_id = False
        self.wc_cut.quality_responsible_id = self.inspector
        self.inspection.do_fail("Burr")  # as the superuser
        nonconformance = self.inspection.nonconformance_id
        self.assertEqual(nonconformance.responsible_id, self.inspector)
        with self.assertRaises(ValidationError):
            nonconformance.responsible_id = self.env.ref("base.user_root")
