// The scripted learner of `coursewright verify`, inside the player's content frame.
// Our packages (the launch page carries `#cw-data`): every page with real clicks, every knowledge check
// answered right and checked, the assessment submitted right — where the standard plays a retake round and
// the course allows one, after a wrong attempt first. The answer key is the runtime data (src/model/runtime-data.ts); the markup contract
// is templates/partials/question-*.hbs and src/runtime/ui/question-dom.ts. Foreign packages: launched and
// left alone for a few seconds.
import { stripVTControlCharacters } from "node:util";
import type { Frame, Page } from "playwright-core";
import type { RuntimeCourse, RuntimeQuestion } from "../model/runtime-data.js";
import { sleep } from "../net/poll.js";

export type UnitKind = "coursewright" | "foreign";

export interface JourneyOptions {
  /** Fail a graded quiz once and retake it, where the course allows a retake (the standard's choice). */
  readonly retake: boolean;
  /** How long a foreign unit is left running before it is closed. */
  readonly dwellMs: number;
  readonly timeoutMs: number;
}

export interface JourneyResult {
  readonly kind: UnitKind;
  /** What the learner did, one short line per step. */
  readonly steps: string[];
  /** Set when the scripted journey could not be completed. */
  readonly failure?: string;
  readonly course?: RuntimeCourse;
}


/** The content frame the player created for the open unit, once loaded. */
export async function contentFrame(page: Page, timeoutMs: number): Promise<Frame> {
  const handle = await page.waitForSelector("#cw-content", { state: "attached", timeout: timeoutMs });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("the player has no content frame");
  await frame.waitForLoadState("load", { timeout: timeoutMs });
  return frame;
}

