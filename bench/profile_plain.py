#!/usr/bin/env python3
# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where the add-on's cost goes on orders with no checkpoint.

Run it through ``bench/run --profile``, which creates the databases (``--db``:
the add-on installed; ``--plain-db``: mrp alone) and drops them afterwards.
The flows are those of bench_plain.py's "vs plain Odoo" rows, as a Manufacturing
user, on the same fixtures:

- **queries**: every statement of one run on each database, by shape (the
  SQL text with its placeholders); the statements the add-on adds or removes,
  and, for each added one, the add-on function that issued it (innermost
  frame of ``quality_progress_sync/`` on the stack, and the outermost one:
  the override Odoo called);
- **profile**: cProfile over ``--runs`` runs of each flow on each database:
  the add-on's functions by cumulative time, and the functions (of Odoo or of
  the add-on) whose own time grows the most with the add-on;
- **ablation**: the flow timed with one of the add-on's overrides replaced,
  in this process only, by a plain call to Odoo's method (the files are not
  changed): what each override costs, in queries and in time; the residue
  with every override removed is the cost of the add-on's fields (stored
  computes, their triggers, the wider rows).
"""

import argparse
import contextlib
import cProfile
import functools
import os
import pstats
import re
import statistics
import sys
import threading
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from bench_plain import build_plain

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

# Real paths: a file is the add-on's when it is in the add-on's folder, not
# when its path holds the add-on's name (Odoo's set-up lives in a folder so
# named, see scripts/setup_odoo.sh).
ADDON_DIR = os.path.realpath(Path(__file__).parent.parent / "quality_progress_sync")
ODOO_DIR = os.path.dirname(os.path.realpath(odoo.__file__))
# (folder, how the reports name it), the innermost first.
FOLDERS = (
    (ADDON_DIR + os.sep, "quality_progress_sync/"),
    (ODOO_DIR + os.sep, "odoo/"),
    (os.path.join(os.path.dirname(ODOO_DIR), "addons") + os.sep, "addons/"),
)


@functools.cache
def short_path(filename):
    """``filename`` relative to the add-on's, Odoo's or Odoo's addons'
    folder, prefixed with the folder's name; as it is otherwise."""
    path = os.path.realpath(filename)
    for folder, name in FOLDERS:
        if path.startswith(folder):
            return name + path[len(folder) :]
    return filename


def is_addon(filename):
    return short_path(filename).startswith(FOLDERS[0][1])


# ----------------------------------------------------------------------
# Query capture
# ----------------------------------------------------------------------


def shape(query):
    """A statement's shape: its text, placeholders kept, spaces folded."""
    if isinstance(query, bytes):
        query = query.decode()
    return re.sub(r"\s+", " ", query).strip()


def addon_frames():
    """(innermost, outermost) frames of the add-on on the current stack, as
    'file:line function', or (None, None)."""
    inner = outer = None
    for frame, lineno in traceback.walk_stack(sys._getframe(2)):
        filename = frame.f_code.co_filename
        if is_addon(filename):
            where = (
                f"{short_path(filename).split('/', 1)[1]}:{lineno}"
                f" {frame.f_code.co_qualname}"
            )
            inner = inner or where
            outer = where
    return inner, outer


@contextlib.contextmanager
def capture_queries():
    """Record (shape, innermost add-on frame, outermost add-on frame) of each
    statement run by this thread."""
    log = []

    def hook(cr, query, params, start, delay):
        log.append((shape(query), *addon_frames(), delay))

    thread = threading.current_thread()
    hooks = getattr(thread, "query_hooks", ())
    thread.query_hooks = (*hooks, hook)
    try:
        yield log
    finally:
        thread.query_hooks = hooks


def run_captured(runner, func):
    log = []

    def captured():
        with capture_queries() as entries:
            func()
            runner.env.flush_all()
        log.extend(entries)

    runner.run(captured)
    return log


