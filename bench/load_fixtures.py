# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The load test's fixtures, over JSON-RPC as the administrator: work
centers, a BoM, checkpoints (on the add-on's database), users and their
passwords, the confirmed orders of every phase; the trace of the
work-center rows written; the users' sessions, and the workers warmed up.
"""

import contextlib
import queue
import threading
from collections import Counter

from load_common import (
    ODOO_KANBAN_SPEC,
    PASSWORD,
    REQUEST_TIMEOUT,
    Client,
    RpcError,
    log,
)


def xmlid(admin, module, name):
    rows = admin.call(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    return rows[0]["res_id"]


class Site:
    """One database's fixtures and the sessions of its users."""

    def __init__(self, name, db, addon):
        self.name = name  # "plain" or "add-on"
        self.db = db
        self.addon = addon
        self.operators = []  # logins
        self.inspectors = []
        self.orders = {}  # phase key -> [production ids]
        self.sessions = {}  # login -> Client
        self.workcenter_ids = []
        self.bom_id = None
        self.operation_ids = []
        self.server = None  # its own Odoo


def setup_site(site, url, args, pg, phases):
    admin = Client(url, site.db, "admin").authenticate("admin")
    settings = admin.call("res.config.settings", "create", {"group_mrp_routings": True})
    admin.call("res.config.settings", "execute", [settings], button=True)
    site.workcenter_ids = admin.call(
        "mrp.workcenter",
        "create",
        [
            {"name": f"Load WC {index + 1}", "code": f"L{index + 1}"}
            for index in range(args.operations)
        ],
    )
    component, product = admin.call(
        "product.product",
        "create",
        [
            {"name": "Load Component", "type": "consu"},
            {"name": "Load Product", "type": "consu"},
        ],
    )
    template = admin.call("product.product", "read", [product], ["product_tmpl_id"])[0][
        "product_tmpl_id"
    ][0]
    bom = admin.call(
        "mrp.bom",
        "create",
        {
            "product_tmpl_id": template,
            "product_qty": 1,
            "bom_line_ids": [(0, 0, {"product_id": component, "product_qty": 1})],
            "operation_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"Op {index + 1}",
                        "workcenter_id": workcenter,
                        "sequence": (index + 1) * 10,
                        "time_cycle_manual": 10,
                    },
                )
                for index, workcenter in enumerate(site.workcenter_ids)
            ],
        },
    )
    operations = admin.call(
        "mrp.routing.workcenter",
        "search",
        [("bom_id", "=", bom)],
        order="sequence, id",
    )
    site.bom_id, site.operation_ids = bom, operations
    if site.addon:
        checkpoints = [
            {
                "name": f"Final check {index + 1}",
                "operation_id": operation,
                "stage": "final",
                "performer": "inspector",
                "check_type": "pass_fail",
                "frequency": "every_order",
                "blocking": True,
                "on_failure": "rework",
            }
            for index, operation in enumerate(operations)
        ]
        checkpoints.append(
            {
                "name": "Operator self-check",
                "operation_id": operations[min(1, len(operations) - 1)],
                "stage": "final",
                "performer": "self",
                "check_type": "pass_fail",
                "frequency": "every_order",
                "blocking": True,
                "on_failure": "rework",
            }
        )
        admin.call("quality.checkpoint", "create", checkpoints)
    create_users(site, admin, pg, args)
    for key, count in phases:
        site.orders[key] = create_orders(admin, product, bom, count, key)
    return admin


def create_users(site, admin, pg, args):
    operator_groups = [
        xmlid(admin, "mrp", "group_mrp_user"),
        xmlid(admin, "mrp", "group_mrp_routings"),
    ]
    inspector_groups = operator_groups[:]
    if site.addon:
        inspector_groups.append(
            xmlid(admin, "quality_progress_sync", "group_quality_inspector")
        )
    site.operators = [f"load_op_{index:02d}" for index in range(args.max_clients)]
    # Inspectors only play on the add-on's database.
    site.inspectors = (
        [f"load_insp_{index:02d}" for index in range(inspectors_of(args.max_clients))]
        if site.addon
        else []
    )
    users = [
        {
            "name": f"Operator {login[-2:]}",
            "login": login,
            "groups_id": [(6, 0, operator_groups)],
        }
        for login in site.operators
    ] + [
        {
            "name": f"Inspector {login[-2:]}",
            "login": login,
            "groups_id": [(6, 0, inspector_groups)],
        }
        for login in site.inspectors
    ]
    ids = admin.call("res.users", "create", users)
    # One password hash (pbkdf2, slow on purpose) copied to every load user.
    admin.call("res.users", "write", ids[:1], {"password": PASSWORD})
    with contextlib.closing(pg.connect(site.db)) as conn:
        conn.cursor().execute(
            "UPDATE res_users SET password = (SELECT password FROM res_users"
            " WHERE id = %s) WHERE id IN %s",
            (ids[0], tuple(ids)),
        )


def create_orders(admin, product, bom, count, key, batch=25):
    """``count`` confirmed orders of one unit, their origin naming the phase."""
    uom = admin.call("product.product", "read", [product], ["uom_id"])[0]["uom_id"][0]
    ids = []
    for start in range(0, count, batch):
        size = min(batch, count - start)
        new = admin.call(
            "mrp.production",
            "create",
            [
                {
                    "product_id": product,
                    "product_uom_id": uom,
                    "product_qty": 1,
                    "bom_id": bom,
                    "origin": f"LOAD {key}",
                }
                for __ in range(size)
            ],
        )
        admin.call("mrp.production", "action_confirm", new, button=True)
        ids += new
    return ids


