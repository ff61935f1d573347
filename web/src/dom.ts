// A small DOM toolkit: `h` builds elements, `morph` updates the page in place to match a newly
// built tree. Updating in place keeps focus, the text someone is typing and open <details>
// where they are, while the core re-renders (for example on the once-a-minute tick).

export type Child = Node | string | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const SVG_NS = "http://www.w3.org/2000/svg";

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(parent, c);
  } else if (typeof child === "string") {
    parent.appendChild(document.createTextNode(child));
  } else {
    parent.appendChild(child);
  }
}

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
}

/** An HTML element with attributes and children. `false`, `null` and `undefined` are skipped. */
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element, for the result chart. */
export function s(tag: string, attrs?: Attrs | null, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Attributes the user changes, which a re-render must not undo. */
const USER_OWNED = new Set(["open"]);

function syncAttributes(from: Element, to: Element): void {
  for (const { name } of Array.from(from.attributes)) {
    if (!to.hasAttribute(name) && !USER_OWNED.has(name)) from.removeAttribute(name);
  }
  for (const { name, value } of Array.from(to.attributes)) {
    if (from.getAttribute(name) === value) continue;
    from.setAttribute(name, value);
    // A changed value from the core replaces what is in the box; an unchanged one leaves the
    // typing alone.
    if (name === "value" && (from instanceof HTMLInputElement || from instanceof HTMLSelectElement)) {
      from.value = value;
    }
  }
  if (from instanceof HTMLInputElement && to instanceof HTMLInputElement && !to.hasAttribute("data-own")) {
    // Radios and checkboxes show what the core says is chosen, always; except those of a form
    // the shell sends as one event (`data-own`), which keep what the learner chose until then.
    from.checked = to.hasAttribute("checked");
  }
  if (from instanceof HTMLTextAreaElement && to instanceof HTMLTextAreaElement) {
    if (from.defaultValue !== to.defaultValue) {
      from.defaultValue = to.defaultValue;
      from.value = to.defaultValue;
    }
  }
}

function keyOf(node: Node): string | null {
  return node instanceof Element ? (node.getAttribute("data-key") ?? node.id) || null : null;
}

function sameKind(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType) return false;
  if (a instanceof Element && b instanceof Element) {
    if (a.namespaceURI !== b.namespaceURI || a.tagName !== b.tagName) return false;
    // An input never changes type in place (browsers restrict it), so replace it.
    if (a instanceof HTMLInputElement && b instanceof HTMLInputElement && a.type !== b.type) {
      return false;
    }
  }
  return true;
}

/**
 * Makes `from` look like `to`, reusing nodes where the kind matches. Children are matched by
 * `id` or `data-key` when they have one, otherwise by position.
 */
export function morph(from: Node, to: Node): void {
  if (from instanceof Element && to instanceof Element) {
    syncAttributes(from, to);
    if (from instanceof HTMLTextAreaElement) return;
    morphChildren(from, to);
  } else if (from.nodeValue !== to.nodeValue) {
    from.nodeValue = to.nodeValue;
  }
}

function morphChildren(from: Element, to: Element): void {
  const wanted = Array.from(to.childNodes);
  let cursor: ChildNode | null = from.firstChild;
  for (const next of wanted) {
    const key = keyOf(next);
    let match: ChildNode | null = null;
    if (key !== null) {
      // Look ahead for the element with this key.
      for (let c: ChildNode | null = cursor; c !== null; c = c.nextSibling) {
        if (keyOf(c) === key) {
          match = c;
          break;
        }
      }
    } else if (cursor !== null && keyOf(cursor) === null) {
      match = cursor;
    }
    if (match !== null && sameKind(match, next)) {
      if (match !== cursor) from.insertBefore(match, cursor);
      morph(match, next);
      cursor = match.nextSibling;
    } else {
      from.insertBefore(next, cursor);
    }
  }
  while (cursor !== null) {
    const after: ChildNode | null = cursor.nextSibling;
    from.removeChild(cursor);
    cursor = after;
  }
}
