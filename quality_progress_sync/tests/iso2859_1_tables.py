# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ISO 2859-1:1999 (= GB/T 2828.1-2012 = JIS Z 9015-1) single sampling master
tables, arrows resolved, in the notation of ``ansi_z14_tables``: for each
code letter, the plan used at each AQL, "D1/2" meaning the plan of letter D,
Ac 1, Re 2.

Where the data file's cells come from: the standard ``iso2859_1`` rows of
``data/quality.sampling.table.cell.csv`` were written in printed form
(arrows kept) from the GB/T 2828.1-2012 transcription of the quality-platform
project (nihantao-crosis/quality-platform, "Q"): its spreadsheet lineage,
checked against the scan of the standard, for AQL 0.010 to 10, its
double-blind transcription of the scan for 15 to 1000.

This fixture takes another transcription wherever one exists:

- Table 2-A (normal) is, cell for cell, Table II-A of ANSI/ASQ Z1.4:
  ``RESOLVED_NORMAL`` is the Z1.4 fixture's, typed independently of both data
  files and checked against the R package AQLSchemes.
- Table 2-B (tightened) is Table II-B of Z1.4 but for letter A at AQL 10,
  printed in ISO 2859-1:1999 as a plan, Ac 0 Re 1 with n = 2, where Z1.4
  prints an arrow down (to D, n = 8, 1/2): the NTE INEN-ISO 2859-1
  transcription of faustoaguanor/acceptance-sampling ("F", hand-typed,
  printed form) and Q agree on it.
