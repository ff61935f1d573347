// The Store effect in IndexedDB: the record log and a few named values, on this device.
//
// The contract is the core's (shared/src/effects/store.rs): a request answers `Done` only once
// its change is durable, so every write waits for its transaction to complete, with strict
// durability. Requests are answered in the order they came: each opens its transaction at
// once, and IndexedDB runs transactions over the same stores in the order they were made.

import {
  LoadedRecord,
  MetaEntry,
  Snapshot,
  StoredRecord,
  type StoreRequest,
  type StoreResponse,
  type SyncMark,
} from "shared_types";

export const DB_NAME = "networked-councillor";
const DB_VERSION = 1;
const RECORDS = "records";
const META = "meta";

type SyncState = "pending" | "synced" | "rejected";

/** A record as kept in the `records` store, keyed by `id`. */
export interface RecordRow {
  id: string;
  device: string;
  wall_ms: bigint;
  counter: number;
  pack_version: number;
  private: boolean;
  kind: string;
  body: string;
  sync: SyncState;
  reason?: string;
}

function toRow(record: StoredRecord, sync: SyncState): RecordRow {
  return {
    id: record.id,
    device: record.device,
    wall_ms: BigInt(record.wall_ms),
    counter: record.counter,
    pack_version: record.pack_version,
    private: record.private_,
    kind: record.kind,
    body: record.body,
    sync,
  };
}

function fromRow(row: RecordRow): LoadedRecord {
  const record = new StoredRecord(
    String(row.id),
    String(row.device ?? ""),
    BigInt(row.wall_ms ?? 0),
    Number(row.counter ?? 0),
    Number(row.pack_version ?? 0),
    Boolean(row.private),
    String(row.kind ?? ""),
    String(row.body ?? ""),
  );
  let sync: SyncMark;
  switch (row.sync) {
    case "synced":
      sync = { kind: "Synced" };
      break;
    case "rejected":
      sync = { kind: "Rejected", reason: String(row.reason ?? "") };
      break;
    default:
      sync = { kind: "Pending" };
  }
  return new LoadedRecord(record, sync);
}

function failed(message: string): StoreResponse {
  return { kind: "Failed", message };
}

/** Words a person can act on, from an IndexedDB error. */
export function describe(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  switch (name) {
    case "QuotaExceededError":
      return "This device is out of storage space for the app. Free some space, then try again.";
    case "VersionError":
      return "Your progress was saved by a newer version of the app. Reload the page to get it.";
    case "InvalidStateError":
    case "UnknownError":
      return "The browser's storage is not available. If you are in a private window, open the app in a normal window.";
    default:
      return `The browser could not save or read your progress (${
        error instanceof Error ? error.message : String(error)
      }). Reload the page and try again.`;
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Opens (and on first use creates) the app's database. */
export function openDatabase(factory: IDBFactory = indexedDB, name = DB_NAME): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = factory.open(name, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS, { keyPath: "id" });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    open.onsuccess = () => {
      const db = open.result;
      // Another tab upgrading the database: step aside so it can.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    open.onerror = () => reject(open.error);
    open.onblocked = () =>
      reject(new DOMException("The app is open in another tab that uses an older version.", "InvalidStateError"));
  });
}

/** Resolves when the transaction has committed (durably), with `value`. */
function committed<T>(tx: IDBTransaction, value: T): Promise<T> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(value);
    tx.onabort = () => reject(tx.error ?? new DOMException("The save was cancelled.", "AbortError"));
    tx.onerror = () => reject(tx.error);
  });
}

export class IdbStore {
  private constructor(
    private readonly db: IDBDatabase | null,
    private readonly openError: string | null,
  ) {}

  /** A store on the database `name`. If it cannot be opened, every request answers `Failed`. */
  static async open(factory: IDBFactory = indexedDB, name = DB_NAME): Promise<IdbStore> {
    try {
      return new IdbStore(await openDatabase(factory, name), null);
    } catch (error) {
      return new IdbStore(null, describe(error));
    }
  }

  close(): void {
    this.db?.close();
  }

  /** Answers one request. Its transaction starts before this returns, so order is kept. */
  handle(req: StoreRequest): Promise<StoreResponse> {
    if (this.db === null) return Promise.resolve(failed(this.openError ?? describe(null)));
    try {
      return this.run(this.db, req).catch((error: unknown) => failed(describe(error)));
    } catch (error) {
      return Promise.resolve(failed(describe(error)));
    }
  }

  private write(db: IDBDatabase, stores: string[]): IDBTransaction {
    return db.transaction(stores, "readwrite", { durability: "strict" });
  }

  private run(db: IDBDatabase, req: StoreRequest): Promise<StoreResponse> {
    const done: StoreResponse = { kind: "Done" };
    switch (req.kind) {
      case "Load": {
        const tx = db.transaction([RECORDS, META], "readonly");
        const rows = request(tx.objectStore(RECORDS).getAll() as IDBRequest<RecordRow[]>);
        const keys = request(tx.objectStore(META).getAllKeys());
        const values = request(tx.objectStore(META).getAll() as IDBRequest<unknown[]>);
        return Promise.all([rows, keys, values, committed(tx, null)]).then(([rows, keys, values]) => {
          const meta = keys.map((key, i) => new MetaEntry(String(key), String(values[i] ?? "")));
          return { kind: "Loaded", value: new Snapshot(meta, rows.map(fromRow), null) };
        });
      }
      case "Append":
      case "AppendSynced": {
        const sync: SyncState = req.kind === "Append" ? "pending" : "synced";
        const tx = this.write(db, [RECORDS]);
        const records = tx.objectStore(RECORDS);
        for (const record of req.records) {
          // A record already stored is left exactly as it is.
          const known = records.getKey(record.id);
          known.onsuccess = () => {
            if (known.result === undefined) records.put(toRow(record, sync));
          };
        }
        return committed(tx, done);
      }
      case "MarkSynced":
        return this.mark(db, req.ids, (row) => {
          row.sync = "synced";
          delete row.reason;
        });
      case "MarkRejected":
        return this.mark(db, [req.id], (row) => {
          row.sync = "rejected";
          row.reason = req.reason;
        });
      case "ResetSync": {
        const tx = this.write(db, [RECORDS]);
        const cursor = tx.objectStore(RECORDS).openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (c === null) return;
          const row = c.value as RecordRow;
          if (row.sync !== "pending") {
            row.sync = "pending";
            delete row.reason;
            c.update(row);
          }
          c.continue();
        };
        return committed(tx, done);
      }
      case "SetMeta": {
        const tx = this.write(db, [META]);
        const meta = tx.objectStore(META);
        // An empty value removes the key.
        if (req.value === "") meta.delete(req.key);
        else meta.put(req.value, req.key);
        return committed(tx, done);
      }
      case "Wipe": {
        const tx = this.write(db, [RECORDS, META]);
        tx.objectStore(RECORDS).clear();
        tx.objectStore(META).clear();
        return committed(tx, done);
      }
    }
  }

  private mark(db: IDBDatabase, ids: string[], change: (row: RecordRow) => void): Promise<StoreResponse> {
    const tx = this.write(db, [RECORDS]);
    const records = tx.objectStore(RECORDS);
    for (const id of ids) {
      const get = records.get(id) as IDBRequest<RecordRow | undefined>;
      get.onsuccess = () => {
        const row = get.result;
        if (row === undefined) return;
        change(row);
        records.put(row);
      };
    }
    return committed(tx, { kind: "Done" });
  }
}
