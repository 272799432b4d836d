// The learner's controls, wired once on the document: buttons (by `data-cw`), menu links, reorder buttons,
// answer fields, arrow keys and Escape.
import { ASSESSMENT_ID } from "../../model/runtime-data.js";
import { toggleMenu } from "./chrome.js";
import { $, announce } from "./dom.js";
import { moveItem } from "./question-dom.js";
import { captureAnswer, checkAnswer, retake, submitAssessment, type QuizContext } from "./quiz-actions.js";
import { hook } from "../features-hook.js";

/** What the controls ask of the player, besides the question actions (quiz-actions.ts). */
export interface PlayerActions extends QuizContext {
  /** The course was left: controls do nothing any more. */
  readonly ended: boolean;
  /** The LMS opened the attempt for review: nothing is recorded (a feature's fields are read-only). */
  readonly review?: boolean;
  go(index: number): void;
  step(delta: 1 | -1): void;
  /** Goes to the saved place (the cover's Resume). */
  resume(): void;
  exit(): void;
}

export function wireControls(d: Document, act: PlayerActions): void {
  d.addEventListener("click", (ev) => {
    if (act.ended) return;
    const target = ev.target instanceof Element ? ev.target : null;
    const control = target?.closest<HTMLElement>("[data-cw], [data-goto], [data-move]");
    if (!control) return;
    const { goto, move, cw, quizId = ASSESSMENT_ID } = control.dataset;
    if (goto !== undefined) {
      ev.preventDefault();
      act.go(Number(goto));
      toggleMenu(d, false);
      return;
    }
    const question = control.closest<HTMLElement>("[data-quiz]");
    if (move) {
      const moved = moveItem(control, act.course);
      if (moved) announce(d, moved);
      if (question) captureAnswer(act, question);
      return;
    }
    if (cw === "next") act.step(1);
    else if (cw === "start") act.go(0);
    else if (cw === "resume") act.resume();
    else if (cw === "print") d.defaultView?.print();
    else if (cw === "prev") act.step(-1);
    else if (cw === "menu-toggle") toggleMenu(d);
    else if (cw === "exit") act.exit();
    else if (cw === "check-answer" && question) checkAnswer(act, question);
    // A locked assessment (journey-view.ts) takes no submission, whatever reaches its button.
    else if (cw === "submit-assessment" && $(d, "locked")?.hidden !== false) {
      submitAssessment(act, quizId);
      hook("submitted", d);
    } else if (cw === "retake") retake(act, quizId);
    // The optional features' own controls (features-hook.ts).
    else if (cw) hook("control", control, cw);
  });
  for (const type of ["change", "input"]) {
    d.addEventListener(type, (ev) => {
      const el = ev.target instanceof Element ? ev.target.closest<HTMLElement>("[data-quiz]") : null;
      if (el) captureAnswer(act, el);
    });
  }
  d.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      // Escape closes the menu from anywhere, also from inside it: focus then returns to the Menu button,
      // instead of being lost with the menu that disappears.
      const button = $(d, "menu-toggle");
      if (button?.getAttribute("aria-expanded") !== "true") return;
      const inMenu = ev.target instanceof Element && ev.target.closest("#cw-menu") !== null;
      toggleMenu(d, false);
      if (inMenu || ev.target === button) button.focus();
      return;
    }
    if (act.ended || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    if (ev.target instanceof Element && ev.target.closest("input, select, textarea, button, [contenteditable], video, audio")) return;
    if (ev.key === "ArrowRight") act.step(1);
    else if (ev.key === "ArrowLeft") act.step(-1);
  });
  hook("start", { p: act, capture: (question) => act.ended || captureAnswer(act, question) });
}