def report_queries(name, plain_log, ours_log, out):
    plain = Counter(entry[0] for entry in plain_log)
    ours = Counter(entry[0] for entry in ours_log)
    added = ours - plain
    removed = plain - ours
    out(f"\n### {name}: queries\n")
    out(
        f"plain Odoo {len(plain_log)}, the add-on {len(ours_log)}"
        f" ({len(ours_log) - len(plain_log):+d}); statements of the add-on's run"
        f" not in plain Odoo's: {sum(added.values())}, the other way round:"
        f" {sum(removed.values())}.\n"
    )
    by_issuer = defaultdict(Counter)
    seen = Counter()
    for query, inner, outer, __ in ours_log:
        if seen[query] < plain[query]:
            seen[query] += 1  # a statement plain Odoo runs too
            continue
        by_issuer[(inner or "(Odoo, no add-on frame)", outer or "")][query] += 1
    out("Added statements by the add-on function that issued them:\n")
    out("| queries | innermost add-on frame | entered through | statements |")
    out("|--:|---|---|---|")
    for (inner, outer), queries in sorted(
        by_issuer.items(), key=lambda item: -sum(item[1].values())
    ):
        statements = "<br>".join(
            f"{count} x `{query[:150]}`" for query, count in queries.most_common(4)
        )
        out(
            f"| {sum(queries.values())} | {inner} |"
            f" {outer if outer != inner else ''} | {statements} |"
        )
    if removed:
        out("\nStatements of plain Odoo's run not in the add-on's:\n")
        for query, count in removed.most_common(10):
            out(f"- {count} x `{query[:160]}`")


# ----------------------------------------------------------------------
# cProfile
# ----------------------------------------------------------------------


def profile(runner, func, runs):
    profiler = cProfile.Profile()

    def profiled():
        profiler.enable()
        try:
            func()
            runner.env.flush_all()
        finally:
            profiler.disable()

    for __ in range(runs):
        runner.run(profiled)
    return pstats.Stats(profiler)


def label(key):
    filename, lineno, function = key
    return f"{short_path(filename)}:{lineno} {function}"


def report_profile(name, plain_stats, ours_stats, runs, out, top=20):
    out(f"\n### {name}: profile (cProfile, {runs} runs each, ms per run)\n")
    plain_total = plain_stats.total_tt / runs * 1000
    ours_total = ours_stats.total_tt / runs * 1000
    out(
        f"Total under the profiler: plain Odoo {plain_total:.1f} ms, the add-on"
        f" {ours_total:.1f} ms ({ours_total - plain_total:+.1f} ms).\n"
    )
    addon = [
        (key, value)
        for key, value in ours_stats.stats.items()
        if is_addon(key[0]) and "/tests/" not in short_path(key[0])
    ]
    out("The add-on's functions by cumulative time (calls per run):\n")
    out("| cumulative ms | % of the run | own ms | calls | function |")
    out("|--:|--:|--:|--:|---|")
    for key, (__, nc, tt, ct, ___) in sorted(addon, key=lambda kv: -kv[1][3])[:top]:
        out(
            f"| {ct / runs * 1000:.1f} | {100 * ct / ours_stats.total_tt:.1f} |"
            f" {tt / runs * 1000:.2f} | {nc / runs:g} | {label(key)} |"
        )
    diffs = []
    for key in set(plain_stats.stats) | set(ours_stats.stats):
        ours_tt = ours_stats.stats.get(key, (0, 0, 0, 0))[2]
        plain_tt = plain_stats.stats.get(key, (0, 0, 0, 0))[2]
        ours_nc = ours_stats.stats.get(key, (0, 0, 0, 0))[1]
        plain_nc = plain_stats.stats.get(key, (0, 0, 0, 0))[1]
        diffs.append((ours_tt - plain_tt, key, plain_nc, ours_nc))
    out("\nOwn time that grows the most with the add-on (all code):\n")
    out("| +own ms | calls plain → add-on | function |")
    out("|--:|--:|---|")
    for delta, key, plain_nc, ours_nc in sorted(diffs, key=lambda d: -d[0])[:top]:
        out(
            f"| {delta / runs * 1000:+.2f} | {plain_nc / runs:g} →"
            f" {ours_nc / runs:g} | {label(key)} |"
        )


