// Checklists (the templates, earlier runs, one run with notes) and settings.

import type { ChecklistsView, DeleteView, RunItemView, RunView, SettingsView, SyncSettingsView } from "shared_types";

import { h } from "../dom";
import {
  button,
  buttonGroup,
  choices,
  Ctx,
  heading,
  inset,
  para,
  summaryList,
  textForm,
  toggleSection,
  warningText,
} from "./kit";
import { rating, sharePrompt, sharingSection } from "./sharing";

export function checklists(ctx: Ctx, v: ChecklistsView): HTMLElement[] {
  return [
    heading(1, "l", v.heading),
    h("p", { class: "govuk-body-l" }, v.intro),
    ...v.templates.map((t) => {
      const id = ctx.id("template", t.id);
      return h(
        "section",
        { class: "app-card", "aria-labelledby": id, "data-key": id },
        h("h2", { class: "govuk-heading-m", id }, t.title),
        para(t.summary),
        para(t.items_text, "govuk-body-s app-meta"),
        buttonGroup(
          t.resume ? button(ctx, t.resume, "primary", { "aria-describedby": id }) : null,
          button(ctx, t.start, t.resume ? "secondary" : "primary", { "aria-describedby": id }),
        ),
      );
    }),
    h("h2", { class: "govuk-heading-m" }, v.runs_heading),
    v.no_runs_text !== null ? para(v.no_runs_text) : null,
    v.runs.length > 0
      ? h(
          "ul",
          { class: "govuk-task-list app-runs" },
          v.runs.map((run) => {
            const titleId = ctx.id("run-title", run.id);
            const statusId = ctx.id("run-status", run.id);
            return h(
              "li",
              { class: "govuk-task-list__item", "data-key": `run-${run.id}` },
              h(
                "div",
                { class: "govuk-task-list__name-and-hint" },
                h("span", { id: titleId, class: "govuk-!-font-weight-bold" }, run.title),
                h("div", { class: "govuk-task-list__hint", id: statusId }, `${run.status_text}. ${run.progress_text}`),
              ),
              h(
                "div",
                { class: "govuk-task-list__status" },
                button(ctx, run.open, "secondary", {
                  class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0",
                  "aria-describedby": `${titleId} ${statusId}`,
                }),
              ),
            );
          }),
        )
      : null,
    v.more ? buttonGroup(button(ctx, v.more, "secondary")) : null,
  ].filter((x): x is HTMLElement => x !== null);
}

function note(ctx: Ctx, run: RunView, item: RunItemView, labelId: string): HTMLElement | null {
  if (item.note_label === null) {
    // A finished run: the note, if any, to read.
    return item.note !== null ? inset(h("p", { class: "govuk-body" }, item.note)) : null;
  }
  const areaId = ctx.id("note", run.run_id, item.id);
  const summaryId = `${areaId}-summary`;
  const hintId = item.note_prompt !== null ? `${areaId}-hint` : null;
  return h(
    "div",
    { class: "app-note", "data-key": `note-${item.id}` },
    item.note !== null ? h("p", { class: "govuk-body app-note__text" }, item.note) : null,
    h(
      "details",
      { class: "govuk-details", "data-key": `details-${item.id}` },
      h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text", id: summaryId }, item.note_label)),
      h(
        "div",
        { class: "govuk-details__text" },
        h(
          "form",
          { "data-form": "note", "data-run": run.run_id, "data-item": item.id, novalidate: true },
          h(
            "div",
            { class: "govuk-form-group" },
            hintId !== null ? h("div", { class: "govuk-hint", id: hintId }, item.note_prompt ?? "") : null,
            h(
              "textarea",
              {
                class: "govuk-textarea",
                id: areaId,
                name: "note",
                rows: 3,
                "aria-labelledby": `${summaryId} ${labelId}`,
                "aria-describedby": hintId,
              },
              item.note ?? "",
            ),
          ),
          h(
            "button",
            { type: "submit", class: "govuk-button govuk-button--secondary", "aria-describedby": labelId },
            run.save_note_label,
          ),
        ),
      ),
    ),
  );
}

export function run(ctx: Ctx, v: RunView): HTMLElement[] {
  return [
    heading(1, "l", v.title),
    para(v.summary),
    summaryList([[v.status_text, v.progress_text]], { class: "govuk-summary-list app-run-status" }),
    inset(v.notes_privacy),
    ...v.sections.map((section) =>
      choices(ctx, {
        type: "checkbox",
        name: ctx.id("section", section.id),
        legend: section.title,
        legendSize: "m",
        legendHeading: 2,
        items: section.items.map((item) => {
          const inputId = ctx.id("check", section.id, item.id);
          return {
            id: item.id,
            inputId,
            label: item.text,
            checked: item.done,
            action: item.toggle,
            extra: note(ctx, v, item, `${inputId}-label`),
          };
        }),
        attrs: { "data-key": `section-${section.id}` },
      }),
    ),
    v.finish ? buttonGroup(button(ctx, v.finish, "primary")) : null,
    v.rating !== null ? rating(ctx, v.rating) : null,
  ].filter((x): x is HTMLElement => x !== null);
}

