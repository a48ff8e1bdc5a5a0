# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import re

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user

from .iso2859_tables import (
    AQLS,
    LEVELS,
    REDUCED_SAMPLE_SIZES,
    RESOLVED_NORMAL,
    RESOLVED_REDUCED,
    RESOLVED_TIGHTENED,
    SAMPLE_SIZES,
    TABLE_1,
)


class SamplingCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["quality.sampling.plan"]
        cls.Cell = cls.env["quality.sampling.table.cell"]
        cls.CodeLetter = cls.env["quality.sampling.code.letter"]
        cls.product = cls.env["product.product"].create(
            {"name": "QPS Sampled Bolt", "type": "consu"}
        )
        cls.other_product = cls.env["product.product"].create(
            {"name": "QPS Sampled Nut", "type": "consu"}
        )
        cls.plan = cls.Plan.create({"name": "QPS AQL 1.0", "aql": "1.0"})
        cls.plan_reduced = cls.Plan.create(
            {"name": "QPS AQL 1.0 reduced", "aql": "1.0", "allow_reduced": True}
        )

    def _plan(self, lot_size, level, aql, severity="normal"):
        return self.Plan._lookup_plan(lot_size, level, aql, severity)

    def assertPlan(self, plan, code_letter, sample_size, accept, reject):
        self.assertEqual(
            (plan["code_letter"], plan["sample_size"], plan["accept"], plan["reject"]),
            (code_letter, sample_size, accept, reject),
        )


