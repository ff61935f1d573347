// Home, the learning path and the lesson reader.

import type { BlockView, Card, HomeView, LessonView, ModuleView, PathView } from "shared_types";

import { h } from "../dom";
import { button, buttonGroup, bulletList, caption, Ctx, heading, inset, linkButton, para, tag } from "./kit";

function card(ctx: Ctx, c: Card, id: string): HTMLElement {
  return h(
    "section",
    { class: "app-card", "aria-labelledby": id, "data-key": id },
    h("h2", { class: "govuk-heading-m", id }, c.heading),
    c.title !== "" && c.title !== c.heading ? h("p", { class: "govuk-body govuk-!-font-weight-bold" }, c.title) : null,
    para(c.detail),
    c.action ? button(ctx, c.action, "primary", { class: "govuk-button govuk-!-margin-bottom-0" }) : null,
  );
}

export function home(ctx: Ctx, v: HomeView): HTMLElement[] {
  return [
    heading(1, "l", v.greeting),
    h("p", { class: "govuk-body-l" }, v.summary),
    v.all_done ? h("div", { class: "govuk-panel govuk-panel--confirmation app-panel" }, h("p", { class: "govuk-panel__body" }, v.all_done)) : null,
    h(
      "div",
      { class: "app-cards" },
      v.resume ? card(ctx, v.resume, "home-resume") : null,
      v.next ? card(ctx, v.next, "home-next") : null,
      card(ctx, v.review, "home-review"),
      card(ctx, v.assessment, "home-assessment"),
    ),
    h("h2", { class: "govuk-heading-m" }, v.checklists_heading),
    h(
      "ul",
      { class: "govuk-list app-shortcuts" },
      v.checklists.map((a) => h("li", null, button(ctx, a, "secondary"))),
    ),
  ].filter((x): x is HTMLElement => x !== null);
}

const MODULE_TAG: Record<string, string | null> = {
  Locked: "grey",
  Available: "blue",
  InProgress: "yellow",
  Complete: "green",
};
const LESSON_TAG: Record<string, string | null> = {
  Locked: "grey",
  NotStarted: "blue",
  InProgress: "yellow",
  Complete: "green",
};

function module(ctx: Ctx, m: ModuleView): HTMLElement {
  const id = ctx.id("module", m.id);
  return h(
    "section",
    { class: "app-module", "aria-labelledby": id, "data-key": id },
    caption("m", m.number_text),
    h("h2", { class: "govuk-heading-m app-module__title", id }, m.title, " ", tag(m.status_text, MODULE_TAG[m.status.kind] ?? null)),
    para(m.summary),
    m.unlock_text ? inset(m.unlock_text) : null,
    para(m.progress_text, "govuk-body-s"),
    h(
      "ul",
      { class: "govuk-task-list" },
      m.lessons.map((lesson) => {
        const statusId = ctx.id("lesson-status", lesson.id);
        return h(
          "li",
          { class: `govuk-task-list__item${lesson.open ? " govuk-task-list__item--with-link" : ""}`, "data-key": `lesson-${lesson.id}` },
          h(
            "div",
            { class: "govuk-task-list__name-and-hint" },
            lesson.open
              ? linkButton(ctx, lesson.open, { class: "govuk-link govuk-task-list__link", "aria-describedby": statusId })
              : h("span", null, lesson.title),
            h("div", { class: "govuk-task-list__hint" }, lesson.minutes_text),
          ),
          h(
            "div",
            { class: "govuk-task-list__status", id: statusId },
            tag(lesson.status_text, LESSON_TAG[lesson.status.kind] ?? null),
          ),
        );
      }),
    ),
  );
}

export function path(ctx: Ctx, v: PathView): HTMLElement[] {
  return [heading(1, "l", v.heading), h("p", { class: "govuk-body-l" }, v.intro), ...v.modules.map((m) => module(ctx, m))];
}

function block(b: BlockView): HTMLElement {
  switch (b.kind) {
    case "Heading":
      return h("h3", { class: "govuk-heading-s" }, b.text);
    case "Paragraph":
      return h("p", { class: "govuk-body" }, b.text);
    case "List":
      return bulletList(b.items, b.ordered);
    case "Callout":
      return h(
        "div",
        { class: "govuk-inset-text app-callout" },
        b.title ? h("h3", { class: "govuk-heading-s" }, b.title) : null,
        b.paragraphs.map((p) => h("p", { class: "govuk-body" }, p)),
      );
    case "Example":
      return h(
        "div",
        { class: "app-example" },
        b.title ? h("h3", { class: "govuk-heading-s app-example__title" }, b.title) : null,
        b.paragraphs.map((p) => h("p", { class: "govuk-body" }, p)),
      );
  }
}

export function lesson(ctx: Ctx, v: LessonView): HTMLElement[] {
  return [
    caption("l", v.module_title),
    heading(1, "l", v.title),
    h("p", { class: "govuk-body-s app-meta" }, `${v.step.text} · ${v.minutes_text}`),
    h(
      "article",
      { class: "app-step", "aria-labelledby": "lesson-step-heading" },
      h("h2", { class: "govuk-heading-m", id: "lesson-step-heading" }, v.heading),
      v.blocks.map(block),
    ),
    buttonGroup(
      v.previous ? button(ctx, v.previous, "secondary") : null,
      button(ctx, v.next, "primary", { "data-key": "lesson-next" }),
    ),
    para(v.sources_text, "govuk-body-s app-sources"),
  ].filter((x): x is HTMLElement => x !== null);
}
