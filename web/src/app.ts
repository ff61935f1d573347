// Puts the view model on the page and turns what the learner does into events.
//
// Buttons, links and choices send the event the view model gave them (`data-action`). Forms
// send the one thing the shell builds itself: what was typed or chosen in them (a name, a
// code, a note, a rating).

import { type Event, type ViewModel } from "shared_types";

import { morph } from "./dom";
import { page, screenKey } from "./render/page";

export class View {
  private events: Event[] = [];
  private lastKey: string | null = null;

  constructor(
    private readonly mount: HTMLElement,
    private readonly send: (event: Event) => void,
    private readonly origin: string,
  ) {
    mount.addEventListener("click", (e) => this.onClick(e));
    mount.addEventListener("change", (e) => this.onChange(e));
    mount.addEventListener("submit", (e) => this.onSubmit(e));
    mount.addEventListener("keydown", (e) => this.onKeydown(e));
  }

  render(vm: ViewModel): void {
    const { root, ctx } = page(vm);
    this.events = ctx.events;
    const focused = document.activeElement;
    morph(this.mount, root);
    // A control that had the focus and is gone (a form replaced by what it did): the element
    // that took its place takes the focus, so keyboard users do not start again from the top.
    if (focused instanceof HTMLElement && !focused.isConnected) {
      this.mount.querySelector<HTMLElement>(".app-screen [data-refocus]")?.focus();
    }
    document.title = vm.title === vm.shell.app_name ? vm.title : `${vm.title} – ${vm.shell.app_name}`;
    const key = screenKey(vm);
    // Not when the app first appears (from "Loading"): the page keeps the browser's own focus.
    if (this.lastKey !== null && this.lastKey !== "Loading" && key !== this.lastKey) this.moveFocus();
    this.lastKey = key;
  }

  /** A new screen: focus its heading, so keyboard and screen reader users start there. */
  private moveFocus(): void {
    const target =
      this.mount.querySelector<HTMLElement>(".app-screen [data-focus]") ??
      this.mount.querySelector<HTMLElement>(".app-screen h1");
    if (target === null) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
    window.scrollTo({ top: 0 });
  }

  private eventOf(el: Element | null): Event | null {
    const index = el?.getAttribute("data-action");
    if (index === null || index === undefined) return null;
    return this.events[Number(index)] ?? null;
  }

  private onClick(e: MouseEvent): void {
    const target = e.target as Element | null;
    if (target === null) return;
    if (target.closest("[data-skip]")) {
      // The skip link: focus the main content without a page jump.
      e.preventDefault();
      this.mount.querySelector<HTMLElement>("#main-content")?.focus();
      return;
    }
    const el = target.closest("[data-action]");
    // Choices send their event on `change`, which also follows the keyboard.
    if (el === null || el instanceof HTMLInputElement) return;
    e.preventDefault();
    if (el instanceof HTMLButtonElement && el.disabled) return;
    const event = this.eventOf(el);
    if (event !== null) this.send(event);
  }

  /** Links with `role="button"` also answer the space bar, as buttons do. */
  private onKeydown(e: KeyboardEvent): void {
    const target = e.target as Element | null;
    if (e.key !== " " || !(target instanceof HTMLAnchorElement) || target.getAttribute("role") !== "button") return;
    e.preventDefault();
    const event = this.eventOf(target);
    if (event !== null) this.send(event);
  }

  private onChange(e: globalThis.Event): void {
    const target = e.target;
    if (!(target instanceof HTMLInputElement) || !target.hasAttribute("data-action")) return;
    const event = this.eventOf(target);
    if (event !== null) this.send(event);
  }

  private onSubmit(e: SubmitEvent): void {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    e.preventDefault();
    const field = (name: string) => {
      const el = form.elements.namedItem(name);
      return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : "";
    };
    switch (form.dataset.form) {
      case "name":
        this.send({ kind: "SetDisplayName", name: field("name") });
        break;
      case "join":
        this.send({ kind: "Join", server: this.origin, code: field("code") });
        break;
      case "pair":
        this.send({ kind: "Pair", server: this.origin, code: field("pairing-code") });
        break;
      case "note":
        this.send({
          kind: "SaveNote",
          run: form.dataset.run ?? "",
          item: form.dataset.item ?? "",
          note: field("note"),
        });
        break;
      case "rating": {
        // No choice sends 0, which the core answers with what to do.
        const chosen = form.querySelector<HTMLInputElement>('input[name="rating"]:checked');
        const share = form.elements.namedItem("share-comment");
        this.send({
          kind: "RateUseful",
          rating: chosen !== null ? Number(chosen.value) : 0,
          comment: field("comment"),
          share_comment: share instanceof HTMLInputElement && share.checked,
        });
        break;
      }
    }
  }
}
