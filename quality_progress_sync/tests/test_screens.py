# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the screens ask of the models: the Fail, disposition and measure
dialogs, the answers of the recording buttons, texts built in the reader's
language, the rules of the nonconformance form, the kanban's columns and
where users land after logging in."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user

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

    def _fail_dialog(self, user=None, **vals):
        action = self.inspection.with_user(user or self.inspector).action_fail()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user or self.inspector)
            .with_context(**action["context"])
        )
        for name, value in vals.items():
            setattr(form, name, value)
        return form


class TestFailDialog(TestScreensCommon):
    def test_fail_with_reason_and_quantity(self):
        # Two of the order's three units failed.
        self.production = self._create_mo(qty=3.0)
        self.inspection = self._workorder(self.production, self.op_cut).inspection_ids
        wizard = self._fail_dialog(reason="Burr on the edge", failed_qty=2).save()
        self.assertIn("rework work order", wizard.consequence)
        action = wizard.action_confirm()
        self.assertEqual(self.inspection.state, "fail")
        self.assertEqual(self.inspection.user_id, self.inspector)
        self.assertEqual(self.inspection.failure_reason, "Burr on the edge")
        self.assertEqual(self.inspection.failed_qty, 2.0)
        self.assertEqual(self.inspection.nonconformance_id.quantity, 2.0)
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(
            self.inspection.nonconformance_id.name, action["params"]["message"]
        )

    def test_reason_required(self):
        wizard = self._fail_dialog(reason="   ").save()
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(self.inspection.state, "todo")

    def test_failed_quantity_above_zero(self):
        for qty in (0, -1):
            with self.subTest(qty=qty), self.assertRaises(ValidationError):
                self._fail_dialog(reason="Burr", failed_qty=qty).save()
        self.assertEqual(self.inspection.state, "todo")

    def test_not_opened_for_who_may_not_record(self):
        self.checkpoint.performer = "inspector"
        production = self._create_mo()
        with self.assertRaises(AccessError):
            production.inspection_ids.with_user(self.operator).action_fail()

    def test_records_as_the_user_with_the_same_rules(self):
        """The dialog records through do_fail as its user: an operator who is
        not the inspection's performer is refused there too."""
        self.checkpoint.performer = "inspector"
        production = self._create_mo()
        inspection = production.inspection_ids
        wizard = (
            self.env["quality.inspection.fail"]
            .with_user(self.operator)
            .create({"inspection_id": inspection.id, "reason": "Burr"})
        )
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertEqual(inspection.state, "todo")

    def test_consequence_of_each_policy(self):
        for policy, text in (
            ("scrap", "scrapped"),
            ("hold", "held"),
            ("alert", "waits for a decision"),
        ):
            with self.subTest(policy=policy):
                self.checkpoint.on_failure = policy
                self.assertIn(text, self.inspection._get_failure_consequence())
        self.checkpoint.blocking = False
        production = self._create_mo()
        self.assertIn(
            "does not hold", production.inspection_ids._get_failure_consequence()
        )


class TestRecordingAnswers(TestScreensCommon):
    def test_pass_tells_and_reloads(self):
        action = self.inspection.with_user(self.inspector).action_pass()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("passed", action["params"]["message"])
        self.assertEqual(
            action["params"]["next"], {"type": "ir.actions.act_window_close"}
        )

    def test_pass_in_the_work_order_dialog_brings_it_back(self):
        """From Odoo's work-order dialog, the button does not close it."""
        dialog = self.wo_cut.action_open_wizard()
        action = (
            self.inspection.with_user(self.inspector)
            .with_context(**dialog["context"])
            .action_pass()
        )
        after = action["params"]["next"]
        self.assertEqual(after["res_model"], "mrp.workorder")
        self.assertEqual(after["res_id"], self.wo_cut.id)
        self.assertEqual(after["target"], "new")

    def test_start_names_the_inspections_it_adds(self):
        self._create_checkpoint(name="First piece", stage="first_article")
        production = self._create_mo()
        workorder = self._workorder(production, self.op_cut)
        action = workorder.with_user(self.operator).button_start()
        first = workorder.inspection_ids.filtered(lambda i: i.stage == "first_article")
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("started", action["params"]["message"])
        self.assertIn(first.name, action["params"]["message"])


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
        reinspection = self.production.workorder_ids.filtered(
            "rework_of_id"
        ).inspection_ids
        self._start_reworks(reinspection)
        reinspection.with_user(self.inspector).do_pass()
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


class TestKanbanColumns(QualityProgressCase):
    def test_only_work_centers_with_work_orders(self):
        self.env["mrp.workcenter"].create({"name": "QPS Empty Cell"})
        self._create_mo()
        Workorder = self.env["mrp.workorder"]
        domain = [("production_id.product_id", "=", self.product.id)]
        everything = Workorder.read_group(domain, ["workcenter_id"], ["workcenter_id"])
        self.assertGreater(len(everything), 3, "Odoo's views show every work center")
        groups = Workorder.with_context(quality_hide_empty_workcenters=True).read_group(
            domain, ["workcenter_id"], ["workcenter_id"]
        )
        self.assertEqual(
            {group["workcenter_id"][0] for group in groups},
            {self.wc_cut.id, self.wc_weld.id, self.wc_paint.id},
        )