async function runtimeData(frame: Frame): Promise<RuntimeCourse | undefined> {
  const text = await frame
    .locator("script#cw-data")
    .textContent({ timeout: 1000 })
    .catch(() => null);
  if (!text) return undefined;
  try {
    const data = JSON.parse(text) as RuntimeCourse;
    return Array.isArray(data.sessions) && data.quizzes && typeof data.quizzes === "object" ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Plays the unit open in `frame`. Never throws for a journey that fails: it says so in `failure`. */
export async function playUnit(frame: Frame, options: JourneyOptions): Promise<JourneyResult> {
  const course = await runtimeData(frame);
  if (!course) {
    await sleep(options.dwellMs);
    return { kind: "foreign", steps: [`launched, left running for ${Math.round(options.dwellMs / 1000)} s`] };
  }
  const steps: string[] = [];
  const learner = new CoursewrightLearner(frame, course, options, steps);
  try {
    await learner.play();
    return { kind: "coursewright", steps, course };
  } catch (err) {
    const message = err instanceof Error ? failureText(err.message) : String(err);
    // Where it stopped, so the finding says which page and question to look at.
    return { kind: "coursewright", steps, course, failure: learner.at ? `${learner.at}: ${message}` : message };
  }
}

/**
 * A Playwright error's first line, with the reason its call log gives last ("element is not visible",
 * "<div …> intercepts pointer events"): a timeout alone does not say what to look at.
 */
export function failureText(message: string): string {
  const lines = stripVTControlCharacters(message).split("\n");
  const reason = lines
    .map((l) => l.trim().replace(/^(?:\d+ × )?- /, ""))
    .filter((l) => /element is|intercepts pointer events|resolved to \d+ elements|not attached/.test(l))
    .at(-1);
  const head = lines[0] ?? message;
  return reason && !head.includes(reason) ? `${head} (${reason})` : head;
}

class CoursewrightLearner {
  private checked = 0;
  private played = 0;
  /** Where the learner is, for a failure: "page 31 of 31", "page 31, Final assessment (attempt 2): Submit"…; empty before the first page. */
  at = "";

  constructor(
    private readonly frame: Frame,
    private readonly course: RuntimeCourse,
    private readonly options: JourneyOptions,
    private readonly steps: string[],
  ) {}

  async play(): Promise<void> {
    const f = this.frame;
    const timeout = this.options.timeoutMs;
    // Started: the runtime has written the progress (empty in the built page); then past the cover, when the
    // unit has one, with its Start (or Resume) button, as a learner enters.
    await f.locator("[data-cw=progress-text]").filter({ hasText: /\S/ }).waitFor({ timeout });
    const enter = f.locator("[data-cw=start]:visible, [data-cw=resume]:visible");
    if (await enter.count()) await enter.first().click({ timeout });
    await f.locator("[data-page]:visible").waitFor({ timeout });
    const total = await f.locator("[data-page]").count();
    let here = await this.visiblePage();
    while (here > 0) {
      await f.click("[data-cw=prev]", { timeout });
      await this.waitForPage(--here);
    }
    for (let i = 0; i < total; i++) {
      this.at = `going to page ${i + 1} of ${total}`;
      if (i > 0) {
        await f.click("[data-cw=next]", { timeout });
        await this.waitForPage(i);
      }
      this.at = `page ${i + 1} of ${total}`;
      await this.playMedia(i);
      await this.answerPage(i);
    }
    this.steps.unshift(`${total} page${total === 1 ? "" : "s"} visited`, ...(this.played ? [`${this.played} video/audio played to the end`] : []), ...(this.checked ? [`${this.checked} knowledge-check answers checked`] : []));
  }

  /**
   * Plays to its end each video or audio the page waits for (`complete-when: ended`, runtime/blocks/media.ts),
   * muted (muted playback needs no user gesture in Chromium's autoplay policy) and at 16×, its fastest rate.
   */
  private async playMedia(page: number): Promise<void> {
    for (const media of await this.frame.$$(`[data-page="${page}"] [data-cw-end]`)) {
      const problem = await media.evaluate(
        (m: HTMLMediaElement, ms: number) =>
          new Promise<string>((resolve) => {
            m.addEventListener("ended", () => resolve(""), { once: true });
            m.addEventListener("error", () => resolve(`Chromium cannot play ${m.currentSrc} (media error ${m.error?.code ?? "?"}: no decoder for it?)`), { once: true });
            setTimeout(() => resolve(`${m.currentSrc} did not play to its end within ${ms} ms`), ms);
            m.muted = true;
            m.playbackRate = 16;
            m.play().catch((e: unknown) => resolve(`${m.currentSrc} did not play: ${String(e)}`));
          }),
        this.options.timeoutMs,
      );
      if (problem) throw new Error(`the page counts as viewed once its media has played to the end, but ${problem}`);
      this.played++;
    }
  }

  private async visiblePage(): Promise<number> {
    const at = await this.frame.locator("[data-page]:visible").first().getAttribute("data-page", { timeout: this.options.timeoutMs });
    return Number(at ?? 0);
  }

  private async waitForPage(i: number): Promise<void> {
    await this.frame.locator(`[data-page="${i}"]`).waitFor({ state: "visible", timeout: this.options.timeoutMs });
  }

  private async answerPage(page: number): Promise<void> {
    const f = this.frame;
    const questions = await f.$$eval(`[data-page="${page}"] [data-quiz][data-question]`, (els) =>
      els.map((el) => ({ quiz: (el as HTMLElement).dataset.quiz ?? "", index: Number((el as HTMLElement).dataset.question) })),
    );
    const quizIds = [...new Set(questions.map((q) => q.quiz))];
    for (const quizId of quizIds) {
      const quiz = this.course.quizzes[quizId];
      if (!quiz) throw new Error(`the page shows quiz '${quizId}', which #cw-data does not describe`);
      if (!quiz.graded) {
        for (const [i, q] of quiz.questions.entries()) {
          this.at = `page ${page + 1}, ${quiz.title} question ${i + 1}`;
          await this.answer(quizId, i, q, true);
          await f.click(`${this.root(quizId, i)} [data-cw=check-answer]`, { timeout: this.options.timeoutMs });
          await f.locator(`${this.root(quizId, i)} [data-mark]`).waitFor({ state: "visible", timeout: this.options.timeoutMs });
          this.checked++;
        }
        continue;
      }
      const retakeAllowed = this.course.maxAttempts === 0 || this.course.maxAttempts >= 2;
      if (this.options.retake && retakeAllowed) {
        const wrong = await this.attempt(page, quizId, false, 1);
        const retake = f.locator(`[data-page="${page}"] [data-cw=retake][data-quiz-id="${quizId}"]`);
        if (await retake.isVisible()) {
          this.at = `page ${page + 1}, ${quiz.title}: Retake`;
          await retake.click({ timeout: this.options.timeoutMs });
          // The new attempt is open once the results are gone (one question at a time, Submit shows only at the last).
          await f.locator(`[data-page="${page}"] [data-cw=results]`).waitFor({ state: "hidden", timeout: this.options.timeoutMs });
          const right = await this.attempt(page, quizId, true, 2);
          this.steps.push(`${quiz.title}: wrong answers (${wrong}), retake, right answers (${right})`);
        } else {
          this.steps.push(`${quiz.title}: wrong answers (${wrong}); no retake offered`);
        }
      } else {
        const right = await this.attempt(page, quizId, true, 1);
        this.steps.push(`${quiz.title}: right answers (${right})`);
      }
    }
  }

  /** Answers every question of a graded quiz, submits, and returns the score the page shows. */
  private async attempt(page: number, quizId: string, correct: boolean, attempt: number): Promise<string> {
    const f = this.frame;
    const quiz = this.course.quizzes[quizId];
    // A pool's attempt shows the questions it drew; the others are hidden (runtime/ui/pool-view.ts).
    const shown = await f.$$eval(`[data-page="${page}"] [data-quiz="${quizId}"][data-question]`, (els) =>
      els.filter((el) => !el.closest("[hidden]")).map((el) => Number((el as HTMLElement).dataset.question)),
    );
    // One question at a time (assessmentLayout), an attempt opens at its first question: Next leads to each one
    // after it, and Submit is the last one's (question-stepper.ts).
    const stepped = (await f.locator(`[data-page="${page}"] [data-stepped="${quizId}"]`).count()) > 0;
    const next = `[data-page="${page}"] [data-step][data-current] .cw-step__next[data-cw=step-question]`;
    for (const [k, i] of shown.entries()) {
      const q = quiz?.questions[i];
      if (!q) continue;
      this.at = `page ${page + 1}, ${quiz?.title ?? quizId} (attempt ${attempt}), its question ${k + 1} of ${shown.length} (question ${i + 1} of the quiz, ${q.type})`;
      if (stepped && k > 0) await f.click(next, { timeout: this.options.timeoutMs });
      await this.answer(quizId, i, q, correct);
    }
    this.at = `page ${page + 1}, ${quiz?.title ?? quizId} (attempt ${attempt}): Submit`;
    await f.click(`[data-page="${page}"] [data-cw=submit-assessment]:visible`, { timeout: this.options.timeoutMs });
    const results = f.locator(`[data-page="${page}"] [data-cw=results]`);
    await results.waitFor({ state: "visible", timeout: this.options.timeoutMs });
    return ((await results.locator("[data-cw=score]").textContent()) ?? "").trim();
  }

  private root(quizId: string, index: number): string {
    return `[data-quiz="${quizId}"][data-question="${index}"]`;
  }

  private async answer(quizId: string, index: number, q: RuntimeQuestion, correct: boolean): Promise<void> {
    const f = this.frame;
    const root = this.root(quizId, index);
    const timeout = this.options.timeoutMs;
    const n = q.options.length;
    const right = new Set(q.correct ?? []);
    switch (q.type) {
      case "single-choice": {
        const pick = correct ? (q.correct?.[0] ?? 0) : Array.from({ length: n }, (_, i) => i).find((i) => !right.has(i)) ?? 0;
        await f.check(`${root} input[data-option="${pick}"]`, { timeout });
        break;
      }
      case "multiple-response": {
        const firstWrong = Array.from({ length: n }, (_, i) => i).find((i) => !right.has(i));
        const want = (i: number): boolean => (correct ? right.has(i) : firstWrong === undefined ? i === 0 : i === firstWrong);
        for (let i = 0; i < n; i++) await f.setChecked(`${root} input[data-option="${i}"]`, want(i), { timeout });
        break;
      }
      case "true-false":
        await f.check(`${root} input[data-option="${String(correct ? q.answer === true : q.answer !== true)}"]`, { timeout });
        break;
      case "matching":
        for (let i = 0; i < n; i++) await f.selectOption(`${root} select[data-source="${i}"]`, String(correct || n < 2 ? i : (i + 1) % n), { timeout });
        break;
      case "sequencing": {
        const order = (): Promise<number[]> => f.$$eval(`${root} [data-item]`, (items) => items.map((li) => Number((li as HTMLElement).dataset.item)));
        if (correct) {
          for (let target = 0; target < n; target++) {
            let guard = n;
            while ((await order()).indexOf(target) > target && guard-- > 0) await f.click(`${root} [data-item="${target}"] [data-move=up]`, { timeout });
          }
        } else if (n > 1) {
          // An untouched order is no answer: move the first item shown down, twice if that made it right.
          await f.click(`${root} [data-item] [data-move=down]`, { timeout });
          if ((await order()).every((v, i) => v === i)) await f.click(`${root} [data-item] [data-move=down]`, { timeout });
        }
        break;
      }
      case "fill-in": {
        const accepted = q.accepted ?? [];
        let wrong = "not the answer";
        const norm = (s: string): string => s.trim().replace(/\s+/g, " ").toLowerCase();
        while (accepted.some((a) => norm(a) === norm(wrong))) wrong += " at all";
        await f.fill(`${root} input[data-fill]`, correct ? (accepted[0] ?? "") : wrong, { timeout });
        break;
      }
    }
  }
}
