# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SPC arithmetic (models/quality_spc.py) against published tables and
textbook examples; the run rules on sequences built for each of them."""

import math

from odoo.tests.common import BaseCase

from ..models import quality_spc
from .spc_published import (
    LOAN_COSTS,
    MONTGOMERY_LOAN_COSTS,
    MONTGOMERY_PISTONRINGS,
    PISTONRINGS,
    PISTONRINGS_TOLERANCES,
    PUBLISHED_CONSTANTS,
    QCC_PISTONRINGS,
    RULE_SEQUENCES,
)

NAMES = ("d2", "A2", "D3", "D4", "c4", "A3", "B3", "B4")


def normal_cdf(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def simpson(func, low, high, steps):
    width = (high - low) / steps
    total = func(low) + func(high)
    for index in range(1, steps):
        total += (4 if index % 2 else 2) * func(low + index * width)
    return total * width / 3


def expected_range(n):
    """d2 = E(R)/sigma, the integral of 1 - F(x)^n - (1 - F(x))^n."""
    return simpson(
        lambda x: 1 - normal_cdf(x) ** n - (1 - normal_cdf(x)) ** n, -9, 9, 3000
    )


def range_deviation(n, d2, steps=300):
    """d3 = sd(R)/sigma, from E(R^2) = 2 double integral over x < y of
    1 - F(y)^n - (1 - F(x))^n + (F(y) - F(x))^n."""
    low, high = -7.0, 7.0
    width = (high - low) / steps
    cdf = [normal_cdf(low + index * width) for index in range(steps + 1)]
    weights = [
        1 if index in (0, steps) else (4 if index % 2 else 2)
        for index in range(steps + 1)
    ]
    total = 0.0
    for j in range(steps + 1):
        for i in range(j + 1):
            value = 1 - cdf[j] ** n - (1 - cdf[i]) ** n + (cdf[j] - cdf[i]) ** n
            total += (weights[i] if i < j else weights[i] / 2) * weights[j] * value
    second_moment = 2 * total * (width / 3) ** 2
    return math.sqrt(second_moment - d2 * d2)


def bias_of_stddev(n):
    """c4 = E(S)/sigma = sqrt(2/(n-1)) Gamma(n/2) / Gamma((n-1)/2)."""
    return math.sqrt(2 / (n - 1)) * math.exp(
        math.lgamma(n / 2) - math.lgamma((n - 1) / 2)
    )


class TestSpcConstants(BaseCase):
    def test_constants_are_the_published_table(self):
        """ISO 7870-2 / ASTM E2587 factors, n = 2 to 25, as printed."""
        self.assertEqual(set(quality_spc.CONSTANTS), set(PUBLISHED_CONSTANTS))
        for n, published in PUBLISHED_CONSTANTS.items():
            for name, value in zip(NAMES, published, strict=True):
                with self.subTest(n=n, constant=name):
                    self.assertEqual(getattr(quality_spc.CONSTANTS[n], name), value)

    def test_constants_follow_their_definitions(self):
        """The typed table agrees, to its printed digits, with the factors
        computed from the normal distribution: no typo in the table."""
        for n, factors in quality_spc.CONSTANTS.items():
            d2 = expected_range(n)
            c4 = bias_of_stddev(n)
            d3 = range_deviation(n, d2)
            spread = 3 * math.sqrt(1 - c4 * c4) / c4
            computed = {
                "d2": (d2, 0.0006),
                "A2": (3 / (d2 * math.sqrt(n)), 0.0006),
                "D3": (max(0.0, 1 - 3 * d3 / d2), 0.002),
                "D4": (1 + 3 * d3 / d2, 0.002),
                "c4": (c4, 0.00006),
                "A3": (3 / (c4 * math.sqrt(n)), 0.0006),
                "B3": (max(0.0, 1 - spread), 0.0006),
                "B4": (1 + spread, 0.0006),
            }
            for name, (value, tolerance) in computed.items():
                with self.subTest(n=n, constant=name):
                    self.assertAlmostEqual(
                        getattr(factors, name), value, delta=tolerance
                    )

    def test_beyond_the_table_the_s_chart_uses_the_approximations(self):
        factors = quality_spc.constants(50)
        self.assertAlmostEqual(factors.c4, bias_of_stddev(50), delta=0.0002)
        self.assertAlmostEqual(factors.A3, 3 / (factors.c4 * math.sqrt(50)))
        self.assertLess(factors.B3, 1)
        self.assertGreater(factors.B4, 1)

    def test_chart_follows_the_subgroup_size(self):
        self.assertEqual(quality_spc.chart_kind(1), quality_spc.INDIVIDUALS)
        self.assertEqual(quality_spc.chart_kind(2), quality_spc.XBAR_R)
        self.assertEqual(quality_spc.chart_kind(10), quality_spc.XBAR_R)
        self.assertEqual(quality_spc.chart_kind(11), quality_spc.XBAR_S)
        with self.assertRaises(ValueError):
            quality_spc.chart_kind(0)


class TestSpcTextbookExamples(BaseCase):
    def test_piston_rings_xbar_r_limits_are_those_qcc_prints(self):
        summary = quality_spc.summarize(PISTONRINGS)
        limits = quality_spc.control_limits(summary, 5)
        self.assertEqual(summary.subgroup_count, 25)
        self.assertAlmostEqual(limits.center, QCC_PISTONRINGS["center"], delta=5e-6)
        self.assertAlmostEqual(
            quality_spc.sigma_within(summary, 5),
            QCC_PISTONRINGS["sigma_within"],
            delta=5e-10,
        )
        # qcc prints 7 significant digits; A2 = 0.577 is rounded too.
        self.assertAlmostEqual(limits.lcl, QCC_PISTONRINGS["lcl"], delta=1e-5)
        self.assertAlmostEqual(limits.ucl, QCC_PISTONRINGS["ucl"], delta=1e-5)

    def test_piston_rings_range_chart_is_montgomerys(self):
        summary = quality_spc.summarize(PISTONRINGS)
        limits = quality_spc.control_limits(summary, 5)
        self.assertAlmostEqual(
            limits.dispersion_center, MONTGOMERY_PISTONRINGS["mean_range"], places=3
        )
        self.assertAlmostEqual(
            limits.dispersion_ucl, MONTGOMERY_PISTONRINGS["range_ucl"], places=9
        )
        self.assertEqual(limits.dispersion_lcl, 0)

    def test_piston_rings_xbar_s_limits_are_montgomerys(self):
        """Example 6.3 charts the same data with X̄ and S: limits 74.014 and
        73.988 (forced here: subgroups of 5 are charted with ranges)."""
        summary = quality_spc.summarize(PISTONRINGS)
        factors = quality_spc.CONSTANTS[5]
        ucl = summary.grand_mean + factors.A3 * summary.mean_stddev
        lcl = summary.grand_mean - factors.A3 * summary.mean_stddev
        self.assertAlmostEqual(ucl, MONTGOMERY_PISTONRINGS["xbar_s_ucl"], places=3)
        self.assertAlmostEqual(lcl, MONTGOMERY_PISTONRINGS["xbar_s_lcl"], places=3)

    def test_piston_rings_capability_is_what_qcc_prints(self):
        summary = quality_spc.summarize(PISTONRINGS)
        lower, upper = PISTONRINGS_TOLERANCES
        figures = quality_spc.capability(
            summary.grand_mean,
            quality_spc.sigma_within(summary, 5),
            summary.stddev_overall,
            lower,
            upper,
        )
        self.assertEqual(round(figures["cp"], 2), QCC_PISTONRINGS["cp"])
        self.assertEqual(round(figures["cpk"], 2), QCC_PISTONRINGS["cpk"])
        self.assertAlmostEqual(
            summary.stddev_overall, QCC_PISTONRINGS["stddev_overall"], places=5
        )
        # Pp, Ppk from the overall standard deviation: 0.1 / (6 x 0.01007).
        self.assertAlmostEqual(figures["pp"], 0.1 / (6 * 0.01007), places=2)
        self.assertAlmostEqual(
            figures["ppk"], (74.05 - summary.grand_mean) / (3 * 0.01007), places=2
        )

    def test_individuals_chart_is_montgomerys_example_6_5(self):
        subgroups = [(cost,) for cost in LOAN_COSTS]
        summary = quality_spc.summarize(subgroups)
        limits = quality_spc.control_limits(summary, 1)
        expected = MONTGOMERY_LOAN_COSTS
        self.assertAlmostEqual(limits.center, expected["center"], places=2)
        self.assertAlmostEqual(
            summary.mean_moving_range, expected["mean_moving_range"], places=2
        )
        self.assertAlmostEqual(limits.ucl, expected["ucl"], places=2)
        self.assertAlmostEqual(limits.lcl, expected["lcl"], places=2)
        self.assertAlmostEqual(limits.dispersion_ucl, expected["range_ucl"], places=2)
        self.assertEqual(limits.dispersion_lcl, 0)

    def test_no_limits_without_dispersion(self):
        summary = quality_spc.summarize([(5.0, 5.0), (5.0, 5.0)])
        self.assertIsNone(quality_spc.control_limits(summary, 2))
        self.assertIsNone(
            quality_spc.control_limits(quality_spc.summarize([(5.0,)]), 1)
        )

    def test_capability_without_sigma_is_unknown(self):
        figures = quality_spc.capability(10.0, 0.0, None, 9.0, 11.0)
        self.assertEqual(figures, {"cp": None, "cpk": None, "pp": None, "ppk": None})

    def test_cpk_takes_the_nearer_tolerance(self):
        figures = quality_spc.capability(10.5, 0.25, 0.5, 9.0, 11.0)
        self.assertAlmostEqual(figures["cp"], 2 / 1.5)
        self.assertAlmostEqual(figures["cpk"], 0.5 / 0.75)
        self.assertAlmostEqual(figures["pp"], 2 / 3)
        self.assertAlmostEqual(figures["ppk"], 0.5 / 1.5)


class TestSpcRunRules(BaseCase):
    def fired(self, values, ruleset=quality_spc.NELSON):
        """{point number: rules} over every prefix of ``values``, centre 0,
        sigma 1."""
        fired = {}
        for end in range(1, len(values) + 1):
            rules = quality_spc.broken_rules(values[:end], 0.0, 3.0, -3.0, ruleset)
            if rules:
                fired[end] = rules
        return fired

    def test_each_nelson_rule_on_a_sequence_built_for_it(self):
        for rule, values in RULE_SEQUENCES.items():
            with self.subTest(rule=rule):
                self.assertEqual(self.fired(values), {len(values): [rule]})

    def test_western_electric_uses_rules_1_5_6_and_a_run_of_8(self):
        run = RULE_SEQUENCES["nelson_2"]
        self.assertEqual(
            self.fired(run, quality_spc.WESTERN_ELECTRIC),
            {8: ["nelson_2"], 9: ["nelson_2"]},
        )
        for rule in ("nelson_3", "nelson_4", "nelson_7", "nelson_8"):
            with self.subTest(rule=rule):
                self.assertEqual(
                    self.fired(RULE_SEQUENCES[rule], quality_spc.WESTERN_ELECTRIC),
                    {},
                )
        for rule in ("nelson_1", "nelson_5", "nelson_6"):
            with self.subTest(rule=rule):
                values = RULE_SEQUENCES[rule]
                self.assertEqual(
                    self.fired(values, quality_spc.WESTERN_ELECTRIC),
                    {len(values): [rule]},
                )

    def test_a_rule_that_keeps_firing_fires_at_each_point_of_its_run(self):
        run = RULE_SEQUENCES["nelson_2"] + [0.3, 0.6]
        self.assertEqual(
            self.fired(run), {9: ["nelson_2"], 10: ["nelson_2"], 11: ["nelson_2"]}
        )

    def test_a_point_on_the_centre_line_ends_a_run(self):
        run = [0.5, 0.3, 0.6, 0.2, 0.0, 0.4, 0.7, 0.1, 0.5]
        self.assertEqual(self.fired(run), {})

    def test_two_of_three_needs_the_new_point_beyond(self):
        """The subgroup that completes the pattern raises it, not the next."""
        self.assertEqual(self.fired([0.1, 2.5, 2.4, 0.1]), {3: ["nelson_5"]})

    def test_several_rules_at_once_are_in_rule_order(self):
        values = [2.5, 2.6, 3.4]
        self.assertEqual(
            quality_spc.broken_rules(values, 0.0, 3.0, -3.0, quality_spc.NELSON),
            ["nelson_1", "nelson_5"],
        )

    def test_the_first_moving_range_completes_nothing(self):
        location, dispersion = quality_spc.plotted_series(
            [(10.0, 0.0, None), (13.0, 0.0, None)], 1
        )
        self.assertEqual(location, [10.0, 13.0])
        self.assertEqual(dispersion, [None, 3.0])
        self.assertEqual(
            quality_spc.broken_rules([None], 1.0, 2.0, 0.0, quality_spc.NELSON), []
        )
        self.assertEqual(
            quality_spc.broken_rules([None, 3.0], 1.0, 2.0, 0.0, quality_spc.NELSON),
            ["nelson_1"],
        )

    def test_history_covers_the_longest_window(self):
        self.assertEqual(quality_spc.history_length(quality_spc.NELSON), 15)
        self.assertEqual(quality_spc.history_length(quality_spc.WESTERN_ELECTRIC), 8)
