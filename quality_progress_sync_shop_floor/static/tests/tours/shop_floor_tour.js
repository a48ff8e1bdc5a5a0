/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

// The Shop Floor at the machine (see tests/test_shop_floor_tour.py): an
// order of 5 "QPS Frame" whose Cut has a first-article measure (10 ± 0.1
// mm), an instruction to acknowledge, a patrol and a final inspection for
// the inspector. Each step waits for the state it acts on. The tours run in
// the user's language: they look for records' names, states (data-state)
// and the screen's own terms through _t, never for an English text.
const PANEL = ".o_qps_sf_panel";
const CUT_CARD = ".o_qps_sf_card:contains(Cut):not(.o_qps_sf_card_rework)";
const inspection = (title) => `${PANEL} .o_qps_sf_inspection:contains(${title})`;

function pickCutting() {
    return [
        {
            content: "Choose the work center of the machine",
            trigger: ".o_qps_sf_picker .o_qps_sf_wc:contains(QPS Cutting)",
            run: "click",
        },
        {
            content: "Show its queue",
            trigger: ".o_qps_sf_wc_confirm:enabled",
            run: "click",
        },
    ];
}

function chooseCutting({counted = true} = {}) {
    return [
        ...pickCutting(),
        {
            content: "The queue shows the Cut of the order, with its labelled counts",
            trigger: counted ? `${CUT_CARD} .o_qps_sf_counts .badge` : CUT_CARD,
        },
        {
            content: "Open the work order",
            trigger: CUT_CARD,
            run: "click",
        },
    ];
}

// The other user's cue (tests/test_shop_floor_tour.py,
// _inspector_tour_with_operator_elsewhere): the inspector's screen also
// shows the Welding queue.
async function cueTheOtherUser() {
    const orm = odoo.__WOWL_DEBUG__.root.env.services.orm;
    const ids = await orm.search("mrp.workcenter", [
        ["name", "in", ["QPS Cutting", "QPS Welding"]],
    ]);
    await orm.call("mrp.workorder", "get_shop_floor_data", [ids]);
}

function typeKeys(title, keys) {
    return [...keys].map((key) => ({
        content: `Type ${key}`,
        trigger: `${inspection(title)} .o_qps_sf_key[data-key="${key}"]`,
        run: "click",
    }));
}