class TestSamplingTables(SamplingCase):
    def test_table_1_every_band_and_level(self):
        """All 15 x 7 cells of Table 1, at both ends of every band."""
        for lot_min, lot_max, letters in TABLE_1:
            for lot_size in (lot_min, lot_max or 10_000_000):
                for level, letter in zip(LEVELS, letters, strict=True):
                    with self.subTest(lot_size=lot_size, level=level):
                        plan = self._plan(lot_size, level, "1.0")
                        self.assertEqual(plan["lot_code_letter"], letter)

    def test_table_1_bands_as_data(self):
        bands = self.env["quality.sampling.lot.band"].search([])
        self.assertEqual(
            [(b.lot_min, b.lot_max or None) for b in bands],
            [(lot_min, lot_max) for lot_min, lot_max, _letters in TABLE_1],
        )
        self.assertEqual(bands[0].name, "2 - 8")
        self.assertEqual(bands[-1].name, "500001 and over")

    def test_sample_sizes_of_code_letters(self):
        letters = self.CodeLetter.search([])
        self.assertEqual(letters.mapped("name"), list("ABCDEFGHJKLMNPQRS"))
        for letter in letters:
            with self.subTest(letter=letter.name):
                self.assertEqual(letter.sample_size, SAMPLE_SIZES[letter.name])
                self.assertEqual(
                    letter.reduced_sample_size,
                    REDUCED_SAMPLE_SIZES.get(letter.name, 0),
                )

    def test_master_tables_every_cell(self):
        """Every cell of Tables 2-A, 2-B and 2-C, arrows followed."""
        letters = {letter.name: letter for letter in self.CodeLetter.search([])}
        for severity, table, sizes in (
            ("normal", RESOLVED_NORMAL, SAMPLE_SIZES),
            ("tightened", RESOLVED_TIGHTENED, SAMPLE_SIZES),
            ("reduced", RESOLVED_REDUCED, REDUCED_SAMPLE_SIZES),
        ):
            self.assertEqual(list(table), list("ABCDEFGHJKLMNPQR"))
            for row, expected_row in table.items():
                for aql, expected in zip(AQLS, expected_row.split(), strict=True):
                    with self.subTest(severity=severity, letter=row, aql=aql):
                        cell = self.Cell._get_plan_cell(severity, letters[row], aql)
                        letter, accept, reject = re.fullmatch(
                            r"([A-S])(\d+)/(\d+)", expected
                        ).groups()
                        self.assertEqual(
                            (
                                cell.code_letter_id.name,
                                cell.code_letter_id._get_sample_size(severity),
                                cell.accept_number,
                                cell.reject_number,
                            ),
                            (letter, sizes[letter], int(accept), int(reject)),
                        )

    def test_master_tables_size(self):
        counts = {
            severity: self.Cell.search_count([("severity", "=", severity)])
            for severity in ("normal", "tightened", "reduced")
        }
        # 16 letters x 26 AQLs, plus the single plan of letter S in Table 2-B.
        self.assertEqual(counts, {"normal": 416, "tightened": 417, "reduced": 416})

    def test_arrows_are_data(self):
        def kind(severity, letter, aql):
            return self.Cell.search(
                [
                    ("severity", "=", severity),
                    ("code_letter_id.name", "=", letter),
                    ("aql", "=", aql),
                ]
            ).kind

        self.assertEqual(kind("normal", "A", "6.5"), "plan")
        self.assertEqual(kind("normal", "B", "6.5"), "up")
        self.assertEqual(kind("normal", "C", "6.5"), "down")
        self.assertEqual(kind("normal", "K", "15"), "up")
        self.assertEqual(kind("tightened", "A", "10"), "down")
        self.assertEqual(kind("tightened", "S", "0.025"), "plan")
        self.assertEqual(kind("reduced", "C", "6.5"), "down")

    def test_normal_inspection_cells(self):
        # Letter A at AQL 6.5 is a plan of its own: n = 2, Ac 0, Re 1.
        self.assertPlan(self._plan(5, "II", "6.5"), "A", 2, 0, 1)
        # B at 6.5 is an up arrow: the 0/1 plan of A, n = 2.
        self.assertPlan(self._plan(10, "II", "6.5"), "A", 2, 0, 1)
        # C at 6.5 is a down arrow: the 1/2 plan of D, n = 8.
        self.assertPlan(self._plan(20, "II", "6.5"), "D", 8, 1, 2)
        # Lot 501-1200 at level II is J (80): the classic 2/3, 5/6, 7/8.
        self.assertPlan(self._plan(1000, "II", "1.0"), "J", 80, 2, 3)
        self.assertPlan(self._plan(1000, "II", "2.5"), "J", 80, 5, 6)
        self.assertPlan(self._plan(1000, "II", "4.0"), "J", 80, 7, 8)
        # J at 0.10 points down to the 0/1 plan of K: n = 125.
        self.assertPlan(self._plan(1000, "II", "0.10"), "K", 125, 0, 1)
        # K at 15 points up to the 21/22 plan of J: n = 80.
        self.assertPlan(self._plan(2000, "II", "15"), "J", 80, 21, 22)
        # R at 0.010 and 0.015 point up, R at 0.025 is 1/2.
        self.assertPlan(self._plan(600_000, "III", "0.010"), "Q", 1250, 0, 1)
        self.assertPlan(self._plan(600_000, "III", "0.015"), "P", 800, 0, 1)
        self.assertPlan(self._plan(600_000, "III", "0.025"), "R", 2000, 1, 2)
        self.assertPlan(self._plan(600_000, "III", "0.65"), "R", 2000, 21, 22)
        # Nonconformities per 100 units: only small samples.
        self.assertPlan(self._plan(5, "II", "1000"), "A", 2, 30, 31)
        self.assertPlan(self._plan(10, "II", "1000"), "B", 3, 44, 45)
        self.assertPlan(self._plan(20, "II", "1000"), "B", 3, 44, 45)
        self.assertPlan(self._plan(1000, "II", "100"), "E", 13, 21, 22)

    def test_normal_letter_a_at_aql_10(self):
        # Nothing is above row A: its cell at 10 leads down, to C's 1/2 plan.
        self.assertPlan(self._plan(5, "II", "10"), "C", 5, 1, 2)

    def test_tightened_inspection_cells(self):
        self.assertPlan(self._plan(1000, "II", "1.0", "tightened"), "J", 80, 1, 2)
        self.assertPlan(self._plan(1000, "II", "2.5", "tightened"), "J", 80, 3, 4)
        self.assertPlan(self._plan(1000, "II", "4.0", "tightened"), "J", 80, 5, 6)
        # Row A of Table 2-B has no 0/1 plan: 6.5 uses B, 10 uses D.
        self.assertPlan(self._plan(50, "S-1", "6.5", "tightened"), "B", 3, 0, 1)
        self.assertPlan(self._plan(50, "S-1", "10", "tightened"), "D", 8, 1, 2)
        self.assertPlan(self._plan(5, "II", "40", "tightened"), "A", 2, 1, 2)
        self.assertPlan(self._plan(5, "II", "1000", "tightened"), "A", 2, 27, 28)
        self.assertPlan(self._plan(10, "II", "1000", "tightened"), "B", 3, 41, 42)
        # K at 15 points up to the 18/19 plan of J.
        self.assertPlan(self._plan(2000, "II", "15", "tightened"), "J", 80, 18, 19)
        # The bottom of Table 2-B: R is 0/1 at 0.010 with n = 2000 ...
        self.assertPlan(
            self._plan(600_000, "III", "0.010", "tightened"), "R", 2000, 0, 1
        )
        self.assertPlan(
            self._plan(600_000, "III", "0.015", "tightened"), "Q", 1250, 0, 1
        )
        # ... and the extra letter S (n = 3150) holds the 1/2 plan at 0.025.
        self.assertPlan(
            self._plan(600_000, "III", "0.025", "tightened"), "S", 3150, 1, 2
        )
        self.assertPlan(
            self._plan(200_000, "III", "0.025", "tightened"), "S", 3150, 1, 2
        )
        self.assertPlan(
            self._plan(600_000, "III", "0.040", "tightened"), "R", 2000, 1, 2
        )

    def test_reduced_inspection_cells(self):
        self.assertPlan(self._plan(1000, "II", "1.0", "reduced"), "J", 32, 1, 3)
        self.assertPlan(self._plan(1000, "II", "2.5", "reduced"), "J", 32, 2, 5)
        self.assertPlan(self._plan(1000, "II", "4.0", "reduced"), "J", 32, 3, 6)
        self.assertPlan(self._plan(1000, "II", "6.5", "reduced"), "J", 32, 5, 8)
        self.assertPlan(self._plan(1000, "II", "10", "reduced"), "J", 32, 7, 10)
        self.assertPlan(self._plan(1000, "II", "15", "reduced"), "J", 32, 10, 13)
        self.assertPlan(self._plan(1000, "II", "25", "reduced"), "H", 20, 10, 13)
        self.assertPlan(self._plan(5, "II", "6.5", "reduced"), "A", 2, 0, 1)
        # C at 6.5 points down to D's 0/2 plan: n = 3.
        self.assertPlan(self._plan(20, "II", "6.5", "reduced"), "D", 3, 0, 2)
        # Rows A and B (n = 2) end with the plans of the normal table.
        self.assertPlan(self._plan(5, "II", "25", "reduced"), "A", 2, 1, 2)
        self.assertPlan(self._plan(10, "II", "40", "reduced"), "B", 2, 2, 4)
        self.assertPlan(self._plan(10, "II", "65", "reduced"), "B", 2, 3, 5)
        self.assertPlan(self._plan(10, "II", "100", "reduced"), "B", 2, 5, 6)
        self.assertPlan(self._plan(20, "II", "40", "reduced"), "C", 2, 2, 5)
        self.assertPlan(self._plan(20, "II", "400", "reduced"), "C", 2, 14, 17)
        # D at 650 points up to C's 21/24.
        self.assertPlan(self._plan(40, "II", "650", "reduced"), "C", 2, 21, 24)
        self.assertPlan(self._plan(600_000, "III", "0.025", "reduced"), "R", 800, 0, 2)
        self.assertPlan(self._plan(600_000, "II", "0.025", "reduced"), "R", 800, 0, 2)

    def test_special_levels(self):
        # S-1 gives C, whose cell at 4.0 points up to B's 0/1 plan.
        self.assertPlan(self._plan(1000, "S-1", "4.0"), "B", 3, 0, 1)
        self.assertPlan(self._plan(1000, "S-4", "4.0"), "F", 20, 2, 3)
        self.assertPlan(self._plan(600_000, "S-3", "1.0"), "H", 50, 1, 2)

    def test_plan_uses_its_level_and_aql(self):
        plan = self.Plan.create(
            {"name": "QPS III 0.65", "inspection_level": "III", "aql": "0.65"}
        )
        result = plan._get_plan(1000)
        self.assertEqual(result["lot_code_letter"], "K")
        self.assertPlan(result, "K", 125, 2, 3)
        self.assertEqual(result["severity"], "normal")
        self.assertFalse(result["full_inspection"])
        self.assertPlan(plan._get_plan(1000, "tightened"), "K", 125, 1, 2)
        self.assertPlan(plan._get_plan(1000, "reduced"), "K", 50, 1, 3)

    def test_default_level_is_ii(self):
        self.assertEqual(self.plan.inspection_level, "II")


