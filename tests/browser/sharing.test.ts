// What the learner shares, with a mouse: the question asked once after joining, "Was this
// useful?" after a quiz and a finished checklist run, the baseline on the self-assessment
// result, and both sharing settings. Every choice is a record that syncs, so the server must
// take them all; and all of them are still there after a reload.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";

import { expectHeading, finishLesson, open, press, tab, takeAssessment, waitForSync, WORDS } from "./support/app";
import { device, launch, watchErrors } from "./support/browser";
import { startServer, type Server } from "./support/server";

/** Words the core writes (shared/src/text.rs) about sharing. */
const SHARING = {
  promptHeading: "Do you want to share your progress with your programme lead?",
  willSee: [
    "your name",
    "the modules and lessons you have finished, and your quiz scores",
    "how many checklists you have run",
    "when you were last active",
  ],
  willNotSee: ["your self-assessment answers", "your checklist notes", "your comments, unless you tick that they may"],
  shareYes: "Share my progress",
  shareNo: "Do not share",
  section: "What your programme lead sees",
  progressOff: "Your progress is not shared. Your lead sees how many members do not share, but not who.",
  progressOn: "Your programme lead can see your progress.",
  baselineLabel: "Add my result to the anonymous baseline",
  baselineOff: "Your result is not in the baseline.",
  baselineOn: "Your latest result is in the baseline. A new result replaces it.",
  turnOn: "Turn on",
  turnOff: "Turn off",
  question: "Was this useful?",
  comment: "Comment (optional)",
  shareComment: "My programme lead may read my comment",
  send: "Send rating",
  pickRating: "Choose a rating from 1 to 5.",
} as const;

