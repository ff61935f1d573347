// Driving the app as a learner does: by what the screen says. Every wait has a deadline and
// fails with what the page showed instead.

import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

/** Words the core writes (shared/src/text.rs) that the tests look for. */
export const WORDS = {
  home: "Home",
  path: "Learning path",
  review: "Review",
  assessment: "Self-assessment",
  checklists: "Checklists",
  settings: "Settings",
  startLesson: "Start lesson",
  next: "Next",
  startQuiz: "Start the quiz",
  checkAnswer: "Check answer",
  nextQuestion: "Next question",
  seeScore: "See your score",
  tryAgain: "Try the quiz again",
  passed: "You passed",
  rightMark: "The right answer",
  yourRightMark: "Your answer: right",
  startAssessment: "Start",
  seeResult: "See your result",
  retake: "Take it again",
  join: "Join",
  addDevice: "Add another device",
  pair: "Add this device",
  offline: "Saved on this device. Will sync when online.",
  syncedPrefix: "Synced",
  saveNote: "Save note",
  addNote: "Add a note",
  finishRun: "Finish checklist",
} as const;

const TIMEOUT = 15_000;

/** Opens the app and waits until stored progress has loaded. */
export async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await ready(page);
}

export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__nc?.firstScreenAt != null, null, { timeout: TIMEOUT });
}

export function h1(page: Page): Locator {
  return page.locator("main h1");
}

/** Waits for the screen's heading to say `text` (exactly, or matching). */
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  try {
    await page
      .locator("main h1", { hasText: typeof text === "string" ? text : text })
      .first()
      .waitFor({ timeout: TIMEOUT });
  } catch {
    const shown = await h1(page).allInnerTexts();
    throw new Error(`expected the heading ${String(text)}, but the page shows ${JSON.stringify(shown)}`);
  }
}

/** A button or link-like control by what it says. */
export function control(page: Page, name: string | RegExp): Locator {
  return page
    .getByRole("button", { name, exact: typeof name === "string" })
    .or(page.getByRole("link", { name, exact: typeof name === "string" }))
    .first();
}

export async function press(page: Page, name: string | RegExp): Promise<void> {
  const target = control(page, name);
  try {
    await target.waitFor({ timeout: TIMEOUT });
  } catch {
    throw new Error(`no control called ${String(name)} on "${(await h1(page).allInnerTexts()).join()}"`);
  }
  await target.click();
}

export async function tab(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation").getByRole("link", { name, exact: true }).click();
}

/** The text of the sync status line. */
export async function syncText(page: Page): Promise<string> {
  return (await page.locator(".app-sync__text").innerText()).trim();
}

export async function waitForSync(page: Page, predicate: (text: string) => boolean, what: string, timeout = 20_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = "";
  while (Date.now() < deadline) {
    text = await syncText(page);
    if (predicate(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`sync status never became ${what}; it says "${text}"`);
}

/** Questions' right answers, learnt from the marks shown after checking. */
export type Answers = Map<string, string[]>;

async function currentPrompt(page: Page): Promise<string> {
  return (await page.locator("main fieldset legend").first().innerText()).trim();
}

/**
 * Answers every question of the quiz on screen. With a known answer it picks the right
 * options; otherwise the first, and learns the right ones from the feedback. Returns whether
 * the quiz was passed.
 */
export async function answerQuiz(page: Page, answers: Answers): Promise<boolean> {
  for (let guard = 0; guard < 20; guard++) {
    const result = page.locator(".app-screen [data-focus]");
    if (await result.count()) {
      return (await result.innerText()).includes(WORDS.passed);
    }
    const prompt = await currentPrompt(page);
    const known = answers.get(prompt);
    const labels = page.locator("main fieldset .govuk-radios__label, main fieldset .govuk-checkboxes__label");
    const texts = (await labels.allInnerTexts()).map((t) => t.trim());
    const pick = known ?? [texts[0] ?? ""];
    for (const text of pick) {
      await page.getByLabel(text, { exact: true }).check();
    }
    await press(page, WORDS.checkAnswer);
    await page.locator(".app-feedback").waitFor({ timeout: TIMEOUT });
    // Learn: the options marked right (chosen or not).
    const right: string[] = [];
    for (const item of await page.locator("main fieldset [data-key]").all()) {
      const mark = (await item.locator(".govuk-tag").allInnerTexts()).join(" ");
      if (mark.includes(WORDS.rightMark) || mark.includes(WORDS.yourRightMark)) {
        right.push((await item.locator("label").innerText()).trim());
      }
    }
    expect(right.length, `the feedback marks the right answer to "${prompt}"`).toBeGreaterThan(0);
    answers.set(prompt, right);
    const next = control(page, WORDS.nextQuestion).or(control(page, WORDS.seeScore));
    await next.first().click();
    await page.waitForTimeout(50);
  }
  throw new Error("the quiz never ended");
}

/** Reads a lesson to its end and passes its quiz (retrying once with what it learnt). */
export async function finishLesson(page: Page, answers: Answers = new Map()): Promise<void> {
  for (let guard = 0; guard < 12; guard++) {
    if (await control(page, WORDS.startQuiz).isVisible()) break;
    await press(page, WORDS.next);
  }
  await press(page, WORDS.startQuiz);
  let passed = await answerQuiz(page, answers);
  if (!passed) {
    await press(page, WORDS.tryAgain);
    passed = await answerQuiz(page, answers);
  }
  expect(passed, "the quiz is passed with the right answers").toBe(true);
}

/** From the first item, answers every self-assessment item (the `choice`th option of each). */
export async function takeAssessment(page: Page, choice: number): Promise<void> {
  for (let guard = 0; guard < 100; guard++) {
    if (await page.locator("figure.app-chart").count()) return;
    const radios = page.locator("main .app-screen fieldset").first().locator("input[type=radio]");
    const count = await radios.count();
    const target = radios.nth(Math.min(choice, count - 1));
    if (!(await target.isChecked())) await target.check();
    const next = control(page, WORDS.next).or(control(page, WORDS.seeResult));
    await next.first().waitFor({ timeout: TIMEOUT });
    await next.first().click();
    await page.waitForTimeout(30);
  }
  throw new Error("the self-assessment never ended");
}
