// The IndexedDB store against the core's storage contract (shared/src/effects/store.rs), on
// fake-indexeddb: appends ignore known ids, marks change only what they name, an empty meta
// value removes the key, requests keep their order, and a store that cannot open says why.

import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, test } from "vitest";

import { StoredRecord, type StoreRequest, type StoreResponse } from "shared_types";

import { IdbStore } from "../src/effects/store";

let factory: IDBFactory;
let store: IdbStore;

function record(id: string, body = "{}"): StoredRecord {
  return new StoredRecord(id, "device-1", 1_777_626_000_123n, 0, 1, false, "step_reached", body);
}

async function load(s: IdbStore = store) {
  const response = await s.handle({ kind: "Load" });
  if (response.kind !== "Loaded") throw new Error(`expected Loaded, got ${JSON.stringify(response)}`);
  return response.value;
}

const done: StoreResponse = { kind: "Done" };

beforeEach(async () => {
  factory = new IDBFactory();
  store = await IdbStore.open(factory, "test");
});

describe("IdbStore", () => {
  test("an empty store loads nothing", async () => {
    const snapshot = await load();
    expect(snapshot.records).toEqual([]);
    expect(snapshot.meta).toEqual([]);
    expect(snapshot.recovered).toBeNull();
  });

  test("appended records load back exactly, as pending", async () => {
    const r = new StoredRecord("018f-a", "phone", 2n ** 53n + 7n, 3, 2, true, "checklist_note_set", '{"note":"x"}');
    expect(await store.handle({ kind: "Append", records: [r] })).toEqual(done);
    const [loaded] = (await load()).records;
    expect(loaded?.record).toEqual(r);
    expect(loaded?.sync).toEqual({ kind: "Pending" });
  });

  test("a record whose id is known is left as it is, by Append and AppendSynced", async () => {
    await store.handle({ kind: "Append", records: [record("a", '{"first":true}')] });
    await store.handle({ kind: "AppendSynced", records: [record("a", '{"second":true}'), record("b")] });
    await store.handle({ kind: "Append", records: [record("b", '{"third":true}')] });
    const records = (await load()).records;
    expect(records.map((r) => [r.record.id, r.record.body, r.sync.kind])).toEqual([
      ["a", '{"first":true}', "Pending"],
      ["b", "{}", "Synced"],
    ]);
  });

  test("MarkSynced, MarkRejected and ResetSync change the marks they name", async () => {
    await store.handle({ kind: "Append", records: [record("a"), record("b"), record("c")] });
    await store.handle({ kind: "MarkSynced", ids: ["a", "missing"] });
    await store.handle({ kind: "MarkRejected", id: "b", reason: "Too far ahead" });
    let marks = (await load()).records.map((r) => r.sync);
    expect(marks).toEqual([{ kind: "Synced" }, { kind: "Rejected", reason: "Too far ahead" }, { kind: "Pending" }]);
    await store.handle({ kind: "ResetSync" });
    marks = (await load()).records.map((r) => r.sync);
    expect(marks).toEqual([{ kind: "Pending" }, { kind: "Pending" }, { kind: "Pending" }]);
  });

  test("SetMeta sets, replaces, and with an empty value removes", async () => {
    await store.handle({ kind: "SetMeta", key: "device_id", value: "d1" });
    await store.handle({ kind: "SetMeta", key: "link", value: '{"server":"x"}' });
    await store.handle({ kind: "SetMeta", key: "device_id", value: "d2" });
    await store.handle({ kind: "SetMeta", key: "link", value: "" });
    expect((await load()).meta.map((m) => [m.key, m.value])).toEqual([["device_id", "d2"]]);
  });

  test("Wipe deletes everything", async () => {
    await store.handle({ kind: "Append", records: [record("a")] });
    await store.handle({ kind: "SetMeta", key: "k", value: "v" });
    expect(await store.handle({ kind: "Wipe" })).toEqual(done);
    const snapshot = await load();
    expect(snapshot.records).toEqual([]);
    expect(snapshot.meta).toEqual([]);
  });

  test("requests take effect in the order they were made, though none was awaited", async () => {
    const requests: StoreRequest[] = [
      { kind: "Append", records: [record("a")] },
      { kind: "MarkSynced", ids: ["a"] },
      { kind: "SetMeta", key: "cursor", value: "1" },
      { kind: "SetMeta", key: "cursor", value: "2" },
    ];
    const answers = requests.map((r) => store.handle(r));
    const snapshot = load();
    expect(await Promise.all(answers)).toEqual([done, done, done, done]);
    const loaded = await snapshot;
    expect(loaded.records[0]?.sync).toEqual({ kind: "Synced" });
    expect(loaded.meta).toEqual([expect.objectContaining({ key: "cursor", value: "2" })]);
  });

  test("what was stored survives closing and opening the database again", async () => {
    await store.handle({ kind: "Append", records: [record("a")] });
    store.close();
    const reopened = await IdbStore.open(factory, "test");
    expect((await load(reopened)).records.map((r) => r.record.id)).toEqual(["a"]);
  });

  test("a database that cannot be opened answers every request with a reason", async () => {
    const broken = {
      open() {
        throw new DOMException("no storage here", "InvalidStateError");
      },
    } as unknown as IDBFactory;
    const failing = await IdbStore.open(broken, "test");
    const response = await failing.handle({ kind: "Load" });
    expect(response.kind).toBe("Failed");
    expect(response.kind === "Failed" && response.message).toMatch(/private window/);
    expect((await failing.handle({ kind: "Wipe" })).kind).toBe("Failed");
  });

  test("a database from a newer version of the app is refused with words to act on", async () => {
    const open = factory.open("newer", 99);
    await new Promise((resolve) => (open.onsuccess = resolve));
    open.result.close();
    const older = await IdbStore.open(factory, "newer");
    const response = await older.handle({ kind: "Load" });
    expect(response.kind === "Failed" && response.message).toMatch(/newer version of the app/);
  });
});
