// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {defineMailModels} from "@mail/../tests/mail_test_helpers";
import {expect, test} from "@odoo/hoot";
import {click, press, queryOne} from "@odoo/hoot-dom";
import {advanceTime, animationFrame, Deferred} from "@odoo/hoot-mock";
import {
    makeServerError,
    mockService,
    mountWithCleanup,
    onRpc,
} from "@web/../tests/web_test_helpers";
import {
    SHOP_FLOOR_NOTIFICATION,
    SHOP_FLOOR_ORIGIN_KEY,
    ShopFloor,
} from "@quality_progress_sync_shop_floor/shop_floor/shop_floor";

// The Shop Floor against a mocked server: what a tap costs in calls, the
// bus, the labels the server gives and what the keyboard reaches. The
// server's side is tested in tests/test_shop_floor.py, the screen in a
// browser by the tours (static/tests/tours/shop_floor_tour.js).

defineMailModels();

/** A work order as the server's mrp.workorder.get_shop_floor_data gives it. */
function makeWorkorder(values = {}) {
    return {
        id: 1,
        display_name: "WH/MO/00001 - Cut",
        operation: "Cut",
        workcenter_id: 1,
        production: "WH/MO/00001",
        product: "Frame",
        uom: "Units",
        state: "ready",
        state_label: "Ready (server)",
        qty_production: 5,
        qty_produced: 0,
        date_finished: false,
        is_late: false,
        todo_count: 1,
        pass_count: 0,
        fail_count: 0,
        blocking_reason: "",
        is_rework: false,
        is_held: false,
        is_user_working: false,
        barcode: "WO1",
        instructions: "",
        tracking: "none",
        lot_name: "",
        qty_remaining: 5,
        can_start: true,
        can_pause: false,
        can_finish: false,
        can_produce: false,
        reworks: [],
        inspections: [
            {
                id: 11,
                name: "QI/0001",
                title: "Final look",
                stage: "final",
                stage_label: "Final",
                performer: "operator",
                performer_label: "Operator",
                check_type: "visual",
                state: "todo",
                state_label: "To do",
                blocking: true,
                gate_blocking: true,
                can_record: true,
                waiting: "",
                sampled: false,
                sample_size: 1,
                norm: 0,
                tolerance_min: 0,
                tolerance_max: 0,
                uom: "",
                instructions: "",
                has_picture: false,
                failure_reason: "",
                disposition: "",
                user: "",
                measures: [],
            },
        ],
        ...values,
    };
}

/**
 * A server with one work center and one work order: each call to
 * mrp.workorder is a step; the work order starts on ``button_start``.
 */
function mockShopFloorServer() {
    const server = {wo: makeWorkorder(), origins: [], reads: []};
    onRpc("mrp.workorder", "get_shop_floor_data", async ({kwargs}) => {
        expect.step("get_shop_floor_data");
        const result = {
            workcenters: [{id: 1, name: "Cutting", code: "CUT"}],
            workcenter_ids: [1],
            workorders: [server.wo],
            workorder: kwargs.workorder_id === server.wo.id ? server.wo : false,
        };
        // A read held back answers what the server had when it was asked.
        const read = server.reads.shift();
        if (read) {
            await read;
        }
        return result;
    });
    onRpc("mrp.workorder", "button_start", ({kwargs}) => {
        expect.step("button_start");
        server.origins.push(kwargs.context[SHOP_FLOOR_ORIGIN_KEY]);
        server.wo = makeWorkorder({
            state: "progress",
            state_label: "In progress (server)",
            is_user_working: true,
            can_start: false,
            can_pause: true,
            can_finish: true,
            can_produce: true,
        });
        return true;
    });
    onRpc("quality.inspection", "do_measure", ({args, kwargs}) => {
        expect.step(`do_measure ${args[1]}`);
        server.origins.push(kwargs.context[SHOP_FLOOR_ORIGIN_KEY]);
        const inspection = {...server.wo.inspections[0], state: "pass", measures: args[1]};
        server.wo = {...server.wo, inspections: [inspection]};
        return true;
    });
    onRpc("mrp.workorder", "set_shop_floor_produced", ({args}) => {
        expect.step(`set_shop_floor_produced ${args[1]}`);
        server.wo = {...server.wo, qty_produced: args[1]};
        return true;
    });
    onRpc("mrp.workorder", "button_finish", () => {
        expect.step("button_finish");
        throw makeServerError({message: "Final look is to do."});
    });
    return server;
}