def pass_beforehand(site, url, orders):
    """The inspections of the gate-only orders, passed by an inspector."""
    inspector = Client(url, site.db, site.inspectors[0]).authenticate()
    ids = inspector.call(
        "quality.inspection",
        "search",
        [("production_id", "in", orders), ("state", "=", "todo")],
        order="id",
    )
    for start in range(0, len(ids), 100):
        inspector.call(
            "quality.inspection", "action_pass", ids[start : start + 100], button=True
        )
    return len(ids)


def inspectors_of(clients):
    return max(1, clients // 4)


def trace_workcenter_writes(site, pg):
    """Count the committed updates of mrp_workcenter rows by what they
    change: Odoo's ``working_state`` (set at each start and finish), the
    add-on's ``quality_alert_open`` / ``quality_hold``, or something else. A
    row trigger and an unlogged table in the throw-away database."""
    quality = (
        "WHEN OLD.quality_alert_open IS DISTINCT FROM NEW.quality_alert_open"
        " OR OLD.quality_hold IS DISTINCT FROM NEW.quality_hold"
        " THEN 'the add-on''s alert or hold'"
        if site.addon
        else ""
    )
    with contextlib.closing(pg.connect(site.db)) as conn:
        conn.cursor().execute(
            f"""
            CREATE UNLOGGED TABLE load_workcenter_write (kind varchar);
            CREATE FUNCTION load_workcenter_write() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN
                INSERT INTO load_workcenter_write VALUES (CASE
                    WHEN OLD.working_state IS DISTINCT FROM NEW.working_state
                    THEN 'Odoo''s working_state' {quality}
                    ELSE 'other' END);
                RETURN NULL;
            END $$;
            CREATE TRIGGER load_workcenter_write AFTER UPDATE ON mrp_workcenter
            FOR EACH ROW EXECUTE FUNCTION load_workcenter_write();
            """
        )


def workcenter_writes(site, pg):
    return Counter(
        dict(
            pg.query(
                site.db,
                "SELECT kind, count(*) FROM load_workcenter_write GROUP BY kind",
            )
        )
    )


def prepare_sites(sites, url_of, args, plan, extra=None):
    """Every site prepared at once (:func:`prepare_site`), each through the
    server ``url_of(site)``, with its ``extra`` orders ({site name: [(key,
    count)]}); the first failure raised."""
    failures = []
    extra = extra or {}
    threads = [
        threading.Thread(
            target=prepare_site,
            args=(site, url_of(site), args, plan, failures),
            kwargs={"extra": extra.get(site.name, ())},
            daemon=True,
        )
        for site in sites.values()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def prepare_site(site, url, args, plan, failures, extra=()):
    """Fixtures, the gate-only orders' inspections passed, the work-center
    write trace, the users' sessions; an exception is kept in
    ``failures``. ``extra``: (key, count) of more orders, outside the
    phases."""
    try:
        phases_of_site = [
            (f"{flow} {clients} r{round_}", orders_of(args, flow, clients))
            for flow, clients, round_, names in plan
            if site.name in names
        ] + list(extra)
        orders = sum(n for __, n in phases_of_site)
        log(f"{site.name}: users, BoM and {orders} orders")
        setup_site(site, url, args, args.pg, phases_of_site)
        if site.addon:
            passed = 0
            for key, __ in phases_of_site:
                if key.startswith("gate-only"):
                    passed += pass_beforehand(site, url, site.orders[key])
            log(f"add-on: {passed} inspections of the gate-only orders passed")
        trace_workcenter_writes(site, args.pg)
        log_in(site, url)
    except Exception as error:  # re-raised by the main thread
        failures.append(error)


def orders_of(args, flow, clients):
    """Orders of a phase: so many per operator."""
    operators = clients - inspectors_of(clients) if flow == "inspect" else clients
    return operators * args.orders_per_client


def log_in(site, url):
    """A web session per user, opened four at a time (each login checks a
    slow password hash)."""
    logins = site.operators + site.inspectors
    log(f"{site.name}: logging in {len(logins)} users")
    tasks = queue.Queue()
    for login in logins:
        tasks.put(login)

    def work():
        while True:
            try:
                login = tasks.get_nowait()
            except queue.Empty:
                return
            site.sessions[login] = Client(url, site.db, login).authenticate()

    threads = [threading.Thread(target=work, daemon=True) for __ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(REQUEST_TIMEOUT * len(logins))
    missing = set(logins) - set(site.sessions)
    if missing:
        raise RuntimeError(f"{site.name}: cannot log in {sorted(missing)}")


def warm_up(sites, args):
    """Every worker loads both registries before the first timed phase:
    every session reads the kanban a few times, all at once."""
    log("warming the workers up")

    def read(client):
        for __ in range(3):
            with contextlib.suppress(RpcError):
                client.call(
                    "mrp.workorder",
                    "web_search_read",
                    [],
                    ODOO_KANBAN_SPEC,
                    limit=20,
                )

    threads = [
        threading.Thread(target=read, args=(client,), daemon=True)
        for site in sites.values()
        for client in site.sessions.values()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(REQUEST_TIMEOUT)
