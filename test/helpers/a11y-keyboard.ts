// A keyboard-only learner in Chromium that audits every step (test/helpers/keyboard-learner.ts is the plain
// one for journeys): Tab / Shift+Tab to a control, then Enter, Space, arrow keys or typing, exactly as
// page.keyboard sends them. Every stop on the way is checked for a visible focus indicator (WCAG 2.4.7)
// with a ring of ≥ 4.5:1 against what surrounds it, in the viewport and not hidden under the sticky bar.
import type { Page } from "playwright-core";
import type { Question } from "../../src/model/course.js";
import { contrastRatio, hex, paintedColours } from "./a11y-contrast.js";

export interface FocusStop {
  readonly description: string;
  readonly problems: readonly string[];
}

/** What has focus, and whether it shows it. */
export async function inspectFocus(page: Page): Promise<FocusStop> {
  const raw = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const cx = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
    const cy = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
    const hit = document.elementFromPoint(cx, cy);
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    const covered = !(hit && (el.contains(hit) || hit.contains(el) || (label && label.contains(hit))));
    const text = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
    return {
      description: `${el.localName}${el.id ? `#${el.id}` : ""}${el.dataset.cw ? `[data-cw=${el.dataset.cw}]` : ""} "${text}"`,
      focusVisible: el.matches(":focus-visible"),
      outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2,
      shadow: cs.boxShadow !== "none",
      covered: covered ? (hit?.closest("[class]")?.className ?? hit?.localName ?? "nothing") : null,
      inViewport: r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth,
    };
  });
  if (!raw) return { description: "body", problems: ["focus is on the body: it was lost"] };
  const problems: string[] = [];
  if (!raw.focusVisible) problems.push("does not match :focus-visible after keyboard focus");
  if (!raw.outline && !raw.shadow) problems.push("no outline and no box-shadow when focused: focus is invisible");
  if (!raw.inViewport) problems.push("focused but scrolled out of the viewport");
  else if (raw.covered) problems.push(`focused but covered by ${String(raw.covered)}`);
  if (raw.outline) {
    const [focused] = await paintedColours(page, ":focus");
    if (focused) {
      const ratio = contrastRatio(focused.outline.color, focused.around);
      if (ratio < 4.5) problems.push(`focus ring ${hex(focused.outline.color)} on ${hex(focused.around)} = ${ratio.toFixed(2)}:1 < 4.5:1`);
    }
  }
  return { description: raw.description, problems };
}

export class KeyboardAudit {
  /** Every focus stop seen, with its problems: the test asserts that none has any. */
  readonly stops: FocusStop[] = [];

  constructor(readonly page: Page) {}

  focusProblems(): string[] {
    return this.stops.flatMap((s) => s.problems.map((p) => `${s.description}: ${p}`));
  }

