#!/usr/bin/env bash
# Sourced by scripts/lib.sh, not run. Sets Odoo 18.0 up once per machine in a
# cache shared by every clone of this repository:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/quality_progress_sync/odoo-18.0/
#     src/             Odoo's source: a copy of $ODOO_SRC, or a shallow clone
#                      of the 18.0 branch of $ODOO_GIT
#     venv/            a virtualenv with Odoo's and the add-on's requirements,
#                      and src/ on its path (odoo-src.pth)
#     .setup-complete  written last, only when every step succeeded
# A cache without .setup-complete is an unfinished set-up: it is wiped and
# done again, never used. One set-up at a time (flock on odoo-18.0.lock).

# "A && B || fail" below fails on A or B alike; ODOO_PY is for find_odoo.
# shellcheck disable=SC2015,SC2034
ODOO_SERIES=18.0
ODOO_GIT_DEFAULT=https://github.com/odoo/odoo.git
SETUP_STEPS=6

# odoo_cache_paths: ODOO_CACHE, its marker and its Python, from the
# environment of the moment (XDG_CACHE_HOME, HOME).
odoo_cache_paths() {
    ODOO_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/quality_progress_sync/odoo-$ODOO_SERIES"
    ODOO_CACHE_MARKER="$ODOO_CACHE/.setup-complete"
    ODOO_CACHE_PY="$ODOO_CACHE/venv/bin/python"
}

# odoo_cache_state: prints "complete", "absent" (nothing there) or
# "incomplete" (something there, but no marker: a set-up that did not finish).
odoo_cache_state() {
    odoo_cache_paths
    if [ -f "$ODOO_CACHE_MARKER" ] && [ -x "$ODOO_CACHE_PY" ] \
        && [ -f "$ODOO_CACHE/src/odoo/release.py" ]; then
        echo complete
    elif [ -d "$ODOO_CACHE" ] && [ -n "$(ls -A "$ODOO_CACHE" 2>/dev/null)" ]; then
        echo incomplete
    else
        echo absent
    fi
}

# odoo_tree_ok DIR: DIR holds an Odoo 18.0 source tree; else says why (stderr).
odoo_tree_ok() {
    local dir="$1" missing=() item
    [ -d "$dir" ] || { echo "$dir is not a directory" >&2; return 1; }
    for item in odoo/ addons/ odoo-bin requirements.txt; do
        case "$item" in
            */) [ -d "$dir/$item" ] || missing+=("$item") ;;
            *) [ -f "$dir/$item" ] || missing+=("$item") ;;
        esac
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "$dir has no ${missing[*]}" >&2
        return 1
    fi
    grep -Eq "^version_info = \(${ODOO_SERIES%%.*}, ${ODOO_SERIES#*.}," \
        "$dir/odoo/release.py" 2>/dev/null || {
        echo "$dir is not Odoo $ODOO_SERIES (see its odoo/release.py)" >&2
        return 1
    }
}

