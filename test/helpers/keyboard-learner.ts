// A learner without a mouse: Tab / Shift+Tab to move, Enter and Space to press, arrow keys in radio groups
// and selects, typing in text fields. Focus is only ever moved by keys, never programmatically.
import type { Frame, Page } from "playwright-core";
import type { Course, Question } from "../../src/model/course.js";
import { passCheck, takeAssessment, type PageLearner } from "./learner-steps.js";

export class KeyboardLearner implements PageLearner {
  constructor(
    private readonly page: Page,
    private readonly frame: Frame,
    private readonly course: Course,
  ) {}

  private focused(selector: string): Promise<boolean> {
    return this.frame.evaluate((sel) => Boolean(document.hasFocus() && document.activeElement?.matches(sel)), selector);
  }

  /** Presses Tab until the element matching `selector` (inside the content) has focus. */
  async tabTo(selector: string, max = 400): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await this.focused(selector)) return;
      await this.page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  async press(selector: string, key = "Enter"): Promise<void> {
    await this.tabTo(selector);
    await this.page.keyboard.press(key);
  }

  async here(): Promise<string> {
    return ((await this.frame.locator("[data-page]:visible").getAttribute("id")) ?? "").replace(/^page-/, "");
  }

  /** Next page; focus lands on the new page's heading, from where Tab reaches Next again. */
  async next(): Promise<void> {
    const before = await this.here();
    await this.press("[data-cw=next]");
    if ((await this.here()) === before) throw new Error("Next did not turn the page");
    if (!(await this.focused("h1"))) throw new Error("focus did not move to the new page's heading");
  }

  async open(sessionId: string, pageId: string): Promise<void> {
    await this.press(`a[href="#page-${sessionId}-${pageId}"]`);
    if ((await this.here()) !== `${sessionId}-${pageId}`) throw new Error(`menu link did not open ${sessionId}/${pageId}`);
  }

  async answer(quizId: string, index: number, q: Question, correct: boolean): Promise<void> {
    const root = `[data-quiz="${quizId}"][data-question="${index}"]`;
    const kb = this.page.keyboard;
    switch (q.type) {
      case "single-choice": {
        const target = q.choices.findIndex((c) => c.correct === correct);
        // Tab enters a radio group on its first (or checked) radio; arrows move and select within it.
        await this.tabTo(`${root} input[type=radio]`);
        // Arrows follow the shown (shuffled) order: count in positions, choose by authored index.
        const shown = await this.frame.$$eval(`${root} input[type=radio]`, (inputs) => inputs.map((x) => Number((x as HTMLElement).dataset.option)));
        const at = shown.indexOf(Number(await this.frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.option)));
        const to = shown.indexOf(target);
        if (at === to) await kb.press("Space");
        for (let i = at; i < to; i++) await kb.press("ArrowDown");
        for (let i = at; i > to; i--) await kb.press("ArrowUp");
        break;
      }
      case "multiple-response": {
        const firstWrong = q.choices.findIndex((c) => !c.correct);
        for (const [i, c] of q.choices.entries()) {
          const want = correct ? c.correct : i === firstWrong;
          const sel = `${root} input[data-option="${i}"]`;
          if ((await this.frame.isChecked(sel)) !== want) await this.press(sel, "Space");
        }
        break;
      }
      case "true-false": {
        const want = String(correct ? q.answer : !q.answer);
        await this.tabTo(`${root} input[type=radio]`);
        const at = await this.frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.option);
        await kb.press(at === want ? "Space" : "ArrowDown");
        break;
      }
      case "matching":
        for (let s = 0; s < q.pairs.length; s++) {
          const sel = `${root} select[data-source="${s}"]`;
          const target = correct ? s : (s + 1) % q.pairs.length;
          await this.tabTo(sel);
          // A closed select steps through its options with the arrow keys.
          for (let guard = 0; guard < 20 && (await this.frame.inputValue(sel)) !== String(target); guard++) await kb.press("ArrowDown");
          if ((await this.frame.inputValue(sel)) !== String(target)) throw new Error(`could not choose ${target} in ${sel}`);
        }
        break;
      case "sequencing": {
        const order = (): Promise<number[]> => this.frame.$$eval(`${root} [data-item]`, (items) => items.map((li) => Number((li as HTMLElement).dataset.item)));
        if (correct) {
          for (let target = 0; target < q.items.length; target++) {
            while ((await order()).indexOf(target) > target) await this.press(`${root} [data-item="${target}"] [data-move=up]`);
          }
        } else {
          // An untouched order is no answer: move the first item shown down, twice if that made it right.
          await this.press(`${root} [data-item] [data-move=down]`);
          if ((await order()).every((v, i) => v === i)) await this.press(`${root} [data-item] [data-move=down]`);
        }
        break;
      }
      case "fill-in":
        await this.tabTo(`${root} input[data-fill]`);
        await kb.type(correct ? (q.answers[0] ?? "") : "not the answer");
        break;
    }
  }

  async check(quizId: string, index: number): Promise<void> {
    await this.press(`[data-quiz="${quizId}"][data-question="${index}"] [data-cw=check-answer]`);
  }

  done(quizId: string, index: number): Promise<boolean> {
    return this.frame.locator(`[data-quiz="${quizId}"][data-question="${index}"] [data-cw=check-answer]`).isDisabled();
  }

  async passCheck(sessionId: string): Promise<void> {
    await passCheck(this, this.course, sessionId);
  }

  async submitAssessment(): Promise<void> {
    await this.press("[data-cw=submit-assessment]");
    await this.frame.locator("[data-cw=results]").waitFor({ state: "visible" });
  }

  async takeAssessment(wrong: number): Promise<void> {
    await takeAssessment(this, this.course, wrong);
  }
}
