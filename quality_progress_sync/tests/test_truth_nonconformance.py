# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A nonconformance shows why it was opened and its closing ends its tasks;
the order's chatter tells its quality story (issue #24)."""

from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import QualityProgressCase


class TestNonconformanceTruth(QualityProgressCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.measure = cls._create_checkpoint(
            name="Width",
            performer="inspector",
            check_type="measure",
            norm=10.0,
            tolerance_min=9.9,
            tolerance_max=10.1,
            sample_size=2,
            on_failure="alert",
            responsible_id=cls.manager.id,
        )

    def _fail(self, production=None):
        production = production or self._create_mo()
        inspection = production.inspection_ids
        inspection.with_user(self.inspector).do_measure([10.0, 10.5])
        return inspection, inspection.nonconformance_id

    def test_form_shows_why_it_was_opened(self):
        inspection, nonconformance = self._fail()
        nonconformance = nonconformance.with_user(self.operator)
        self.assertEqual(nonconformance.failure_inspection_id, inspection)
        self.assertIn("10.5", nonconformance.failure_reason)
        self.assertIn("Outside tolerance", nonconformance.failure_reason)
        self.assertEqual(nonconformance.failure_user_id, self.inspector)
        self.assertEqual(nonconformance.failure_date, inspection.date_done)
        self.assertEqual(
            nonconformance.failure_measure_ids.mapped("value"), [10.0, 10.5]
        )
        arch = nonconformance.get_views([(False, "form")])["views"]["form"]["arch"]
        for field_name in (
            "failure_inspection_id",
            "failure_reason",
            "failure_user_id",
            "failure_date",
            "failure_measure_ids",
        ):
            self.assertIn(f'name="{field_name}"', arch)

    def test_reason_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        __, nonconformance = self._fail()
        english = nonconformance.failure_reason
        chinese = nonconformance.with_context(lang="zh_CN").failure_reason
        self.assertNotEqual(english, chinese)

    def test_closing_ends_its_tasks(self):
        __, nonconformance = self._fail()
        task = nonconformance.activity_ids
        self.assertIn("analyse and close", task.summary)
        self.assertEqual(task.user_id, self.manager)
        # Closed by an inspector who is not the one the task was for.
        nonconformance = nonconformance.with_user(self.inspector)
        nonconformance.root_cause = "<p>Worn jig</p>"
        nonconformance.action_close()
        self.assertTrue(nonconformance.is_closed)
        self.assertFalse(nonconformance.activity_ids)
        self.assertFalse(task.exists())
        done = nonconformance.message_ids.filtered("mail_activity_type_id")
        self.assertEqual(len(done), 1, "marked done, as Odoo's Mark Done")
        self.assertIn("Nonconformance closed.", done.body)

    def test_refused_closing_keeps_its_tasks(self):
        __, nonconformance = self._fail()
        with self.assertRaises(UserError):
            nonconformance.with_user(self.inspector).action_close()
        self.assertFalse(nonconformance.is_closed)
        self.assertEqual(len(nonconformance.activity_ids), 1)


class TestOrderStory(QualityProgressCase):
    """The order's chatter tells its quality story: one linked line per
    event, in the order's language, one message per order and action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(
            name="Length", performer="inspector", on_failure="rework"
        )

    def _story(self, production, since):
        """The messages of ``production`` after ``since``, as the operator
        reads them."""
        return (
            production.with_user(self.operator)
            .message_ids.filtered(lambda m: m.id > since)
            .sorted("id")
        )

    def _last_id(self):
        return self.env["mail.message"].search([], order="id desc", limit=1).id

    @staticmethod
    def _link(record):
        return f'data-oe-model="{record._name}" data-oe-id="{record.id}"'

    def test_failure_nonconformance_and_rework(self):
        production = self._create_mo()
        since = self._last_id()
        inspection = production.inspection_ids
        inspection.with_user(self.inspector).do_fail("Burr on the <b>edge</b>")
        nonconformance = inspection.nonconformance_id
        rework = inspection.reinspection_ids.workorder_id
        story = self._story(production, since)
        self.assertEqual(len(story), 1, "one message for the failure and its rework")
        body = story.body
        for record in (inspection, nonconformance, rework):
            self.assertIn(self._link(record), body)
        self.assertIn("Burr on the &lt;b&gt;edge&lt;/b&gt;", body, "escaped")
        self.assertIn("Rework", body)
        self.assertEqual(story.author_id, self.inspector.partner_id)

    def test_concession_and_scrap(self):
        self.checkpoint.on_failure = "alert"
        for disposition, user in (
            ("concession", self.manager),
            ("scrap", self.inspector),
        ):
            with self.subTest(disposition=disposition):
                production = self._create_mo()
                inspection = production.inspection_ids
                inspection.with_user(self.inspector).do_fail("Dent")
                since = self._last_id()
                inspection.with_user(user).action_set_disposition(
                    disposition, "Customer agreed"
                )
                story = self._story(production, since)
                self.assertEqual(len(story), 1)
                self.assertIn(self._link(inspection), story.body)
                if disposition == "scrap":
                    self.assertIn(
                        self._link(inspection.nonconformance_id.scrap_ids), story.body
                    )
                    self.assertIn("scrapped", story.body)
                else:
                    self.assertIn("concession", story.body)
                    self.assertIn(self.manager.name, story.body)
                    self.assertIn("Customer agreed", story.body)

    def test_several_failures_in_one_message(self):
        self._create_checkpoint(
            name="Width", performer="inspector", on_failure="rework"
        )
        production = self._create_mo()
        since = self._last_id()
        production.inspection_ids.with_user(self.inspector).do_fail("Both")
        story = self._story(production, since)
        self.assertEqual(len(story), 1)
        failed = production.inspection_ids.filtered(lambda i: i.state == "fail")
        self.assertEqual(len(failed), 2)
        for record in [*failed, *failed.nonconformance_id]:
            self.assertIn(self._link(record), story.body)

    def test_told_in_the_orders_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        responsible = new_test_user(
            self.env,
            login="qps_story_planner",
            groups="mrp.group_mrp_user",
            lang="zh_CN",
        )
        production = self._create_mo()
        production.user_id = responsible
        since = self._last_id()
        production.inspection_ids.with_user(self.inspector).do_fail("Burr")
        self.assertIn("返工", self._story(production, since).body)

    def test_closing_is_told(self):
        self.checkpoint.on_failure = "alert"
        production = self._create_mo()
        inspection = production.inspection_ids
        inspection.with_user(self.inspector).do_fail("Dent")
        inspection.with_user(self.manager).action_set_disposition("concession", "Ok")
        nonconformance = inspection.nonconformance_id.with_user(self.manager)
        nonconformance.root_cause = "<p>Handling</p>"
        since = self._last_id()
        nonconformance.action_close()
        story = self._story(production, since)
        self.assertEqual(len(story), 1)
        self.assertIn(self._link(nonconformance), story.body)
        self.assertIn("closed", story.body)
