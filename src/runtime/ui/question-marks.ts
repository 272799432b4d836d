// What a checked question shows on each of its rows (a choice, a matching pair, a sequencing item, the text
// field): the learner's answer marked right or wrong in words (the icon is the stylesheet's, so never colour
// alone: WCAG 2.1 SC 1.4.1), and, where the course lets it (`reveal`), the correct answer. The key's words
// come from the runtime data, written only here: the page's markup holds no correct answer to read.
import type { RuntimeQuestion } from "../../model/runtime-data.js";
import { isCorrect, type Answer } from "../core/answers.js";
import { say, type Words } from "../core/messages.js";
import { all } from "./dom.js";

type Mark = [result: "right" | "wrong" | "key", text: string] | [];

/** What row `i` shows for answer `a` (`tell` takes the keys of the words for right and wrong, and the key's words). */
function rowMark(w: Words, q: RuntimeQuestion, a: Answer, reveal: boolean, i: number): Mark {
  const list = Array.isArray(a) ? a : [];
  const tell = (ok: boolean, right: string, wrong: string, key: string | false): Mark => (ok ? ["right", say(w, right)] : ["wrong", say(w, wrong) + (reveal && key ? `. ${key}` : "")]);
  switch (q.type) {
    case "matching":
      return tell(list[i] === i, "matchRight", "matchWrong", say(w, "matchKey", q.targets?.[i] ?? ""));
    case "sequencing":
      // Item i in place: position i holds it (the answer lists items by position).
      return tell(list[i] === i, "placeRight", "placeWrong", say(w, "placeKey", i + 1));
    case "fill-in":
      // The first accepted answer (a fill-in has at least one: content/schemas.ts).
      return tell(isCorrect(q, a), "markRight", "markWrong", say(w, "fillKey", q.accepted?.[0] ?? ""));
  }
  // Choices by authored index; true/false rows are 0: True, 1: False.
  const chosen = list.includes(i) || a === (i === 0);
  const key = q.correct ? q.correct.includes(i) : q.answer === (i === 0);
  return chosen ? tell(key, "choiceRight", "choiceWrong", false) : key && reveal ? ["key", say(w, "choiceKey")] : [];
}

/** For what is checked: the course's words, the question, the answer, and whether the key may show. */
export type Checked = [w: Words, q: RuntimeQuestion, a: Answer, reveal: boolean];

/** Marks every row of the question for the answer `checked`; without one, clears the marks. */
export function markRows(el: HTMLElement, checked?: Checked): void {
  for (const row of all(el, "[data-row]")) {
    const [result, text = ""] = checked ? rowMark(...checked, Number(row.dataset.row)) : [];
    const box = row.querySelector<HTMLElement>("[data-row-mark]");
    if (result) row.dataset.result = result;
    else delete row.dataset.result;
    if (box) {
      box.textContent = text;
      box.hidden = !result;
    }
  }
}

/**
 * Matching: a target already picked for another item is flagged next to its select before any check
 * (WCAG 2.1 SC 3.3.1 error identification), aria-invalid and described by the message while it lasts.
 */
export function flagDuplicates(el: HTMLElement): void {
  const selects = all<HTMLSelectElement>(el, "select[data-source]");
  for (const s of selects) {
    const dup = s.value !== "" && selects.some((o) => o !== s && o.value === s.value);
    const msg = s.parentElement?.querySelector<HTMLElement>("[data-dup]");
    s.setAttribute("aria-invalid", String(dup));
    if (!msg) continue;
    msg.hidden = !dup;
    if (dup) s.setAttribute("aria-describedby", msg.id);
    else s.removeAttribute("aria-describedby");
  }
}
