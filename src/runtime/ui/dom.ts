// Small DOM helpers the player's views share.

/** The element marked `data-cw="<name>"` under `root`. */
export const $ = <T extends Element = HTMLElement>(root: ParentNode, cw: string): T | null => root.querySelector<T>(`[data-cw="${cw}"]`);

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
