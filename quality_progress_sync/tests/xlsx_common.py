# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The progress and quality workbook's test orders, shared by its tests."""

import base64
import io
from datetime import timedelta

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import fields
from odoo.tests import new_test_user

from .common import QualityProgressCase

# The export runs on 2026-03-20: work orders planned to finish before are late.
EXPORT_TIME = "2026-03-20 12:00:00"
SHEETS = [
    "Work orders",
    "Inspections",
    "Nonconformances",
    "KPIs",
    "Cost of poor quality",
    "Containments",
]
# The OEE columns of the KPI sheet, as the work center cards show them.
OEE_COLUMNS = {
    "Availability": "quality_oee_availability",
    "Performance": "quality_oee_performance",
    "Quality": "quality_oee_quality",
    "OEE": "quality_oee",
}
# The planner works in Shanghai: the workbook shows UTC+8.
TZ_OFFSET = timedelta(hours=8)


class ProgressQualityXlsxCase(QualityProgressCase):
    """Three orders of the frame planned in March (A: cutting passed, welding
    failed and reworked; B: cut on time, welded late, both passed), one of the
    fork in March (C) and one of the frame in May (D)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = new_test_user(
            cls.env,
            login="qps_planner",
            groups="mrp.group_mrp_manager,mrp.group_mrp_routings",
            tz="Asia/Shanghai",
        )
        cls._create_checkpoints()
        cls.mo_a = cls._create_mo(qty=2)
        cls.mo_b = cls._create_mo()
        cls.mo_c = cls._create_mo(product=cls.other_product)
        cls.mo_d = cls._create_mo()
        with freeze_time("2026-03-03 07:30"):
            cls._inspection(cls.mo_a, cls.cp_cut).with_user(cls.inspector).do_pass()
            cls._inspection(cls.mo_a, cls.cp_weld).with_user(cls.inspector).do_measure(
                [10.0, 10.5]
            )
        cls.a_cut, cls.a_weld, cls.a_paint = cls._operations(cls.mo_a)
        cls.a_rework = cls.mo_a.workorder_ids.filtered("rework_of_id")
        cls.nonconformance = cls.a_rework.rework_nonconformance_id
        cls.b_cut, cls.b_weld, cls.b_paint = cls._operations(cls.mo_b)
        cls._plan_orders()
        # B: cutting finished in 5 of its 10 planned minutes, welding 2 hours
        # instead of 10 minutes.
        cls._run(cls.b_cut, "2026-03-02 08:00", "2026-03-02 08:05")
        cls._run(cls.b_weld, "2026-03-02 09:00", "2026-03-02 11:00")

    @classmethod
    def _create_checkpoints(cls):
        # Every order cut on the cutting center is inspected, whatever product.
        cls.cp_cut = cls._create_checkpoint(
            name="Cut length", workcenter_id=cls.wc_cut.id, performer="inspector"
        )
        cls.cp_weld = cls._create_checkpoint(
            name="Weld width",
            operation_id=cls.op_weld.id,
            performer="inspector",
            check_type="measure",
            norm=10.0,
            tolerance_min=9.9,
            tolerance_max=10.1,
            sample_size=2,
            rework_duration=30,
            responsible_id=cls.manager.id,
        )

    @classmethod
    def _plan_orders(cls):
        """A, B and C in March, D in May."""
        cls._plan(cls.a_cut, "2026-03-03 08:00", 20)
        cls._plan(cls.a_weld, "2026-03-03 09:00", 20)
        cls._plan(cls.a_rework, "2026-03-03 10:00", 30)
        cls._plan(cls.a_paint, "2026-03-25 08:00", 20)
        cls._plan(cls.b_cut, "2026-03-02 08:00", 10)
        cls._plan(cls.b_weld, "2026-03-02 09:00", 10)
        cls._plan(cls.b_paint, "2026-03-04 08:00", 10)
        for workorder, start in zip(
            cls._operations(cls.mo_c), ("08:00", "09:00", "10:00"), strict=True
        ):
            cls._plan(workorder, f"2026-03-05 {start}", 10)
        for workorder, start in zip(
            cls._operations(cls.mo_d), ("08:00", "09:00", "10:00"), strict=True
        ):
            cls._plan(workorder, f"2026-05-04 {start}", 10)

    @classmethod
    def _inspection(cls, production, checkpoint):
        return production.inspection_ids.filtered(
            lambda i: i.checkpoint_id == checkpoint
        )

    @classmethod
    def _operations(cls, production):
        workorders = production.workorder_ids.filtered(lambda wo: not wo.rework_of_id)
        return workorders.sorted(lambda wo: wo.operation_id.sequence)

    @classmethod
    def _plan(cls, workorder, start, minutes):
        start = fields.Datetime.to_datetime(start)
        workorder.with_context(bypass_duration_calculation=True).write(
            {"date_start": start, "date_finished": start + timedelta(minutes=minutes)}
        )

    @classmethod
    def _run(cls, workorder, start, finish):
        with freeze_time(start):
            workorder.with_user(cls.operator).button_start()
        with freeze_time(fields.Datetime.to_datetime(finish) - timedelta(minutes=1)):
            # The shared builder is an instance method: the class stands in.
            cls._pass_all(cls, workorder)
        with freeze_time(finish):
            workorder.with_user(cls.operator).button_finish()

    def _export(self, user=None, **vals):
        """Run the wizard as ``user`` (the planner): its action and workbook."""
        vals.setdefault("date_from", "2026-03-01")
        vals.setdefault("date_to", "2026-03-31")
        wizard = (
            self.env["quality.progress.report.wizard"]
            .with_user(user or self.planner)
            .create(vals)
        )
        with freeze_time(EXPORT_TIME):
            action = wizard.action_export()
        self.assertTrue(wizard.xlsx_filename.endswith(".xlsx"))
        workbook = load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file)))
        return action, workbook

    def _rows(self, sheet):
        """The rows of a sheet as dicts by header."""
        header, *rows = sheet.iter_rows(values_only=True)
        return [dict(zip(header, row, strict=True)) for row in rows]

    def _workorder_rows(self, workbook):
        return {
            (row["Manufacturing order"], row["Work order"]): row
            for row in self._rows(workbook["Work orders"])
        }

    def _keys(self, *workorders):
        return {(wo.production_id.name, wo.name) for wo in workorders}

    def _local(self, value):
        return fields.Datetime.to_datetime(value) + TZ_OFFSET
