# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an operator can send over RPC does not rewrite the evidence: the
photo, files and chatter of a judged inspection, the history of a
nonconformance, the record of a quality hold, who does a corrective action.

Each test makes the calls JSON-RPC (or the chatter's routes) makes as the
lowest-privileged user who could try it, and asserts a clear refusal and
that nothing changed.
"""

import base64
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import QualityProgressCase

# Another 1x1 PNG (opaque black): what the operator would put instead.
OTHER_PNG = (
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6"
    b"kgAAAABJRU5ErkJggg=="
)


class EvidenceCase(QualityProgressCase):
    """A photo check of the cutting operation, with its picture, a file and a
    comment of the operator in its chatter, passed by the operator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checkpoint = cls._create_checkpoint(name="Cut photo", check_type="photo")
        cls.Attachment = cls.env["ir.attachment"]

    def setUp(self):
        super().setUp()
        self.production = self._create_mo()
        self.workorder = self._workorder(self.production, self.op_cut)
        self.inspection = self.workorder.inspection_ids
        # Odoo tracks no change of a record created in the same transaction.
        self._flush_tracking()
        inspection = self.inspection.with_user(self.operator)
        inspection.picture = self._png()
        self.file = self.Attachment.with_user(self.operator).create(
            {
                "name": "cut.png",
                "datas": self._png(),
                "res_model": self.inspection._name,
                "res_id": self.inspection.id,
            }
        )
        self.comment = inspection.message_post(
            body="Burr removed before the photo", message_type="comment"
        )
        inspection.do_pass()
        self._flush_tracking()

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def _picture_attachment(self):
        return self.Attachment.search(
            [
                ("res_model", "=", self.inspection._name),
                ("res_id", "=", self.inspection.id),
                ("res_field", "=", "picture"),
            ]
        )

    def _result_message(self):
        return self.inspection.message_ids.filtered("tracking_value_ids")[:1]

    def _snapshot(self, attachments):
        attachments.invalidate_recordset()
        return [
            (a.id, a.name, a.checksum, a.res_model, a.res_id, a.res_field)
            for a in attachments.sudo().exists()
        ]

    def _message_snapshot(self, messages):
        messages.invalidate_recordset()
        return [
            (m.id, m.body, m.model, m.res_id, m.attachment_ids.ids)
            for m in messages.sudo().exists()
        ]


class TestInspectionFiles(EvidenceCase):
    def test_judged_picture_not_rewritten_moved_nor_deleted(self):
        """Writing ``picture`` is refused by the inspection: its attachment,
        which the operator may write as a file of the inspection, too."""
        picture = self._picture_attachment()
        self.assertEqual(len(picture), 1)
        before = self._snapshot(picture)
        other = self.production.inspection_ids - self.inspection
        attempts = (
            {"datas": OTHER_PNG},
            {"raw": base64.b64decode(OTHER_PNG)},
            {"name": "nothing.png"},
            {"res_field": False},
            {"res_id": self.workorder.id, "res_model": "mrp.workorder"},
            {"res_id": other[:1].id or self.inspection.id + 1},
        )
        for vals in attempts:
            with self.subTest(vals=vals), self.assertRaises(UserError):
                picture.with_user(self.operator).write(vals)
        with self.assertRaises(UserError):
            picture.with_user(self.operator).unlink()
        with self.assertRaises(UserError):
            self.inspection.with_user(self.operator).write({"picture": OTHER_PNG})
        self.assertEqual(self._snapshot(picture), before)
        self.assertEqual(self.inspection.picture, self._png())

    def test_no_other_picture_on_a_judged_inspection(self):
        """A second attachment of the field (created, copied, or another file
        moved onto it) would replace the picture Odoo reads."""
        picture = self._picture_attachment()
        before = self._snapshot(picture | self.file)
        Attachment = self.Attachment.with_user(self.operator)
        with self.assertRaises(UserError):
            Attachment.create(
                {
                    "name": "picture",
                    "datas": OTHER_PNG,
                    "res_model": self.inspection._name,
                    "res_id": str(self.inspection.id),
                    "res_field": "picture",
                }
            )
        with self.assertRaises(UserError):
            picture.with_user(self.operator).copy({"datas": OTHER_PNG})
        mine = Attachment.create({"name": "mine.png", "datas": OTHER_PNG})
        with self.assertRaises(UserError):
            mine.write(
                {
                    "res_model": self.inspection._name,
                    "res_id": self.inspection.id,
                    "res_field": "picture",
                }
            )
        self.assertEqual(self._snapshot(picture | self.file), before)
        self.assertEqual(self._picture_attachment(), picture)
        self.assertFalse(mine.res_field)
        self.assertEqual(self.inspection.picture, self._png())

    def test_judged_chatter_file_not_rewritten_nor_deleted(self):
        """The file in the chatter (what a photo check counts) stays: written
        over RPC, or deleted through the chatter's route."""
        # Odoo gives a file an access token when it is shared: the file stays
        # as it is, and the token, once given, stays.
        token = self.file.with_user(self.operator).generate_access_token()
        before = self._snapshot(self.file)
        for vals in ({"datas": OTHER_PNG}, {"res_id": 0}, {"access_token": "x"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.file.with_user(self.operator).write(vals)
        with self.assertRaises(UserError):
            self.file.with_user(self.operator).unlink()
        # /mail/attachment/delete, for an internal user.
        with self.assertRaises(UserError):
            self.file.with_user(self.operator)._delete_and_notify()
        self.assertEqual(self._snapshot(self.file), before)
        self.assertEqual(self.file.sudo().access_token, token[0])

    def test_adding_to_a_judged_inspection_stays_free(self):
        """New files and messages complete a judged inspection: a file, a
        message with a file and an embedded image (Odoo gives that image an
        access token), an activity's feedback."""
        inspection = self.inspection.with_user(self.operator)
        added = self.Attachment.with_user(self.operator).create(
            {
                "name": "after.png",
                "datas": OTHER_PNG,
                "res_model": self.inspection._name,
                "res_id": self.inspection.id,
            }
        )
        message = inspection.message_post(
            body=Markup(
                '<p>Seen again <img src="data:image/png;base64,{}"></p>'
            ).format(Markup(OTHER_PNG.decode())),
            attachments=[("note.txt", b"Checked")],
            message_type="comment",
        )
        self.assertEqual(len(message.attachment_ids), 2)
        self.assertTrue(any(message.sudo().attachment_ids.mapped("access_token")))
        activity = self.inspection.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.operator.id
        )
        activity.with_user(self.operator).action_feedback("Looked at it")
        self.assertIn("Looked at it", self.inspection.message_ids[0].body)
        self.assertEqual(added.res_id, self.inspection.id)
        self.assertEqual(self.inspection.state, "pass")

    def test_reopened_inspection_gets_a_new_picture(self):
        """Reopening is the way back: the picture is free again, as the
        inspection's notes are, and the operator judges it anew."""
        self.inspection.with_user(self.manager)._reopen("Photo out of focus")
        inspection = self.inspection.with_user(self.operator)
        inspection.picture = OTHER_PNG
        self.file.with_user(self.operator).unlink()
        inspection.do_pass()
        self.assertEqual(self.inspection.state, "pass")
        self.assertEqual(self.inspection.picture, OTHER_PNG)
        with self.assertRaises(UserError):
            self._picture_attachment().with_user(self.operator).unlink()


class TestInspectionChatter(EvidenceCase):
    chatter = True  # the result's tracking message

    def test_result_history_not_edited_nor_deleted(self):
        result = self._result_message()
        self.assertTrue(result)
        messages = result | self.comment
        before = self._message_snapshot(messages)
        tracking = result.sudo().tracking_value_ids
        tracking_before = tracking.read(["old_value_char", "new_value_char"])
        for message in messages:
            for vals in (
                {"body": "<p>Nothing happened</p>"},
                {"attachment_ids": [Command.clear()]},
                {"res_id": self.inspection.id + 1},
            ):
                with (
                    self.subTest(message=message.id, vals=vals),
                    self.assertRaises(UserError),
                ):
                    message.with_user(self.operator).write(vals)
            with self.subTest(message=message.id), self.assertRaises(UserError):
                message.with_user(self.operator).unlink()
        # Odoo lets administrators write tracking values: not these.
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(UserError):
            tracking.with_user(admin).write({"new_value_char": "Failed"})
        with self.assertRaises(UserError):
            tracking.with_user(admin).unlink()
        with self.assertRaises(UserError):
            result.with_user(admin).write({"body": "<p>Rewritten</p>"})
        self.assertEqual(self._message_snapshot(messages), before)
        self.assertEqual(
            tracking.read(["old_value_char", "new_value_char"]), tracking_before
        )

    def test_chatter_edit_and_delete_refused(self):
        """The chatter's Edit and Delete (/mail/message/update_content): the
        author's own comment, on a superuser copy of the message."""
        before = self._message_snapshot(self.comment)
        inspection = self.inspection.with_user(self.operator)
        with self.assertRaises(UserError):
            inspection._message_update_content(
                self.comment.sudo(), body="No burr at all"
            )
        with self.assertRaises(UserError):
            inspection._message_update_content(
                self.comment.sudo(), body="", attachment_ids=[]
            )
        self.assertEqual(self._message_snapshot(self.comment), before)

    def test_reopening_note_stays(self):
        """Reopened, the inspection is to do again, and its chatter tells
        why: that note and the earlier result are never edited nor deleted,
        while a new comment stays its author's."""
        self.inspection.with_user(self.manager)._reopen("Wrong lens")
        self._flush_tracking()
        note = self.inspection.message_ids.filtered(lambda m: "Wrong lens" in m.body)
        self.assertEqual(len(note), 1)
        evidence = note | self._result_message()
        before = self._message_snapshot(evidence)
        for user in (self.operator, self.manager):
            for message in evidence:
                with self.subTest(user=user.login, message=message.id):
                    with self.assertRaises(UserError):
                        message.with_user(user).write({"body": "<p>Nothing</p>"})
                    with self.assertRaises(UserError):
                        message.with_user(user).unlink()
        with self.assertRaises(UserError):
            self.inspection.with_user(self.manager)._message_update_content(
                note.sudo(), body="Nothing"
            )
        self.assertEqual(self._message_snapshot(evidence), before)
        draft = self.inspection.with_user(self.operator).message_post(
            body="Will retake", message_type="comment"
        )
        self.inspection.with_user(self.operator)._message_update_content(
            draft.sudo(), body="Will retake the photo"
        )
        self.assertIn("retake the photo", draft.body)


class TestNonconformanceChatter(QualityProgressCase):
    """The history of a nonconformance: the notes of the workflow, and all
    its chatter once it is closed."""

    def setUp(self):
        super().setUp()
        self.nonconformance = self.env["quality.nonconformance"].create(
            {"title": "Scratched frame", "responsible_id": self.inspector.id}
        )
        self.action = self.env["quality.nonconformance.action"].create(
            {
                "nonconformance_id": self.nonconformance.id,
                "name": "Replace the jig",
                "responsible_id": self.inspector.id,
                "deadline": fields.Date.today(),
            }
        )
        self.note = self.nonconformance.message_ids.filtered(
            lambda m: "Action added" in m.body
        )
        self.comment = self.nonconformance.with_user(self.inspector).message_post(
            body="Jig ordered", message_type="comment"
        )

    def test_workflow_notes_not_edited_nor_deleted(self):
        self.assertEqual(len(self.note), 1)
        body = self.note.body
        with self.assertRaises(UserError):
            self.note.with_user(self.inspector).write({"body": "<p>Nothing</p>"})
        with self.assertRaises(UserError):
            self.note.with_user(self.manager).unlink()
        self.assertEqual(self.note.body, body)
        self.comment.with_user(self.inspector).write({"body": "<p>Jig received</p>"})
        self.assertIn("Jig received", self.comment.body)

    def test_closed_nonconformance_chatter_stays(self):
        self.action.with_user(self.inspector).action_done()
        self.nonconformance.root_cause = "<p>Worn jig</p>"
        self.nonconformance.with_user(self.inspector).action_close()
        body = self.comment.body
        with self.assertRaises(UserError):
            self.comment.with_user(self.inspector).write({"body": "<p>Nothing</p>"})
        with self.assertRaises(UserError):
            self.nonconformance.with_user(self.inspector)._message_update_content(
                self.comment.sudo(), body="Nothing"
            )
        with self.assertRaises(UserError):
            self.comment.with_user(self.manager).unlink()
        self.assertEqual(self.comment.sudo().exists().body, body)


class TestQualityHoldRecord(QualityProgressCase):
    """The Quality Hold reason and the time log of a hold, once over."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = new_test_user(
            cls.env,
            login="qps_evidence_planner",
            groups="mrp.group_mrp_manager,mrp.group_mrp_routings",
        )
        cls.checkpoint = cls._create_checkpoint(name="Cut hold", on_failure="hold")
        cls.loss = cls.env.ref("quality_progress_sync.loss_quality_hold")
        cls.other_loss = cls.env.ref("mrp.block_reason0")

    def setUp(self):
        super().setUp()
        production = self._create_mo()
        inspection = self._workorder(production, self.op_cut).inspection_ids
        inspection.with_user(self.inspector).do_fail("Burr")
        self.wc_cut.with_user(self.manager).action_release_quality_hold()
        self.log = self.env["mrp.workcenter.productivity"].search(
            [("workcenter_id", "=", self.wc_cut.id), ("loss_id", "=", self.loss.id)]
        )

    def _log_snapshot(self):
        self.log.invalidate_recordset()
        return self.log.read(
            [
                "loss_id",
                "loss_type",
                "date_start",
                "date_end",
                "duration",
                "description",
                "workcenter_id",
                "company_id",
            ]
        )

    def test_every_field_of_the_reason_is_the_addons(self):
        fields_before = self.loss.read(["name", "sequence", "manual", "loss_type"])
        for vals in (
            {"manual": True},
            {"sequence": 100},
            {"loss_type": "productive"},
            {"name": "Coffee"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.loss.with_user(self.planner).write(vals)
        with self.assertRaises(UserError):
            self.loss.with_user(self.planner).update_field_translations(
                "name", {"en_US": "Coffee"}
            )
        # Its category is Odoo's, shared with other reasons: not writable.
        sibling = self.env["mrp.workcenter.productivity.loss"].create(
            {"name": "QPS Scrap check", "loss_id": self.loss.loss_id.id}
        )
        with self.assertRaises(AccessError):
            sibling.with_user(self.planner).write({"loss_type": "productive"})
        self.loss.invalidate_recordset()
        self.assertEqual(
            self.loss.read(["name", "sequence", "manual", "loss_type"]),
            fields_before,
        )

    def test_ended_hold_log_not_rewritten_nor_deleted(self):
        """Released, the hold's time log is its downtime: an operator (or a
        manager) shortening it, moving it to another reason or deleting it
        would hide the hold."""
        self.assertEqual(len(self.log), 1)
        self.assertTrue(self.log.date_end)
        before = self._log_snapshot()
        attempts = (
            {"date_start": fields.Datetime.now() - timedelta(seconds=1)},
            {"date_end": self.log.date_start},
            {"duration": 0.0},
            {"loss_id": self.other_loss.id},
            {"description": "Nothing to see"},
            {"workcenter_id": self.wc_weld.id},
        )
        for user in (self.operator, self.planner, self.manager):
            for vals in attempts:
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaises(AccessError),
                ):
                    self.log.with_user(user).write(vals)
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.log.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.wc_cut.with_user(self.planner).write(
                {"time_ids": [Command.delete(self.log.id)]}
            )
        self.assertEqual(self._log_snapshot(), before)

    def test_other_time_logs_stay_the_users(self):
        other = (
            self.env["mrp.workcenter.productivity"]
            .with_user(self.operator)
            .create(
                {
                    "workcenter_id": self.wc_cut.id,
                    "loss_id": self.other_loss.id,
                    "date_start": fields.Datetime.now(),
                    "date_end": fields.Datetime.now(),
                }
            )
        )
        other.description = "Jig broken"
        other.unlink()
        self.assertFalse(other.exists())


class TestActionResponsible(QualityProgressCase):
    """Who does a corrective action: a Quality Manager or the
    nonconformance's responsible decides; the inspector does not make himself
    the responsible to decide."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_inspector = new_test_user(
            cls.env,
            login="qps_evidence_inspector",
            groups="quality_progress_sync.group_quality_inspector",
        )

    def setUp(self):
        super().setUp()
        self.nonconformance = self.env["quality.nonconformance"].create(
            {"title": "Scratched frame", "responsible_id": self.manager.id}
        )
        self.action = self.env["quality.nonconformance.action"].create(
            {
                "nonconformance_id": self.nonconformance.id,
                "name": "Replace the jig",
                "responsible_id": self.operator.id,
                "deadline": fields.Date.today() + timedelta(days=3),
            }
        )

    def test_inspector_cannot_take_the_nonconformance_to_reassign(self):
        nonconformance = self.nonconformance.with_user(self.inspector)
        for vals in (
            {"responsible_id": self.inspector.id},
            {"responsible_id": self.other_inspector.id},
            {"responsible_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                nonconformance.write(vals)
        with self.assertRaises(UserError):
            self.action.with_user(self.inspector).write(
                {"responsible_id": self.other_inspector.id}
            )
        with self.assertRaises(UserError):
            nonconformance.write(
                {
                    "action_ids": [
                        Command.update(
                            self.action.id, {"responsible_id": self.inspector.id}
                        )
                    ]
                }
            )
        self.nonconformance.invalidate_recordset()
        self.assertEqual(self.nonconformance.responsible_id, self.manager)
        self.assertEqual(self.action.responsible_id, self.operator)

    def test_responsible_hands_on_then_the_new_one_decides(self):
        nonconformance = self.nonconformance.with_user(self.manager)
        nonconformance.responsible_id = self.inspector
        self.nonconformance.with_user(self.inspector).write(
            {"responsible_id": self.inspector.id, "severity": "minor"}
        )
        self.action.with_user(self.inspector).responsible_id = self.other_inspector
        self.assertEqual(self.action.responsible_id, self.other_inspector)
        with self.assertRaises(UserError):
            self.action.with_user(self.other_inspector).write(
                {"responsible_id": self.inspector.id}
            )
        self.nonconformance.with_user(self.inspector).write(
            {"responsible_id": self.other_inspector.id}
        )
        self.assertEqual(self.nonconformance.responsible_id, self.other_inspector)
        with self.assertRaises(UserError):
            self.nonconformance.with_user(self.inspector).write(
                {"responsible_id": self.inspector.id}
            )
        self.assertEqual(self.nonconformance.responsible_id, self.other_inspector)

    def test_action_stays_in_its_nonconformance_company(self):
        company = self.env["res.company"].create({"name": "QPS Other Company"})
        self.inspector.company_ids += company
        with self.assertRaises(UserError):
            self.action.with_user(self.inspector).write({"company_id": company.id})
        with self.assertRaises(UserError):
            self.env["quality.nonconformance.action"].with_user(self.inspector).create(
                {
                    "nonconformance_id": self.nonconformance.id,
                    "name": "Elsewhere",
                    "responsible_id": self.inspector.id,
                    "deadline": fields.Date.today(),
                    "company_id": company.id,
                }
            )
        self.assertEqual(self.action.company_id, self.nonconformance.company_id)
        self.assertEqual(self.nonconformance.action_ids, self.action)
