#!/usr/bin/env bash
# Test the Odoo set-up of scripts/setup_odoo.sh on a tiny fake Odoo 18.0 tree
# (no real pip install: its requirements.txt is empty), in a temporary cache:
# an unfinished set-up is noticed, wiped and done again; a failed step says
# which and leaves no marker; a complete set-up is reused, a broken one redone;
# the git path, the pip constraints and ODOO_SRC's check. Under a minute (3 virtualenvs).
# Also: the missing tools (Chromium, wkhtmltopdf, a CJK font) are named; a
# skipped test fails the test run (tools/pytest_no_skip.py).
# Usage: scripts/test_setup.sh   (KEEP=1 keeps its temporary folder and logs;
#        TEST_PYTHON: a Python with pytest, default python3)
# Commands in single quotes are run by an inner bash, which expands them.
# shellcheck disable=SC2016
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
TMP=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
PASSED=0
FAILED=0

ok() {
    PASSED=$((PASSED + 1))
    echo "ok: $1"
}
not_ok() {
    FAILED=$((FAILED + 1))
    echo "FAILED: $1"
    [ -z "${2:-}" ] || sed 's/^/    | /' "$2"
}
# check NAME LOG COMMAND...: the command succeeds (LOG is shown if it fails).
check() {
    local name="$1" log="$2"
    shift 2
    if "$@"; then ok "$name"; else not_ok "$name" "$log"; fi
}

# A fake Odoo 18.0 tree: enough for odoo_tree_ok, "python -m odoo --version"
# and find_odoo's core addons.
make_tree() {
    local dir="$1"
    mkdir -p "$dir/odoo" "$dir/addons/mrp"
    echo "version_info = (18, 0, 0, 'final', 0, '')" >"$dir/odoo/release.py"
    echo "version = '18.0'" >>"$dir/odoo/release.py"
    : >"$dir/odoo/__init__.py"
    echo "print('Odoo Server 18.0 (fake)')" >"$dir/odoo/__main__.py"
    echo "{'name': 'mrp'}" >"$dir/addons/mrp/__manifest__.py"
    echo "#!/usr/bin/env python3" >"$dir/odoo-bin"
    echo "# no requirement" >"$dir/requirements.txt"
}
make_tree "$TMP/odoo-src"
mkdir -p "$TMP/repo"
echo "# no requirement" >"$TMP/repo/requirements.txt"

# in_scripts NAME COMMANDS: run COMMANDS in a bash that sourced lib.sh, with
# the temporary cache and the fake add-on repository; output in $TMP/NAME.log.
in_scripts() {
    local name="$1"
    shift
    XDG_CACHE_HOME="$TMP/cache" ODOO_SRC="${ODOO_SRC_TEST-$TMP/odoo-src}" \
        bash -c "source '$HERE/lib.sh'; REPO_ROOT='$TMP/repo'; $*" \
        >"$TMP/$name.log" 2>&1
}
CACHE="$TMP/cache/quality_progress_sync/odoo-18.0"

# 1. A cache without its marker (an unfinished set-up) is seen as such.
mkdir -p "$CACHE/src/odoo" "$CACHE/venv/bin"
touch "$CACHE/src/leftover" "$CACHE/venv/bin/python"
in_scripts state 'odoo_cache_state'
check "a cache without its marker is seen as unfinished" "$TMP/state.log" \
    grep -qx incomplete "$TMP/state.log"

# 2. A failing step says which and how to retry, and leaves no marker.
echo "this is not a requirement ===" >"$TMP/odoo-src/requirements.txt"
if in_scripts fail 'ensure_odoo_cache'; then
    not_ok "a failing pip step fails the set-up" "$TMP/fail.log"
else
    check "the unfinished cache of 1. is wiped first" "$TMP/fail.log" \
        bash -c "grep -q 'unfinished Odoo set-up' '$TMP/fail.log' \
            && [ ! -e '$CACHE/src/leftover' ]"
    check "a failing step is named, with how to retry" "$TMP/fail.log" \
        bash -c "grep -q \"failed at step 4/6 (Odoo's requirements.txt)\" '$TMP/fail.log' \
            && grep -q 'run the same command again' '$TMP/fail.log'"
    check "a failed set-up leaves no marker" "$TMP/fail.log" \
        bash -c "[ -d '$CACHE/venv' ] && [ ! -e '$CACHE/.setup-complete' ]"
fi

# 3. The next run notices the unfinished set-up, wipes it and does it again.
echo "# no requirement" >"$TMP/odoo-src/requirements.txt"
touch "$CACHE/venv/leftover"
in_scripts retry 'ensure_odoo_cache && odoo_info "$ODOO_PY"'
check "the next run notices the unfinished set-up and wipes it" "$TMP/retry.log" \
    bash -c "grep -q 'unfinished Odoo set-up' '$TMP/retry.log' \
        && [ ! -e '$CACHE/venv/leftover' ]"
check "the redone set-up is complete and its Python imports Odoo 18.0" "$TMP/retry.log" \
    bash -c "[ -f '$CACHE/.setup-complete' ] && grep -qx 18.0 '$TMP/retry.log'"

# 4. A complete set-up is reused as it is (no step runs again).
before=$(stat -c %Y.%s "$CACHE/.setup-complete")
in_scripts reuse 'ensure_odoo_cache && echo "python: $ODOO_PY"'
check "a complete set-up is reused without a step" "$TMP/reuse.log" \
    bash -c "! grep -q 'set-up, step' '$TMP/reuse.log' \
        && grep -qx 'python: $CACHE/venv/bin/python' '$TMP/reuse.log' \
        && [ '$before' = \"\$(stat -c %Y.%s '$CACHE/.setup-complete')\" ]"

