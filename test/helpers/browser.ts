// Real Chromium for end-to-end tests: Debian's /usr/bin/chromium (or $CHROMIUM_PATH) driven by
// playwright-core, a fresh profile per browser, and a static server for the unpacked package on 127.0.0.1.
import { enterCourseIn } from "./course-entry.js";
import type { BrowserContext, Frame, Page } from "playwright-core";
import type { Course, Question } from "../../src/model/course.js";
import { chromiumExecutable, launchChromium } from "../../src/verify/browser.js";
import { passCheck, takeAssessment, type PageLearner } from "./learner-steps.js";

/** The same browser `coursewright verify` uses: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = chromiumExecutable().path;
/**
 * On CI a missing browser is a failure, not a skip (.ci/run installs it). The fast lane (`npm run test:fast`,
 * vitest.fast.config.ts) sets CW_NO_BROWSER: its browser tests are skipped on purpose.
 */
export const chromiumAvailable = !process.env.CW_NO_BROWSER && (chromiumExecutable().exists || Boolean(process.env.CI));

export interface Browser {
  readonly context: BrowserContext;
  /** Console errors, page errors, failed requests and HTTP errors seen on any page of the context. */
  readonly problems: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const browser = await launchChromium(CHROMIUM_PATH);
  const context = browser.context;
  const problems: string[] = [];
  const watch = (page: Page): void => {
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ""}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  return {
    context,
    problems,
    newPage: () => context.newPage(),
    close: () => browser.close(),
  };
}

/** The tools' one static file server (src/net/static-files.ts). */
export { serveDir, type StaticServer } from "../../src/net/static-files.js";

/** Drives a page like a learner: real clicks, selections and typing. */
export class BrowserLearner implements PageLearner {
  constructor(
    /** The course's document: a tab, or the content frame inside an LMS player. */
    readonly page: Page | Frame,
    private readonly course: Course,
  ) {}

  async here(): Promise<string> {
    return this.page.locator("[data-page]:visible").getAttribute("id").then((id) => (id ?? "").replace(/^page-/, ""));
  }

  async next(): Promise<void> {
    await this.page.click("[data-cw=next]");
  }

  async open(sessionId: string, pageId: string): Promise<void> {
    await this.page.click(`a[href="#page-${sessionId}-${pageId}"]`);
    await this.page.locator(`#page-${sessionId}-${pageId}`).waitFor({ state: "visible" });
  }

  private q(quizId: string, index: number): string {
    return `[data-quiz="${quizId}"][data-question="${index}"]`;
  }

  async answer(quizId: string, index: number, q: Question, correct: boolean): Promise<void> {
    const root = this.q(quizId, index);
    switch (q.type) {
      case "single-choice":
        await this.page.check(`${root} input[data-option="${q.choices.findIndex((c) => c.correct === correct)}"]`);
        break;
      case "multiple-response": {
        const firstWrong = q.choices.findIndex((c) => !c.correct);
        for (const [i, c] of q.choices.entries()) {
          await this.page.setChecked(`${root} input[data-option="${i}"]`, correct ? c.correct : i === firstWrong);
        }
        break;
      }
      case "true-false":
        await this.page.check(`${root} input[data-option="${String(correct ? q.answer : !q.answer)}"]`);
        break;
      case "matching":
        for (let i = 0; i < q.pairs.length; i++) {
          await this.page.selectOption(`${root} select[data-source="${i}"]`, String(correct ? i : (i + 1) % q.pairs.length));
        }
        break;
      case "sequencing": {
        const order = async (): Promise<number[]> =>
          this.page.$$eval(`${root} [data-item]`, (items) => items.map((li) => Number((li as HTMLElement).dataset.item)));
        if (correct) {
          for (let target = 0; target < q.items.length; target++) {
            while ((await order()).indexOf(target) > target) await this.page.click(`${root} [data-item="${target}"] [data-move=up]`);
          }
        } else {
          // An untouched order is no answer: move the first item shown down, twice if that made it right.
          await this.page.click(`${root} [data-item] [data-move=down]`);
          if ((await order()).every((v, i) => v === i)) await this.page.click(`${root} [data-item] [data-move=down]`);
        }
        break;
      }
      case "fill-in":
        await this.page.fill(`${root} input[data-fill]`, correct ? (q.answers[0] ?? "") : "not the answer");
        break;
    }
  }

  async check(quizId: string, index: number): Promise<void> {
    await this.page.click(`${this.q(quizId, index)} [data-cw=check-answer]`);
  }

  done(quizId: string, index: number): Promise<boolean> {
    return this.page.locator(`${this.q(quizId, index)} [data-cw=check-answer]`).isDisabled();
  }

  async passCheck(sessionId: string): Promise<void> {
    await passCheck(this, this.course, sessionId);
  }

  async submitAssessment(): Promise<void> {
    await this.page.click("[data-cw=submit-assessment]");
    await this.page.locator("[data-cw=results]").waitFor({ state: "visible" });
  }

  async takeAssessment(wrong: number): Promise<void> {
    await takeAssessment(this, this.course, wrong);
  }
}

/** The content frame inside the player page, once the course in it has started. */
export async function contentFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector("#cw-content");
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("no content frame");
  await enterCourseIn(frame);
  return frame;
}
