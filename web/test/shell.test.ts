// The bridge driver with a stand-in core: events go in as bincode, each effect reaches its
// handler, answers go back under the request's id, and renders in one burst draw once.

import { describe, expect, test } from "vitest";

import {
  Instant,
  RenderOperation,
  Request,
  Requests,
  deserializeEvent,
  deserializeStoreResponse,
  deserializeTimeResponse,
  type Effect,
  type Event,
} from "shared_types";
import { BincodeDeserializer, BincodeSerializer } from "shared_types/bincode";

import { encodeEvent, Shell, type CoreApi, type Effects } from "../src/shell";

function requests(...effects: [number, Effect][]): Uint8Array {
  const s = new BincodeSerializer();
  new Requests(effects.map(([id, effect]) => new Request(id, effect))).serialize(s);
  return s.getBytes();
}

describe("Shell", () => {
  test("an event round-trips through bincode", () => {
    const event: Event = { kind: "SaveNote", run: "r1", item: "platform", note: "Zoom – free" };
    expect(deserializeEvent(new BincodeDeserializer(encodeEvent(event)))).toEqual(event);
  });

  test("each effect goes to its handler and its answer goes back by id", async () => {
    const resolved: [number, Uint8Array][] = [];
    const events: Event[] = [];
    const core: CoreApi = {
      update(bytes) {
        events.push(deserializeEvent(new BincodeDeserializer(bytes)));
        return requests([1, { kind: "Time", value: { kind: "Now" } }], [2, { kind: "Store", value: { kind: "Load" } }]);
      },
      resolve(id, output) {
        resolved.push([id, output]);
        return requests();
      },
      view() {
        throw new Error("not asked");
      },
    };
    const effects: Effects = {
      store: async () => ({ kind: "Done" }),
      http: async () => ({ kind: "Err", value: { kind: "Timeout" } }),
      time: (_request, answer) => answer({ kind: "Now", instant: new Instant(5n, 0) }),
      render: () => {},
      fault: (message) => {
        throw new Error(message);
      },
    };
    new Shell(core, effects).send({ kind: "Tick" });
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual([{ kind: "Tick" }]);
    expect(resolved.map(([id]) => id)).toEqual([1, 2]);
    expect(deserializeTimeResponse(new BincodeDeserializer(resolved[0]![1]))).toEqual({
      kind: "Now",
      instant: new Instant(5n, 0),
    });
    expect(deserializeStoreResponse(new BincodeDeserializer(resolved[1]![1]))).toEqual({ kind: "Done" });
  });

  test("an error from the core is reported as a fault, not thrown at the page", () => {
    const faults: string[] = [];
    const core: CoreApi = {
      update() {
        throw new Error("The core could not take this event");
      },
      resolve: () => requests(),
      view: () => new Uint8Array(),
    };
    const shell = new Shell(core, {
      store: async () => ({ kind: "Done" }),
      http: async () => ({ kind: "Err", value: { kind: "Timeout" } }),
      time: () => {},
      render: () => {},
      fault: (m) => faults.push(m),
    });
    expect(() => shell.send({ kind: "Back" })).not.toThrow();
    expect(faults).toEqual(["update(Back) failed: The core could not take this event"]);
  });

  test("several renders asked for at once draw once", async () => {
    let views = 0;
    const core: CoreApi = {
      update: () =>
        requests(
          [1, { kind: "Render", value: new RenderOperation() }],
          [2, { kind: "Render", value: new RenderOperation() }],
        ),
      resolve: () => requests(),
      view: () => {
        views++;
        throw new Error("no view model in this test");
      },
    };
    const faults: string[] = [];
    new Shell(core, {
      store: async () => ({ kind: "Done" }),
      http: async () => ({ kind: "Err", value: { kind: "Timeout" } }),
      time: () => {},
      render: () => {},
      fault: (m) => faults.push(m),
    }).send({ kind: "Tick" });
    await new Promise((r) => setTimeout(r, 0));
    expect(views).toBe(1);
    expect(faults).toHaveLength(1);
  });
});
