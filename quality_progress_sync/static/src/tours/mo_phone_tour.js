/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The operator's route through a manufacturing order on a phone (390 px):
// its work orders are cards with Start, Finish and Quality; Finish is
// refused while the first article is to do; Quality opens the work order
// with its inspections, where the operator passes his self-check; then
// Finish. Started on the order's form (see tests/test_mo_phone_tour.py); in
// the operator's language: it looks for records' names only.
const CARD = ".o_qps_mo_workorder_kanban .o_kanban_record:contains(Cut)";

registry.category("web_tour.tours").add("quality_progress_sync_mo_phone", {
    steps: () => [
        {
            content: "Open the order's work orders",
            trigger: ".o_notebook a[name=operations]",
            run: "click",
        },
        {
            content: "The work orders are cards: start the cut",
            trigger: `${CARD} button.o_qps_mo_wo_start`,
            run: "click",
        },
        {
            content: "Finish the cut",
            trigger: `${CARD} button.o_qps_mo_wo_finish`,
            run: "click",
        },
        {
            content: "Refused: the first article is still to do",
            trigger: ".modal .modal-body:contains(QI/):contains(Phone check)",
        },
        {
            content: "Close the refusal",
            trigger: ".modal:has(.modal-body:contains(Phone check)) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Open the cut's inspections",
            trigger: `body:not(:has(.modal)) ${CARD} button.o_qps_mo_wo_quality`,
            run: "click",
        },
        {
            content: "Pass the first article",
            trigger: ".modal .o_kanban_record:contains(Phone check) button[name=action_pass]",
            run: "click",
        },
        {
            content: "It is passed",
            trigger: ".o_notification:contains(Phone check)",
        },
        {
            content: "Close the work order",
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            content: "Finish the cut",
            trigger: `body:not(:has(.modal)) ${CARD} button.o_qps_mo_wo_finish`,
            run: "click",
        },
        {
            content: "The cut is finished",
            trigger: `${CARD}:not(:has(button.o_qps_mo_wo_finish, button.o_qps_mo_wo_start))`,
        },
    ],
});