# ----------------------------------------------------------------------
# Ablation: one override replaced by a plain call to Odoo's method
# ----------------------------------------------------------------------


def addon_class(module, name):
    return getattr(
        __import__(
            f"odoo.addons.quality_progress_sync.models.{module}", fromlist=[name]
        ),
        name,
    )


def passthrough(cls, method):
    """Replace ``cls.method`` by a call to the next class's method."""

    def through(self, *args, **kwargs):
        return getattr(super(cls, self), method)(*args, **kwargs)

    return through


def noop(*args, **kwargs):
    return True


ABLATIONS = [
    # (label, [(module, class, method, replacement or None = passthrough)])
    (
        "mrp.workorder.write (protected fields, start rules, gate, committed "
        "finish, cancel)",
        [("mrp_workorder", "MrpWorkorder", "write", None)],
    ),
    (
        "  of which mrp.workorder._check_quality_write (start rules + gate on "
        "a state write)",
        [("mrp_workorder_gate", "MrpWorkorder", "_check_quality_write", noop)],
    ),
    (
        "  of which mrp.workorder._get_committed_finishes",
        [
            (
                "mrp_workorder",
                "MrpWorkorder",
                "_get_committed_finishes",
                lambda self, vals: {},
            )
        ],
    ),
    (
        "mrp.workorder.create (protected fields)",
        [("mrp_workorder", "MrpWorkorder", "create", None)],
    ),
    (
        "mrp.workorder._action_confirm (inspection generation)",
        [("mrp_workorder", "MrpWorkorder", "_action_confirm", None)],
    ),
    (
        "mrp.workorder.button_start (hold, start rules, operator, generation)",
        [("mrp_workorder", "MrpWorkorder", "button_start", None)],
    ),
    (
        "mrp.workorder.button_finish (gate, operator)",
        [("mrp_workorder", "MrpWorkorder", "button_finish", None)],
    ),
    (
        "mrp.production.button_mark_done (gate of the order, read once)",
        [("mrp_production", "MrpProduction", "button_mark_done", None)],
    ),
    (
        "mrp.production.pre_button_mark_done (gate of the order)",
        [("mrp_production", "MrpProduction", "pre_button_mark_done", None)],
    ),
    (
        "mrp.production.write (gate on Done, patrols on qty_producing)",
        [("mrp_production", "MrpProduction", "write", None)],
    ),
    (
        "stock.move.write (gate of the order on moves set done)",
        [("stock_move", "StockMove", "write", None)],
    ),
    (
        "mrp.workcenter.productivity create + write (quality hold, operators)",
        [
            (
                "mrp_workcenter_productivity",
                "MrpWorkcenterProductivity",
                "create",
                None,
            ),
            (
                "mrp_workcenter_productivity",
                "MrpWorkcenterProductivity",
                "write",
                None,
            ),
        ],
    ),
]
ALL_LABEL = "every override above at once (the residue is the fields' cost)"


def constant(**values):
    """A compute method that sets constants: the ORM's work for the field
    stays (triggers, recomputation, columns written), the method's own goes."""

    def compute(self):
        for record in self:
            for name, value in values.items():
                record[name] = value

    return compute