class TestSamplingLimits(SamplingCase):
    def test_full_inspection_when_sample_exceeds_lot(self):
        # Lot of 5, A at 0.65 points down to F (n = 20): inspect the 5 units.
        result = self._plan(5, "II", "0.65")
        self.assertPlan(result, "F", 5, 0, 1)
        self.assertTrue(result["full_inspection"])
        self.assertEqual(result["lot_code_letter"], "A")

    def test_full_inspection_when_sample_equals_lot(self):
        # Lot of 8, A at 1.5 points down to D (n = 8).
        result = self._plan(8, "II", "1.5")
        self.assertPlan(result, "D", 8, 0, 1)
        self.assertTrue(result["full_inspection"])
        self.assertFalse(self._plan(9, "II", "1.5")["full_inspection"])

    def test_lot_of_one_unit(self):
        result = self._plan(1, "II", "6.5")
        self.assertEqual(result["lot_code_letter"], "A")
        self.assertPlan(result, "A", 1, 0, 1)
        self.assertTrue(result["full_inspection"])

    def test_fraction_of_a_unit_counts_as_one(self):
        self.assertEqual(self._plan(90.2, "II", "1.0")["lot_code_letter"], "F")
        self.assertEqual(self._plan(90.0, "II", "1.0")["lot_code_letter"], "E")

    def test_bad_lot_size(self):
        for lot_size in (0, -3, 0.0, None, "12", True, float("nan"), float("inf")):
            with self.subTest(lot_size=lot_size):
                with self.assertRaises(ValidationError):
                    self.plan._get_plan(lot_size)

    def test_bad_aql_level_or_severity(self):
        with self.assertRaises(ValidationError):
            self._plan(100, "II", "0.5")
        with self.assertRaises(ValidationError):
            self._plan(100, "II", 1.0)
        with self.assertRaises(ValidationError):
            self._plan(100, "IV", "1.0")
        with self.assertRaises(ValidationError):
            self.plan._get_plan(100, "strict")

    def test_aql_outside_table_writes_nothing(self):
        count = self.Plan.search_count([])
        with self.assertRaises(ValidationError):
            self.Plan.create({"name": "QPS bad AQL", "aql": "0.5"})
        with self.assertRaises(ValidationError):
            self.Plan.create({"name": "QPS bad level", "inspection_level": "IV"})
        self.assertEqual(self.Plan.search_count([]), count)
        with self.assertRaises(ValidationError):
            self.plan.write({"aql": "3.0", "name": "QPS renamed"})
        self.assertEqual(self.plan.aql, "1.0")
        self.assertEqual(self.plan.name, "QPS AQL 1.0")

    def test_bad_table_data_is_refused(self):
        with self.assertRaises(ValidationError):
            self.Cell.create(
                {
                    "severity": "normal",
                    "code_letter_id": self.CodeLetter.search([("name", "=", "S")]).id,
                    "aql": "1.0",
                    "kind": "plan",
                    "accept_number": 2,
                    "reject_number": 2,
                }
            )