registry.category("web_tour.tours").add("quality_progress_sync_shop_floor_operator", {
    steps: () => [
        ...chooseCutting(),
        {
            content: "Start the work order",
            trigger: `${PANEL} .o_qps_sf_start`,
            run: "click",
        },
        {
            content: "It runs: Pause shows",
            trigger: `${PANEL} .o_qps_sf_pause`,
        },
        {
            content: "The first article comes first, with what to do",
            trigger: `${PANEL} .o_qps_sf_inspection:first:contains(Diameter) .o_qps_sf_hint`,
        },
        {
            content: "Try to finish",
            trigger: `${PANEL} .o_qps_sf_finish`,
            run: "click",
        },
        {
            content: "Finish is refused, with the gate's reason",
            trigger: `${PANEL} .o_qps_sf_refusal:contains(Diameter)`,
        },
        {
            content: "The refusal's shortcuts are the operator's: not the inspector's patrol",
            trigger: `${PANEL} .o_qps_sf_refusal:contains(Surface):not(:has(.o_qps_sf_goto:contains(Surface)))`,
        },
        {
            content: "Go to the inspection to do from the refusal",
            trigger: `${PANEL} .o_qps_sf_refusal .o_qps_sf_goto:contains(Diameter)`,
            run: "click",
        },
        {
            content: "The pad shows the norm and the tolerances",
            trigger: `${inspection("Diameter")} .o_qps_sf_pad:contains(9.9):contains(10.1)`,
        },
        ...typeKeys("Diameter", "10.5"),
        {
            content: "10.5 is out of tolerance: shown at once, beside its tolerance",
            trigger: `${inspection("Diameter")} .o_qps_sf_value[data-status=out]:contains(${_t("Out of tolerance")}):contains(9.9 – 10.1)`,
        },
        {
            content: "Erase the 5",
            trigger: `${inspection("Diameter")} .o_qps_sf_erase`,
            run: "click",
        },
        ...typeKeys("Diameter", "02"),
        {
            content: "10.02 is within tolerance",
            trigger: `${inspection("Diameter")} .o_qps_sf_value[data-status=in]:contains(${_t("In tolerance")})`,
        },
        {
            content: "Record the measure",
            trigger: `${inspection("Diameter")} .o_qps_sf_submit:enabled`,
            run: "click",
        },
        {
            content: "The first article passed",
            trigger: `${inspection("Diameter")}[data-state=pass]`,
        },
        {
            content: "The refusal went with the state it was refused in",
            trigger: `${PANEL}:not(:has(.o_qps_sf_refusal))`,
        },
        {
            content: "Acknowledge the instructions",
            trigger: `${inspection("Tool offsets")} .o_qps_sf_ack`,
            run: "click",
        },
        {
            content: "The instructions are acknowledged",
            trigger: `${inspection("Tool offsets")}[data-state=pass]`,
        },
        {
            content: "The patrol is the inspector's: no button for the operator",
            trigger: `${inspection("Surface")}:not(:has(.o_qps_sf_pass, .o_qps_sf_fail))`,
        },
        {
            content: "Nothing produced yet: no piece less",
            trigger: `${PANEL} .o_qps_sf_minus1:disabled`,
        },
        {
            content: "One piece produced",
            trigger: `${PANEL} .o_qps_sf_plus1:enabled`,
            run: "click",
        },
        {
            content: "1 of 5",
            trigger: `${PANEL} .o_qps_sf_produced:contains(1)`,
        },
        {
            content: "One more",
            trigger: `${PANEL} .o_qps_sf_plus1:enabled`,
            run: "click",
        },
        {
            content: "2 of 5",
            trigger: `${PANEL} .o_qps_sf_produced:contains(2)`,
        },
        {
            content: "One piece less produced",
            trigger: `${PANEL} .o_qps_sf_minus1:enabled`,
            run: "click",
        },
        {
            content: "1 of 5 again",
            trigger: `${PANEL} .o_qps_sf_produced:contains(1)`,
        },
        {
            content: "All produced",
            trigger: `${PANEL} .o_qps_sf_all:enabled`,
            run: "click",
        },
        {
            content: "5 of 5",
            trigger: `${PANEL} .o_qps_sf_produced:contains(5)`,
        },
        {
            content: "Try to finish again",
            trigger: `${PANEL} .o_qps_sf_finish:enabled`,
            run: "click",
        },
        {
            content: "Still refused: the inspector's checks are to do",
            trigger: `${PANEL} .o_qps_sf_refusal:contains(Surface):not(:contains(Diameter))`,
        },
    ],
});

