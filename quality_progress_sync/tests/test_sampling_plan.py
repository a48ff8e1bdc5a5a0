# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import re

from odoo.addons.base.tests.common import BaseCommon
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user

from . import ansi_z14_tables as z14
from . import iso2859_1_tables as iso

ISO = "iso2859_1"
Z14 = "ansi_z14"
FIXTURES = {ISO: iso, Z14: z14}
SEVERITY_TABLES = {
    "normal": "RESOLVED_NORMAL",
    "tightened": "RESOLVED_TIGHTENED",
    "reduced": "RESOLVED_REDUCED",
}


class SamplingCase(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["quality.sampling.plan"]
        cls.Cell = cls.env["quality.sampling.table.cell"]
        cls.CodeLetter = cls.env["quality.sampling.code.letter"]
        cls.letters = {letter.name: letter for letter in cls.CodeLetter.search([])}
        cls.product = cls.env["product.product"].create(
            {"name": "QPS Sampled Bolt", "type": "consu"}
        )
        cls.plan = cls.Plan.create({"name": "QPS AQL 1.0", "aql": "1.0"})
        cls.plan_z14 = cls.Plan.create(
            {"name": "QPS Z1.4 AQL 1.0", "aql": "1.0", "standard": Z14}
        )

    def _plan(self, lot_size, level, aql, severity="normal", standard=ISO):
        return self.Plan._lookup_plan(lot_size, level, aql, severity, standard)

    def assertPlan(self, plan, code_letter, sample_size, accept, reject):
        self.assertEqual(
            (plan["code_letter"], plan["sample_size"], plan["accept"], plan["reject"]),
            (code_letter, sample_size, accept, reject),
        )

    def _printed(self, standard, severity, letter, aql):
        cell = self.Cell._get_cell(standard, severity, letter, aql)
        return (
            f"{cell.accept_number}/{cell.reject_number}"
            if cell.kind == "plan"
            else cell.kind
        )


class TestSamplingTables(SamplingCase):
    def test_new_plans_follow_iso_2859_1(self):
        self.assertEqual(self.plan.standard, ISO)
        self.assertEqual(self.plan._get_plan(1000)["standard"], ISO)
        self.assertEqual(self.plan_z14._get_plan(1000)["standard"], Z14)

    def test_table_1_every_band_and_level(self):
        """All 15 x 7 cells of Table 1, at both ends of every band, for both
        standards (ISO 2859-1 Table 1 = Z1.4 Table I)."""
        for standard, fixture in FIXTURES.items():
            for lot_min, lot_max, letters in fixture.TABLE_1:
                for lot_size in (lot_min, lot_max or 10_000_000):
                    for level, letter in zip(fixture.LEVELS, letters, strict=True):
                        with self.subTest(standard, lot_size=lot_size, level=level):
                            plan = self._plan(lot_size, level, "1.0", standard=standard)
                            self.assertEqual(plan["lot_code_letter"], letter)

    def test_table_1_bands_as_data(self):
        bands = self.env["quality.sampling.lot.band"].search([])
        self.assertEqual(
            [(b.lot_min, b.lot_max or None) for b in bands],
            [(lot_min, lot_max) for lot_min, lot_max, _letters in iso.TABLE_1],
        )
        self.assertEqual(bands[0].name, "2 - 8")
        self.assertEqual(bands[-1].name, "500001 and over")

    def test_sample_sizes_of_code_letters(self):
        self.assertEqual(list(self.letters), list("ABCDEFGHJKLMNPQRS"))
        for letter in self.letters.values():
            with self.subTest(letter=letter.name):
                self.assertEqual(letter.sample_size, iso.SAMPLE_SIZES[letter.name])
                self.assertEqual(
                    letter.reduced_sample_size,
                    iso.REDUCED_SAMPLE_SIZES.get(letter.name, 0),
                )

    def test_master_tables_every_cell(self):
        """Every cell of the normal, tightened and reduced tables of both
        standards, arrows followed, against their independent fixtures."""
        for standard, fixture in FIXTURES.items():
            for severity, table_name in SEVERITY_TABLES.items():
                table = getattr(fixture, table_name)
                sizes = (
                    fixture.REDUCED_SAMPLE_SIZES
                    if severity == "reduced"
                    else fixture.SAMPLE_SIZES
                )
                self.assertEqual(list(table), list("ABCDEFGHJKLMNPQR"))
                for row, expected_row in table.items():
                    expected_cells = expected_row.split()
                    for aql, expected in zip(fixture.AQLS, expected_cells, strict=True):
                        with self.subTest(
                            standard, severity=severity, row=row, aql=aql
                        ):
                            self._assert_cell(
                                standard, severity, row, aql, expected, sizes
                            )

    def _assert_cell(self, standard, severity, row, aql, expected, sizes):
        cell = self.Cell._get_plan_cell(standard, severity, self.letters[row], aql)
        letter, accept, reject = re.fullmatch(r"([A-S])(\d+)/(\d+)", expected).groups()
        self.assertEqual(
            (
                cell.code_letter_id.name,
                cell.code_letter_id._get_sample_size(severity),
                cell.accept_number,
                cell.reject_number,
            ),
            (letter, sizes[letter], int(accept), int(reject)),
        )

    def test_iso_columns_as_printed(self):
        """The columns that other transcriptions of ISO 2859-1 give in
        printed form (arrows kept) are the data's cells as printed ("?": a
        cell the source leaves out)."""
        for (source, severity, aql), column in iso.PRINTED_COLUMNS.items():
            for row, expected in zip("ABCDEFGHJKLMNPQR", column.split(), strict=True):
                if expected == "?":
                    continue
                with self.subTest(source, severity=severity, aql=aql, row=row):
                    self.assertEqual(self._printed(ISO, severity, row, aql), expected)

    def test_master_tables_size(self):
        counts = {
            (standard, severity): self.Cell.search_count(
                [("standard", "=", standard), ("severity", "=", severity)]
            )
            for standard in FIXTURES
            for severity in SEVERITY_TABLES
        }
        # 16 letters x 26 AQLs, plus the single plan of letter S in the
        # tightened table (at AQL 0.025: the rest of row S is blank).
        self.assertEqual(
            counts,
            {
                (standard, severity): 417 if severity == "tightened" else 416
                for standard in FIXTURES
                for severity in SEVERITY_TABLES
            },
        )

    def test_iso_reduced_table_has_no_gap(self):
        """ISO 2859-1:1999 Table 2-C: Re = Ac + 1 in every plan; Z1.4's
        Table II-C keeps plans with Re > Ac + 1."""
        for standard, gaps in ((ISO, 0), (Z14, 122)):
            plans = self.Cell.search(
                [
                    ("standard", "=", standard),
                    ("severity", "=", "reduced"),
                    ("kind", "=", "plan"),
                ]
            )
            with self.subTest(standard):
                self.assertEqual(
                    len(
                        plans.filtered(lambda c: c.reject_number > c.accept_number + 1)
                    ),
                    gaps,
                )
        for severity in ("normal", "tightened"):
            with self.subTest(severity=severity):
                plans = self.Cell.search(
                    [("severity", "=", severity), ("kind", "=", "plan")]
                )
                self.assertFalse(
                    plans.filtered(lambda c: c.reject_number != c.accept_number + 1)
                )

    def test_standards_differ_in_the_reduced_table(self):
        """The plans used differ in 251 of the 416 reduced look-ups, in one
        tightened look-up (A at AQL 10) and in no normal one."""
        for severity, count in (("normal", 0), ("tightened", 1), ("reduced", 251)):
            differ = 0
            for row in "ABCDEFGHJKLMNPQR":
                for aql in iso.AQLS:
                    cells = [
                        self.Cell._get_plan_cell(
                            standard, severity, self.letters[row], aql
                        )
                        for standard in (ISO, Z14)
                    ]
                    differ += (
                        len(
                            {
                                (c.code_letter_id, c.accept_number, c.reject_number)
                                for c in cells
                            }
                        )
                        - 1
                    )
            with self.subTest(severity=severity):
                self.assertEqual(differ, count)

    def test_the_examples_of_the_issue(self):
        # Lot 1000, level II (J), AQL 1.0, reduced: ISO J, 32, 1/2; Z1.4 1/3.
        self.assertPlan(self._plan(1000, "II", "1.0", "reduced"), "J", 32, 1, 2)
        self.assertPlan(self._plan(1000, "II", "1.0", "reduced", Z14), "J", 32, 1, 3)
        # AQL 0.65: ISO's J cell points down to K, 50, 1/2; Z1.4 prints 0/2.
        self.assertPlan(self._plan(1000, "II", "0.65", "reduced"), "K", 50, 1, 2)
        self.assertPlan(self._plan(1000, "II", "0.65", "reduced", Z14), "J", 32, 0, 2)
        self.assertPlan(self.plan._get_plan(1000, "reduced"), "J", 32, 1, 2)
        self.assertPlan(self.plan_z14._get_plan(1000, "reduced"), "J", 32, 1, 3)

    def test_tightened_letter_a_at_aql_10(self):
        """ISO 2859-1:1999 prints a 0/1 plan (n = 2) where Z1.4 has an arrow
        down to D (n = 8, 1/2)."""
        self.assertEqual(self._printed(ISO, "tightened", "A", "10"), "0/1")
        self.assertEqual(self._printed(Z14, "tightened", "A", "10"), "down")
        self.assertPlan(self._plan(5, "II", "10", "tightened"), "A", 2, 0, 1)
        self.assertPlan(self._plan(5, "II", "10", "tightened", Z14), "D", 5, 1, 2)
        self.assertPlan(self._plan(50, "S-1", "10", "tightened", Z14), "D", 8, 1, 2)

    def test_arrows_are_data(self):
        for standard in FIXTURES:
            with self.subTest(standard):
                self.assertEqual(self._printed(standard, "normal", "A", "6.5"), "0/1")
                self.assertEqual(self._printed(standard, "normal", "B", "6.5"), "up")
                self.assertEqual(self._printed(standard, "normal", "C", "6.5"), "down")
                self.assertEqual(self._printed(standard, "normal", "K", "15"), "up")
                self.assertEqual(
                    self._printed(standard, "tightened", "S", "0.025"), "1/2"
                )
        self.assertEqual(self._printed(ISO, "reduced", "C", "6.5"), "down")
        self.assertEqual(self._printed(Z14, "reduced", "C", "6.5"), "down")
        # ISO's reduced Q at 0.025 is an arrow up to N (n = 200) 0/1.
        self.assertEqual(self._printed(ISO, "reduced", "Q", "0.025"), "up")
        self.assertEqual(self._printed(Z14, "reduced", "Q", "0.025"), "down")

    def test_normal_inspection_cells(self):
        for standard in FIXTURES:
            with self.subTest(standard):
                self._check_normal_cells(standard)

    def _check_normal_cells(self, standard):
        def plan(lot_size, level, aql):
            return self._plan(lot_size, level, aql, standard=standard)

        # Letter A at AQL 6.5 is a plan of its own: n = 2, Ac 0, Re 1.
        self.assertPlan(plan(5, "II", "6.5"), "A", 2, 0, 1)
        # B at 6.5 is an up arrow: the 0/1 plan of A, n = 2.
        self.assertPlan(plan(10, "II", "6.5"), "A", 2, 0, 1)
        # C at 6.5 is a down arrow: the 1/2 plan of D, n = 8.
        self.assertPlan(plan(20, "II", "6.5"), "D", 8, 1, 2)
        # Lot 501-1200 at level II is J (80): the classic 2/3, 5/6, 7/8.
        self.assertPlan(plan(1000, "II", "1.0"), "J", 80, 2, 3)
        self.assertPlan(plan(1000, "II", "2.5"), "J", 80, 5, 6)
        self.assertPlan(plan(1000, "II", "4.0"), "J", 80, 7, 8)
        # J at 0.10 points down to the 0/1 plan of K: n = 125.
        self.assertPlan(plan(1000, "II", "0.10"), "K", 125, 0, 1)
        # K at 15 points up to the 21/22 plan of J: n = 80.
        self.assertPlan(plan(2000, "II", "15"), "J", 80, 21, 22)
        # R at 0.010 and 0.015 point up, R at 0.025 is 1/2.
        self.assertPlan(plan(600_000, "III", "0.010"), "Q", 1250, 0, 1)
        self.assertPlan(plan(600_000, "III", "0.015"), "P", 800, 0, 1)
        self.assertPlan(plan(600_000, "III", "0.025"), "R", 2000, 1, 2)
        self.assertPlan(plan(600_000, "III", "0.65"), "R", 2000, 21, 22)
        # Nonconformities per 100 units: only small samples.
        self.assertPlan(plan(5, "II", "1000"), "A", 2, 30, 31)
        self.assertPlan(plan(10, "II", "1000"), "B", 3, 44, 45)
        self.assertPlan(plan(1000, "II", "100"), "E", 13, 21, 22)
        # Nothing is above row A: its cell at 10 leads down, to C's 1/2 plan.
        self.assertPlan(plan(5, "II", "10"), "C", 5, 1, 2)

    def test_tightened_inspection_cells(self):
        for standard in FIXTURES:
            with self.subTest(standard):
                self._check_tightened_cells(standard)

    def _check_tightened_cells(self, standard):
        def plan(lot_size, level, aql):
            return self._plan(lot_size, level, aql, "tightened", standard)

        self.assertPlan(plan(1000, "II", "1.0"), "J", 80, 1, 2)
        self.assertPlan(plan(1000, "II", "2.5"), "J", 80, 3, 4)
        self.assertPlan(plan(1000, "II", "4.0"), "J", 80, 5, 6)
        # Row A of the tightened table has no 0/1 plan at 6.5: B's.
        self.assertPlan(plan(50, "S-1", "6.5"), "B", 3, 0, 1)
        self.assertPlan(plan(5, "II", "40"), "A", 2, 1, 2)
        self.assertPlan(plan(5, "II", "1000"), "A", 2, 27, 28)
        self.assertPlan(plan(10, "II", "1000"), "B", 3, 41, 42)
        # K at 15 points up to the 18/19 plan of J.
        self.assertPlan(plan(2000, "II", "15"), "J", 80, 18, 19)
        # The bottom of the table: R is 0/1 at 0.010 with n = 2000 ...
        self.assertPlan(plan(600_000, "III", "0.010"), "R", 2000, 0, 1)
        self.assertPlan(plan(600_000, "III", "0.015"), "Q", 1250, 0, 1)
        # ... and the extra letter S (n = 3150) holds the 1/2 plan at 0.025.
        self.assertPlan(plan(600_000, "III", "0.025"), "S", 3150, 1, 2)
        self.assertPlan(plan(200_000, "III", "0.025"), "S", 3150, 1, 2)
        self.assertPlan(plan(600_000, "III", "0.040"), "R", 2000, 1, 2)

    def test_reduced_inspection_cells_iso(self):
        def plan(lot_size, level, aql):
            return self._plan(lot_size, level, aql, "reduced")

        self.assertPlan(plan(1000, "II", "2.5"), "J", 32, 3, 4)
        self.assertPlan(plan(1000, "II", "4.0"), "J", 32, 5, 6)
        self.assertPlan(plan(1000, "II", "6.5"), "J", 32, 6, 7)
        self.assertPlan(plan(1000, "II", "10"), "J", 32, 8, 9)
        self.assertPlan(plan(1000, "II", "15"), "J", 32, 10, 11)
        self.assertPlan(plan(1000, "II", "25"), "H", 20, 10, 11)
        self.assertPlan(plan(5, "II", "6.5"), "A", 2, 0, 1)
        # C at 6.5 points down past D to E's 1/2 plan: n = 5.
        self.assertPlan(plan(20, "II", "6.5"), "E", 5, 1, 2)
        # A at 10 leads down to D (n = 3), at 15 to C (n = 2), both 1/2.
        self.assertPlan(plan(5, "II", "10"), "D", 3, 1, 2)
        self.assertPlan(plan(5, "II", "15"), "C", 2, 1, 2)
        # Rows A and B (n = 2) keep the normal sequence; C has its own.
        self.assertPlan(plan(10, "II", "100"), "B", 2, 5, 6)
        self.assertPlan(plan(20, "II", "100"), "C", 2, 6, 7)
        self.assertPlan(plan(20, "II", "400"), "C", 2, 14, 15)
        # D at 650 points up to C's 21/22.
        self.assertPlan(plan(40, "II", "650"), "C", 2, 21, 22)
        # R at 0.025 and Q at 0.025: the long arrow up to N (n = 200), 0/1.
        self.assertPlan(plan(600_000, "III", "0.025"), "N", 200, 0, 1)
        self.assertPlan(plan(600_000, "II", "0.025"), "N", 200, 0, 1)

    def test_reduced_inspection_cells_z14(self):
        def plan(lot_size, level, aql):
            return self._plan(lot_size, level, aql, "reduced", Z14)

        self.assertPlan(plan(1000, "II", "2.5"), "J", 32, 2, 5)
        self.assertPlan(plan(1000, "II", "4.0"), "J", 32, 3, 6)
        self.assertPlan(plan(1000, "II", "6.5"), "J", 32, 5, 8)
        self.assertPlan(plan(1000, "II", "10"), "J", 32, 7, 10)
        self.assertPlan(plan(1000, "II", "15"), "J", 32, 10, 13)
        self.assertPlan(plan(1000, "II", "25"), "H", 20, 10, 13)
        self.assertPlan(plan(5, "II", "6.5"), "A", 2, 0, 1)
        # C at 6.5 points down to D's 0/2 plan: n = 3.
        self.assertPlan(plan(20, "II", "6.5"), "D", 3, 0, 2)
        self.assertPlan(plan(5, "II", "25"), "A", 2, 1, 2)
        self.assertPlan(plan(10, "II", "40"), "B", 2, 2, 4)
        self.assertPlan(plan(10, "II", "100"), "B", 2, 5, 6)
        self.assertPlan(plan(20, "II", "40"), "C", 2, 2, 5)
        self.assertPlan(plan(20, "II", "400"), "C", 2, 14, 17)
        self.assertPlan(plan(40, "II", "650"), "C", 2, 21, 24)
        self.assertPlan(plan(600_000, "III", "0.025"), "R", 800, 0, 2)

    def test_special_levels(self):
        for standard in FIXTURES:
            with self.subTest(standard):
                # S-1 gives C, whose cell at 4.0 points up to B's 0/1 plan.
                self.assertPlan(
                    self._plan(1000, "S-1", "4.0", standard=standard), "B", 3, 0, 1
                )
                self.assertPlan(
                    self._plan(1000, "S-4", "4.0", standard=standard), "F", 20, 2, 3
                )
                self.assertPlan(
                    self._plan(600_000, "S-3", "1.0", standard=standard), "H", 50, 1, 2
                )

    def test_plan_uses_its_standard_level_and_aql(self):
        plan = self.Plan.create(
            {"name": "QPS III 0.65", "inspection_level": "III", "aql": "0.65"}
        )
        result = plan._get_plan(1000)
        self.assertEqual(result["lot_code_letter"], "K")
        self.assertPlan(result, "K", 125, 2, 3)
        self.assertEqual(result["severity"], "normal")
        self.assertFalse(result["full_inspection"])
        self.assertPlan(plan._get_plan(1000, "tightened"), "K", 125, 1, 2)
        self.assertPlan(plan._get_plan(1000, "reduced"), "K", 50, 1, 2)
        plan.standard = Z14
        self.assertPlan(plan._get_plan(1000, "reduced"), "K", 50, 1, 3)

    def test_default_level_is_ii(self):
        self.assertEqual(self.plan.inspection_level, "II")

    def test_tighter_aql_beside_every_plan_with_ac_2_or_more(self):
        """The switching score of ISO 2859-1 compares a lot whose plan has
        Ac of 2 or more with the plan of the same letter one AQL step
        tighter: in both normal tables, that cell is a plan, with a smaller
        Ac."""
        for standard in FIXTURES:
            cells = self.Cell.search(
                [
                    ("standard", "=", standard),
                    ("severity", "=", "normal"),
                    ("kind", "=", "plan"),
                    ("accept_number", ">=", 2),
                ]
            )
            self.assertEqual(len(cells), 121)
            for cell in cells:
                with self.subTest(standard, cell=cell.display_name):
                    plan = self.Plan.new({"standard": standard, "aql": cell.aql})
                    tighter = plan._get_tighter_accept(cell.code_letter_id.name)
                    self.assertIsNotNone(tighter)
                    self.assertLess(tighter, cell.accept_number)
        self.assertEqual(self.plan._get_tighter_accept("J"), 1)
        plan = self.Plan.new({"standard": ISO, "aql": "0.010"})
        self.assertIsNone(plan._get_tighter_accept("Q"))


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
                with self.assertRaises(ValidationError):
                    self.plan_z14._get_plan(lot_size)

    def test_bad_standard_aql_level_or_severity(self):
        with self.assertRaises(ValidationError):
            self._plan(100, "II", "0.5")
        with self.assertRaises(ValidationError):
            self._plan(100, "II", 1.0)
        with self.assertRaises(ValidationError):
            self._plan(100, "IV", "1.0")
        with self.assertRaises(ValidationError):
            self.plan._get_plan(100, "strict")
        for standard in ("iso2859_2", "mil_std_105e", None, ["iso2859_1"]):
            with self.subTest(standard=standard):
                with self.assertRaises(ValidationError):
                    self._plan(100, "II", "1.0", standard=standard)

    def test_values_outside_the_tables_write_nothing(self):
        count = self.Plan.search_count([])
        for vals in (
            {"aql": "0.5"},
            {"inspection_level": "IV"},
            {"standard": "iso2859_2"},
            {"standard": False},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(ValidationError):
                    self.Plan.create({"name": "QPS bad", **vals})
        self.assertEqual(self.Plan.search_count([]), count)
        with self.assertRaises(ValidationError):
            self.plan.write({"aql": "3.0", "name": "QPS renamed"})
        with self.assertRaises(ValidationError):
            self.plan.write({"standard": "jis", "name": "QPS renamed"})
        self.assertEqual(self.plan.aql, "1.0")
        self.assertEqual(self.plan.standard, ISO)
        self.assertEqual(self.plan.name, "QPS AQL 1.0")

    def test_bad_table_data_is_refused(self):
        with self.assertRaises(ValidationError):
            self.Cell.create(
                {
                    "standard": ISO,
                    "severity": "normal",
                    "code_letter_id": self.letters["S"].id,
                    "aql": "1.0",
                    "kind": "plan",
                    "accept_number": 2,
                    "reject_number": 2,
                }
            )


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
            self.plan.with_user(self.operator).write({"standard": Z14})
        with self.assertRaises(AccessError):
            self.Cell.search([], limit=1).with_user(self.operator).write(
                {"accept_number": 5}
            )
        self.assertEqual(self.plan.standard, ISO)

    def test_manager_configures_plans(self):
        plan = self.Plan.with_user(self.manager).create(
            {
                "name": "QPS by the manager",
                "aql": "2.5",
                "inspection_level": "S-2",
                "standard": Z14,
            }
        )
        plan.allow_reduced = True
        self.assertEqual(plan.standard, Z14)
        self.assertPlan(plan._get_plan(1000), "C", 5, 0, 1)

    def test_plans_of_another_company_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "QPS Other Co"})
        self.Plan.create({"name": "QPS elsewhere", "company_id": other_company.id})
        names = self.Plan.with_user(self.operator).search([]).mapped("name")
        self.assertIn("QPS AQL 1.0", names)
        self.assertNotIn("QPS elsewhere", names)