class TestSamplingSwitching(SamplingCase):
    def _run(self, plan, product, results):
        """Record ``results`` ("A" accepted, "R" not); severities after each."""
        severities = []
        for result in results:
            severity = plan._record_lot_result(product, result == "A")
            self.assertEqual(plan._get_severity(product), severity)
            severities.append(severity[0])
        return "".join(severities)

    def test_new_product_starts_normal(self):
        self.assertEqual(self.plan._get_severity(self.product), "normal")
        self.assertFalse(self.plan._get_state(self.product))

    def test_two_rejections_in_five_lots_tighten(self):
        self.assertEqual(self._run(self.plan, self.product, "ARAAR"), "nnnnt")

    def test_two_consecutive_rejections_tighten(self):
        self.assertEqual(self._run(self.plan, self.product, "AARR"), "nnnt")

    def test_two_rejections_six_lots_apart_stay_normal(self):
        self.assertEqual(self._run(self.plan, self.product, "RAAAARAAAAR"), "n" * 11)

    def test_five_accepted_lots_relax_tightened(self):
        self.assertEqual(
            self._run(self.plan, self.product, "RR" + "AAAA" + "R" + "AAAAA"),
            "nt" + "tttt" + "t" + "ttttn",
        )

    def test_ten_accepted_lots_reduce_when_allowed(self):
        self.assertEqual(
            self._run(self.plan_reduced, self.product, "A" * 10), "n" * 9 + "r"
        )
        self.assertEqual(self._run(self.plan, self.product, "A" * 12), "n" * 12)

    def test_rejection_under_reduced_returns_to_normal(self):
        self.assertEqual(
            self._run(self.plan_reduced, self.product, "A" * 10 + "AAR" + "R" + "R"),
            "n" * 9 + "r" + "rrn" + "n" + "t",
        )

    def test_reduced_ends_when_plan_no_longer_allows_it(self):
        self._run(self.plan_reduced, self.product, "A" * 10)
        self.plan_reduced.allow_reduced = False
        self.assertEqual(self.plan_reduced._get_severity(self.product), "normal")
        self.assertEqual(self._run(self.plan_reduced, self.product, "A"), "n")

    def test_switching_history(self):
        """A long run through every rule, severity checked after each lot."""
        lots = (
            "RAAAR"  # 2 rejections in 5 lots: tightened
            "AARAAAAA"  # 5 accepted in a row after the last rejection: normal
            "AAAAAAAAAA"  # 10 accepted: reduced
            "AAR"  # a rejection under reduced: normal
            "RAAAAAR"  # 2 rejections 7 lots apart: still normal
            "R"  # the second of the last 2 lots: tightened
        )
        expected = "nnnnttttttttnnnnnnnnnnrrrnnnnnnnnt"
        self.assertEqual(self._run(self.plan_reduced, self.product, lots), expected)
        state = self.plan_reduced._get_state(self.product)
        self.assertEqual(state.severity, "tightened")
        self.assertEqual(state.lot_count, len(lots))
        self.assertFalse(state.history)

    def test_history_keeps_the_lots_since_the_last_switch(self):
        self._run(self.plan, self.product, "AARA")
        state = self.plan._get_state(self.product)
        self.assertEqual(state.history, "AARA")
        self._run(self.plan, self.product, "A" * 20)
        self.assertEqual(state.history, "A" * 10)
        self.assertEqual(state.lot_count, 24)

    def test_one_state_per_plan_and_product(self):
        self._run(self.plan, self.product, "RR")
        self._run(self.plan, self.other_product, "A")
        self.assertEqual(self.plan._get_severity(self.product), "tightened")
        self.assertEqual(self.plan._get_severity(self.other_product), "normal")
        self.assertEqual(self.plan_reduced._get_severity(self.product), "normal")
        self.assertEqual(len(self.plan.state_ids), 2)

    def test_product_plan_follows_the_severity(self):
        self.assertPlan(self.plan._get_product_plan(self.product, 1000), "J", 80, 2, 3)
        self._run(self.plan, self.product, "RR")
        self.assertPlan(self.plan._get_product_plan(self.product, 1000), "J", 80, 1, 2)
        self._run(self.plan_reduced, self.product, "A" * 10)
        self.assertPlan(
            self.plan_reduced._get_product_plan(self.product, 1000), "J", 32, 1, 3
        )

    def test_bad_product_records_nothing(self):
        template = self.product.product_tmpl_id
        for product in (
            self.env["product.product"],
            self.product | self.other_product,
            template,
            None,
        ):
            with self.subTest(product=product):
                with self.assertRaises(ValidationError):
                    self.plan._record_lot_result(product, False)
        self.assertFalse(self.plan.state_ids)


