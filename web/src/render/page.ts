// The frame around every screen (skip link, header, navigation, back link, notices, sync
// status) and the choice of screen. Builds a fresh tree for `morph` to apply.

import type { NoticeView, ScreenView, ViewModel } from "shared_types";

import { h } from "../dom";
import { assessment } from "./assessment";
import { Ctx, heading, para, tag, warningText } from "./kit";
import { home, lesson, path } from "./learn";
import { checklists, run, settings } from "./practice";
import { quiz, review } from "./questions";

const SYNC_TAG: Record<string, string> = {
  LocalOnly: "grey",
  Offline: "grey",
  Syncing: "blue",
  Synced: "green",
  NeedsAttention: "orange",
};

function notice(ctx: Ctx, n: NoticeView): HTMLElement {
  const titleId = "notice-title";
  const success = n.tone.kind === "Success";
  // Every notice appears inside a polite live region (see `page`), which announces it.
  if (n.tone.kind === "Error") {
    return h(
      "div",
      { class: "govuk-error-summary", "data-module": "govuk-error-summary", "data-key": "notice-error" },
      // Announced by the live region around notices (a role of "alert" here would say it twice).
      h(
        "div",
        null,
        h("h2", { class: "govuk-error-summary__title" }, n.title),
        h(
          "div",
          { class: "govuk-error-summary__body" },
          h("p", { class: "govuk-body" }, n.text),
          h("a", { href: "#", class: "govuk-link", role: "button", ...ctx.act(n.dismiss) }, n.dismiss.label),
        ),
      ),
    );
  }
  return h(
    "div",
    {
      class: success ? "govuk-notification-banner govuk-notification-banner--success" : "govuk-notification-banner",
      role: "region",
      "aria-labelledby": titleId,
      "data-module": "govuk-notification-banner",
      "data-key": "notice-banner",
    },
    h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id: titleId }, n.title)),
    h(
      "div",
      { class: "govuk-notification-banner__content" },
      h("p", { class: "govuk-notification-banner__heading" }, n.text),
      h("p", { class: "govuk-body" }, h("a", { href: "#", class: "govuk-notification-banner__link", role: "button", ...ctx.act(n.dismiss) }, n.dismiss.label)),
    ),
  );
}

function screen(ctx: Ctx, s: ScreenView, warningLabel: string): HTMLElement[] {
  switch (s.kind) {
    case "Loading":
      return [heading(1, "l", s.text, { class: "govuk-heading-l app-loading" })];
    case "Failed":
      return [heading(1, "l", s.heading), para(s.text) as HTMLElement];
    case "Home":
      return home(ctx, s.value);
    case "Path":
      return path(ctx, s.value);
    case "Lesson":
      return lesson(ctx, s.value);
    case "Quiz":
      return quiz(ctx, s.value);
    case "Review":
      return review(ctx, s.value);
    case "Assessment":
      return assessment(ctx, s.value);
    case "Checklists":
      return checklists(ctx, s.value);
    case "Run":
      return run(ctx, s.value);
    case "Settings":
      return settings(ctx, s.value, warningLabel);
  }
}

/** Which screen this is, for moving focus when it changes (and only then). */
export function screenKey(vm: ViewModel): string {
  const s = vm.screen;
  switch (s.kind) {
    case "Lesson":
      return `lesson:${s.value.lesson_id}:${s.value.step.current}`;
    case "Quiz":
      return `quiz:${s.value.lesson_id}:${s.value.progress.current}:${s.value.body.kind}`;
    case "Review":
      return s.value.kind === "Question" ? `review:question:${s.value.progress.current}` : `review:${s.value.kind}`;
    case "Assessment":
      return s.value.kind === "Item" ? `assessment:item:${s.value.value.id}` : `assessment:${s.value.kind}`;
    case "Run":
      return `run:${s.value.run_id}`;
    default:
      return s.kind;
  }
}

export function page(vm: ViewModel): { root: HTMLElement; ctx: Ctx } {
  const ctx = new Ctx();
  const shell = vm.shell;
  const home = vm.tabs.find((t) => t.destination.kind === "Home");
  const root = h(
    "div",
    { id: "app", "data-screen": vm.screen.kind },
    h("a", { href: "#main-content", class: "govuk-skip-link", "data-module": "govuk-skip-link", "data-skip": "" }, shell.skip_link),
    h(
      "header",
      { class: "govuk-generic-header", "data-key": "header" },
      h(
        "div",
        { class: "govuk-generic-header__container govuk-width-container" },
        h(
          "div",
          { class: "govuk-generic-header__logo" },
          home
            ? h("a", { href: "#", class: "govuk-generic-header__homepage-link", ...ctx.act(home.action) }, shell.app_name)
            : h("span", { class: "govuk-generic-header__homepage-link" }, shell.app_name),
        ),
      ),
    ),
    vm.tabs.length > 0
      ? h(
          "div",
          { class: "govuk-service-navigation", "data-key": "nav" },
          h(
            "div",
            { class: "govuk-width-container" },
            h(
              "div",
              { class: "govuk-service-navigation__container" },
              h(
                "nav",
                { "aria-label": shell.nav_label, class: "govuk-service-navigation__wrapper" },
                h(
                  "ul",
                  { class: "govuk-service-navigation__list", id: "navigation" },
                  vm.tabs.map((tab) =>
                    h(
                      "li",
                      {
                        class: tab.current
                          ? "govuk-service-navigation__item govuk-service-navigation__item--active"
                          : "govuk-service-navigation__item",
                        "data-key": `tab-${tab.destination.kind}`,
                      },
                      h(
                        "a",
                        {
                          class: "govuk-service-navigation__link",
                          href: `#${tab.destination.kind.toLowerCase()}`,
                          "aria-current": tab.current ? "page" : null,
                          ...ctx.act(tab.action),
                        },
                        tab.current ? h("strong", { class: "govuk-service-navigation__active-fallback" }, tab.action.label) : tab.action.label,
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
        )
      : null,
    h(
      "div",
      { class: "govuk-width-container", "data-key": "container" },
      h(
        "div",
        { class: "app-backbar", "data-key": "backbar" },
        vm.back ? h("a", { href: "#", class: "govuk-back-link", role: "button", ...ctx.act(vm.back) }, vm.back.label) : null,
      ),
      h(
        "main",
        { class: "govuk-main-wrapper", id: "main-content", tabindex: "-1", "data-key": "main" },
        // Live regions stay in the page, so what appears in them is announced.
        h("div", { class: "app-notices", "aria-live": "polite", "data-key": "notices" }, vm.notice ? notice(ctx, vm.notice) : null),
        h("div", { class: "app-warnings", "data-key": "warnings" }, vm.warning !== null ? warningText(shell.warning_label, vm.warning) : null),
        h(
          "div",
          { class: "app-sync", "data-key": "sync", "data-sync-state": vm.sync.state.kind },
          h(
            "p",
            { class: "govuk-body-s app-sync__text", role: "status" },
            tag(vm.sync.text, SYNC_TAG[vm.sync.state.kind] ?? null, { class: `govuk-tag govuk-tag--${SYNC_TAG[vm.sync.state.kind] ?? "grey"} app-sync__tag` }),
            vm.sync.action
              ? [" ", h("a", { href: "#", class: "govuk-link", role: "button", ...ctx.act(vm.sync.action) }, vm.sync.action.label)]
              : null,
          ),
        ),
        h("div", { class: "app-screen", "data-key": `screen-${vm.screen.kind}` }, screen(ctx, vm.screen, shell.warning_label)),
      ),
    ),
  );
  return { root, ctx };
}
