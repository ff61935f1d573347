// The same journey with the keyboard alone: Tab, Enter, Space, the arrow keys and typing. Focus
// must always be visible, and a new screen puts focus on its heading.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";

import { expectHeading, open, waitForSync, WORDS, type Answers } from "./support/app";
import { device, launch, watchErrors } from "./support/browser";
import { activate, expectFocusOnHeading, focused, tabTo } from "./support/keyboard";
import { startServer, type Server } from "./support/server";

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

async function nav(name: string): Promise<void> {
  await activate(page, { text: name, tag: "A", within: "" });
}

/** Selects `label` in the radio group that has focus, with the arrow keys. */
async function arrowTo(label: string): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const f = await focused(page);
    if (f.text === label) {
      await page.keyboard.press("Space");
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`the arrow keys never reached "${label}"`);
}

async function answerQuiz(answers: Answers): Promise<boolean> {
  for (let guard = 0; guard < 20; guard++) {
    const result = page.locator(".app-screen [data-focus]");
    if (await result.count()) return (await result.innerText()).includes(WORDS.passed);
    const fieldset = page.locator("main fieldset").first();
    const prompt = (await fieldset.locator("legend").innerText()).trim();
    const labels = (await fieldset.locator("label").allInnerTexts()).map((t) => t.trim());
    const multiple = (await fieldset.locator("input[type=checkbox]").count()) > 0;
    const pick = answers.get(prompt) ?? [labels[0] ?? ""];
    if (multiple) {
      for (const label of pick) {
        await tabTo(page, { text: label, tag: "INPUT" });
        await page.keyboard.press("Space");
      }
    } else {
      // Tab enters the group on its first option; the arrows move and choose.
      await tabTo(page, { text: labels[0] ?? "", tag: "INPUT" });
      await arrowTo(pick[0] ?? "");
    }
    await activate(page, { text: WORDS.checkAnswer, tag: "BUTTON" });
    await page.locator(".app-feedback").waitFor();
    const right: string[] = [];
    for (const item of await fieldset.locator("[data-key]").all()) {
      const mark = (await item.locator(".govuk-tag").allInnerTexts()).join(" ");
      if (mark.includes(WORDS.rightMark) || mark.includes(WORDS.yourRightMark)) {
        right.push((await item.locator("label").innerText()).trim());
      }
    }
    answers.set(prompt, right);
    // Focus stays on the button, which now moves on.
    const f = await focused(page);
    expect([WORDS.nextQuestion, WORDS.seeScore]).toContain(f.text);
    await page.keyboard.press("Enter");
    await page.waitForTimeout(50);
  }
  throw new Error("the quiz never ended");
}