registry.category("web_tour.tours").add("quality_progress_sync_shop_floor_inspector", {
    steps: () => [
        ...chooseCutting(),
        {
            content: "Fail the patrol",
            trigger: `${inspection("Surface")} .o_qps_sf_fail`,
            run: "click",
        },
        {
            content: "The fail dialog asks for the reason",
            trigger: ".modal .o_qps_fail_dialog [name=reason] textarea",
            run: "edit Chatter marks on the face",
        },
        {
            content: "and the failed quantity",
            trigger: ".modal .o_qps_fail_dialog [name=failed_qty] input",
            run: "edit 2",
        },
        {
            content: "Fail it",
            trigger: ".modal footer button[name=action_confirm]:enabled",
            run: "click",
        },
        {
            content: "The failure shows with its reason",
            trigger: `body:not(:has(.modal)) ${inspection("Surface")}[data-state=fail]:contains(Chatter marks)`,
        },
        {
            content: "Its rework work order is named on the panel",
            trigger: `${PANEL} .o_qps_sf_reworks .o_qps_sf_open_rework:contains(Cut)`,
        },
        {
            content: "and appears in the queue (behind the panel on a phone)",
            // ":hidden" in the selector: Odoo's tour then finds it unseen.
            trigger: "body:not(:hidden) .o_qps_sf_queues .o_qps_sf_card.o_qps_sf_card_rework:contains(Cut)",
        },
        {
            content: "Try to finish: the final inspection is to do",
            trigger: `${PANEL} .o_qps_sf_finish:enabled`,
            run: "click",
        },
        {
            content: "Refused, with the final inspection as a shortcut",
            trigger: `${PANEL} .o_qps_sf_refusal .o_qps_sf_goto:contains(Final look)`,
            run: cueTheOtherUser,
        },
        {
            content: "The operator records 3 pieces elsewhere: the screen follows",
            trigger: `${PANEL} .o_qps_sf_produced:contains(3)`,
            timeout: 30000,
        },
        {
            content: "and the refusal, no longer of this state, is gone",
            trigger: `${PANEL}:not(:has(.o_qps_sf_refusal))`,
        },
        {
            content: "Pass the final inspection",
            trigger: `${inspection("Final look")} .o_qps_sf_pass`,
            run: "click",
        },
        {
            content: "It passed",
            trigger: `${inspection("Final look")}[data-state=pass]`,
        },
        {
            content: "Finish the work order (the failure has its rework)",
            trigger: `${PANEL} .o_qps_sf_finish:enabled`,
            run: "click",
        },
        {
            content: "Done",
            trigger: `${PANEL} .o_qps_sf_panel_state[data-state=done]`,
        },
        {
            content: "Back to the queue",
            trigger: `${PANEL} .o_qps_sf_back`,
            run: "click",
        },
        {
            content: "The Cut left the queue, its rework stays",
            trigger: `.o_qps_sf_queues:not(:has(${CUT_CARD})) .o_qps_sf_card_rework`,
        },
    ],
});

registry.category("web_tour.tours").add("quality_progress_sync_shop_floor_phone", {
    steps: () => [
        ...chooseCutting(),
        {
            content: "On a phone the work order takes the screen",
            trigger: `.o_qps_sf_panel_open ${PANEL}`,
        },
        {
            content: "Start",
            trigger: `${PANEL} .o_qps_sf_start`,
            run: "click",
        },
        ...typeKeys("Diameter", "9.95"),
        {
            content: "Within tolerance",
            trigger: `${inspection("Diameter")} .o_qps_sf_value[data-status=in]`,
        },
        {
            content: "Record",
            trigger: `${inspection("Diameter")} .o_qps_sf_submit:enabled`,
            run: "click",
        },
        {
            content: "Recorded",
            trigger: `${inspection("Diameter")}[data-state=pass]`,
        },
        {
            content: "Back to the queue",
            trigger: `${PANEL} .o_qps_sf_back`,
            run: "click",
        },
        {
            content: "The queue again",
            trigger: `.o_qps_sf_queues ${CUT_CARD}`,
        },
        {
            content: "Scan the order's name (Odoo's barcode service)",
            trigger: `body:not(:has(${PANEL})) .o_qps_sf_queues`,
            run() {
                odoo.__WOWL_DEBUG__.root.env.services.barcode.bus.trigger(
                    "barcode_scanned",
                    {barcode: "QPS-SCAN-1"}
                );
            },
        },
        {
            content: "Its work order opens",
            trigger: `${PANEL} .o_qps_sf_panel_title:contains(Cut)`,
        },
    ],
});

