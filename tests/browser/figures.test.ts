// The web shell's figures for docs/BENCHMARKS.md, measured on loopback against the real
// server, and checked against their budgets:
//
// - the core's wasm after wasm-bindgen and wasm-opt, raw and gzipped (budget: 400 KB gzipped);
// - the bytes transferred by a first visit, up to the first lesson on screen;
// - the time from navigation to the first rendered lesson, first visit and repeat visit.
//
// Written to tests/artifacts/web-figures.json and printed.

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";

import { ready, WORDS } from "./support/app";
import { artifactPath, device, launch } from "./support/browser";
import { startServer, webDist, type Server } from "./support/server";

const KB = 1024;
const RUNS = 5;

let server: Server;
let browser: Browser;
const figures: Record<string, number | string> = {};

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});

afterAll(async () => {
  writeFileSync(artifactPath("web-figures.json"), JSON.stringify(figures, null, 2));
  console.log(
    Object.entries(figures)
      .map(([k, v]) => `${k.padEnd(44)} ${v}`)
      .join("\n"),
  );
  await browser?.close();
  await server?.dispose();
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Opens the app, starts the first lesson, and says how long each part took (ms). */
async function toFirstLesson(page: Page): Promise<{ ready: number; lesson: number; click: number }> {
  await page.addInitScript(() => {
    document.addEventListener("click", () => (window.__clickAt ??= performance.now()), { capture: true });
  });
  await page.goto(server.url);
  await ready(page);
  // "Start lesson" on a first visit; "Continue" once a lesson has been opened.
  await page.getByRole("button", { name: new RegExp(`^(${WORDS.startLesson}|Continue)$`) }).first().click();
  await page.waitForFunction(() => window.__nc?.screens.some((s) => s.screen === "Lesson"));
  return page.evaluate(() => {
    const status = window.__nc!;
    const lesson = status.screens.find((s) => s.screen === "Lesson")!.at;
    return { ready: status.firstScreenAt!, lesson, click: window.__clickAt! };
  });
}

describe("web shell figures", () => {
  test("the core's wasm is at most 400 KB gzipped", () => {
    const assets = join(webDist, "assets");
    const wasm = readdirSync(assets).find((f) => f.endsWith(".wasm"));
    expect(wasm).toBeDefined();
    const bytes = readFileSync(join(assets, wasm!));
    const gz = gzipSync(bytes, { level: 9 }).length;
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    figures["wasm, after wasm-bindgen and wasm-opt (KB)"] = +(bytes.length / KB).toFixed(1);
    figures["wasm, gzipped -9 (KB)"] = +(gz / KB).toFixed(1);
    figures["wasm, brotli 11 (KB)"] = +(br / KB).toFixed(1);
    let total = 0;
    let sent = 0;
    for (const f of readdirSync(webDist, { recursive: true, withFileTypes: true })) {
      // The build's .br and .gz copies are what the server sends instead of a file, not more.
      if (!f.isFile() || f.name.endsWith(".gz") || f.name.endsWith(".br")) continue;
      const path = join(f.parentPath, f.name);
      const size = statSync(path).size;
      total += size;
      sent += existsSync(`${path}.br`) ? statSync(`${path}.br`).size : size;
    }
    figures["web/dist, every file as built (KB)"] = +(total / KB).toFixed(1);
    figures["web/dist, every file as sent with Brotli (KB)"] = +(sent / KB).toFixed(1);
    expect(gz).toBeLessThanOrEqual(400 * KB);
  });

  test("a first visit: bytes transferred and time to the first lesson", async () => {
    const transferred: number[] = [];
    const readyAt: number[] = [];
    const lessonAt: number[] = [];
    const clickToLesson: number[] = [];
    const wasmEncodings = new Set<string>();
    for (let i = 0; i < RUNS; i++) {
      const context = await device(browser);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      let bytes = 0;
      cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => {
        bytes += e.encodedDataLength;
      });
      cdp.on(
        "Network.responseReceived",
        (e: { response: { url: string; headers: Record<string, string> } }) => {
          if (e.response.url.endsWith(".wasm")) {
            const headers = Object.fromEntries(
              Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
            );
            wasmEncodings.add(headers["content-encoding"] ?? "none");
          }
        },
      );
      const t = await toFirstLesson(page);
      transferred.push(bytes);
      readyAt.push(t.ready);
      clickToLesson.push(t.lesson - t.click);
      lessonAt.push(t.ready + (t.lesson - t.click));
      await context.close();
    }
    figures["first visit: transferred to first lesson (KB)"] = +(median(transferred) / KB).toFixed(1);
    figures["first visit: navigation to home ready (ms, median)"] = Math.round(median(readyAt));
    figures["first visit: click to lesson drawn (ms, median)"] = +median(clickToLesson).toFixed(1);
    figures["first visit: navigation to first lesson (ms, median)"] = Math.round(median(lessonAt));
    figures["first visit: the wasm's Content-Encoding"] = [...wasmEncodings].sort().join(", ");
    figures.runs = RUNS;
    // The server sends the build's precompressed copies (about a third of 1.2 MB), never the
    // raw files, to a browser that accepts them.
    expect([...wasmEncodings].every((e) => e === "br" || e === "gzip")).toBe(true);
    expect(wasmEncodings.size).toBeGreaterThan(0);
    expect(median(transferred)).toBeLessThan(600 * KB);
    expect(median(lessonAt)).toBeLessThan(5_000);
  });

  test("a repeat visit, from the service worker's cache: time to the first lesson", async () => {
    const context = await device(browser);
    const page = await context.newPage();
    await page.goto(server.url);
    await ready(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    const lessonAt: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const again = await context.newPage();
      const cdp = await context.newCDPSession(again);
      await cdp.send("Network.enable");
      bytes = 0;
      cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => {
        bytes += e.encodedDataLength;
      });
      const t = await toFirstLesson(again);
      lessonAt.push(t.ready + (t.lesson - t.click));
      await again.close();
    }
    figures["repeat visit: navigation to first lesson (ms, median)"] = Math.round(median(lessonAt));
    figures["repeat visit: fetched by the page past the service worker (KB)"] = +(bytes / KB).toFixed(1);
    await context.close();
    expect(median(lessonAt)).toBeLessThan(5_000);
  });
});
