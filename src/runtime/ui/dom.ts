// Small DOM helpers the player's views share.

const found: Record<string, Element | null> = {};

/**
 * `root.querySelector(selector)`; in the whole document, remembered while the element found stays in it. The
 * runtime never changes the data-* attributes these selectors name, so a connected element still matches; a
 * miss is looked up again (an element added later). Each page turn and commit updates the chrome and reads
 * questions: one walk of the whole-course document per lookup was most of a turn in jsdom (and on a slow device).
 * Its document too: tests and tools run the runtime's modules over several documents in one process.
 */
export function one<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  if (root.nodeType !== 9) return root.querySelector<T>(selector);
  const el = found[selector];
  return (el?.isConnected && el.ownerDocument === root ? el : (found[selector] = root.querySelector(selector))) as T | null;
}

/** The element marked `data-cw="<name>"` under `root`. */
export const $ = <T extends Element = HTMLElement>(root: ParentNode, cw: string): T | null => one<T>(root, `[data-cw="${cw}"]`);

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