COMPUTE_ABLATIONS = [
    (
        "compute methods of the stored fields (constants instead; the ORM's "
        "work for them stays)",
        [
            (
                "mrp_workorder",
                "MrpWorkorder",
                "_compute_inspection_summary",
                constant(
                    inspection_todo_count=0,
                    inspection_pass_count=0,
                    inspection_fail_count=0,
                    quality_blocked=False,
                    inspection_state="none",
                ),
            ),
            (
                "mrp_workorder",
                "MrpWorkorder",
                "_compute_progress_percent",
                constant(progress_percent=0.0),
            ),
            (
                "mrp_workorder",
                "MrpWorkorder",
                "_compute_first_pass",
                constant(first_pass=False),
            ),
            (
                "mrp_workorder",
                "MrpWorkorder",
                "_compute_finished_on_time",
                constant(finished_on_time=False),
            ),
        ],
    ),
]


@contextlib.contextmanager
def ablated(patches):
    saved = []
    try:
        for module, name, method, replacement in patches:
            cls = addon_class(module, name)
            saved.append((cls, method, cls.__dict__[method]))
            if replacement is None:
                replacement = passthrough(cls, method)
                # keep the ORM decorators that matter (model_create_multi)
                original = cls.__dict__[method]
                for attr in ("_api", "_returns"):
                    if hasattr(original, attr):
                        setattr(replacement, attr, getattr(original, attr))
            setattr(cls, method, replacement)
        yield
    finally:
        for cls, method, original in reversed(saved):
            setattr(cls, method, original)


def time_runs(variants, rounds):
    """Run (name, runner, context, func) variants interleaved, ``rounds``
    times: {name: (queries, median s, [seconds of each round])}."""
    times = defaultdict(list)
    counts = defaultdict(list)
    for rep in range(rounds):
        shift = rep % len(variants)
        for name, runner, context, func in variants[shift:] + variants[:shift]:
            with context():
                queries, seconds = runner.run(func)
            times[name].append(seconds)
            counts[name].append(queries)
    return {
        name: (statistics.mode(counts[name]), statistics.median(times[name]), times)
        for name, __, __, __ in variants
    }


def median_ratio(times, name, base):
    return statistics.median(
        t / b for t, b in zip(times[name], times[base], strict=True)
    )


def report_ablation(name, runner, plain_runner, plain_func, func, rounds, out):
    out(f"\n### {name}: ablation ({rounds} interleaved rounds)\n")
    out(
        "Each line removes one override (a plain call to Odoo's method instead)"
        " in this process: what the add-on saves without it. Plain Odoo runs"
        " in the same rounds; ratios are medians of the ratios within a"
        " round.\n"
    )
    every = [patch for __, patches in ABLATIONS for patch in patches]
    every = [patch for patch in every if patch[3] is None]
    variants = [
        ("plain Odoo", plain_runner, contextlib.nullcontext, plain_func),
        ("the add-on", runner, contextlib.nullcontext, func),
        *(
            (label_, runner, (lambda p=patches: ablated(p)), func)
            for label_, patches in ABLATIONS
        ),
        (ALL_LABEL, runner, lambda: ablated(every), func),
        *(
            (label_, runner, (lambda p=patches: ablated(p)), func)
            for label_, patches in COMPUTE_ABLATIONS
        ),
    ]
    for __, runner_, context, func_ in variants:  # warm-up
        with context():
            runner_.run(func_)
    result = time_runs(variants, rounds)
    times = result["plain Odoo"][2]
    plain_q, plain_s, __ = result["plain Odoo"]
    ours_q, ours_s, __ = result["the add-on"]
    out(
        f"plain Odoo {plain_q} queries, {plain_s * 1000:.1f} ms; the add-on"
        f" {ours_q} queries, {ours_s * 1000:.1f} ms"
        f" ({median_ratio(times, 'the add-on', 'plain Odoo'):.2f}x).\n"
    )
    out("| override removed | queries saved | time saved | then vs plain Odoo |")
    out("|---|--:|--:|--:|")
    for label_, (queries, __, __) in result.items():
        if label_ in ("plain Odoo", "the add-on"):
            continue
        saved = 1 - median_ratio(times, label_, "the add-on")
        out(
            f"| {label_} | {ours_q - queries} | {100 * saved:.1f}% |"
            f" {median_ratio(times, label_, 'plain Odoo'):.2f}x |"
        )


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------