function deleteControls(ctx: Ctx, d: DeleteView, warningLabel: string): HTMLElement {
  if (d.kind === "Ready") return buttonGroup(button(ctx, d.action, "warning"));
  return h(
    "div",
    { class: "app-confirm" },
    warningText(warningLabel, d.warning),
    buttonGroup(button(ctx, d.confirm, "warning", { "data-focus": "" }), button(ctx, d.cancel, "secondary")),
  );
}

function syncSettings(ctx: Ctx, v: SyncSettingsView, warningLabel: string): HTMLElement[] {
  if (v.kind === "Join") {
    const j = v.value;
    return [
      h("h3", { class: "govuk-heading-s" }, j.heading),
      para(j.text),
      j.busy !== null ? h("p", { class: "govuk-body app-busy", role: "status" }, j.busy) : null,
      textForm(ctx, {
        form: "join",
        name: "code",
        label: j.code.label,
        hint: j.code.hint || undefined,
        value: j.code.value,
        submit: j.code.save_label,
        busy: j.busy,
        inputAttrs: { autocomplete: "off", spellcheck: "false", class: "govuk-input govuk-input--width-10" },
      }),
      h("h3", { class: "govuk-heading-s" }, j.pair_heading),
      para(j.pair_text),
      textForm(ctx, {
        form: "pair",
        name: "pairing-code",
        label: j.pair_code.label,
        hint: j.pair_code.hint || undefined,
        value: j.pair_code.value,
        submit: j.pair_code.save_label,
        busy: j.busy,
        inputAttrs: {
          autocomplete: "one-time-code",
          autocapitalize: "characters",
          spellcheck: "false",
          class: "govuk-input govuk-input--width-10",
        },
      }),
    ].filter((x): x is HTMLElement => x !== null);
  }
  const j = v.value;
  return [
    j.share_prompt !== null ? sharePrompt(ctx, j.share_prompt) : null,
    para(j.status),
    h("p", { class: "govuk-body" }, j.sync_text),
    j.busy !== null ? h("p", { class: "govuk-body app-busy", role: "status" }, j.busy) : null,
    buttonGroup(
      button(ctx, j.sync_now, "secondary", { disabled: j.busy !== null }),
      j.add_device ? button(ctx, j.add_device, "secondary", { disabled: j.busy !== null }) : null,
    ),
    j.pairing_text !== null ? inset(h("p", { class: "govuk-body-l app-pairing", "data-focus": "" }, j.pairing_text)) : null,
    ...(j.problems.length > 0
      ? [
          h("h3", { class: "govuk-heading-s" }, j.problems_heading),
          para(j.problems_text) as HTMLElement,
          summaryList(j.problems.map((p): [string, string] => [p.what, p.reason]), { class: "govuk-summary-list app-problems" }),
        ]
      : []),
    h("h3", { class: "govuk-heading-s" }, j.delete_heading),
    para(j.delete_text) as HTMLElement,
    deleteControls(ctx, j.delete_, warningLabel),
  ].filter((x): x is HTMLElement => x !== null);
}

export function settings(ctx: Ctx, v: SettingsView, warningLabel: string): HTMLElement[] {
  return [
    heading(1, "l", v.heading),
    textForm(ctx, {
      form: "name",
      name: "name",
      label: v.name.label,
      labelSize: "m",
      hint: v.name.hint,
      value: v.name.value,
      submit: v.name.save_label,
      inputAttrs: { autocomplete: "name", spellcheck: "false" },
    }),
    toggleSection(ctx, v.backup, "backup"),
    sharingSection(ctx, v.sharing),
    h(
      "section",
      { class: "app-section", "aria-labelledby": "sync-heading" },
      h("h2", { class: "govuk-heading-m", id: "sync-heading" }, v.sync_heading),
      ...syncSettings(ctx, v.sync, warningLabel),
    ),
    h(
      "section",
      { class: "app-section", "aria-labelledby": "delete-heading" },
      h("h2", { class: "govuk-heading-m", id: "delete-heading" }, v.delete_heading),
      para(v.delete_text) as HTMLElement,
      deleteControls(ctx, v.delete_, warningLabel),
    ),
    para(v.about, "govuk-body-s app-meta") as HTMLElement,
  ];
}
