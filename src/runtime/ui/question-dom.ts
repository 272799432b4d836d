// Reads and writes a question's answer in its rendered markup (templates/partials/question-*.hbs),
// and shows its feedback. The markup contract is the data-* attributes used here.
import type { RuntimeQuestion } from "../../model/runtime-data.js";
import { isComplete, isCorrect, type Answer } from "../core/answers.js";
import { shownOrder } from "../core/shuffle.js";
import { markRows } from "./question-marks.js";
import { say, type Words } from "../core/messages.js";
import { all, one } from "./dom.js";

export function questionElement(root: ParentNode, quizId: string, index: number): HTMLElement | null {
  return one(root, `[data-quiz="${quizId}"][data-question="${index}"]`);
}

export function readAnswer(el: HTMLElement, q: RuntimeQuestion): Answer | null {
  switch (q.type) {
    case "matching":
      return all<HTMLSelectElement>(el, "select[data-source]").map((s) => (s.value === "" ? -1 : Number(s.value)));
    case "sequencing":
      // Untouched, the shown order is not an answer: the learner is asked for one like any other type.
      return el.querySelector("[data-sequence][data-moved]") ? all(el, "[data-item]").map((li) => Number(li.dataset.item)) : null;
    case "fill-in": {
      const input = el.querySelector<HTMLInputElement>("input[data-fill]");
      return input?.value.trim() ? input.value : null;
    }
  }
  // Choices: the checked options' indexes, ascending; true-false: its one checked option ("true" or "false").
  const picked = all<HTMLInputElement>(el, "input[data-option]:checked").map((i) => i.dataset.option);
  if (!picked.length) return null;
  return q.type === "true-false" ? picked[0] === "true" : picked.map(Number).sort((x, y) => x - y);
}

export function writeAnswer(el: HTMLElement, q: RuntimeQuestion, a: Answer | null): void {
  const list = Array.isArray(a) ? a : null;
  switch (q.type) {
    case "matching":
      all<HTMLSelectElement>(el, "select[data-source]").forEach((s, i) => {
        const t = list?.[i] ?? -1;
        s.value = t >= 0 ? String(t) : "";
      });
      return;
    case "sequencing": {
      const box = el.querySelector("[data-sequence]");
      box?.toggleAttribute("data-moved", Boolean(list));
      // Each item appended in the answer's order (the answer names this list's items only).
      for (const item of list ?? []) box?.append(box.querySelector(`[data-item="${item}"]`) ?? "");
      return;
    }
    case "fill-in": {
      const input = el.querySelector<HTMLInputElement>("input[data-fill]");
      // A fill-in's answer is its text, or null.
      if (input) input.value = String(a ?? "");
      return;
    }
  }
  // Choices hold option indexes, true-false a boolean (its options are "true" and "false"); null ("null")
  // checks none.
  for (const input of all<HTMLInputElement>(el, "input[data-option]")) {
    input.checked = list ? list.includes(Number(input.dataset.option)) : String(a) === input.dataset.option;
  }
}

/**
 * Shows the options in the attempt's order (`seed`, see core/shuffle.ts): choices, true/false excepted, and
 * sequencing items move; matching targets move in every select alike. Their authored indexes stay in the markup.
 */
export function arrange(el: HTMLElement, q: RuntimeQuestion, seed: number): void {
  if (!q.shuffle) return;
  const order = shownOrder(q.options.length, seed, q.id, q.type === "sequencing");
  // Each node, found by its authored index (`attr`), moved last in the shown order.
  const put = (nodes: Element[], attr: string): void => {
    for (const i of order) {
      const node = nodes.find((n) => Number(n.getAttribute(attr)) === i);
      node?.parentElement?.append(node);
    }
  };
  if (q.type !== "matching") put(all(el, "[data-row]"), "data-row");
  else for (const s of all(el, "select")) put(all(s, "option:not([value=''])"), "value");
}

/** The card's state, one model for every type (styled by `data-state`). */
export function setState(el: HTMLElement, q: RuntimeQuestion, a: Answer | null): void {
  el.dataset.state = isComplete(q, a) ? "answered" : "unanswered";
}

/**
 * Shows the feedback for answer `a`: the verdict, each row marked, the author's explanations, and with
 * `reveal` the correct answer. Without `explain` the author's explanation of a wrong answer stays hidden:
 * in a graded quiz it usually names the right answer, so it comes with the key, not before a retake.
 * Returns the text shown, for the live region.
 */
export function showFeedback(el: HTMLElement, q: RuntimeQuestion, a: Answer, reveal: boolean, w: Words, explain = true): string {
  hideFeedback(el);
  const correct = isCorrect(q, a);
  const verdict = correct ? "correct" : "incorrect";
  const parts: string[] = [say(w, correct ? "verdictRight" : "verdictWrong")];
  const show = (fb: HTMLElement | null): void => {
    if (!fb) return;
    fb.hidden = false;
    parts.push(fb.textContent?.trim() ?? "");
  };
  const mark = el.querySelector<HTMLElement>("[data-mark]");
  if (mark) {
    mark.hidden = false;
    mark.textContent = say(w, correct ? "markRight" : "markWrong");
    mark.dataset.mark = verdict;
  }
  if (correct || explain) show(el.querySelector<HTMLElement>(`[data-feedback="${verdict}"]`));
  if (Array.isArray(a)) for (const i of a) show(el.querySelector<HTMLElement>(`[data-choice-feedback="${i}"]`));
  markRows(el, [w, q, a, reveal]);
  el.dataset.state = verdict;
  return parts.filter(Boolean).join(" ");
}

export function hideFeedback(el: HTMLElement): void {
  for (const fb of all(el, "[data-feedback], [data-choice-feedback], [data-mark]")) fb.hidden = true;
  markRows(el);
  showProblem(el, null);
}

/**
 * Shows (or with `null` hides) a problem with the question's answer next to it, e.g. "Answer the question
 * before checking.", so that it is visible and not only announced (WCAG 3.3.1).
 */
export function showProblem(el: HTMLElement, message: string | null): void {
  const box = el.querySelector<HTMLElement>("[data-problem]");
  if (!box) return;
  box.textContent = message ?? "";
  box.hidden = message === null;
}

export function setDisabled(el: HTMLElement, disabled: boolean): void {
  for (const c of all<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>(el, "input, select, button")) {
    c.disabled = disabled;
  }
}

/**
 * Sequencing: move an item up or down with its buttons (keyboard and pointer alike). Returns what happened,
 * for the live region ("Hope: position 1 of 6."), because the focused button itself does not change.
 */
export function moveItem(button: HTMLElement, w: Words): string | null {
  const li = button.closest<HTMLElement>("[data-item]");
  const list = li?.parentElement;
  if (!li || !list) return null;
  const text = (li.querySelector(".cw-sequence__text") ?? li).textContent?.trim() ?? "";
  const up = button.dataset.move === "up";
  const other = up ? li.previousElementSibling : li.nextElementSibling;
  list.toggleAttribute("data-moved", true);
  if (!other) return say(w, up ? "alreadyFirst" : "alreadyLast", text);
  // Moving up is putting the item before the one above; moving down, the one below before the item.
  if (up) other.before(li);
  else li.before(other);
  button.focus();
  return say(w, "movedTo", text, [...list.children].indexOf(li) + 1, list.children.length);
}
