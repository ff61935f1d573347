// Drives the core through its bridge: sends events, performs the effects it asks for, answers
// them, and renders the view model. Everything crosses as bincode bytes, read and written by
// the types generated from the Rust definitions.

import {
  Requests,
  ViewModel,
  serializeEvent,
  serializeHttpResult,
  serializeStoreResponse,
  serializeTimeResponse,
  type Event,
  type HttpRequest,
  type HttpResult,
  type Request,
  type StoreRequest,
  type StoreResponse,
  type TimeRequest,
  type TimeResponse,
} from "shared_types";
import { BincodeDeserializer, BincodeSerializer } from "shared_types/bincode";

/** The three functions the wasm core exports (web/core/src/lib.rs). */
export interface CoreApi {
  update(event: Uint8Array): Uint8Array;
  resolve(id: number, output: Uint8Array): Uint8Array;
  view(): Uint8Array;
}

export interface Effects {
  /** Must start its work before it returns, so storage requests keep their order. */
  store(request: StoreRequest): Promise<StoreResponse>;
  http(request: HttpRequest): Promise<HttpResult>;
  time(request: TimeRequest, answer: (response: TimeResponse) => void): void;
  render(view: ViewModel): void;
  /** A failure of the shell or core itself, for the console and the tests. */
  fault(message: string): void;
}

type Writer = (serializer: BincodeSerializer) => void;

export function encodeEvent(event: Event): Uint8Array {
  const serializer = new BincodeSerializer();
  serializeEvent(event, serializer);
  return serializer.getBytes();
}

export function decodeRequests(bytes: Uint8Array): Request[] {
  return Requests.deserialize(new BincodeDeserializer(bytes)).value;
}

export function decodeView(bytes: Uint8Array): ViewModel {
  return ViewModel.deserialize(new BincodeDeserializer(bytes));
}

export class Shell {
  private renderQueued = false;

  constructor(
    private readonly core: CoreApi,
    private readonly effects: Effects,
  ) {}

  send(event: Event): void {
    let requests: Uint8Array;
    try {
      requests = this.core.update(encodeEvent(event));
    } catch (e) {
      this.effects.fault(`update(${event.kind}) failed: ${message(e)}`);
      return;
    }
    this.perform(requests);
  }

  /** The view model now. */
  view(): ViewModel {
    return decodeView(this.core.view());
  }

  private perform(bytes: Uint8Array): void {
    for (const { id, effect } of decodeRequests(bytes)) {
      switch (effect.kind) {
        case "Render":
          this.renderSoon();
          break;
        case "Time":
          this.effects.time(effect.value, (response) =>
            this.answer(id, (s) => serializeTimeResponse(response, s)),
          );
          break;
        case "Store":
          void this.effects
            .store(effect.value)
            .then((response) => this.answer(id, (s) => serializeStoreResponse(response, s)));
          break;
        case "Http":
          void this.effects
            .http(effect.value)
            .then((response) => this.answer(id, (s) => serializeHttpResult(response, s)));
          break;
      }
    }
  }

  private answer(id: number, write: Writer): void {
    const serializer = new BincodeSerializer();
    write(serializer);
    let requests: Uint8Array;
    try {
      requests = this.core.resolve(id, serializer.getBytes());
    } catch (e) {
      this.effects.fault(message(e));
      return;
    }
    this.perform(requests);
  }

  /** Several renders asked for in one burst of work draw once. */
  private renderSoon(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      let view: ViewModel;
      try {
        view = this.view();
      } catch (e) {
        this.effects.fault(`view() failed: ${message(e)}`);
        return;
      }
      this.effects.render(view);
    });
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
