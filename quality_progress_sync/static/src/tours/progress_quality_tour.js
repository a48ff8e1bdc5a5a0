/** @odoo-module **/
// Copyright 2026 quality_progress_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The tour starts on the Progress & Quality kanban, with the "Cut" work
// order of a manufacturing order in progress and held by its "Tour check"
// inspection (see tests/test_tour.py).
const CARD = ".o_kanban_record:contains(Cut)";
// A field without widget is a plain span in a kanban card.
const REASON = "span.o_qps_blocking_reason:contains(is still to do)";

registry.category("web_tour.tours").add("quality_progress_sync_kanban_tour", {
    steps: () => [
        {
            content: "The blocked card tells why: its inspection is still to do",
            trigger: `${CARD} ${REASON}:contains(Tour check)`,
        },
        {
            content: "Its work center's column tells its OEE, defined in a tooltip",
            trigger: `.o_kanban_group:has(${CARD}) .o_qps_column_oee[title] .o_qps_column_oee_value`,
        },
        {
            content: "Open the inspections of the work order",
            trigger: `${CARD} button:contains(Inspect)`,
            run: "click",
        },
        {
            content: "Open the inspection",
            trigger: ".o_list_view .o_data_row:contains(Tour check) .o_data_cell",
            run: "click",
        },
        {
            content: "Pass it",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_pass]",
            run: "click",
        },
        {
            content: "The inspection is passed",
            trigger: ".o_form_view .ribbon:contains(Passed)",
        },
        {
            content: "Back to the kanban through the breadcrumb",
            trigger: ".o_breadcrumb .breadcrumb-item:contains(Progress & Quality)",
            run: "click",
        },
        {
            content: "The card is no longer blocked",
            trigger: `.o_qps_progress_quality_kanban ${CARD}:not(:has(${REASON}))`,
        },
        {
            content: "Finish the work order",
            trigger: `.o_qps_progress_quality_kanban ${CARD} button:contains(Finish)`,
            run: "click",
        },
        {
            // The button reloads the view once the work order is finished:
            // wait for it before changing the filters, or a reload still to
            // come reapplies the old ones over the new search.
            content: "Finished, it leaves the view filtered on Not Done",
            trigger: `.o_qps_progress_quality_kanban:not(:has(${CARD}))`,
        },
        {
            content: "Show finished work orders: remove the Not Done filter",
            trigger: ".o_searchview_facet:contains(Not Done)",
            run: "hover && click .o_searchview_facet:contains(Not Done) .o_facet_remove",
        },
        {
            content: "The work order is finished",
            trigger: `${CARD} .o_field_widget[name=state]:contains(Finished)`,
        },
        {
            content: "and its card shows no blocking reason",
            trigger: `${CARD}:not(:has(${REASON})):not(:has(button:contains(Finish)))`,
        },
    ],
});
