// Drives a rendered course the way a learner does: clicks, choices, typing — never internal calls.
import type { Course, Question } from "../../src/model/course.js";
import { one } from "../../src/runtime/ui/dom.js";

/**
 * Selectors that name one element of the built markup (a chrome control, a menu link): looked up as the runtime
 * does (`one`, kept while the element stays in the document), not by a walk of the whole-course document per click.
 */
const ONE_OF_A_KIND = /^(\[data-cw=[\w-]+\]|a\[href="#page-[^"]+"\])$/;

export class Learner {
  constructor(
    private readonly doc: Document,
    private readonly course: Course,
  ) {}

  private get win(): Window & typeof globalThis {
    return this.doc.defaultView as Window & typeof globalThis;
  }

  /** `<session id>/<page id>` of the page on screen. */
  here(): string {
    const visible = [...this.doc.querySelectorAll<HTMLElement>("[data-page]")].filter((s) => !s.hidden);
    if (visible.length !== 1) throw new Error(`expected one visible page, found ${visible.length}`);
    return visible[0]?.id.replace(/^page-/, "") ?? "";
  }

  heading(): string {
    const visible = [...this.doc.querySelectorAll<HTMLElement>("[data-page]")].find((s) => !s.hidden);
    return visible?.querySelector("h1")?.textContent ?? "";
  }

  click(selector: string, root: ParentNode = this.doc): void {
    const el = root === this.doc && ONE_OF_A_KIND.test(selector) ? one<HTMLElement>(this.doc, selector) : root.querySelector<HTMLElement>(selector);
    if (!el) throw new Error(`nothing matches ${selector}`);
    if ((el as HTMLButtonElement).disabled) throw new Error(`${selector} is disabled`);
    el.click();
  }

  next(): void {
    this.click("[data-cw=next]");
  }

  previous(): void {
    this.click("[data-cw=prev]");
  }

  /** Opens a page from the course menu. */
  open(sessionId: string, pageId: string): void {
    this.click(`a[href="#page-${sessionId}-${pageId}"]`);
    if (this.here() !== `${sessionId}-${pageId}`) throw new Error(`menu did not open ${sessionId}/${pageId}`);
  }

  sessionStatus(index: number): string {
    return this.doc.querySelector(`[data-session-status="${index}"]`)?.textContent ?? "";
  }

  question(quizId: string, index: number): HTMLElement {
    const el = one<HTMLElement>(this.doc, `[data-quiz="${quizId}"][data-question="${index}"]`);
    if (!el) throw new Error(`no question ${index} of ${quizId}`);
    return el;
  }

  /** Answers a question through its controls, right or wrong. */
  answer(quizId: string, index: number, q: Question, correct: boolean): void {
    const el = this.question(quizId, index);
    const option = (value: string): HTMLInputElement => {
      const input = el.querySelector<HTMLInputElement>(`input[data-option="${value}"]`);
      if (!input) throw new Error(`no option ${value} in ${q.id}`);
      return input;
    };
    switch (q.type) {
      case "single-choice": {
        const i = q.choices.findIndex((c) => c.correct === correct);
        option(String(i)).click();
        break;
      }
      case "multiple-response":
        q.choices.forEach((c, i) => {
          const want = correct ? c.correct : i === q.choices.findIndex((x) => !x.correct);
          const input = option(String(i));
          if (input.checked !== want) input.click();
        });
        break;
      case "true-false":
        option(String(correct ? q.answer : !q.answer)).click();
        break;
      case "matching":
        el.querySelectorAll<HTMLSelectElement>("select[data-source]").forEach((select, i) => {
          select.value = String(correct ? i : (i + 1) % q.pairs.length);
          select.dispatchEvent(new this.win.Event("change", { bubbles: true }));
        });
        break;
      case "sequencing":
        // Wrong: move the first item shown down (an untouched order is no answer), twice if that made it right.
        if (correct) this.sortSequence(el, q.items.length);
        else for (let k = 0; k < 2 && (k === 0 || this.sequenceOrder(el).every((v, i) => v === i)); k++) this.click("[data-item] [data-move=down]", el);
        break;
      case "fill-in": {
        const input = el.querySelector<HTMLInputElement>("input[data-fill]");
        if (!input) throw new Error("no text field");
        input.value = correct ? (q.answers[0] ?? "") : "not the answer";
        input.dispatchEvent(new this.win.Event("input", { bubbles: true }));
        input.dispatchEvent(new this.win.Event("change", { bubbles: true }));
        break;
      }
    }
  }

  sequenceOrder(el: HTMLElement): number[] {
    return [...el.querySelectorAll<HTMLElement>("[data-item]")].map((li) => Number(li.dataset.item));
  }

  /** Puts the items in authored order with the Up buttons only, as a keyboard user would. */
  private sortSequence(el: HTMLElement, n: number): void {
    for (let target = 0; target < n; target++) {
      for (let guard = 0; guard < n; guard++) {
        const pos = this.sequenceOrder(el).indexOf(target);
        if (pos <= target) break;
        this.click(`[data-item="${target}"] [data-move=up]`, el);
      }
    }
  }

  check(quizId: string, index: number): void {
    this.click("[data-cw=check-answer]", this.question(quizId, index));
  }

  /** Answers and checks every question of a session's knowledge check. */
  passCheck(sessionId: string, correct = true): void {
    const session = this.course.sessions.find((s) => s.id === sessionId);
    if (!session?.check) throw new Error(`session ${sessionId} has no check`);
    this.open(sessionId, "check");
    session.check.questions.forEach((q, i) => {
      // A question answered correctly is done: its Check is disabled.
      if (this.question(session.check?.id ?? "", i).querySelector<HTMLButtonElement>("[data-cw=check-answer]")?.disabled) return;
      this.answer(session.check?.id ?? "", i, q, correct);
      this.check(session.check?.id ?? "", i);
    });
  }

  /** Views every page of every session and passes every knowledge check: what opens a locked assessment. */
  completeSessions(): void {
    for (const s of this.course.sessions) {
      for (const p of s.pages) this.open(s.id, p.id);
      if (s.check) this.passCheck(s.id);
    }
  }

  /** Answers every assessment question (the first `wrong` of them wrongly) and submits. */
  takeAssessment(wrong: number): void {
    const quiz = this.course.assessment;
    if (!quiz) throw new Error("no assessment");
    quiz.questions.forEach((q, i) => this.answer(quiz.id, i, q, i >= wrong));
    this.click("[data-cw=submit-assessment]");
  }

  results(): { visible: boolean; status: string; score: string; retake: boolean } {
    const r = this.doc.querySelector<HTMLElement>("[data-cw=results]");
    return {
      visible: Boolean(r && !r.hidden),
      status: r?.querySelector("[data-cw=result-status]")?.textContent ?? "",
      score: r?.querySelector("[data-cw=score]")?.textContent ?? "",
      retake: Boolean(r?.querySelector<HTMLElement>("[data-cw=retake]") && !r.querySelector<HTMLElement>("[data-cw=retake]")?.hidden),
    };
  }
}
