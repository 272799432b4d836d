// A question pool on the page (quiz data `draw`): the attempt's draw shows, the pool's other questions are
// hidden, and the shown ones are numbered n of m in their order. One question at a time, each shown step's
// Previous and Next lead to the shown steps beside it, and Submit sits with the last one (the stepper then
// counts the steps that show, ui/question-stepper.ts). Rendered with the quiz, before the stepper.
import type { RuntimeCourse, RuntimeQuiz } from "../../model/runtime-data.js";
import { numberText } from "../core/messages.js";
import { drawn } from "../core/draw.js";
import type { QuizState } from "../core/state.js";
import { questionElement } from "./question-dom.js";

export function renderDraw(d: Document, quiz: RuntimeQuiz, qs: QuizState, course: Pick<RuntimeCourse, "numbers">): void {
  if (!quiz.draw) return;
  const shown = drawn(quiz, qs.seed);
  const last = shown.length - 1;
  // Numbers as the build writes them: in the course's language, e.g. Arabic-Indic digits.
  const number = (n: number): string => numberText(course, n);
  quiz.questions.forEach((_, i) => {
    const el = questionElement(d, quiz.id, i);
    if (!el) return;
    const at = shown.indexOf(i);
    const step = el.closest<HTMLElement>("[data-step]");
    (step ?? el).hidden = at < 0;
    for (const [name, n] of [["drawn-number", at + 1], ["drawn-count", shown.length]] as const) {
      const slot = el.querySelector(`[data-cw=${name}]`);
      if (slot) slot.textContent = number(n);
    }
    // Previous (-1), Next (1) and Submit (0) of a step.
    step?.querySelectorAll<HTMLElement>("[data-by]").forEach((b) => {
      const to = at + Number(b.dataset["by"]);
      b.dataset["to"] = String(to);
      b.hidden = to === at ? at < last || qs.submitted : to < 0 || to > last;
    });
  });
}