let server: Server;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  page = await (await device(browser)).newPage();
  errors = watchErrors(page);
  await open(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

/** The rating form on screen. */
function ratingForm(): Locator {
  return page.locator("form[data-form=rating]");
}

/** A toggle in Settings' sharing section, by its label. */
function sharingToggle(label: string): Locator {
  return page.getByRole("region", { name: SHARING.section }).locator(".app-toggle", { hasText: label });
}

describe("sharing and ratings", () => {
  test("joining asks once whether to share progress; \"Do not share\" answers it", async () => {
    await tab(page, WORDS.settings);
    await expectHeading(page, "Settings");
    // Before joining there is nothing to share with, so no question.
    expect(await page.locator(".app-prompt").count()).toBe(0);
    await page.getByLabel("Programme code").fill(server.cohortCode);
    await press(page, WORDS.join);
    await page.getByText("You have joined Browser test cohort").first().waitFor();
    const prompt = page.getByRole("region", { name: SHARING.promptHeading });
    await prompt.waitFor();
    expect(await prompt.getByRole("heading", { level: 3 }).innerText()).toBe(SHARING.promptHeading);
    expect(await prompt.locator("ul").nth(0).locator("li").allInnerTexts()).toEqual(SHARING.willSee);
    expect(await prompt.locator("ul").nth(1).locator("li").allInnerTexts()).toEqual(SHARING.willNotSee);
    expect(await prompt.getByRole("button").allInnerTexts()).toEqual([SHARING.shareYes, SHARING.shareNo]);
    await prompt.getByRole("button", { name: SHARING.shareNo, exact: true }).click();
    await prompt.waitFor({ state: "detached" });
    expect(await sharingToggle("Share my progress").locator(".app-state").innerText()).toBe(SHARING.progressOff);
  });

  test("after passing a quiz: no choice is refused, then 4 with a comment is thanked", async () => {
    await tab(page, WORDS.home);
    await press(page, WORDS.startLesson);
    await finishLesson(page);
    const form = ratingForm();
    await form.waitFor();
    const scale = form.getByRole("group", { name: SHARING.question });
    expect(await scale.getByRole("radio").count()).toBe(5);
    // The shell checks nothing: the core says what is missing.
    await form.getByRole("button", { name: SHARING.send, exact: true }).click();
    await page.getByText(SHARING.pickRating).first().waitFor();
    await scale.getByLabel("4 – Very useful", { exact: true }).check();
    await form.getByLabel(SHARING.comment).fill("The example about ward surgeries helped.");
    await form.getByLabel(SHARING.shareComment).check();
    // A re-render (the minute's tick, say) leaves the learner's choice alone.
    await page.waitForTimeout(100);
    expect(await scale.getByLabel("4 – Very useful", { exact: true }).isChecked()).toBe(true);
    await form.getByRole("button", { name: SHARING.send, exact: true }).click();
    const rated = page.locator(".app-rated");
    await rated.waitFor();
    expect(await rated.innerText()).toBe("You rated this 4 out of 5. Thank you.");
    expect(await ratingForm().count()).toBe(0);
    // The focus moves from the button that went to the words that replaced it.
    expect(await page.evaluate(() => document.activeElement?.classList.contains("app-rated"))).toBe(true);
  });

  test("the self-assessment result: the baseline toggle turns on", async () => {
    await tab(page, WORDS.assessment);
    await press(page, WORDS.startAssessment);
    await takeAssessment(page, 2);
    await expectHeading(page, "Your result");
    const section = page.getByRole("region", { name: SHARING.baselineLabel });
    expect(await section.locator(".app-state").innerText()).toBe(SHARING.baselineOff);
    await section.getByRole("button", { name: SHARING.turnOn, exact: true }).click();
    await section.getByRole("button", { name: SHARING.turnOff, exact: true }).waitFor();
    expect(await section.locator(".app-state").innerText()).toBe(SHARING.baselineOn);
  });

  test("Settings: both sharing toggles change, each with its own state", async () => {
    await tab(page, WORDS.settings);
    await expectHeading(page, "Settings");
    const progress = sharingToggle("Share my progress");
    const baseline = sharingToggle(SHARING.baselineLabel);
    // The baseline was turned on from the result screen.
    expect(await baseline.locator(".app-state").innerText()).toBe(SHARING.baselineOn);
    expect(await progress.locator(".app-state").innerText()).toBe(SHARING.progressOff);
    await progress.getByRole("button", { name: SHARING.turnOn, exact: true }).click();
    await progress.getByRole("button", { name: SHARING.turnOff, exact: true }).waitFor();
    expect(await progress.locator(".app-state").innerText()).toBe(SHARING.progressOn);
    await baseline.getByRole("button", { name: SHARING.turnOff, exact: true }).click();
    await baseline.getByRole("button", { name: SHARING.turnOn, exact: true }).waitFor();
    expect(await baseline.locator(".app-state").innerText()).toBe(SHARING.baselineOff);
    // Each button says which setting it changes.
    const described = await progress.getByRole("button").getAttribute("aria-describedby");
    expect(await page.locator(`#${described}`).innerText()).toBe("Share my progress with my programme lead");
  });

  test("a finished checklist run is rated too", async () => {
    await tab(page, WORDS.checklists);
    await page.locator("section.app-card", { hasText: "Run a web-based ward surgery" }).getByRole("button", { name: "Start" }).click();
    await expectHeading(page, "Run a web-based ward surgery");
    expect(await ratingForm().count()).toBe(0);
    await press(page, WORDS.finishRun);
    await page.getByText("Checklist finished.").first().waitFor();
    await ratingForm().getByLabel("5 – Extremely useful", { exact: true }).check();
    await ratingForm().getByRole("button", { name: SHARING.send, exact: true }).click();
    await page.locator(".app-rated", { hasText: "You rated this 5 out of 5. Thank you." }).waitFor();
  });

  test("the server takes every choice and rating, and after a reload they are all still there", async () => {
    await tab(page, WORDS.settings);
    await press(page, "Sync now");
    await waitForSync(page, (t) => t.startsWith(WORDS.syncedPrefix), "synced");
    expect(await page.locator(".app-problems").count()).toBe(0);
    await page.reload();
    await page.waitForFunction(() => window.__nc?.firstScreenAt != null);
    await tab(page, WORDS.settings);
    expect(await page.locator(".app-prompt").count()).toBe(0);
    expect(await sharingToggle("Share my progress").locator(".app-state").innerText()).toBe(SHARING.progressOn);
    expect(await sharingToggle(SHARING.baselineLabel).locator(".app-state").innerText()).toBe(SHARING.baselineOff);
    await tab(page, WORDS.checklists);
    await page.locator(".app-runs .govuk-task-list__item").first().getByRole("button", { name: "Open" }).click();
    await expectHeading(page, "Run a web-based ward surgery");
    expect(await page.locator(".app-rated").innerText()).toBe("You rated this 5 out of 5. Thank you.");
  });

  test("nothing went wrong on the way", () => {
    expect(errors).toEqual([]);
  });
});