class TestDispositionDialog(TestScreensCommon):
    """The disposition dialog chooses nothing for the user and offers only
    what they may decide; the server still refuses the rest."""

    def setUp(self):
        super().setUp()
        self.checkpoint.on_failure = "alert"
        self.inspection.with_user(self.inspector).do_fail("Burr")
        self.assertFalse(self.inspection.disposition)

    def _dialog(self, user):
        action = self.inspection.with_user(user).action_open_disposition_wizard()
        return Form(
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
        )

    def test_nothing_preselected(self):
        self.assertFalse(self._dialog(self.manager).disposition)

    def test_inspector_offered_rework_and_scrap_only(self):
        form = self._dialog(self.inspector)
        self.assertEqual(form.allowed_dispositions, ["rework", "scrap"])
        self.assertIn("Quality Manager", form.allowed_note)

    def test_manager_offered_a_concession(self):
        form = self._dialog(self.manager)
        self.assertEqual(form.allowed_dispositions, ["rework", "concession", "scrap"])
        self.assertFalse(form.allowed_note)

    def test_no_rework_past_the_loop_limit(self):
        self.checkpoint.max_rework_loops = 0
        form = self._dialog(self.manager)
        self.assertEqual(form.allowed_dispositions, ["concession", "scrap"])
        self.assertIn("rework loop limit", form.allowed_note)

    def test_not_opened_for_operators(self):
        with self.assertRaises(AccessError):
            self.env["quality.inspection.disposition"].with_user(self.operator).create(
                {"inspection_ids": [(6, 0, self.inspection.ids)]}
            )

    def test_deciding_nothing_is_refused(self):
        wizard = (
            self.env["quality.inspection.disposition"]
            .with_user(self.inspector)
            .create({"inspection_ids": [(6, 0, self.inspection.ids)]})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertFalse(self.inspection.disposition)

    def test_a_concession_not_offered_is_still_refused(self):
        wizard = (
            self.env["quality.inspection.disposition"]
            .with_user(self.inspector)
            .create(
                {
                    "inspection_ids": [(6, 0, self.inspection.ids)],
                    "disposition": "concession",
                    "reason": "Looks fine",
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertFalse(self.inspection.disposition)

    def test_decided_as_offered(self):
        form = self._dialog(self.inspector)
        form.disposition = "scrap"
        form.save().action_confirm()
        self.assertEqual(self.inspection.disposition, "scrap")
        self.assertEqual(self.inspection.disposition_user_id, self.inspector)


class TestMeasureDialog(QualityProgressCase):
    """One value per sample unit the checkpoint asks, a first article's
    points included, each shown with its tolerances."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_checkpoint(
            name="Bearing seat",
            stage="first_article",
            check_type="measure",
            norm=25.0,
            tolerance_min=24.95,
            tolerance_max=25.05,
            sample_size=3,
        )

    def test_one_value_per_point_of_a_first_article(self):
        production = self._create_mo()
        workorder = self._workorder(production, self.op_cut)
        workorder.with_user(self.operator).button_start()
        inspection = workorder.inspection_ids
        self.assertEqual(inspection.sample_size, 3)
        action = inspection.with_user(self.operator).action_open_measure_wizard()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.operator)
            .with_context(**action["context"])
        )
        self.assertEqual(len(form.line_ids), 3)
        for index, value in enumerate(("25.01", "24.99", "25.2")):
            with form.line_ids.edit(index) as line:
                line.value = value
                self.assertEqual(line.tolerance, "24.95 \N{EN DASH} 25.05")
        form.save().action_confirm()
        self.assertEqual(inspection.state, "fail")
        self.assertEqual(inspection.measure_ids.mapped("value"), [25.01, 24.99, 25.2])


class TestHomeAction(QualityProgressCase):
    """Where a new user lands after logging in."""

    def _user(self, login, groups, **vals):
        return new_test_user(self.env, login=login, groups=groups, **vals)

    def test_the_quality_team_lands_on_progress_and_quality(self):
        kanban = self.env.ref(
            "quality_progress_sync.mrp_workorder_quality_kanban_action"
        )
        for login, group in (
            ("qps_new_inspector", "quality_progress_sync.group_quality_inspector"),
            ("qps_new_manager", "quality_progress_sync.group_quality_manager"),
        ):
            with self.subTest(group=group):
                self.assertEqual(self._user(login, group).action_id.id, kanban.id)

    def test_others_keep_odoo_default(self):
        for login, groups in (
            ("qps_new_mrp_admin", "mrp.group_mrp_manager"),
            ("qps_new_employee", "base.group_user"),
            ("qps_new_portal", "base.group_portal"),
        ):
            with self.subTest(groups=groups):
                self.assertFalse(self._user(login, groups).action_id)

    def test_a_given_home_action_is_kept(self):
        action = self.env.ref("mrp.mrp_production_action")
        user = self._user("qps_new_planner", "mrp.group_mrp_user", action_id=action.id)
        self.assertEqual(user.action_id.id, action.id)


class TestCertificateCheck(TestScreensCommon):
    """The Print menu asks the server first: a refused certificate is a
    message in a dialog, not an error page of the report."""

    REPORT = "report.quality_progress_sync.report_quality_certificate"

    def _check(self, user, docids):
        return self.env[self.REPORT].with_user(user).check_certificate(docids)

    def test_refused_with_the_reason(self):
        with self.assertRaises(UserError) as refused:
            self._check(self.inspector, self.production.ids)
        self.assertIn("is not done", str(refused.exception))
        self.assertIn(self.inspection.name, str(refused.exception))

    def test_refused_to_operators(self):
        with self.assertRaises(AccessError):
            self._check(self.operator, self.production.ids)

    def test_bad_arguments_refused(self):
        for docids in ("1", [True], [0], None, [[1]], []):
            with self.subTest(docids=docids), self.assertRaises(UserError):
                self._check(self.inspector, docids)

    def test_a_done_order_passes(self):
        self._pass_all(self.production)
        self._mark_done(self.production)
        self.assertTrue(self._check(self.inspector, self.production.ids))
