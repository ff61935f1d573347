// The self-assessment: the intro, one item at a time, and the result with its chart.

import type { AssessmentItemView, AssessmentResultView, AssessmentView, StageView } from "shared_types";

import { h } from "../dom";
import { chart } from "./chart";
import {
  bulletList,
  button,
  buttonGroup,
  caption,
  choices,
  Ctx,
  heading,
  inset,
  linkButton,
  para,
  summaryList,
  toggleSection,
} from "./kit";

function item(ctx: Ctx, v: AssessmentItemView): HTMLElement[] {
  const key = `item-${v.id}`;
  const input =
    v.input.kind === "Choice"
      ? [
          choices(ctx, {
            type: "radio",
            name: ctx.id("item", v.id),
            legend: v.prompt,
            legendSize: "l",
            legendHeading: 1,
            hint: v.hint,
            items: v.input.choices.map((c, i) => ({
              id: String(i),
              label: c.label,
              checked: c.selected,
              action: c.choose,
            })),
            attrs: { "data-key": key },
          }),
        ]
      : [
          h("h1", { class: "govuk-heading-l", tabindex: "-1", "data-key": `${key}-heading` }, v.prompt),
          v.hint ? para(v.hint, "govuk-hint") : null,
          ...v.input.channels.map((channel) =>
            choices(ctx, {
              type: "radio",
              name: ctx.id("channel", v.id, channel.id),
              legend: channel.label,
              legendSize: "s",
              items: channel.frequencies.map((f, i) => ({
                id: String(i),
                label: f.label,
                checked: f.selected,
                action: f.choose,
              })),
              inline: true,
              small: true,
              attrs: { "data-key": `${key}-${channel.id}` },
            }),
          ),
        ];
  return [
    caption("m", `${v.progress.text} · ${v.area_title}`),
    ...input.filter((x): x is HTMLElement => x !== null),
    buttonGroup(button(ctx, v.back, "secondary"), v.next ? button(ctx, v.next, "primary", { "data-key": "item-next" }) : null),
  ];
}

function route(stage: StageView): HTMLElement {
  return h(
    "ol",
    { class: "app-route" },
    stage.route.map((title, i) =>
      h(
        "li",
        {
          class: i === stage.index ? "app-route__stage app-route__stage--current" : "app-route__stage",
          "aria-current": i === stage.index ? "step" : null,
        },
        title,
      ),
    ),
  );
}

function result(ctx: Ctx, v: AssessmentResultView): HTMLElement[] {
  return [
    heading(1, "l", v.heading),
    para(v.date_text, "govuk-body-s app-meta"),
    h(
      "div",
      { class: "govuk-panel govuk-panel--confirmation app-panel" },
      h("h2", { class: "govuk-panel__title" }, v.stage_text),
      h("div", { class: "govuk-panel__body" }, v.overall_text),
    ),
    para(v.stage.position_text, "govuk-body govuk-!-font-weight-bold"),
    route(v.stage),
    para(v.stage.description),
    chart(v.chart, v.areas, "assessment-chart"),
    v.compared_text !== null ? para(v.compared_text) : null,
    summaryList(
      v.areas.map((a): [string, HTMLElement] => [
        a.title,
        h("span", null, String(a.score), a.change_text !== "" ? h("span", { class: "govuk-hint app-change" }, a.change_text) : null),
      ]),
      { class: "govuk-summary-list app-scores" },
    ),
    h("h2", { class: "govuk-heading-m" }, v.focus_heading),
    ...v.focus.map((f) =>
      h(
        "section",
        { class: "app-focus", "data-key": ctx.id("focus", f.title) },
        h("h3", { class: "govuk-heading-s" }, f.title),
        para(f.score_text, "govuk-body govuk-!-font-weight-bold"),
        para(f.description),
        h(
          "ul",
          { class: "govuk-list" },
          f.modules.map((m) => h("li", null, linkButton(ctx, m))),
        ),
      ),
    ),
    inset(v.privacy),
    toggleSection(ctx, v.baseline, "baseline"),
    buttonGroup(v.actions.map((a, i) => button(ctx, a, i === 0 ? "primary" : "secondary"))),
  ].filter((x): x is HTMLElement => x !== null);
}

export function assessment(ctx: Ctx, v: AssessmentView): HTMLElement[] {
  switch (v.kind) {
    case "Intro": {
      const intro = v.value;
      return [
        heading(1, "l", intro.heading),
        ...intro.paragraphs.map((p) => h("p", { class: "govuk-body" }, p)),
        bulletList(intro.facts),
        inset(intro.privacy),
        buttonGroup(
          button(ctx, intro.start, "primary", { class: "govuk-button govuk-button--start" }),
          intro.last_result ? button(ctx, intro.last_result, "secondary") : null,
        ),
      ];
    }
    case "Item":
      return item(ctx, v.value);
    case "Result":
      return result(ctx, v.value);
  }
}
