# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Statistical process control: control limits, run rules and capability.

Plain Python, no ORM: the checkpoints (``quality_checkpoint.py``) read
the subgroups from the database and call these functions.

A subgroup is the ``n`` measures of one inspection. Its chart follows ``n``
(ISO 7870-2:2023, ASTM E2587-16):

- ``n == 1``: individuals and moving range (I-MR), sigma = MR̄ / d2(2);
- ``2 <= n <= 10``: mean and range (X̄-R), sigma = R̄ / d2(n);
- ``n > 10``: mean and standard deviation (X̄-S), sigma = S̄ / c4(n).
"""

import math
from itertools import pairwise
from typing import NamedTuple

INDIVIDUALS = "individuals"
XBAR_R = "xbar_r"
XBAR_S = "xbar_s"
# The largest subgroup charted with ranges: above, standard deviations.
MAX_RANGE_SUBGROUP = 10
LOCATION = "location"
DISPERSION = "dispersion"


class ChartConstants(NamedTuple):
    """Factors of the control limits for subgroups of ``n`` measures."""

    d2: float  # E(R) / sigma
    A2: float  # X̄-R: X̿ ± A2 R̄
    D3: float  # R chart: LCL = D3 R̄
    D4: float  # R chart: UCL = D4 R̄
    c4: float  # E(S) / sigma
    A3: float  # X̄-S: X̿ ± A3 S̄
    B3: float  # S chart: LCL = B3 S̄
    B4: float  # S chart: UCL = B4 S̄


# ISO 7870-2:2023 Table 2 = ASTM E2587-16 Table 6 (also Montgomery,
# Introduction to Statistical Quality Control, Appendix VI), n = 2 to 25.
CONSTANTS = {
    #        d2     A2     D3     D4     c4      A3     B3     B4
    2: ChartConstants(1.128, 1.880, 0.000, 3.267, 0.7979, 2.659, 0.000, 3.267),
    3: ChartConstants(1.693, 1.023, 0.000, 2.574, 0.8862, 1.954, 0.000, 2.568),
    4: ChartConstants(2.059, 0.729, 0.000, 2.282, 0.9213, 1.628, 0.000, 2.266),
    5: ChartConstants(2.326, 0.577, 0.000, 2.114, 0.9400, 1.427, 0.000, 2.089),
    6: ChartConstants(2.534, 0.483, 0.000, 2.004, 0.9515, 1.287, 0.030, 1.970),
    7: ChartConstants(2.704, 0.419, 0.076, 1.924, 0.9594, 1.182, 0.118, 1.882),
    8: ChartConstants(2.847, 0.373, 0.136, 1.864, 0.9650, 1.099, 0.185, 1.815),
    9: ChartConstants(2.970, 0.337, 0.184, 1.816, 0.9693, 1.032, 0.239, 1.761),
    10: ChartConstants(3.078, 0.308, 0.223, 1.777, 0.9727, 0.975, 0.284, 1.716),
    11: ChartConstants(3.173, 0.285, 0.256, 1.744, 0.9754, 0.927, 0.321, 1.679),
    12: ChartConstants(3.258, 0.266, 0.283, 1.717, 0.9776, 0.886, 0.354, 1.646),
    13: ChartConstants(3.336, 0.249, 0.307, 1.693, 0.9794, 0.850, 0.382, 1.618),
    14: ChartConstants(3.407, 0.235, 0.328, 1.672, 0.9810, 0.817, 0.406, 1.594),
    15: ChartConstants(3.472, 0.223, 0.347, 1.653, 0.9823, 0.789, 0.428, 1.572),
    16: ChartConstants(3.532, 0.212, 0.363, 1.637, 0.9835, 0.763, 0.448, 1.552),
    17: ChartConstants(3.588, 0.203, 0.378, 1.622, 0.9845, 0.739, 0.466, 1.534),
    18: ChartConstants(3.640, 0.194, 0.391, 1.608, 0.9854, 0.718, 0.482, 1.518),
    19: ChartConstants(3.689, 0.187, 0.403, 1.597, 0.9862, 0.698, 0.497, 1.503),
    20: ChartConstants(3.735, 0.180, 0.415, 1.585, 0.9869, 0.680, 0.510, 1.490),
    21: ChartConstants(3.778, 0.173, 0.425, 1.575, 0.9876, 0.663, 0.523, 1.477),
    22: ChartConstants(3.819, 0.167, 0.434, 1.566, 0.9882, 0.647, 0.534, 1.466),
    23: ChartConstants(3.858, 0.162, 0.443, 1.557, 0.9887, 0.633, 0.545, 1.455),
    24: ChartConstants(3.895, 0.157, 0.451, 1.548, 0.9892, 0.619, 0.555, 1.445),
    25: ChartConstants(3.931, 0.153, 0.459, 1.541, 0.9896, 0.606, 0.565, 1.435),
}
# Western Electric rules 1 to 4, as the Nelson rules that say the same (the
# run of rule 4 is 8 points, not Nelson's 9).
WESTERN_ELECTRIC = "western_electric"
NELSON = "nelson"
RULES = tuple(f"nelson_{number}" for number in range(1, 9))
RULESETS = {
    WESTERN_ELECTRIC: {"nelson_1": 1, "nelson_5": 3, "nelson_6": 5, "nelson_2": 8},
    NELSON: {
        "nelson_1": 1,
        "nelson_2": 9,
        "nelson_3": 6,
        "nelson_4": 14,
        "nelson_5": 3,
        "nelson_6": 5,
        "nelson_7": 15,
        "nelson_8": 8,
    },
}
# The Western Electric number of each Nelson rule it uses.
WESTERN_ELECTRIC_NUMBERS = {"nelson_1": 1, "nelson_5": 2, "nelson_6": 3, "nelson_2": 4}


class Summary(NamedTuple):
    """What the limits and the capability are computed from: aggregates of
    the subgroups, in the order they were recorded."""

    subgroup_count: int
    measure_count: int
    grand_mean: float  # mean of the subgroup means
    mean_range: float | None  # R̄
    mean_stddev: float | None  # S̄
    mean_moving_range: float | None  # MR̄ of successive subgroup means
    stddev_overall: float | None  # sample standard deviation of all values


class Limits(NamedTuple):
    """Control limits of the location chart (individuals or means) and of
    the dispersion chart (moving ranges, ranges or standard deviations)."""

    center: float
    ucl: float
    lcl: float
    dispersion_center: float
    dispersion_ucl: float
    dispersion_lcl: float


# ----------------------------------------------------------------------
# Charts and constants
# ----------------------------------------------------------------------


def chart_kind(subgroup_size):
    """The control chart of subgroups of ``subgroup_size`` measures."""
    if subgroup_size < 1:
        raise ValueError(f"subgroup size {subgroup_size} < 1")
    if subgroup_size == 1:
        return INDIVIDUALS
    if subgroup_size <= MAX_RANGE_SUBGROUP:
        return XBAR_R
    return XBAR_S


def constants(subgroup_size):
    """The factors for subgroups of ``subgroup_size`` measures; a moving range
    is a range of 2. Above 25 (beyond the table), the approximations of ASTM
    E2587 for the S chart: c4 = 4(n-1)/(4n-3), A3 = 3/(c4 sqrt(n)), B3/B4 =
    1 -/+ 3/(c4 sqrt(2(n-1))); d2, A2, D3, D4 are not used there."""
    n = max(subgroup_size, 2)
    if n in CONSTANTS:
        return CONSTANTS[n]
    c4 = 4 * (n - 1) / (4 * n - 3)
    spread = 3 / (c4 * math.sqrt(2 * (n - 1)))
    return ChartConstants(
        d2=math.nan,
        A2=math.nan,
        D3=math.nan,
        D4=math.nan,
        c4=c4,
        A3=3 / (c4 * math.sqrt(n)),
        B3=max(0.0, 1 - spread),
        B4=1 + spread,
    )


def mean_dispersion(summary, subgroup_size):
    """R̄, S̄ or MR̄: the dispersion statistic the chart of ``subgroup_size``
    averages."""
    kind = chart_kind(subgroup_size)
    if kind == INDIVIDUALS:
        return summary.mean_moving_range
    if kind == XBAR_R:
        return summary.mean_range
    return summary.mean_stddev


def sigma_within(summary, subgroup_size):
    """The within-subgroup standard deviation: MR̄/d2(2), R̄/d2(n) or
    S̄/c4(n); None without dispersion to estimate it from."""
    dispersion = mean_dispersion(summary, subgroup_size)
    if dispersion is None:
        return None
    factors = constants(subgroup_size)
    if chart_kind(subgroup_size) == XBAR_S:
        return dispersion / factors.c4
    return dispersion / factors.d2


# ----------------------------------------------------------------------
# Subgroups
# ----------------------------------------------------------------------


def subgroup_stats(values):
    """(mean, range, sample standard deviation) of one subgroup."""
    count = len(values)
    mean = math.fsum(values) / count
    spread = max(values) - min(values)
    if count < 2:
        return mean, spread, None
    variance = math.fsum((value - mean) ** 2 for value in values) / (count - 1)
    return mean, spread, math.sqrt(variance)


def summarize(subgroups):
    """The :class:`Summary` of ``subgroups`` (lists of values, in order):
    what the database aggregates for the checkpoints, for a list."""
    stats = [subgroup_stats(values) for values in subgroups]
    means = [mean for mean, __, __ in stats]
    values = [value for subgroup in subgroups for value in subgroup]
    overall = None
    if len(values) > 1:
        average = math.fsum(values) / len(values)
        overall = math.sqrt(
            math.fsum((value - average) ** 2 for value in values) / (len(values) - 1)
        )
    stddevs = [stddev for __, __, stddev in stats if stddev is not None]
    moving = moving_ranges(means)[1:]
    return Summary(
        subgroup_count=len(subgroups),
        measure_count=len(values),
        grand_mean=_average(means),
        mean_range=_average([spread for __, spread, __ in stats]),
        mean_stddev=_average(stddevs),
        mean_moving_range=_average(moving),
        stddev_overall=overall,
    )


def _average(values):
    return math.fsum(values) / len(values) if values else None


def moving_ranges(values):
    """|x(i) - x(i-1)| for each value, None for the first."""
    return [None] + [abs(b - a) for a, b in pairwise(values)]


def plotted_series(stats, subgroup_size):
    """The points of both charts for subgroups given as (mean, range,
    stddev), in order: (location values, dispersion values). The moving
    range of the first individual is None."""
    kind = chart_kind(subgroup_size)
    location = [mean for mean, __, __ in stats]
    if kind == INDIVIDUALS:
        return location, moving_ranges(location)
    if kind == XBAR_R:
        return location, [spread for __, spread, __ in stats]
    return location, [stddev for __, __, stddev in stats]


# ----------------------------------------------------------------------
# Limits and capability
# ----------------------------------------------------------------------


def control_limits(summary, subgroup_size):
    """The :class:`Limits` from a :class:`Summary` of subgroups of
    ``subgroup_size`` measures, or None without dispersion to compute them
    from (fewer than two individuals, or every subgroup alike)."""
    dispersion = mean_dispersion(summary, subgroup_size)
    if not dispersion:
        return None
    factors = constants(subgroup_size)
    center = summary.grand_mean
    kind = chart_kind(subgroup_size)
    if kind == XBAR_S:
        half_width = factors.A3 * dispersion
        low, high = factors.B3, factors.B4
    else:
        # Individuals: E2 MR̄ = 3 MR̄ / d2(2); means: A2 R̄ = 3 R̄ / (d2 √n).
        half_width = (
            3 * dispersion / factors.d2
            if kind == INDIVIDUALS
            else factors.A2 * dispersion
        )
        low, high = factors.D3, factors.D4
    return Limits(
        center=center,
        ucl=center + half_width,
        lcl=center - half_width,
        dispersion_center=dispersion,
        dispersion_ucl=high * dispersion,
        dispersion_lcl=low * dispersion,
    )


def capability(mean, within, overall, lower, upper):
    """Cp, Cpk (within-subgroup sigma), Pp and Ppk (overall sigma) of a
    process centred on ``mean`` against the tolerances ``lower``-``upper``:
    a dict; an index is None when its sigma is missing or zero."""

    def indices(sigma):
        if not sigma or mean is None:
            return None, None
        spread = (upper - lower) / (6 * sigma)
        worst = min(upper - mean, mean - lower) / (3 * sigma)
        return spread, worst

    cp, cpk = indices(within)
    pp, ppk = indices(overall)
    return {"cp": cp, "cpk": cpk, "pp": pp, "ppk": ppk}


# ----------------------------------------------------------------------
# Run rules
# ----------------------------------------------------------------------


def history_length(ruleset):
    """How many subgroups before the new one the rules of ``ruleset`` read:
    their longest window (one more for a moving range)."""
    return max(RULESETS[ruleset].values())


def broken_rules(values, center, ucl, lcl, ruleset):
    """The rules of ``ruleset`` that the last of ``values`` (oldest first)
    completes, against the centre line and the control limits. Zones are
    sigma = (UCL - centre) / 3 wide on both sides. A window holding a
    missing value (the moving range of the first individual) completes
    nothing."""
    sigma = (ucl - center) / 3
    if not values or values[-1] is None or sigma <= 0:
        return []
    broken = []
    for rule, length in RULESETS[ruleset].items():
        window = values[-length:]
        if len(window) < length or any(value is None for value in window):
            continue
        if RULE_CHECKS[rule](window, center, sigma, ucl, lcl):
            broken.append(rule)
    return sorted(broken, key=RULES.index)


def _side(value, center):
    return (value > center) - (value < center)


def _beyond_limit(window, center, sigma, ucl, lcl):
    """Nelson 1: a point outside the control limits."""
    return window[-1] > ucl or window[-1] < lcl


def _run_on_one_side(window, center, sigma, ucl, lcl):
    """Nelson 2: a run on one side of the centre line (a point on the line
    ends it)."""
    sides = {_side(value, center) for value in window}
    return sides in ({1}, {-1})


def _trend(window, center, sigma, ucl, lcl):
    """Nelson 3: steadily increasing or decreasing."""
    steps = [b - a for a, b in pairwise(window)]
    return all(step > 0 for step in steps) or all(step < 0 for step in steps)


def _alternating(window, center, sigma, ucl, lcl):
    """Nelson 4: up and down in turn."""
    steps = [b - a for a, b in pairwise(window)]
    if any(step == 0 for step in steps):
        return False
    return all((a > 0) != (b > 0) for a, b in pairwise(steps))


def _beyond_zone(zones):
    """A rule that ``len(window) - 1`` points of the window, the last one
    among them, lie beyond ``zones`` sigma on one side."""

    def check(window, center, sigma, ucl, lcl):
        needed = len(window) - 1
        for side in (1, -1):
            beyond = [side * (value - center) > zones * sigma for value in window]
            if beyond[-1] and sum(beyond) >= needed:
                return True
        return False

    return check


def _hugging(window, center, sigma, ucl, lcl):
    """Nelson 7: every point within 1 sigma of the centre line."""
    return all(abs(value - center) < sigma for value in window)


def _mixture(window, center, sigma, ucl, lcl):
    """Nelson 8: no point within 1 sigma, points on both sides."""
    return all(abs(value - center) > sigma for value in window) and {
        _side(value, center) for value in window
    } == {1, -1}


RULE_CHECKS = {
    "nelson_1": _beyond_limit,
    "nelson_2": _run_on_one_side,
    "nelson_3": _trend,
    "nelson_4": _alternating,
    "nelson_5": _beyond_zone(2),  # 2 of 3 beyond 2 sigma, one side
    "nelson_6": _beyond_zone(1),  # 4 of 5 beyond 1 sigma, one side
    "nelson_7": _hugging,
    "nelson_8": _mixture,
}
