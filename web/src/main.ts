// Starts the web shell: loads the core (wasm) and the device's storage, wires the effects,
// sends the start event, and keeps the core told about the network and the time.

import "./styles.scss";

import init, { resolve, update, view } from "web_core/web_core.js";
import wasmUrl from "web_core/web_core_bg.wasm?url";

import { View } from "./app";
import { defaultHttpOptions, http } from "./effects/http";
import { IdbStore } from "./effects/store";
import { Timers } from "./effects/time";
import { Shell } from "./shell";

const TICK_MS = 60_000;

declare global {
  interface Window {
    /**
     * For the browser tests and the figures: faults the shell met, when the first screen
     * showed, and when each new kind of screen was drawn (milliseconds since navigation).
     */
    __nc?: { faults: string[]; firstScreenAt: number | null; screens: { screen: string; at: number }[] };
  }
}

async function start(): Promise<void> {
  const mount = document.getElementById("app");
  if (mount === null) return;
  const status: NonNullable<Window["__nc"]> = { faults: [], firstScreenAt: null, screens: [] };
  window.__nc = status;

  const [store] = await Promise.all([IdbStore.open(), init({ module_or_path: wasmUrl })]);
  const timers = new Timers();
  const httpOptions = defaultHttpOptions();
  let ready = false;

  const shell: Shell = new Shell(
    { update, resolve, view },
    {
      store: (request) => store.handle(request),
      http: (request) => http(request, httpOptions),
      time: (request, answer) => timers.handle(request, answer),
      render: (vm) => {
        ui.render(vm);
        if (status.screens.at(-1)?.screen !== vm.screen.kind && status.screens.length < 1000) {
          status.screens.push({ screen: vm.screen.kind, at: performance.now() });
        }
        if (!ready && vm.screen.kind !== "Loading") {
          ready = true;
          status.firstScreenAt = performance.now();
          // Progress has loaded: now the core acts on the network state.
          shell.send({ kind: "ConnectivityChanged", online: navigator.onLine });
        }
      },
      fault: (message) => {
        status.faults.push(message);
        console.error(`Networked Councillor: ${message}`);
      },
    },
  );
  const ui = new View(mount, (event) => shell.send(event), location.origin);

  shell.send({
    kind: "Start",
    entropy: Array.from(crypto.getRandomValues(new Uint8Array(32))),
    utc_offset_minutes: -new Date().getTimezoneOffset(),
  });

  window.addEventListener("online", () => shell.send({ kind: "ConnectivityChanged", online: true }));
  window.addEventListener("offline", () => shell.send({ kind: "ConnectivityChanged", online: false }));

  // "Synced 2 minutes ago" stays true: a tick a minute while the page is in view.
  let tick: ReturnType<typeof setInterval> | null = null;
  const visibility = () => {
    if (document.visibilityState === "visible") {
      if (tick === null) tick = setInterval(() => shell.send({ kind: "Tick" }), TICK_MS);
      if (ready) shell.send({ kind: "Tick" });
    } else if (tick !== null) {
      clearInterval(tick);
      tick = null;
    }
  };
  document.addEventListener("visibilitychange", visibility);
  visibility();

  if (import.meta.env.PROD && "serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch((e: unknown) => status.faults.push(`service worker: ${String(e)}`));
  }
}

void start();