# odoo_base_python: a Python 3.10-3.12 to create the virtualenv from.
odoo_base_python() {
    local candidate
    for candidate in python3 python3.12 python3.11 python3.10; do
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' \
            2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

# odoo_pip_constraints PY FILE: the space-separated PIP_CONSTRAINT list for
# pip: the constraint files pip already uses (PIP_CONSTRAINT, pip.conf: a
# PIP_CONSTRAINT set here replaces those) followed by FILE, as a file: URL
# when its path holds a space (pip splits the list on spaces).
odoo_pip_constraints() {
    local py="$1" file="$2"
    "$py" -m pip config list 2>/dev/null | "$py" -c '
import ast
import pathlib
import sys

files = []
for line in sys.stdin:
    key, sep, value = line.rstrip("\n").partition("=")
    if not sep or key.rsplit(".", 1)[-1] != "constraint":
        continue
    try:
        value = ast.literal_eval(value)
    except (SyntaxError, ValueError):
        pass
    files += [f for f in str(value).split() if f not in files]
for path in sys.argv[1:]:
    if any(c.isspace() for c in path):
        path = pathlib.Path(path).absolute().as_uri()
    files += [path] if path not in files else []
print(" ".join(files))
' "$file"
}

# odoo_missing_packages PY CLONE: the Debian packages missing to create the
# virtualenv with PY and build Odoo's requirements (psycopg2, python-ldap),
# and git when CLONE is 1.
odoo_missing_packages() {
    local py="$1" clone="$2" version missing=() header
    version=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    "$py" -c "import ensurepip, venv" 2>/dev/null || missing+=("python$version-venv")
    if ! command -v cc >/dev/null 2>&1; then
        missing+=(build-essential)
    fi
    "$py" -c 'import os, sys, sysconfig
sys.exit(not os.path.isfile(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
        || missing+=("python$version-dev")
    for header in ldap.h:libldap2-dev sasl/sasl.h:libsasl2-dev; do
        if command -v cc >/dev/null 2>&1; then
            printf '#include <%s>\n' "${header%%:*}" | cc -E -x c - >/dev/null 2>&1
        else
            [ -f "/usr/include/${header%%:*}" ]
        fi || missing+=("${header#*:}")
    done
    command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
    if [ "$clone" = 1 ] && ! command -v git >/dev/null 2>&1; then
        missing+=(git)
    fi
    echo "${missing[*]}"
}

# apt_install PACKAGES...: as root on Debian/Ubuntu, install them; otherwise
# fail (the caller names them).
apt_install() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    echo "apt-get install $*"
    export DEBIAN_FRONTEND=noninteractive
    # The package lists are updated only when they do not have the packages
    # (a fresh image has none).
    apt-get install -y -q --no-install-recommends "$@" 2>/dev/null \
        || { apt-get update -q && apt-get install -y -q --no-install-recommends "$@"; }
}

_setup_step() {
    SETUP_STEP="$1/$SETUP_STEPS ($2)"
    SETUP_STEP_START=$SECONDS
    echo "== Odoo $ODOO_SERIES set-up, step $SETUP_STEP"
}

_setup_step_done() {
    echo "   done in $((SECONDS - SETUP_STEP_START)) s"
}

_setup_fail() {
    echo "error: the Odoo $ODOO_SERIES set-up failed at step $SETUP_STEP${1:+: $1}." >&2
    echo "Fix the cause shown above, then run the same command again: the unfinished" >&2
    echo "set-up in $ODOO_CACHE is wiped and done again." >&2
    exit 1
}

# _setup_wipe: remove the cache directory (and only it).
_setup_wipe() {
    case "$ODOO_CACHE" in
        */quality_progress_sync/odoo-"$ODOO_SERIES") rm -rf "$ODOO_CACHE" ;;
        *) die "refusing to remove $ODOO_CACHE" ;;
    esac
}

