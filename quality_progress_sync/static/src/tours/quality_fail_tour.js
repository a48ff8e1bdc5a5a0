/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The tour starts on the Progress & Quality kanban, with the "Cut" work order
// of a manufacturing order in progress and its "Tour check" inspection to do
// (see tests/test_tour.py). Each step waits for the state it acts on.
const KANBAN = ".o_qps_progress_quality_kanban";
const CARD = `${KANBAN} .o_kanban_record:contains(Cut):not(:contains(Rework))`;
const COUNTS = ".o_qps_quality_counts";
const DIALOG = ".modal .o_qps_fail_dialog";

registry.category("web_tour.tours").add("quality_progress_sync_fail_tour", {
    steps: () => [
        {
            content: "The card counts its inspections with their labels",
            trigger: `${CARD} ${COUNTS} .badge:contains(To do 1)`,
        },
        {
            content: "and shows no count it does not have",
            trigger: `${CARD} ${COUNTS}:not(:contains(Passed)):not(:contains(Failed))`,
        },
        {
            content: "Open the inspections of the work order",
            trigger: `${CARD} button:contains(Inspect)`,
            run: "click",
        },
        {
            content: "Fail the inspection from its row",
            trigger:
                ".o_list_view .o_data_row:contains(Tour check) button[name=action_fail]",
            run: "click",
        },
        {
            content: "The dialog tells what the failure starts",
            trigger: `${DIALOG} [name=consequence]:contains(rework work order)`,
        },
        {
            content: "Failing without a reason is refused",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The reason is marked as missing and the dialog stays",
            trigger: `${DIALOG} .o_field_invalid[name=reason]`,
        },
        {
            content: "Give the reason",
            trigger: `${DIALOG} [name=reason] textarea`,
            run: "edit Burr on the cut edge",
        },
        {
            content: "and the failed quantity",
            trigger: `${DIALOG} [name=failed_qty] input`,
            run: "edit 2",
        },
        {
            content: "Fail it",
            trigger: ".modal footer button[name=action_confirm]:enabled",
            run: "click",
        },
        {
            content: "A notification tells what happened",
            trigger: ".o_notification:contains(Tour check):contains(failed)",
        },
        {
            content: "The dialog is closed and the row shows the failure",
            trigger:
                "body:not(:has(.modal)) .o_list_view .o_data_row:contains(Tour check):contains(Failed)",
        },
        {
            content: "Back to the kanban through the breadcrumb",
            trigger: ".o_breadcrumb .breadcrumb-item:contains(Progress & Quality)",
            run: "click",
        },
        {
            content: "The card counts the failure, labelled",
            trigger: `${CARD} ${COUNTS} .badge:contains(Failed 1)`,
        },
        {
            content: "and the rework work order has its card",
            trigger: `${KANBAN} .o_kanban_record:contains(Rework):contains(Cut)`,
        },
    ],
});
