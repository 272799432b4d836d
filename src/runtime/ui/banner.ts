// The banner at the top of the course: standing notices by key (the newest shows), else the base message
// (untracked, review mode), else nothing; and, where a standard offers one, an action button after the text.
import { $ } from "./dom.js";

export interface Banner {
  /** Message and tone shown when no notice stands; tone `untracked` when nothing is recorded. */
  base: [string, string];
  /** Sets (or with `null` clears) the notice of `key`, and shows the newest. */
  set(key: string, message: string | null, tone: string): void;
}

export function createBanner(doc: Document): Banner {
  const notices = new Map<string, [string, string]>();
  const b: Banner = {
    base: ["", ""],
    set(key, message, tone) {
      notices.delete(key);
      if (message !== null) notices.set(key, [message, tone]);
      const el = $(doc, "banner");
      const text = $(doc, "banner-text");
      if (!el || !text) return;
      const [shown, kind] = [b.base, ...notices.values()].pop() as [string, string];
      text.textContent = shown;
      el.dataset.kind = kind;
      el.hidden = !shown;
    },
  };
  return b;
}

/**
 * A button after the banner's text for an action its standing notice offers (clearing what the course keeps
 * on this device). It is added once and stays while notices come and go; it shows whenever the banner does.
 */
export function bannerAction(doc: Document, label: string, act: () => void): void {
  const el = $(doc, "banner");
  if (!el) return;
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "cw-button cw-button--quiet cw-button--small";
  button.dataset.cw = "banner-action";
  button.textContent = label;
  button.addEventListener("click", act);
  el.append(button);
}