def flows(fx):
    """The flows of bench_plain.py's "vs plain Odoo" rows, on ``fx``'s database."""
    env = fx["operator_env"]
    bom = fx["plain_bom"].with_env(env)
    workorder = fx["plain_workorder"].with_env(env)
    kanban_env = env(context=dict(env.context, bin_size=True))
    domain = [("product_id", "=", fx["plain_kanban_product"].id)]

    def order():
        production = common.create_mos(env, bom)
        production.action_confirm()
        production.button_mark_done()
        assert production.state == "done", production.state

    def start_finish():
        workorder.button_start()
        workorder.button_finish()
        assert workorder.state == "done", workorder.state

    def kanban():
        kanban_env["mrp.workorder"].web_search_read(
            domain, common.ODOO_KANBAN_SPEC, limit=200
        )

    return {"order": order, "workorder": start_finish, "kanban": kanban}


FLOW_NAMES = {
    "order": "create, confirm, Mark as Done MO of 20 WOs",
    "workorder": "start + finish 1 WO",
    "kanban": "kanban of 200 WOs, Odoo's kanban fields",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="database with the add-on")
    parser.add_argument("--plain-db", required=True, help="database with mrp alone")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db_host")
    parser.add_argument("--db_port")
    parser.add_argument("--runs", type=int, default=5, help="profiled runs")
    parser.add_argument("--rounds", type=int, default=9, help="ablation rounds")
    parser.add_argument("--flows", default="order,workorder,kanban")
    parser.add_argument(
        "--skip", default="", help="comma-separated: queries,profile,ablation"
    )
    parser.add_argument("--output", help="also write the report (markdown) here")
    args = parser.parse_args()
    options = [f"--addons-path={args.addons_path}", "--log-level=warn"]
    options += [f"--db_host={args.db_host}"] if args.db_host else []
    options += [f"--db_port={args.db_port}"] if args.db_port else []
    odoo.tools.config.parse_config(options, setup_logging=True)
    skip = set(args.skip.split(","))

    lines = []

    def out(text=""):
        print(text, flush=True)
        lines.append(text)

    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        cr = stack.enter_context(Registry(args.db).cursor())
        plain_cr = stack.enter_context(Registry(args.plain_db).cursor())
        out(f"Machine: {common.machine_info(cr)}.")
        fx = common.build_base(api.Environment(cr, SUPERUSER_ID, {}))
        plain_fx = common.build_base(api.Environment(plain_cr, SUPERUSER_ID, {}))
        build_plain(plain_fx)
        build_plain(fx)
        runner = common.Runner(fx["env"], 1)
        plain_runner = common.Runner(plain_fx["env"], 1)
        ours_flows, plain_flows = flows(fx), flows(plain_fx)
        for flow in args.flows.split(","):
            name = FLOW_NAMES[flow]
            func, plain_func = ours_flows[flow], plain_flows[flow]
            common.log(name)
            runner.run(func)  # warm-up
            plain_runner.run(plain_func)
            if "queries" not in skip:
                report_queries(
                    name,
                    run_captured(plain_runner, plain_func),
                    run_captured(runner, func),
                    out,
                )
            if "profile" not in skip:
                report_profile(
                    name,
                    profile(plain_runner, plain_func, args.runs),
                    profile(runner, func, args.runs),
                    args.runs,
                    out,
                )
            if "ablation" not in skip and flow != "kanban":
                report_ablation(
                    name, runner, plain_runner, plain_func, func, args.rounds, out
                )
        cr.rollback()
        plain_cr.rollback()
    out(f"\nProfile time {time.perf_counter() - started:.0f} s.")
    if args.output:
        Path(args.output).write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
