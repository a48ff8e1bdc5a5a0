"""pytest plugin (``-p pytest_no_skip``): with ``--fail-on-skip``, a run in
which a test is skipped fails, naming each skipped test and its reason.

A skipped test is a gap: the browser tours skip without Chromium, the PDF
tests without wkhtmltopdf, and the summary line alone ("1 skipped") is easy
to miss. ``scripts/test`` installs those tools (see scripts/lib.sh) and
passes the option unless told ``--allow-skips``.
"""

import pytest

_SKIPPED = []


def pytest_addoption(parser):
    parser.addoption(
        "--fail-on-skip",
        action="store_true",
        default=False,
        help="fail the run when a test is skipped (xfail aside)",
    )
    parser.addoption(
        "--allow-skip",
        action="append",
        default=[],
        metavar="NODEID",
        help="with --fail-on-skip: a test whose node id ends with NODEID may "
        "be skipped (a test its authors skip on purpose); repeatable",
    )


def pytest_configure(config):
    config.qps_allowed_skips = tuple(config.getoption("allow_skip"))


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _SKIPPED.append(report)


def _gaps(config):
    """The skipped tests that fail the run."""
    if not config.getoption("fail_on_skip"):
        return []
    allowed = config.qps_allowed_skips
    return [r for r in _SKIPPED if not (allowed and r.nodeid.endswith(allowed))]


def _reason(report):
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def pytest_sessionfinish(session, exitstatus):
    if _gaps(session.config) and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    gaps = _gaps(config)
    if not gaps:
        return
    terminalreporter.section("skipped tests fail this run", sep="=", red=True)
    for report in gaps:
        terminalreporter.write_line(f"SKIPPED {report.nodeid}: {_reason(report)}")
    terminalreporter.write_line(
        f"error: {len(gaps)} test(s) skipped. A skipped test is a gap: install "
        "what the reason names (scripts/test installs Chromium, wkhtmltopdf and "
        "a CJK font as root; see its notes above), or pass --allow-skips."
    )