// The README's route on one screen, from a phone or a tablet (see
// tests/test_shop_floor_tour.py, TestShopFloorRoute*): open my work center,
// start, record the first article (three points, typed on the device's
// numeric keypad), finish. In the operator's language: the texts it looks
// for are translated (_t) or are the records' names.
function typeValue(index, value) {
    return {
        content: `Value #${index + 1}: ${value}`,
        trigger: `${inspection("Diameter")} .o_qps_sf_value[data-index="${index}"] input[inputmode=decimal]`,
        run: `edit ${value}`,
    };
}

registry.category("web_tour.tours").add("quality_progress_sync_shop_floor_route", {
    steps: () => [
        // Its first article comes when it starts: nothing counted yet.
        ...chooseCutting({counted: false}),
        {
            content: "Start",
            trigger: `${PANEL} .o_qps_sf_start`,
            run: "click",
        },
        {
            content: "Finish before the first article",
            trigger: `${PANEL} .o_qps_sf_finish:enabled`,
            run: "click",
        },
        {
            content: "Refused: the first article first, as a shortcut",
            trigger: `${PANEL} .o_qps_sf_refusal .o_qps_sf_goto:contains(Diameter)`,
            run: "click",
        },
        {
            content: "One slot per point the checkpoint asks",
            trigger: `${inspection("Diameter")} .o_qps_sf_values:has(.o_qps_sf_value[data-index="2"]):not(:has(.o_qps_sf_value[data-index="3"]))`,
        },
        typeValue(0, "10.01"),
        typeValue(1, "9,98"),
        typeValue(2, "10.2"),
        {
            content: "The third point is out of tolerance, told as typed",
            trigger: `${inspection("Diameter")} .o_qps_sf_value[data-index="2"][data-status=out]:contains(${_t("Out of tolerance")})`,
        },
        typeValue(2, "10.03"),
        {
            content: "Record the three points",
            trigger: `${inspection("Diameter")} .o_qps_sf_submit:enabled`,
            run: "click",
        },
        {
            content: "The first article passed, the refusal is gone",
            trigger: `${PANEL}:not(:has(.o_qps_sf_refusal)) .o_qps_sf_inspection:contains(Diameter)[data-state=pass]`,
        },
        {
            content: "All produced",
            trigger: `${PANEL} .o_qps_sf_all:enabled`,
            run: "click",
        },
        {
            content: "5 of 5",
            trigger: `${PANEL} .o_qps_sf_produced:contains(5)`,
        },
        {
            content: "Finish",
            trigger: `${PANEL} .o_qps_sf_finish:enabled`,
            run: "click",
        },
        {
            content: "Done",
            trigger: `${PANEL} .o_qps_sf_panel_state[data-state=done]`,
        },
    ],
});

// The re-inspection of a rework, by the inspector (see
// tests/test_shop_floor_tour.py, TestShopFloorReinspection*): it waits for
// its rework to start, which the operator does on another screen; the
// inspector's screen follows and the re-inspection is recorded.
const REWORK_CARD = ".o_qps_sf_card.o_qps_sf_card_rework:contains(Cut)";

registry.category("web_tour.tours").add("quality_progress_sync_shop_floor_reinspection", {
    steps: () => [
        ...pickCutting(),
        {
            content: "Open the rework work order",
            trigger: `.o_qps_sf_queues ${REWORK_CARD}`,
            run: "click",
        },
        {
            content: "Its re-inspection waits for the rework to start: no button",
            trigger: `${inspection("Surface")}:has(.o_qps_sf_waiting):not(:has(.o_qps_sf_pass))`,
            run: cueTheOtherUser,
        },
        {
            content: "The operator starts the rework elsewhere: the screen follows",
            trigger: `${PANEL} .o_qps_sf_panel_state[data-state=progress]`,
            timeout: 30000,
        },
        {
            content: "Pass the re-inspection of the reworked pieces",
            trigger: `${inspection("Surface")}:not(:has(.o_qps_sf_waiting)) .o_qps_sf_pass:enabled`,
            run: "click",
        },
        {
            content: "It passed",
            trigger: `${inspection("Surface")}[data-state=pass]`,
        },
    ],
});
