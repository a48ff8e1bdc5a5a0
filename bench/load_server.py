# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The load test's PostgreSQL and Odoo: the throw-away databases, and an
Odoo with ``--workers`` on 127.0.0.1 (crons off, a private data directory)
in its own process group.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import psycopg2
import requests
from load_common import BENCH_DIR, HOST, REPO


class Postgres:
    def __init__(self, pg_args):
        self.kwargs = {}
        for arg in pg_args:
            key, value = arg.split("=", 1)
            self.kwargs[{"--db_host": "host", "--db_port": "port"}[key]] = value

    def connect(self, db):
        conn = psycopg2.connect(dbname=db, **self.kwargs)
        conn.autocommit = True
        return conn

    def drop(self, db):
        with contextlib.closing(self.connect("postgres")) as conn:
            conn.cursor().execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')

    def query(self, db, sql, params=None):
        with contextlib.closing(self.connect(db)) as conn:
            cr = conn.cursor()
            cr.execute(sql, params)
            return cr.fetchall()


def free_port(preferred):
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port")


def install(args, db, modules, log_path):
    """Start installing ``modules`` on a new database ``db``."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            *args.pg_args,
            f"--addons-path={args.addons_path}",
            "-d",
            db,
            "-i",
            modules,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            f"--logfile={log_path}",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


class Server:
    """Odoo with --workers on 127.0.0.1, crons off, a private data dir."""

    def __init__(self, args, name, dbs, port, data_dir=None):
        self.args = args
        self.name = name
        self.port = free_port(port)
        self.gevent_port = free_port(port + 1)
        self.url = f"http://{HOST}:{self.port}"
        # A data directory (filestore, sessions) of its own, or one shared
        # with other servers (then left to whoever made it).
        self.own_data_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="load-data-", dir=BENCH_DIR)
        self.log_path = BENCH_DIR / f"load-server-{name}.log"
        self.dbs = dbs
        self.process = None

    def start(self):
        db_filter = "^(" + "|".join(re.escape(db) for db in self.dbs) + ")$"
        odoo = [self.args.odoo_bin] if self.args.odoo_bin else ["-m", "odoo"]
        command = [
            sys.executable,
            *odoo,
            *self.args.pg_args,
            f"--addons-path={self.args.addons_path}",
            f"--workers={self.args.workers}",
            "--max-cron-threads=0",
            f"--http-interface={HOST}",
            f"--http-port={self.port}",
            f"--gevent-port={self.gevent_port}",
            f"--data-dir={self.data_dir}",
            f"--db-filter={db_filter}",
            "--no-database-list",
            "--log-level=warn",
            # concurrency retries are logged at INFO by odoo.service.model
            "--log-handler=odoo.service.model:INFO",
            f"--logfile={self.log_path}",
        ]
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo stopped at start: see {self.log_path}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.url + "/web/health", timeout=5).ok:
                    return
            time.sleep(0.5)
        raise RuntimeError(f"Odoo does not answer on {self.url}")

    def stop(self):
        if self.process and self.process.poll() is None:
            # Its own process group (start_new_session): the server, its
            # workers and its gevent process, nothing else.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self.own_data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def kill(self):
        """Kill the server at once (SIGKILL to its process group: the
        server, its workers, its gevent process), as a crash would."""
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def retries(self, db):
        """Transactions Odoo retried after a concurrency error, on ``db``."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return 0
        return sum(
            1
            for line in text.splitlines()
            if f" {db} odoo.service.model" in line and "try again" in line
        )