/** The bus: what the screen subscribes to, to send it notifications. */
function mockBus() {
    const bus = {};
    mockService("bus_service", {
        subscribe(type, callback) {
            if (type === SHOP_FLOOR_NOTIFICATION) {
                bus.notify = callback;
            }
        },
        unsubscribe() {},
        addChannel() {},
        deleteChannel() {},
    });
    return bus;
}

async function mountShopFloor() {
    await mountWithCleanup(ShopFloor, {props: {action: {}}});
    await animationFrame();
}

test("a tap costs two calls: the action, then the screen's one read", async () => {
    const server = mockShopFloorServer();
    const bus = mockBus();
    await mountShopFloor();
    expect.verifySteps(["get_shop_floor_data"]);

    // Opening a work order: the queue and its panel in one read.
    await click(".o_qps_sf_card_open");
    await expect.waitForSteps(["get_shop_floor_data"]);
    await animationFrame();
    expect(".o_qps_sf_panel").toHaveCount(1);

    await click(".o_qps_sf_start");
    await expect.waitForSteps(["button_start", "get_shop_floor_data"]);
    await animationFrame();
    expect(".o_qps_sf_pause").toHaveCount(1);
    expect(".o_qps_sf_card_state").toHaveText("In progress (server)");

    // The bus's echo of the user's own change: read already.
    bus.notify({workorder_ids: [1], workcenter_ids: [1], origin: server.origins[0]});
    await advanceTime(1000);
    expect.verifySteps([]);

    // Changes made elsewhere, in a row: one read.
    bus.notify({workorder_ids: [1], workcenter_ids: [1], origin: false});
    bus.notify({workorder_ids: [1], workcenter_ids: [1], origin: "another-tab"});
    await advanceTime(300);
    await expect.waitForSteps(["get_shop_floor_data"]);

    // A change to a work center not shown: nothing to read.
    bus.notify({workorder_ids: [7], workcenter_ids: [9], origin: false});
    await advanceTime(1000);
    expect.verifySteps([]);
});

test("a refused Finish costs two calls and shows the server's words", async () => {
    const server = mockShopFloorServer();
    server.wo = makeWorkorder({state: "progress", can_start: false, can_finish: true});
    mockBus();
    await mountShopFloor();
    await click(".o_qps_sf_card_open");
    await expect.waitForSteps(["get_shop_floor_data", "get_shop_floor_data"]);
    await animationFrame();
    await click(".o_qps_sf_finish");
    await expect.waitForSteps(["button_finish", "get_shop_floor_data"]);
    await animationFrame();
    expect(".o_qps_sf_refusal").toHaveText(/Final look is to do\./);
    expect(".o_qps_sf_refusal .o_qps_sf_goto").toHaveText("Final look");
    // Its shortcut brings the inspection to do in view, with the focus.
    await click(".o_qps_sf_goto");
    await animationFrame();
    expect(".o_qps_sf_inspection[data-id='11']").toBeFocused();
    expect(".o_qps_sf_inspection[data-id='11']").toHaveClass("o_qps_sf_highlight");
    expect.verifySteps([]);
});

test("a measure costs two calls, its result is told once read", async () => {
    const server = mockShopFloorServer();
    const [inspection] = makeWorkorder().inspections;
    server.wo = makeWorkorder({
        state: "progress",
        can_start: false,
        inspections: [
            {
                ...inspection,
                title: "Diameter",
                check_type: "measure",
                norm: 10,
                tolerance_min: 9.9,
                tolerance_max: 10.1,
            },
        ],
    });
    mockBus();
    mockService("notification", {
        add(message, {type}) {
            expect.step(`${type}: ${message}`);
        },
    });
    await mountShopFloor();
    await click(".o_qps_sf_card_open");
    await expect.waitForSteps(["get_shop_floor_data", "get_shop_floor_data"]);
    await animationFrame();
    for (const key of "10.02") {
        await click(`.o_qps_sf_key[data-key="${key}"]`);
    }
    await animationFrame();
    await click(".o_qps_sf_submit");
    await expect.waitForSteps([
        "do_measure 10.02",
        "get_shop_floor_data",
        "success: QI/0001 (Diameter) passed.",
    ]);
    await animationFrame();
    expect(".o_qps_sf_inspection[data-id='11']").toHaveAttribute("data-state", "pass");
});

