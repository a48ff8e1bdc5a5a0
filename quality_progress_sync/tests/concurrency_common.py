# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Races between two users' requests, each on a connection of its own: the
builders of the concurrency tests.

A test of Odoo runs in one transaction, rolled back at its end, that no other
connection sees. These tests commit what the requests share (users, work
centers, products, orders...), serve two requests on connections of their
own as the server serves them, and delete at the end every row committed
since they began.

As the server serves a request: its first query takes the snapshot it reads
(Odoo's transactions are REPEATABLE READ); a serialization failure rolls it
back and runs it again (odoo.service.model.retrying); a UserError rolls it
back. Two requests *at once* both take their snapshot before either commits,
the first commits, then the second runs. In *one waits for the other*, the
second runs, in a thread, while the first holds its locks uncommitted.
"""

import threading
import time

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase
from odoo.tools import SQL, mute_logger

# No request waits long on a lock: a test that goes wrong fails, never hangs.
LOCK_TIMEOUT = "5s"
WAIT_SECONDS = 10


class Request:
    """One user's request on a connection of its own, served as the server
    serves it (see the module's docstring)."""

    def __init__(self, dbname, uid):
        self.cr = sql_db.db_connect(dbname).cursor()
        self.env = api.Environment(self.cr, uid, {})
        self.begun = False
        # The concurrency failures of the attempts that were run again.
        self.failures = []

    def begin(self):
        """Start an attempt: it reads the database as it is now."""
        self.cr.execute(SQL("SET LOCAL lock_timeout = %s", LOCK_TIMEOUT))
        self.cr.execute("SELECT 1")
        self.begun = True

    def run(self, func):
        """One attempt of ``func(env)``, begun if it is not, left uncommitted:
        it holds its locks until :meth:`commit`."""
        if not self.begun:
            self.begin()
        result = func(self.env)
        self.env.flush_all()
        return result

    def commit(self):
        # What these tests are about: what a request commits.
        self.cr.commit()  # pylint: disable=invalid-commit
        self.begun = False

    def rollback(self):
        # Clears the cache, as Odoo's retrying does; not env.reset(), which
        # takes the registries' lock, held by odoo-bin's module loading.
        self.cr.rollback()
        self.begun = False

    def serve(self, func, tries=3):
        """``func(env)`` committed, run again after a concurrency failure;
        returns its result, or the UserError that refused it."""
        for __ in range(tries):
            try:
                result = self.run(func)
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as exc:
                self.failures.append(exc)
                self.rollback()
                continue
            except UserError as exc:
                self.rollback()
                return exc
            self.commit()
            return result
        raise AssertionError(f"Still failing after {tries} tries: {self.failures}")

    def serve_in_thread(self, func):
        """:meth:`serve` in a thread; returns the thread and a dict that gets
        its outcome (``result``) or what it raised (``error``).

        The thread is what makes the race real: a request that waits for
        another's row lock blocks in PostgreSQL, and with it the thread that
        runs it, while the test, in its own thread, has the first request
        commit. The thread does nothing but serve its request (it polls
        nothing); the test learns it waits from ``pg_locks``."""
        outcome = {}

        def target():
            try:
                outcome["result"] = self.serve(func)
            except Exception as exc:  # Raised again by the test.
                outcome["error"] = exc

        thread = threading.Thread(target=target, name="qps-race", daemon=True)
        thread.start()
        return thread, outcome

    def close(self):
        self.cr.rollback()
        self.cr.close()


def call(model, record_id, method, *args):
    """A request calling ``method(*args)`` on one record."""

    def request(env):
        return getattr(env[model].browse(record_id), method)(*args)

    return request


class ConcurrencyCase(TransactionCase):
    """Commits its fixture (:meth:`_commit_fixture`) and deletes at the end
    every row committed since it began."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dbname = cls.env.cr.dbname
        cls.setup = Request(cls.dbname, SUPERUSER_ID)
        cls.addClassCleanup(cls.setup.close)
        cls.setup.begin()
        marks = cls._read_last_ids(cls.setup.cr)
        cls.setup.rollback()
        cls.addClassCleanup(cls._delete_since, marks)
        cls.setup.begin()
        cls._commit_fixture(cls.setup.env)
        cls.setup.commit()

    @staticmethod
    def _read_last_ids(cr):
        """{table: its last id} of every table with an ``id``."""
        cr.execute(
            """
            SELECT c.table_name
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_schema = c.table_schema
               AND t.table_name = c.table_name
             WHERE c.table_schema = current_schema()
               AND t.table_type = 'BASE TABLE'
               AND c.column_name = 'id'
               AND c.data_type IN ('integer', 'bigint')
            """
        )
        tables = [table for (table,) in cr.fetchall()]
        cr.execute(
            SQL(" UNION ALL ").join(
                SQL(
                    "SELECT %s, (SELECT COALESCE(max(id), 0) FROM %s)",
                    table,
                    SQL.identifier(table),
                )
                for table in tables
            )
        )
        return dict(cr.fetchall())

    @classmethod
    def _delete_since(cls, marks):
        """Delete every row committed since ``marks`` were read (see
        :meth:`_read_last_ids`), the relation rows with them (their foreign
        keys cascade), in as many passes as the foreign keys that restrict a
        deletion need; fail if one is left."""
        cr = cls.setup.cr
        cls.setup.rollback()
        for __ in range(10):
            cls.setup.begin()
            left = [
                table
                for table, last in cls._read_last_ids(cr).items()
                if last > marks.get(table, 0)
            ]
            if not left:
                cls.setup.rollback()
                return
            for table in left:
                delete = SQL(
                    "DELETE FROM %s WHERE id > %s",
                    SQL.identifier(table),
                    marks.get(table, 0),
                )
                try:
                    with mute_logger("odoo.sql_db"), cr.savepoint(flush=False):
                        cr.execute(delete)
                except errors.ForeignKeyViolation:
                    continue  # Referenced by a row of a later table.
            cls.setup.commit()
        raise AssertionError(f"Rows left behind in {sorted(left)}")

    @classmethod
    def _commit_fixture(cls, env):
        """What the requests share, committed as superuser in ``env``."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _request(self, uid):
        request = Request(self.dbname, uid)
        self.addCleanup(request.close)
        return request

    def _read(self, model, record_id):
        """The record as committed now."""
        self.setup.rollback()
        self.setup.begin()
        return self.setup.env[model].browse(record_id)

    def _race_at_once(self, first, first_func, second, second_func):
        """Both read, ``first`` is served, then ``second``. Returns their
        outcomes."""
        first.begin()
        second.begin()
        with mute_logger("odoo.sql_db"):
            return first.serve(first_func), second.serve(second_func)

    def _race_waiting(self, first, first_func, second, second_func):
        """``first`` runs and holds its locks; ``second`` is served meanwhile
        in a thread, which must wait for them; ``first`` commits. Returns
        their outcomes."""
        with mute_logger("odoo.sql_db"):
            result = first.run(first_func)
            thread, outcome = second.serve_in_thread(second_func)
            waited = self._wait_for_lock(second, thread)
            first.commit()
            thread.join(WAIT_SECONDS)
        self.assertFalse(thread.is_alive(), "The second request hangs.")
        if "error" in outcome:
            raise outcome["error"]
        self.assertTrue(waited, "The second request did not wait for the first.")
        return result, outcome["result"]

    def _wait_for_lock(self, request, thread):
        """Whether ``request``'s thread waits for a lock within the delay."""
        pid = request.cr._cnx.get_backend_pid()
        deadline = time.monotonic() + WAIT_SECONDS
        self.setup.rollback()
        while thread.is_alive() and time.monotonic() < deadline:
            self.setup.cr.execute(
                "SELECT count(*) FROM pg_locks WHERE pid = %s AND NOT granted",
                [pid],
            )
            if self.setup.cr.fetchone()[0]:
                return True
            time.sleep(0.02)
        return False

    def assertServed(self, request, outcome):
        self.assertNotIsInstance(outcome, Exception)
        self.assertFalse(request.failures)

    def assertRefused(self, request, outcome, message, retried=True):
        """``request`` was refused with ``message``: run again after a
        serialization failure (``retried``), or at once."""
        self.assertIsInstance(outcome, UserError, "Both requests were served.")
        self.assertIn(message, str(outcome))
        self.assertEqual(
            [type(failure) for failure in request.failures],
            [errors.SerializationFailure] if retried else [],
        )
