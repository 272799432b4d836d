// Small DOM helpers the player's views share.

/** The element marked `data-cw="<name>"` under `root`. */
export const $ = <T extends Element = HTMLElement>(root: ParentNode, cw: string): T | null => root.querySelector<T>(`[data-cw="${cw}"]`);

const lists = new Map<string, Element[]>();

/**
 * `all(doc, selector)` for markup the build wrote, which the runtime never adds to or replaces: looked up
 * once (a runtime serves one document). For the views redrawn on every commit: a lookup walks the whole
 * document, and on a slow device, or in jsdom, the walks repeated on each page turn are most of what a turn
 * costs, growing with the course.
 */
export function fixed<T extends Element = HTMLElement>(doc: Document, selector: string): T[] {
  let els = lists.get(selector);
  if (!els) lists.set(selector, (els = all(doc, selector)));
  return els as T[];
}

/** Puts `text` in the element marked `data-cw="<cw>"` under `root`, when the page has it. */
export function setText(root: ParentNode, cw: string, text: string): void {
  const el = $(root, cw);
  if (el) el.textContent = text;
}

/** Focuses the first answer field or button in `el` (after a retake, a refused submission). */
export const focusFirst = (el: ParentNode | null | undefined): void => el?.querySelector<HTMLElement>("input, select, button")?.focus();

/** Says `message` through the page's live region (WAI-ARIA 1.2 §6.3.13 aria-live). */
export function announce(doc: Document, message: string): void {
  const live = $(doc, "live");
  if (!live) return;
  live.textContent = "";
  // A fresh text node after clearing makes screen readers announce repeats too.
  setTimeout(() => {
    live.textContent = message;
  }, 30);
}

/** The elements matching `selector` under `root`, as an array. */
export const all = <T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] => [...root.querySelectorAll<T>(selector)];