- Table 2-C (reduced), column by column:

  - AQL 1.0, 4.0 and 10: F, its arrows resolved here (D agrees at 1.0);
  - 2.5: the GB/T 2828.1-2012 grid of nanhaishiyounan/deepseek-harness ("D",
    printed form, read twice from the scan and checked against SQC Online);
  - 0.65, 1.5 and 6.5: Q's hand transcription of the GB/T 2828.1-2012 PDF,
    checked by two reviewers (another lineage than the data file's);
  - 15 to 1000 and 0.010 to 0.40: Q only, the data file's own source, for no
    other transcription of these columns was found. The tests check them by
    the rules of the table (Re = Ac + 1 throughout, arrows to the nearest
    plan) besides this fixture.

``PRINTED_COLUMNS`` keeps the columns of F and D as printed (arrows and
plans, rows A to R), compared with the data file's cells themselves. One
cell is left out ("?"): D reads an arrow up at row R, AQL 0.65 of Table 2-A,
where Q, both Z1.4 sources and the diagonal of the table have 21/22; D says
it leaves row R aside (reached at level III only).
"""

from . import ansi_z14_tables as z14

AQLS = z14.AQLS
LEVELS = z14.LEVELS
TABLE_1 = z14.TABLE_1
SAMPLE_SIZES = z14.SAMPLE_SIZES
REDUCED_SAMPLE_SIZES = z14.REDUCED_SAMPLE_SIZES


def _with_cell(row, aql, plan):
    tokens = row.split()
    tokens[AQLS.index(aql)] = plan
    return " ".join(tokens)


RESOLVED_NORMAL = dict(z14.RESOLVED_NORMAL)
RESOLVED_TIGHTENED = {
    **z14.RESOLVED_TIGHTENED,
    "A": _with_cell(z14.RESOLVED_TIGHTENED["A"], "10", "A0/1"),
}
RESOLVED_REDUCED = {
    "A": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 J0/1 H0/1 G0/1 F0/1 E0/1 D0/1 C0/1 B0/1 "
        "A0/1 D1/2 C1/2 A1/2 A2/3 A3/4 A5/6 A7/8 A10/11 A14/15 A21/22 A30/31"
    ),
    "B": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 J0/1 H0/1 G0/1 F0/1 E0/1 D0/1 C0/1 B0/1 "
        "A0/1 D1/2 C1/2 B1/2 B2/3 B3/4 B5/6 B7/8 B10/11 B14/15 B21/22 B30/31"
    ),
    "C": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 J0/1 H0/1 G0/1 F0/1 E0/1 D0/1 C0/1 B0/1 "
        "E1/2 D1/2 C1/2 C2/3 C3/4 C5/6 C6/7 C8/9 C10/11 C14/15 C21/22 B30/31"
    ),
    "D": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 J0/1 H0/1 G0/1 F0/1 E0/1 D0/1 C0/1 F1/2 "
        "E1/2 D1/2 D2/3 D3/4 D5/6 D6/7 D8/9 D10/11 D14/15 D21/22 C21/22 B30/31"
    ),
    "E": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 J0/1 H0/1 G0/1 F0/1 E0/1 D0/1 G1/2 F1/2 "
        "E1/2 E2/3 E3/4 E5/6 E6/7 E8/9 E10/11 E14/15 E21/22 D21/22 C21/22 "
        "B30/31"
    ),
    "F": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 J0/1 H0/1 G0/1 F0/1 E0/1 H1/2 G1/2 F1/2 "
        "F2/3 F3/4 F5/6 F6/7 F8/9 F10/11 E10/11 E14/15 E21/22 D21/22 C21/22 "
        "B30/31"
    ),
    "G": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 J0/1 H0/1 G0/1 F0/1 J1/2 H1/2 G1/2 G2/3 "
        "G3/4 G5/6 G6/7 G8/9 G10/11 F10/11 E10/11 E14/15 E21/22 D21/22 C21/22 "
        "B30/31"
    ),
    "H": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 J0/1 H0/1 G0/1 K1/2 J1/2 H1/2 H2/3 H3/4 "
        "H5/6 H6/7 H8/9 H10/11 G10/11 F10/11 E10/11 E14/15 E21/22 D21/22 "
        "C21/22 B30/31"
    ),
    "J": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 J0/1 H0/1 L1/2 K1/2 J1/2 J2/3 J3/4 J5/6 "
        "J6/7 J8/9 J10/11 H10/11 G10/11 F10/11 E10/11 E14/15 E21/22 D21/22 "
        "C21/22 B30/31"
    ),
    "K": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 J0/1 M1/2 L1/2 K1/2 K2/3 K3/4 K5/6 K6/7 "
        "K8/9 K10/11 J10/11 H10/11 G10/11 F10/11 E10/11 E14/15 E21/22 D21/22 "
        "C21/22 B30/31"
    ),
    "L": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 K0/1 N1/2 M1/2 L1/2 L2/3 L3/4 L5/6 L6/7 L8/9 "
        "L10/11 K10/11 J10/11 H10/11 G10/11 F10/11 E10/11 E14/15 E21/22 D21/22 "
        "C21/22 B30/31"
    ),
    "M": (
        "Q0/1 P0/1 N0/1 M0/1 L0/1 P1/2 N1/2 M1/2 M2/3 M3/4 M5/6 M6/7 M8/9 "
        "M10/11 L10/11 K10/11 J10/11 H10/11 G10/11 F10/11 E10/11 E14/15 E21/22 "
        "D21/22 C21/22 B30/31"
    ),
    "N": (
        "Q0/1 P0/1 N0/1 M0/1 Q1/2 P1/2 N1/2 N2/3 N3/4 N5/6 N6/7 N8/9 N10/11 "
        "M10/11 L10/11 K10/11 J10/11 H10/11 G10/11 F10/11 E10/11 E14/15 E21/22 "
        "D21/22 C21/22 B30/31"
    ),
    "P": (
        "Q0/1 P0/1 N0/1 R1/2 Q1/2 P1/2 P2/3 P3/4 P5/6 P6/7 P8/9 P10/11 N10/11 "
        "M10/11 L10/11 K10/11 J10/11 H10/11 G10/11 F10/11 E10/11 E14/15 E21/22 "
        "D21/22 C21/22 B30/31"
    ),
    "Q": (
        "Q0/1 P0/1 N0/1 R1/2 Q1/2 Q2/3 Q3/4 Q5/6 Q6/7 Q8/9 Q10/11 P10/11 "
        "N10/11 M10/11 L10/11 K10/11 J10/11 H10/11 G10/11 F10/11 E10/11 E14/15 "
        "E21/22 D21/22 C21/22 B30/31"
    ),
    "R": (
        "Q0/1 P0/1 N0/1 R1/2 R2/3 R3/4 R5/6 R6/7 R8/9 R10/11 Q10/11 P10/11 "
        "N10/11 M10/11 L10/11 K10/11 J10/11 H10/11 G10/11 F10/11 E10/11 E14/15 "
        "E21/22 D21/22 C21/22 B30/31"
    ),
}
PRINTED_COLUMNS = {
    ("F", "normal", "1.0"): (
        "down down down down 0/1 up down 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 up"
    ),
    ("F", "normal", "4.0"): (
        "down 0/1 up down 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 up up up up"
    ),
    ("F", "normal", "10"): (
        "down down 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 up up up up up up"
    ),
    ("F", "tightened", "1.0"): (
        "down down down down down 0/1 down down 1/2 2/3 3/4 5/6 8/9 12/13 18/19 up"
    ),
    ("F", "tightened", "4.0"): (
        "down down 0/1 down down 1/2 2/3 3/4 5/6 8/9 12/13 18/19 up up up up"
    ),
    ("F", "tightened", "10"): (
        "0/1 down down 1/2 2/3 3/4 5/6 8/9 12/13 18/19 up up up up up up"
    ),
    ("F", "reduced", "1.0"): (
        "down down down down 0/1 up down down 1/2 2/3 3/4 5/6 6/7 8/9 10/11 up"
    ),
    ("F", "reduced", "4.0"): (
        "down 0/1 up down down 1/2 2/3 3/4 5/6 6/7 8/9 10/11 up up up up"
    ),
    ("F", "reduced", "10"): (
        "down down down 1/2 2/3 3/4 5/6 6/7 8/9 10/11 up up up up up up"
    ),
    ("D", "normal", "0.65"): (
        "down down down down down 0/1 up down 1/2 2/3 3/4 5/6 7/8 10/11 14/15 ?"
    ),
    ("D", "normal", "1.0"): (
        "down down down down 0/1 up down 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 up"
    ),
    ("D", "normal", "1.5"): (
        "down down down 0/1 up down 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 up up"
    ),
    ("D", "normal", "2.5"): (
        "down down 0/1 up down 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 up up up"
    ),
    ("D", "normal", "4.0"): (
        "down 0/1 up down 1/2 2/3 3/4 5/6 7/8 10/11 14/15 21/22 up up up up"
    ),
    ("D", "tightened", "1.0"): (
        "down down down down down 0/1 down down 1/2 2/3 3/4 5/6 8/9 12/13 18/19 up"
    ),
    ("D", "tightened", "2.5"): (
        "down down down 0/1 down down 1/2 2/3 3/4 5/6 8/9 12/13 18/19 up up up"
    ),
    ("D", "reduced", "1.0"): (
        "down down down down 0/1 up down down 1/2 2/3 3/4 5/6 6/7 8/9 10/11 up"
    ),
    ("D", "reduced", "2.5"): (
        "down down 0/1 up down down 1/2 2/3 3/4 5/6 6/7 8/9 10/11 up up up"
    ),
}
