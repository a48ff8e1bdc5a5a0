# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The load test's report: throughput and its ratio to plain Odoo, latency
per call, errors by kind, the invariants and the verdict, in markdown.
"""

import contextlib
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def machine_info(pg, db):
    cpu = memory = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    version = pg.query(db, "SHOW server_version")[0][0]
    return (
        f"{os.cpu_count()} CPUs (nproc), {memory} RAM, {cpu}; PostgreSQL"
        f" {version}; Python {sys.version.split()[0]}"
    )


def report(phases, args, info, load, started):
    servers = (
        "Two Odoo servers on both databases (see below)"
        if args.two_servers
        else "One Odoo per database"
    )
    lines = [
        f"Machine: {info}. {servers}, --workers={args.workers},"
        f" crons off; clients on the same machine. Load average at start:"
        f" {load}. Orders of"
        f" {args.operations} work orders, {args.orders_per_client} per client"
        f" and phase; phases bounded at {args.phase_seconds:g} s;"
        f" {args.rounds} round(s) of the gate-only phases,"
        f" {'one after the other' if args.alternate else 'side by side'};"
        f" total {time.monotonic() - started:.0f} s.",
        "",
        "| clients | flow | database | round | WOs done | s (all busy) | WOs/s |"
        " ratio to plain | intended refusals | unintended errors |"
        " concurrency retries | work-center row writes: Odoo's / add-on's |",
        "|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    ratios = defaultdict(list)
    by_key = {(p.flow, p.clients, p.round, p.site.name): p for p in phases}
    for phase in phases:
        plain = by_key.get((phase.flow, phase.clients, phase.round, "plain"))
        ratio = ""
        if phase.site.name == "add-on" and plain and plain.rate:
            value = phase.rate / plain.rate
            ratios[(phase.flow, phase.clients)].append(value)
            ratio = f"{value:.2f}x"
        intended = sum(n for (__, ok), n in phase.recorder.errors.items() if ok)
        unintended = sum(n for (__, ok), n in phase.recorder.errors.items() if not ok)
        writes = phase.workcenter_writes
        theirs = writes["Odoo's working_state"]
        ours = writes["the add-on's alert or hold"]
        other = writes["other"]
        lines.append(
            f"| {phase.clients} | {phase.flow}"
            f"{f' ({phase.note})' if phase.note else ''} | {phase.site.name}"
            f" | {phase.round}"
            f" | {phase.done} | {phase.wall:.1f} ({phase.busy:.1f}) | {phase.rate:.2f}"
            f" | {ratio} | {intended} | {unintended} | {phase.retries}"
            f" | {theirs} / {ours}{f' (+{other} other)' if other else ''} |"
        )
    lines += ["", "Throughput of the add-on against plain Odoo (median of rounds):", ""]
    lines += [
        "| clients | flow | ratio (rounds) | target |",
        "|--:|---|--:|---|",
    ]
    verdicts = []
    for (flow, clients), values in sorted(ratios.items(), key=lambda kv: kv[0][1]):
        median = statistics.median(values)
        target = ""
        if flow == "gate-only" and clients == 16:
            ok = median >= 0.9
            target = f"≥ 0.90x: {'ok' if ok else 'MISSED'}"
            verdicts.append(ok)
        rounds = ", ".join(f"{value:.2f}" for value in values)
        lines.append(f"| {clients} | {flow} | {median:.3f}x ({rounds}) | {target} |")

    lines += [
        "",
        "Latency per call (ms):",
        "",
        "| clients | flow | database | call | calls | p50 | p95 |",
        "|--:|---|---|---|--:|--:|--:|",
    ]
    merged = defaultdict(list)
    for phase in phases:
        for key, values in phase.recorder.latencies.items():
            merged[(phase.clients, phase.flow, phase.site.name, key)] += values
    for (clients, flow, site, key), values in sorted(merged.items()):
        lines.append(
            f"| {clients} | {flow} | {site} | {key} | {len(values)}"
            f" | {percentile(values, 0.5) * 1000:.0f}"
            f" | {percentile(values, 0.95) * 1000:.0f} |"
        )

    errors = Counter()
    for phase in phases:
        for (kind, intended), n in phase.recorder.errors.items():
            errors[(phase.flow, phase.site.name, kind, intended)] += n
    lines += ["", "Errors by kind (all rounds and client counts):", ""]
    if errors:
        lines += [
            "| flow | database | kind | intended | count |",
            "|---|---|---|---|--:|",
        ]
        for (flow, site, kind, intended), n in sorted(errors.items()):
            lines.append(
                f"| {flow} | {site} | {kind} | {'yes' if intended else 'NO'} | {n} |"
            )
    else:
        lines.append("none")
    unintended_total = sum(n for key, n in errors.items() if not key[3])

    violations = Counter()
    for phase in phases:
        for check, n in phase.invariants.items():
            violations[(check, phase.site.name)] += n
    lines += [
        "",
        "Invariants, checked in SQL after each phase (violations, all phases):",
        "",
        "| check | database | violations |",
        "|---|---|--:|",
    ]
    for (check, site), n in violations.items():
        lines.append(f"| {check} | {site} | {n} |")
    not_started = sum(len(p.not_started) for p in phases)
    in_hand = sum(len(p.in_hand) for p in phases)
    total_violations = sum(violations.values())
    lines += [
        "",
        f"Orders not started by the phase deadline: {not_started}; in hand"
        f" at the deadline (left as they were): {in_hand}.",
        f"Verdict: gate-only throughput at 16 clients"
        f" {'ok' if all(verdicts) and verdicts else 'MISSED or not run'};"
        f" invariant violations {total_violations}; unintended errors"
        f" {unintended_total}.",
    ]
    passed = bool(verdicts) and all(verdicts)
    return "\n".join(lines), (passed and not total_violations and not unintended_total)
