# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shop Floor's live update across servers (``bench/load
--two-servers``): a Shop Floor screen's websocket open on a server, and a
probe user who changes a work order through another (or the same) server
every second; the delay until each screen is told.
"""

import contextlib
import json
import threading
import time

import websocket
from load_common import HOST, Client, RpcError
from load_report import percentile

SHOP_FLOOR_NOTIFICATION = "quality_progress_sync/shop_floor"
PROBE_INTERVAL = 1.0  # seconds between two probes
NOTIFICATION_TIMEOUT = 30.0  # seconds a screen waits for a notification


class Screen:
    """The bus connection of a Shop Floor screen open on ``server`` as
    ``client``'s user: the time each Shop Floor notification came, with its
    work orders."""

    def __init__(self, server, client):
        origin = f"http://{HOST}:{server.gevent_port}"
        self.ws = websocket.create_connection(
            f"ws://{HOST}:{server.gevent_port}/websocket",
            cookie=f"session_id={client.session.cookies.get('session_id')}",
            origin=origin,
            timeout=NOTIFICATION_TIMEOUT,
        )
        self.ws.settimeout(1)  # reads: to notice close() within a second
        # The user's groups' channels come with any subscription.
        self.ws.send(
            json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}})
        )
        self.received = []  # (monotonic time, {work order ids})
        self.condition = threading.Condition()
        self.closed = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        while not self.closed.is_set():
            try:
                message = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            except (websocket.WebSocketException, OSError):
                return
            now = time.monotonic()
            with contextlib.suppress(ValueError, TypeError):
                for notification in json.loads(message):
                    body = notification.get("message") or {}
                    if body.get("type") == SHOP_FLOOR_NOTIFICATION:
                        ids = set(body.get("payload", {}).get("workorder_ids", []))
                        with self.condition:
                            self.received.append((now, ids))
                            self.condition.notify_all()

    def wait_for(self, workorder_id, after, timeout=NOTIFICATION_TIMEOUT):
        """When the first notification of ``workorder_id`` since ``after``
        came; None if none came within ``timeout``."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                for when, ids in self.received:
                    if when >= after and workorder_id in ids:
                        return when
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.condition.wait(left)

    def close(self):
        self.closed.set()
        with contextlib.suppress(Exception):
            self.ws.close()


def probe(client, workorder_id, screens, delays, stop):
    """Every second, the probe user sets the produced quantity of its work
    order (1, 0, 1, ...) as the Shop Floor's buttons do; each screen's
    delay is timed from the click."""
    quantity = 0
    while not stop.is_set():
        quantity = 1 - quantity
        clicked = time.monotonic()
        try:
            client.call(
                "mrp.workorder", "set_shop_floor_produced", [workorder_id], quantity
            )
        except RpcError:
            stop.wait(PROBE_INTERVAL)
            continue
        for name, screen in screens.items():
            came = screen.wait_for(workorder_id, clicked)
            delays[name].append(None if came is None else came - clicked)
        stop.wait(PROBE_INTERVAL)


def start_probe(site, pair):
    """The probe user's session on A, its screens on B and on A."""
    login = site.operators[0]
    url = pair["A"].url
    user = Client(url, site.db, login).authenticate()
    screens = {
        "B (other server)": Screen(pair["B"], user),
        "A (same server)": Screen(pair["A"], user),
    }
    workorder = user.call(
        "mrp.workorder",
        "search",
        [("production_id", "in", site.orders["probe"])],
        order="sequence, id",
        limit=1,
    )[0]
    delays = {name: [] for name in screens}  # seconds from the click, or None
    stop = threading.Event()
    thread = threading.Thread(
        target=probe, args=(user, workorder, screens, delays, stop), daemon=True
    )
    thread.start()

    def finish():
        stop.set()
        thread.join(NOTIFICATION_TIMEOUT + 10)
        for screen in screens.values():
            screen.close()
        return delays

    return finish


def delay_rows(delays):
    """(screen, probes, probes never told, delays) per screen."""
    rows = []
    for name, values in delays.items():
        came = [value for value in values if value is not None]
        rows.append((name, len(values), len(values) - len(came), came))
    return rows


def report_live(probes):
    """The report's lines of the live-update probes: {clients: delays}."""
    lines = [
        "Live update of the Shop Floor: a probe user on A sets a produced"
        " quantity every second during the inspect phase; delay from the click"
        " until a screen's websocket gets the notification (ms):",
        "",
        "| clients | screen on | probes | none within 30 s | p50 | p95 | max |",
        "|--:|---|--:|--:|--:|--:|--:|",
    ]
    for clients, delays in probes.items():
        for name, count, lost, values in delay_rows(delays):
            if values:
                p50 = percentile(values, 0.5) * 1000
                p95 = percentile(values, 0.95) * 1000
                worst = max(values) * 1000
                figures = f"{p50:.0f} | {p95:.0f} | {worst:.0f}"
            else:
                figures = " | | "
            lines.append(f"| {clients} | {name} | {count} | {lost} | {figures} |")
    return lines
