// The banner at the top of the course: standing notices by key (the newest shows), else the base message
// (untracked, review mode), else nothing.
import { $ } from "./dom.js";

export class Banner {
  private readonly notices = new Map<string, [string, string]>();
  /** Message and tone shown when no notice stands; tone `untracked` when nothing is recorded. */
  base: [string, string] = ["", ""];

  constructor(private readonly doc: Document) {}

  /** Sets (or with `null` clears) the notice of `key`, and shows the newest. */
  set(key: string, message: string | null, tone: string): void {
    this.notices.delete(key);
    if (message !== null) this.notices.set(key, [message, tone]);
    const el = $(this.doc, "banner");
    const text = $(this.doc, "banner-text");
    if (!el || !text) return;
    const [shown, kind] = [this.base, ...this.notices.values()].pop() as [string, string];
    text.textContent = shown;
    el.dataset.kind = kind;
    el.hidden = !shown;
  }
}
