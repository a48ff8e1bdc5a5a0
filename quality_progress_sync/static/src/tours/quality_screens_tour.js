/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The office dialogs (see tests/test_screens_tour.py). Each step waits for
// the state it acts on.
const DISPOSITION = ".modal .o_qps_disposition_dialog";

// An inspector decides a failure: nothing chosen for them, no concession.
registry.category("web_tour.tours").add("quality_progress_sync_disposition_tour", {
    steps: () => [
        {
            content: "Open the disposition dialog of the failed inspection",
            trigger: ".o_form_view button[name=action_open_disposition_wizard]",
            run: "click",
        },
        {
            content: "Rework and scrap offered, nothing chosen",
            trigger: `${DISPOSITION} [name=disposition]:has(input[data-value=rework]):has(input[data-value=scrap]):not(:has(input:checked))`,
        },
        {
            content: "No concession for an inspector, and the dialog says who decides it",
            trigger: `${DISPOSITION}:not(:has(input[data-value=concession])) .o_qps_disposition_note:contains(Quality Manager)`,
        },
        {
            content: "Deciding nothing is refused: the choice is marked as missing",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The choice is missing",
            trigger: `${DISPOSITION} .o_field_invalid[name=disposition]`,
        },
        {
            content: "Scrap",
            trigger: `${DISPOSITION} input[data-value=scrap]`,
            run: "click",
        },
        {
            content: "Decide",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Decided: the button is gone",
            trigger: "body:not(:has(.modal)) .o_form_view:not(:has(button[name=action_open_disposition_wizard]))",
        },
    ],
});

function printItem(name) {
    return [
        {
            content: "Open the actions",
            trigger: ".o_cp_action_menus button:has(i.fa-cog)",
            run: "click",
        },
        {
            content: "Print",
            trigger: ".o-dropdown--menu button:contains(Print)",
            run: "click",
        },
        {
            content: `Print the ${name}`,
            trigger: `.o-dropdown--menu .o_menu_item:contains(${name})`,
            run: "click",
        },
    ];
}

// Printing without wkhtmltopdf: a refused certificate is a dialog with the
// reason, the inspection record shows in the browser after a plain message.
registry.category("web_tour.tours").add("quality_progress_sync_print_tour", {
    steps: () => [
        ...printItem("Certificate of Conformity"),
        {
            content: "Refused in a dialog, with the reason",
            trigger: ".modal .modal-body:contains(No certificate of conformity can be issued):contains(is not done)",
        },
        {
            content: "Close it",
            trigger: ".modal footer button",
            run: "click",
        },
        {
            content: "Still on the order",
            trigger: "body:not(:has(.modal)) .o_form_view",
        },
        ...printItem("Inspection Record"),
        {
            content: "A plain message: no PDF on this server, the report shows here",
            trigger: ".o_notification:contains(No PDF can be made):not(:contains(wkhtmltopdf.org))",
        },
        {
            content: "The record shows in the browser",
            trigger: "iframe[src*=\"/report/html/quality_progress_sync.report_inspection_record\"]",
        },
    ],
});