  async focused(selector: string): Promise<boolean> {
    return this.page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);
  }

  /**
   * Presses Tab until `selector` has focus, or Shift+Tab when it comes before the focused element in the
   * document (or `back` says so); checks every stop on the way.
   */
  async tabTo(selector: string, options: { back?: boolean; max?: number } = {}): Promise<number> {
    if (await this.focused(selector)) return 0;
    const max = options.max ?? 400;
    const back =
      options.back ??
      (await this.page.evaluate((sel) => {
        const target = document.querySelector(sel);
        const from = document.activeElement;
        if (!target || !from || from === document.body) return false;
        return Boolean(from.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING);
      }, selector));
    for (let n = 1; n <= max; n++) {
      await this.page.keyboard.press(back ? "Shift+Tab" : "Tab");
      const stop = await inspectFocus(this.page);
      // Past the last control focus leaves the document for the browser's own UI: a wrap, not a loss.
      if (stop.description !== "body") this.stops.push(stop);
      if (await this.focused(selector)) return n;
    }
    throw new Error(`${selector} never received focus in ${max} presses of ${back ? "Shift+Tab" : "Tab"}`);
  }

  /**
   * Tabs once through the whole document, from the skip link (the first stop, focused by script so that
   * the walk starts at the top) to the last control, checking every focusable element it meets.
   */
  async tabThroughAll(): Promise<number> {
    await this.page.evaluate(() => document.querySelector<HTMLElement>("a.cw-skip")?.focus());
    const seen = new Set<string>();
    for (let n = 0; n < 600; n++) {
      await this.page.keyboard.press("Tab");
      const key = await this.page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return "";
        const path: string[] = [];
        for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) path.unshift(`${e.localName}:${[...(e.parentElement?.children ?? [])].indexOf(e)}`);
        return path.join("/");
      });
      if (!key || seen.has(key)) return seen.size;
      seen.add(key);
      this.stops.push(await inspectFocus(this.page));
    }
    return seen.size;
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Answers a question with the keyboard only, right or wrong (the question must be on screen). */
  async answer(quizId: string, index: number, q: Question, correct: boolean): Promise<void> {
    const root = `[data-quiz="${quizId}"][data-question="${index}"]`;
    switch (q.type) {
      case "single-choice":
        await this.radio(root, String(q.choices.findIndex((c) => Boolean(c.correct) === correct)));
        break;
      case "true-false":
        await this.radio(root, String(correct ? q.answer : !q.answer));
        break;
      case "multiple-response": {
        const firstWrong = q.choices.findIndex((c) => !c.correct);
        for (const [i, c] of q.choices.entries()) {
          const want = correct ? Boolean(c.correct) : i === firstWrong;
          const box = `${root} input[data-option="${i}"]`;
          await this.tabTo(box);
          if ((await this.page.isChecked(box)) !== want) await this.press("Space");
        }
        break;
      }
      case "fill-in":
        await this.tabTo(`${root} input[data-fill]`);
        await this.press("ControlOrMeta+a");
        await this.page.keyboard.type(correct ? (q.answers[0] ?? "") : "not the answer");
        break;
      case "matching":
        for (let i = 0; i < q.pairs.length; i++) {
          const select = `${root} select[data-source="${i}"]`;
          await this.tabTo(select);
          const want = String(correct ? i : (i + 1) % q.pairs.length);
          // A closed <select> takes ArrowDown/ArrowUp to step through its options (Windows/Linux behaviour).
          for (let guard = 0; guard < 2 * q.pairs.length + 2; guard++) {
            const state = await this.page.$eval(select, (s, w) => {
              const el = s as HTMLSelectElement;
              return { at: el.selectedIndex, target: [...el.options].findIndex((o) => o.value === w) };
            }, want);
            if (state.at === state.target) break;
            await this.press(state.at < state.target ? "ArrowDown" : "ArrowUp");
          }
          if ((await this.page.$eval(select, (s) => (s as HTMLSelectElement).value)) !== want) throw new Error(`could not choose ${want} in ${select} with the arrow keys`);
        }
        break;
      case "sequencing": {
        const order = async (): Promise<number[]> => this.page.$$eval(`${root} [data-item]`, (items) => items.map((li) => Number((li as HTMLElement).dataset.item)));
        if (correct) {
          for (let target = 0; target < q.items.length; target++) {
            if ((await order()).indexOf(target) <= target) continue;
            await this.tabTo(`${root} [data-item="${target}"] [data-move=up]`);
            // The moved item's button keeps focus: Enter again moves it further.
            while ((await order()).indexOf(target) > target) await this.press("Enter");
          }
        } else {
          // An untouched order is no answer: move the first item shown down, twice if that made it right.
          await this.tabTo(`${root} [data-item] [data-move=down]`);
          await this.press("Enter");
          if ((await order()).every((v, i) => v === i)) await this.press("Enter");
        }
        break;
      }
    }
  }

  /** Tabs into a radio group, then moves with the arrow keys to the option `value` and selects it. */
  private async radio(root: string, value: string): Promise<void> {
    await this.tabTo(`${root} input[type=radio]`);
    const count = await this.page.locator(`${root} input[type=radio]`).count();
    for (let guard = 0; guard <= count; guard++) {
      if (await this.focused(`${root} input[data-option="${value}"]`)) {
        if (!(await this.page.isChecked(`${root} input[data-option="${value}"]`))) await this.press("Space");
        return;
      }
      await this.press("ArrowDown");
      this.stops.push(await inspectFocus(this.page));
    }
    throw new Error(`could not reach option ${value} of ${root} with the arrow keys`);
  }
}