describe("keyboard only", () => {
  test("the first Tab reaches the skip link, which moves focus to the content", async () => {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    expect(f.text).toBe("Skip to main content");
    expect(f.visible).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main-content");
  });

  test("enrol: Settings, type the code, Enter", async () => {
    await nav(WORDS.settings);
    await expectFocusOnHeading(page, "Settings");
    await tabTo(page, { text: "Programme code", tag: "INPUT" });
    await page.keyboard.type(server.cohortCode);
    await page.keyboard.press("Enter");
    await page.getByText("You have joined Browser test cohort").first().waitFor();
    await waitForSync(page, (t) => t.startsWith(WORDS.syncedPrefix), "synced");
  });

  test("a lesson, step by step, and its quiz until passed", async () => {
    await nav(WORDS.home);
    await expectFocusOnHeading(page, "Welcome");
    await activate(page, { text: WORDS.startLesson, tag: "BUTTON" });
    await expectFocusOnHeading(page, "What digital change means for your council");
    for (let i = 0; i < 12; i++) {
      if (await page.getByRole("button", { name: WORDS.startQuiz }).count()) break;
      await activate(page, { text: WORDS.next, tag: "BUTTON" });
      await expectFocusOnHeading(page, "What digital change means for your council");
    }
    await activate(page, { text: WORDS.startQuiz, tag: "BUTTON" });
    await expectFocusOnHeading(page, /^Quiz: /);
    const answers: Answers = new Map();
    let passed = await answerQuiz(answers);
    if (!passed) {
      await activate(page, { text: WORDS.tryAgain, tag: "BUTTON" });
      passed = await answerQuiz(answers);
    }
    expect(passed).toBe(true);
    expect((await focused(page)).text).toBe(WORDS.passed);
  });

  test("rate the lesson: a choice with the arrows, a comment, the tick box, Enter", async () => {
    await tabTo(page, { text: "1 – Not useful", tag: "INPUT" });
    await arrowTo("4 – Very useful");
    await tabTo(page, { text: "Comment (optional)", tag: "TEXTAREA" });
    await page.keyboard.type("Short and clear.");
    await tabTo(page, { text: "My programme lead may read my comment", tag: "INPUT" });
    await page.keyboard.press("Space");
    await tabTo(page, { text: "Send rating", tag: "BUTTON" });
    await page.keyboard.press("Enter");
    await page.locator(".app-rated").waitFor();
    // The words that replaced the form take the focus from its button.
    expect((await focused(page)).text).toBe("You rated this 4 out of 5. Thank you.");
  });

  test("the self-assessment, item by item, to the chart", async () => {
    await nav(WORDS.assessment);
    await expectFocusOnHeading(page, "Your digital footprint");
    await activate(page, { text: WORDS.startAssessment, tag: "BUTTON" });
    for (let i = 0; i < 100 && (await page.locator("figure.app-chart").count()) === 0; i++) {
      await expectFocusOnHeading(page, /\S/);
      const groups = await page.locator("main .app-screen fieldset").count();
      if (groups === 1) {
        // A scale or yes / no: Tab into the group, take the second choice with the arrow key.
        const labels = await page.locator("main .app-screen fieldset label").allInnerTexts();
        await tabTo(page, { text: labels[0]?.trim() ?? "", tag: "INPUT" });
        await arrowTo(labels[1]?.trim() ?? "");
      }
      await activate(page, { text: /^(Next|See your result)$/, tag: "BUTTON" });
      await page.waitForTimeout(30);
    }
    await expectHeading(page, "Your result");
    expect(await page.locator("svg[role=img] desc").textContent()).toMatch(/Presence: \d+/);
  });

  test("the ward-surgery checklist: tick, note, save, finish", async () => {
    await nav(WORDS.checklists);
    await expectFocusOnHeading(page, "Checklists");
    await activate(page, { text: "Start", tag: "BUTTON", within: "Run a web-based ward surgery" });
    await expectFocusOnHeading(page, "Run a web-based ward surgery");
    const item = "Choose a video call app that residents can join for free, on a phone or a computer.";
    await tabTo(page, { text: item, tag: "INPUT" });
    await page.keyboard.press("Space");
    await page.waitForFunction((name) => {
      const box = Array.from(document.querySelectorAll<HTMLInputElement>("input[type=checkbox]")).find(
        (b) => b.labels?.[0]?.innerText.trim() === name,
      );
      return box?.checked === true;
    }, item);
    await activate(page, { text: WORDS.addNote, tag: "SUMMARY", within: item });
    await page.keyboard.press("Tab");
    expect((await focused(page)).tag).toBe("TEXTAREA");
    await page.keyboard.type("Jitsi: no account needed.");
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toBe(WORDS.saveNote);
    await page.keyboard.press("Enter");
    await page.getByText("Note saved.").first().waitFor();
    expect(await page.locator(".app-note__text").first().innerText()).toBe("Jitsi: no account needed.");
    await activate(page, { text: WORDS.finishRun, tag: "BUTTON" });
    await page.getByText("Checklist finished.").first().waitFor();
  });

  test("nothing went wrong on the way", () => {
    expect(errors).toEqual([]);
  });
});
