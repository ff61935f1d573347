// The full journey with a mouse, on a laptop-sized window: enrol, finish a lesson and its quiz,
// take the self-assessment twice and read the chart, and run the ward-surgery checklist with a
// note. Then reload: everything is still there, from IndexedDB.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";

import {
  control,
  expectHeading,
  finishLesson,
  open,
  press,
  syncText,
  tab,
  takeAssessment,
  waitForSync,
  WORDS,
} from "./support/app";
import { device, launch, watchErrors } from "./support/browser";
import { startServer, type Server } from "./support/server";

let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  context = await device(browser);
  page = await context.newPage();
  errors = watchErrors(page);
  await open(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe("the full journey", () => {
  test("the app opens on home, with the app's name and the main navigation", async () => {
    await expectHeading(page, "Welcome");
    expect(await page.title()).toContain("Networked Councillor");
    const nav = page.getByRole("navigation", { name: "Menu" });
    expect(await nav.getByRole("link").allInnerTexts()).toEqual([
      WORDS.home,
      WORDS.path,
      WORDS.review,
      WORDS.assessment,
      WORDS.checklists,
      WORDS.settings,
    ]);
    expect(await syncText(page)).toContain("Saved on this device");
  });

  test("enrol with the cohort code: the server knows this device and the app syncs", async () => {
    await tab(page, WORDS.settings);
    await expectHeading(page, "Settings");
    await page.getByLabel("Programme code").fill(server.cohortCode);
    await press(page, WORDS.join);
    await page.getByText("You have joined Browser test cohort").first().waitFor();
    const status = await waitForSync(page, (t) => t.startsWith(WORDS.syncedPrefix), "synced");
    expect(status).toMatch(/^Synced (just now|\d+ (second|minute)s? ago)/);
    expect(await control(page, WORDS.addDevice).isVisible()).toBe(true);
  });

  test("finish the first lesson and pass its quiz", async () => {
    await tab(page, WORDS.home);
    await press(page, WORDS.startLesson);
    await expectHeading(page, "What digital change means for your council");
    expect(await page.locator(".app-meta").first().innerText()).toMatch(/^Step 1 of \d+/);
    await finishLesson(page);
    await press(page, "Back to your learning path");
    await expectHeading(page, "Your learning path");
    const first = page.locator(".govuk-task-list__item").first();
    expect(await first.locator(".govuk-tag").innerText()).toBe("Complete");
    await tab(page, WORDS.home);
    expect(await page.locator("main .govuk-body-l").first().innerText()).toMatch(/You have finished 1 of \d+ lessons\./);
  });

  test("take the self-assessment twice and see both attempts in the chart, with a text alternative", async () => {
    await tab(page, WORDS.assessment);
    await expectHeading(page, "Your digital footprint");
    await press(page, WORDS.startAssessment);
    await takeAssessment(page, 1);
    await expectHeading(page, "Your result");
    await press(page, WORDS.retake);
    await takeAssessment(page, 3);
    const chart = page.locator("figure.app-chart svg[role=img]");
    const title = await chart.locator("title").textContent();
    const desc = await chart.locator("desc").textContent();
    expect(title).toBe("Score by area, out of 100");
    // The description names every area with both scores.
    expect(desc).toMatch(/Presence: \d+ this time, \d+ last time/);
    const areas = await page.locator(".app-scores .govuk-summary-list__row").count();
    expect(areas).toBe(6);
    // Two bars an area: this time, and last time beside it.
    expect(await chart.locator("rect.app-chart__bar").count()).toBe(areas * 2);
    expect(await chart.locator("rect.app-chart__bar--previous").count()).toBe(areas);
    expect(await page.locator(".app-chart__legend").innerText()).toMatch(/This time\s+Last time/);
    expect(await page.getByText(/Compared with your last attempt on/).count()).toBe(1);
  });

  test("run the ward-surgery checklist: tick items, add a note, finish", async () => {
    await tab(page, WORDS.checklists);
    await expectHeading(page, "Checklists");
    const template = page.locator("section.app-card", { hasText: "Run a web-based ward surgery" });
    await template.getByRole("button", { name: "Start" }).click();
    await expectHeading(page, "Run a web-based ward surgery");
    const item = "Choose a video call app that residents can join for free, on a phone or a computer.";
    const box = page.getByRole("checkbox", { name: item, exact: true });
    await box.check();
    expect(await box.isChecked()).toBe(true);
    expect(await page.locator(".app-run-status").innerText()).toContain("1 of");
    const row = page.locator(".govuk-checkboxes__item", { hasText: item });
    await row.locator("summary").click();
    await row.locator("textarea").fill("Booked the library's video room; Teams works on phones.");
    await row.getByRole("button", { name: WORDS.saveNote }).click();
    await page.getByText("Note saved.").first().waitFor();
    expect(await row.locator(".app-note__text").innerText()).toBe("Booked the library's video room; Teams works on phones.");
    expect(await row.locator("summary").innerText()).toBe("Edit note");
    await press(page, WORDS.finishRun);
    await page.getByText("Checklist finished.").first().waitFor();
  });

  test("reload: the progress, the result and the checklist are still there", async () => {
    await page.reload();
    await page.waitForFunction(() => window.__nc?.firstScreenAt != null);
    await expectHeading(page, "Welcome");
    expect(await page.locator("main .govuk-body-l").first().innerText()).toMatch(/You have finished 1 of/);
    await tab(page, WORDS.checklists);
    const runs = page.locator(".app-runs .govuk-task-list__item");
    expect(await runs.count()).toBe(1);
    expect(await runs.first().innerText()).toContain("Finished");
    await tab(page, WORDS.assessment);
    await press(page, "See your last result");
    await expectHeading(page, "Your result");
    expect(await page.locator("rect.app-chart__bar--previous").count()).toBe(6);
  });

  test("delete the account on the server: the device is no longer joined, its progress stays", async () => {
    await tab(page, WORDS.settings);
    await press(page, "Delete my account");
    await press(page, "Yes, delete my account");
    await page.getByText("Your account and everything stored for it on the server have been deleted").first().waitFor();
    expect(await page.getByLabel("Programme code").isVisible()).toBe(true);
    await tab(page, WORDS.home);
    expect(await page.locator("main .govuk-body-l").first().innerText()).toMatch(/You have finished 1 of/);
  });

  test("delete my data on this device: after confirming, nothing is left, even after a reload", async () => {
    await tab(page, WORDS.settings);
    await press(page, "Delete my data");
    await press(page, "Yes, delete my data");
    await page.getByText("Your data has been deleted from this device.").first().waitFor();
    await page.reload();
    await page.waitForFunction(() => window.__nc?.firstScreenAt != null);
    expect(await page.locator("main .govuk-body-l").first().innerText()).toMatch(/You have finished 0 of/);
    await tab(page, WORDS.checklists);
    expect(await page.locator(".app-runs .govuk-task-list__item").count()).toBe(0);
    const stored = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open("networked-councillor");
          open.onsuccess = () => {
            const count = open.result.transaction("records").objectStore("records").count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(count.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    expect(stored).toBe(0);
  });

  test("nothing went wrong on the way", () => {
    expect(errors).toEqual([]);
  });
});