test("a second tap before the read counts from the first", async () => {
    const server = mockShopFloorServer();
    server.wo = makeWorkorder({state: "progress", can_start: false, can_produce: true});
    mockBus();
    await mountShopFloor();
    await click(".o_qps_sf_card_open");
    await expect.waitForSteps(["get_shop_floor_data", "get_shop_floor_data"]);
    await animationFrame();
    // The reads after each +1 are slow: the panel still shows 0.
    const slow = [new Deferred(), new Deferred()];
    server.reads.push(...slow);
    await click(".o_qps_sf_plus1");
    await expect.waitForSteps(["set_shop_floor_produced 1", "get_shop_floor_data"]);
    await animationFrame();
    expect(".o_qps_sf_produced").toHaveText("0");
    // The second +1 counts from the 1 the server accepted.
    await click(".o_qps_sf_plus1");
    await expect.waitForSteps(["set_shop_floor_produced 2", "get_shop_floor_data"]);
    slow.forEach((read) => read.resolve());
    await animationFrame();
    await animationFrame();
    expect(".o_qps_sf_produced").toHaveText("2");
});

test("only the last of reads in flight is shown", async () => {
    const server = mockShopFloorServer();
    const bus = mockBus();
    await mountShopFloor();
    expect.verifySteps(["get_shop_floor_data"]);
    // Opening the work order: its read is slow to answer.
    const slow = new Deferred();
    server.reads.push(slow);
    await click(".o_qps_sf_card_open");
    await expect.waitForSteps(["get_shop_floor_data"]);
    // Meanwhile someone else changes it: a second read answers first.
    server.wo = makeWorkorder({state_label: "Changed elsewhere"});
    bus.notify({workorder_ids: [1], workcenter_ids: [1], origin: false});
    await advanceTime(300);
    await expect.waitForSteps(["get_shop_floor_data"]);
    await animationFrame();
    expect(".o_qps_sf_panel_state").toHaveText("Changed elsewhere");
    // The first read's answer, older, is not shown.
    slow.resolve();
    await animationFrame();
    await animationFrame();
    expect(".o_qps_sf_panel_state").toHaveText("Changed elsewhere");
    expect(".o_qps_sf_card_state").toHaveText("Changed elsewhere");
});

test("the states' labels are the server's", async () => {
    mockShopFloorServer();
    mockBus();
    await mountShopFloor();
    expect(".o_qps_sf_card_state").toHaveText("Ready (server)");
    await click(".o_qps_sf_card_open");
    await expect.waitForSteps(["get_shop_floor_data", "get_shop_floor_data"]);
    await animationFrame();
    expect(".o_qps_sf_panel_state").toHaveText("Ready (server)");
});

test("a card opens from the keyboard, its progress bar tells its values", async () => {
    const server = mockShopFloorServer();
    server.wo = makeWorkorder({qty_produced: 2});
    mockBus();
    await mountShopFloor();
    expect.verifySteps(["get_shop_floor_data"]);
    const bar = queryOne(".o_qps_sf_card [role=progressbar]");
    expect(bar).toHaveAttribute("aria-valuenow", "2");
    expect(bar).toHaveAttribute("aria-valuemin", "0");
    expect(bar).toHaveAttribute("aria-valuemax", "5");
    expect(bar).toHaveAttribute("aria-valuetext", "2 / 5 Units");
    expect(bar.closest("button")).toBe(null);
    // The card's button is in the tab order: Enter opens the work order.
    const open = queryOne(".o_qps_sf_card button.o_qps_sf_card_open");
    expect(open.tabIndex).toBe(0);
    open.focus();
    await press("Enter");
    await expect.waitForSteps(["get_shop_floor_data"]);
    await animationFrame();
    expect(".o_qps_sf_panel").toHaveCount(1);
    expect(".o_qps_sf_card_open").toHaveAttribute("aria-current", "true");
});