class TestSamplingSecurity(SamplingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator = new_test_user(
            cls.env, login="qps_sampling_operator", groups="mrp.group_mrp_user"
        )
        cls.manager = new_test_user(
            cls.env,
            login="qps_sampling_manager",
            groups="quality_progress_sync.group_quality_manager",
        )

    def test_operator_reads_plans_and_records_lots(self):
        plan = self.plan.with_user(self.operator)
        self.assertPlan(plan._get_plan(1000), "J", 80, 2, 3)
        self.assertEqual(plan._record_lot_result(self.product, False), "normal")
        self.assertEqual(plan._record_lot_result(self.product, False), "tightened")
        self.assertEqual(plan._get_severity(self.product), "tightened")

    def test_operator_cannot_configure_plans(self):
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.operator).create({"name": "QPS sneaky"})
        with self.assertRaises(AccessError):
            self.plan.with_user(self.operator).write({"aql": "6.5"})
        self.plan._record_lot_result(self.product, True)
        state = self.plan._get_state(self.product)
        with self.assertRaises(AccessError):
            state.with_user(self.operator).write({"severity": "reduced"})
        with self.assertRaises(AccessError):
            self.Cell.search([], limit=1).with_user(self.operator).write(
                {"accept_number": 5}
            )
        self.assertEqual(self.plan.aql, "1.0")

    def test_manager_configures_plans(self):
        plan = self.Plan.with_user(self.manager).create(
            {"name": "QPS by the manager", "aql": "2.5", "inspection_level": "S-2"}
        )
        plan.allow_reduced = True
        self.assertPlan(plan._get_plan(1000), "C", 5, 0, 1)

    def test_plans_of_another_company_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "QPS Other Co"})
        self.Plan.create({"name": "QPS elsewhere", "company_id": other_company.id})
        names = self.Plan.with_user(self.operator).search([]).mapped("name")
        self.assertIn("QPS AQL 1.0", names)
        self.assertNotIn("QPS elsewhere", names)