# 5. A finished set-up that no longer imports Odoo is done again; without
# ODOO_SRC, the source is a shallow clone of branch 18.0 of ODOO_GIT.
rm "$CACHE/src/odoo/__init__.py"
git -C "$TMP/odoo-src" init -q -b 18.0 \
    && git -C "$TMP/odoo-src" add -A \
    && git -C "$TMP/odoo-src" -c user.name=t -c user.email=t@t commit -qm fake
ODOO_SRC_TEST="" in_scripts clone "ODOO_GIT='file://$TMP/odoo-src' ensure_odoo_cache"
check "a set-up that no longer imports Odoo is done again" "$TMP/clone.log" \
    grep -q "no longer imports Odoo: doing it again" "$TMP/clone.log"
check "without ODOO_SRC, a shallow clone of branch 18.0 of ODOO_GIT" "$TMP/clone.log" \
    bash -c "[ -f '$CACHE/.setup-complete' ] \
        && [ \"\$(git -C '$CACHE/src' rev-parse --abbrev-ref HEAD)\" = 18.0 ] \
        && [ -f '$CACHE/src/.git/shallow' ]"

# 6. ODOO_SRC must hold an Odoo 18.0 tree.
mkdir -p "$TMP/not-odoo/odoo"
in_scripts tree "odoo_tree_ok '$TMP/not-odoo'"
check "ODOO_SRC without addons/ is refused, naming what lacks" "$TMP/tree.log" \
    grep -q "has no addons/ odoo-bin requirements.txt" "$TMP/tree.log"
sed -i 's/(18, 0,/(17, 0,/' "$TMP/odoo-src/odoo/release.py"
in_scripts tree17 "odoo_tree_ok '$TMP/odoo-src'"
check "an Odoo 17.0 tree is refused" "$TMP/tree17.log" \
    grep -q "is not Odoo 18.0" "$TMP/tree17.log"

# 7. PIP_CONSTRAINT keeps the constraint files pip already has.
echo "x<1" >"$TMP/mine.txt"
PIP_CONSTRAINT="$TMP/mine.txt" in_scripts constraints \
    "odoo_pip_constraints python3 '$TMP/ours.txt'"
check "PIP_CONSTRAINT lists the existing constraint files, then setuptools<81's" \
    "$TMP/constraints.log" grep -Eqx "$TMP/mine.txt( .*)? $TMP/ours.txt" "$TMP/constraints.log"
PIP_CONSTRAINT="$TMP/mine.txt" in_scripts constraints_space \
    "odoo_pip_constraints python3 '$TMP/a cache/ours.txt'"
check "a constraint file whose path holds a space is given as a file: URL" \
    "$TMP/constraints_space.log" grep -Eq " file://$TMP/a%20cache/ours.txt\$" \
    "$TMP/constraints_space.log"
if [ -f /etc/xdg/pip/pip.conf ] && grep -q constraint /etc/xdg/pip/pip.conf; then
    in_scripts constraints_conf "odoo_pip_constraints python3 '$TMP/ours.txt'"
    check "PIP_CONSTRAINT includes pip.conf's constraint files" "$TMP/constraints_conf.log" \
        bash -c "grep -q '/etc/xdg/pip/constraints.txt .*$TMP/ours.txt' \
            '$TMP/constraints_conf.log'"
fi

# 8. The tools of the browser tours and the PDF tests: named when they
# cannot be installed (apt_install fails here: no apt-get, not root).
in_scripts tools 'apt_install() { return 1; }; PATH=/nonexistent
    ensure_tools "the tours are skipped" chromium wkhtmltopdf fonts-noto-cjk
    echo "rc=$?"'
check "missing tools are named with the apt-get command, and fail" "$TMP/tools.log" \
    bash -c "grep -q 'chromium wkhtmltopdf fonts-noto-cjk missing: the tours are skipped' \
        '$TMP/tools.log' && grep -q 'apt-get install chromium wkhtmltopdf fonts-noto-cjk' \
        '$TMP/tools.log' && grep -qx 'rc=1' '$TMP/tools.log'"

# 9. A skipped test fails scripts/test's pytest run (tools/pytest_no_skip.py),
# naming it and its reason, unless allowed. TEST_PYTHON: a Python with pytest.
PYTEST_PY="${TEST_PYTHON:-python3}"
if "$PYTEST_PY" -c "import pytest" 2>/dev/null; then
    mkdir -p "$TMP/skips"
    cat >"$TMP/skips/test_skips.py" <<'PY'
import unittest


def test_passes():
    pass


class TestTour(unittest.TestCase):
    def test_tour(self):
        raise unittest.SkipTest("Chrome executable not found")
PY
    run_pytest() {
        (cd "$TMP/skips" && PYTHONPATH="$HERE/../tools" "$PYTEST_PY" -m pytest \
            -p no:cacheprovider -p no:odoo -p pytest_no_skip -q "$@" test_skips.py)
    }
    if run_pytest --fail-on-skip >"$TMP/skips.log" 2>&1; then
        not_ok "a skipped test fails the run" "$TMP/skips.log"
    else
        check "a skipped test fails the run, named with its reason" "$TMP/skips.log" \
            grep -q "SKIPPED test_skips.py::TestTour::test_tour: Chrome executable not found" \
            "$TMP/skips.log"
    fi
    if run_pytest --fail-on-skip --allow-skip=TestTour::test_tour \
        >"$TMP/skips-allowed.log" 2>&1; then
        ok "a test skipped on purpose can be allowed"
    else
        not_ok "a test skipped on purpose can be allowed" "$TMP/skips-allowed.log"
    fi
else
    not_ok "$PYTEST_PY has no pytest: set TEST_PYTHON to a Python with pytest"
fi

echo "test_setup: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