# setup_odoo_cache: the whole set-up, into an empty ODOO_CACHE.
setup_odoo_cache() {
    local base_py clone=1 missing src="$ODOO_CACHE/src" venv="$ODOO_CACHE/venv"
    local started=$SECONDS constraints git_url="${ODOO_GIT:-$ODOO_GIT_DEFAULT}"
    echo "== setting Odoo $ODOO_SERIES up in $ODOO_CACHE (once for every clone)"
    mkdir -p "$ODOO_CACHE" || die "cannot create $ODOO_CACHE"

    _setup_step 1 "Python and system packages"
    base_py=$(odoo_base_python) || _setup_fail "no Python 3.10-3.12 on the PATH \
(python3 is $(python3 --version 2>&1)): install one (Debian: python3), then run this again"
    echo "   Python: $(command -v "$base_py") ($("$base_py" --version 2>&1))"
    if [ -n "${ODOO_SRC:-}" ]; then
        if odoo_tree_ok "$ODOO_SRC" 2>/dev/null; then
            clone=0
        else
            echo "   ODOO_SRC is not an Odoo $ODOO_SERIES tree: $(odoo_tree_ok "$ODOO_SRC" 2>&1);" \
                "the source will be cloned instead"
        fi
    fi
    missing=$(odoo_missing_packages "$base_py" "$clone")
    if [ -n "$missing" ]; then
        # shellcheck disable=SC2086
        apt_install $missing || _setup_fail "missing Debian packages: $missing
(as root: apt-get install $missing; on another system, their equivalents)"
        missing=$(odoo_missing_packages "$base_py" "$clone")
        [ -z "$missing" ] || _setup_fail "still missing after apt-get: $missing"
    fi
    _setup_step_done

    _setup_step 2 "Odoo $ODOO_SERIES source"
    if [ "$clone" = 0 ]; then
        echo "   copying odoo/, addons/, odoo-bin and requirements.txt of $ODOO_SRC"
        mkdir -p "$src" \
            && cp -a "$ODOO_SRC/odoo" "$ODOO_SRC/addons" "$ODOO_SRC/odoo-bin" \
                "$ODOO_SRC/requirements.txt" "$src/" \
            || _setup_fail "cannot copy $ODOO_SRC into $src"
        echo "$ODOO_SRC" >"$ODOO_CACHE/source"
    else
        echo "   shallow clone of branch $ODOO_SERIES of $git_url"
        git clone --depth 1 --single-branch --branch "$ODOO_SERIES" --progress \
            "$git_url" "$src" \
            || _setup_fail "git clone $git_url failed (or set ODOO_SRC to an Odoo \
$ODOO_SERIES source tree, or ODOO_GIT to another URL)"
        echo "$git_url" >"$ODOO_CACHE/source"
    fi
    odoo_tree_ok "$src" || _setup_fail "the source in $src is not usable"
    _setup_step_done

    _setup_step 3 "virtualenv"
    "$base_py" -m venv "$venv" || _setup_fail "cannot create the virtualenv $venv"
    _setup_step_done

    _setup_step 4 "Odoo's requirements.txt"
    # cbor2 5.4.2 builds only with setuptools<81 (it imports pkg_resources):
    # pip's build environments follow PIP_CONSTRAINT, which replaces the
    # machine's own constraint files unless they are listed too.
    printf 'setuptools<81\n' >"$ODOO_CACHE/constraints.txt"
    constraints=$(odoo_pip_constraints "$venv/bin/python" "$ODOO_CACHE/constraints.txt")
    echo "   PIP_CONSTRAINT=$constraints"
    PIP_CONSTRAINT="$constraints" "$venv/bin/python" -m pip install \
        -r "$src/requirements.txt" || _setup_fail "pip install -r $src/requirements.txt failed"
    _setup_step_done

    _setup_step 5 "the add-on's requirements.txt"
    # Odoo's pinned versions stay: its requirements.txt constrains this step.
    PIP_CONSTRAINT="$constraints" "$venv/bin/python" -m pip install \
        -r "$REPO_ROOT/requirements.txt" -c "$src/requirements.txt" \
        || _setup_fail "pip install -r $REPO_ROOT/requirements.txt failed"
    _setup_step_done

    _setup_step 6 "Odoo in the virtualenv"
    local site
    site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') \
        && echo "$src" >"$site/odoo-src.pth" \
        || _setup_fail "cannot put $src on the virtualenv's path"
    (cd / && "$venv/bin/python" -m odoo --version) \
        || _setup_fail "the virtualenv does not run Odoo"
    _setup_step_done

    {
        echo "set up on $(date -u +%Y-%m-%dT%H:%M:%SZ) in $((SECONDS - started)) s"
        echo "source: $(cat "$ODOO_CACHE/source")"
        echo "python: $("$venv/bin/python" --version 2>&1)"
    } >"$ODOO_CACHE_MARKER.tmp" && mv "$ODOO_CACHE_MARKER.tmp" "$ODOO_CACHE_MARKER" \
        || _setup_fail "cannot write $ODOO_CACHE_MARKER"
    echo "== Odoo $ODOO_SERIES is set up in $ODOO_CACHE ($((SECONDS - started)) s);" \
        "every clone uses it from now on"
}

# ensure_odoo_cache: a complete, working cache (set up, or wiped and set up
# again when unfinished or broken); sets ODOO_PY to its Python and
# ODOO_CACHE_INFO to what odoo_info says of it.
ensure_odoo_cache() {
    odoo_cache_paths
    mkdir -p "$(dirname "$ODOO_CACHE")" || die "cannot create $(dirname "$ODOO_CACHE")"
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$ODOO_CACHE.lock"
        if ! flock -n 9; then
            echo "== another Odoo $ODOO_SERIES set-up is running: waiting for it to finish"
            flock 9
        fi
    fi
    local state
    ODOO_CACHE_INFO=""
    state=$(odoo_cache_state)
    if [ "$state" = complete ] && ! ODOO_CACHE_INFO=$(odoo_info "$ODOO_CACHE_PY"); then
        echo "== the Odoo set-up in $ODOO_CACHE no longer imports Odoo: doing it again"
        state=broken
    fi
    if [ "$state" = incomplete ]; then
        echo "== $ODOO_CACHE holds an unfinished Odoo set-up (no .setup-complete):" \
            "wiping it and setting up again"
    fi
    if [ "$state" != complete ]; then
        _setup_wipe
        setup_odoo_cache
    fi
    exec 9>&-
    ODOO_PY="$ODOO_CACHE_PY"
    [ "$state" = complete ] || ODOO_CACHE_INFO=$(odoo_info "$ODOO_PY") \
        || die "the Odoo set up in $ODOO_CACHE does not import: remove that folder and run this again."
}
