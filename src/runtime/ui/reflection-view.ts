// Reflections (ungraded free text, content/blocks/reflection.ts): a field counts its characters as the learner
// types and is kept and reported when the learner leaves it with changed text (`change`, not every
// keystroke; also when the tab is hidden or closed with the field still focused); empty text is kept as none
// and not reported. The completion page lists what the learner wrote (reflections.hbs: an item per
// reflection, `data-reflection` like the field's box), to print alone (course.css prints only the list while
// <html> has data-print) or download as a text file (a link with `download`). A runtime feature
// (features/reflections.ts): only packages with reflections carry it.
import { say } from "../core/messages.js";
import type { Feature } from "../features-hook.js";
import { $, all, setText } from "./dom.js";
import type { PlayerActions } from "./controls.js";

export function reflectionFeature(): Feature {
  let p: PlayerActions;
  const count = (box: Element): void => {
    const field = box.querySelector("textarea")!;
    setText(box, "count", say(p.course, "reflectionCount", field.value.length, field.maxLength));
  };
  /** The state's texts into the fields and the completion page's list (which shows only once one is written). */
  const show = (): void => {
    for (const el of all(p.doc, "[data-reflection]")) {
      const text = p.state.reflections[el.dataset.reflection!] ?? "";
      const field = el.querySelector("textarea");
      if (field) {
        // Review (the LMS shows a finished attempt): the text to read, nothing to change or record.
        field.readOnly = !!p.review;
        field.value = text;
        count(el);
      } else el.hidden = !(el.lastElementChild!.textContent = text);
    }
    const list = $(p.doc, "reflections");
    if (list) list.hidden = !list.querySelector("[data-reflection]:not([hidden])");
  };
  const edited = (ev: Event): void => {
    const field = ev.target as HTMLTextAreaElement;
    const box = field?.parentElement;
    const reflection = p.course.reflections?.find((r) => r.id === box?.dataset.reflection);
    if (!box || !reflection) return;
    setText(box, "saved", "");
    count(box);
    const text = field.value.trim();
    const { reflections } = p.state;
    if (ev.type === "input" || text === (reflections[reflection.id] ?? "")) return;
    if (text) reflections[reflection.id] = text;
    else delete reflections[reflection.id];
    p.commit(text ? [{ kind: "reflection", reflection, text, at: new Date() }] : []);
    show();
    setText(box, "saved", text && say(p.course, "reflectionSaved"));
  };
  return {
    start(c) {
      p = c.p;
      const d = p.doc;
      d.addEventListener("input", edited);
      d.addEventListener("change", edited);
      // A tab hidden or closed while the learner is still in a field: what they typed counts as left there. These
      // listeners come before the core's, which then save or finish with it.
      const leave = (): void => edited({ type: "change", target: d.activeElement } as unknown as Event);
      d.addEventListener("visibilitychange", () => d.hidden && leave());
      d.defaultView?.addEventListener("pagehide", leave);
    },
    arrived: () => show(),
    control(control, cw) {
      const d = p.doc;
      const root = d.documentElement.dataset;
      if (cw === "print-reflections") {
        root.print = "";
        d.defaultView?.print();
        delete root.print;
      }
      // The link's own download (its name in the page) follows the click with this text as its file.
      if (cw === "download-reflections") {
        const texts = all($(d, "reflections")!, "h2, [data-reflection]:not([hidden]) > *").map((el) => el.textContent);
        control.setAttribute("href", "data:text/plain;charset=utf-8," + encodeURIComponent([p.course.title, ...texts].join("\n\n") + "\n"));
      }
    },
  };
}
