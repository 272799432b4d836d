// axe-core in real Chromium: inject it into a page, run the WCAG 2.0/2.1 A and AA rules, and collect
// violations of many states into one readable report (rule, impact, selectors, what to fix).
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** The rule sets the tests hold every state to: WCAG 2.0 and 2.1, levels A and AA. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] as const;

export interface AxeNode {
  readonly target: string;
  readonly html: string;
  readonly summary: string;
}

export interface AxeFinding {
  /** Which state of the course was checked, e.g. "page 4 (what-is-peer-support/check), feedback: wrong". */
  readonly state: string;
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: readonly AxeNode[];
}

export interface AxeOutcome {
  readonly violations: AxeFinding[];
  /**
   * Colour-contrast checks axe could not decide (e.g. text under a sticky bar). The tests run axe on a
   * viewport as tall as the document, where nothing is covered, and count these as failures too: otherwise
   * undecided text would silently go unchecked.
   */
  readonly undecidedContrast: AxeFinding[];
  /** Number of rules that passed: a sanity check that axe really ran. */
  readonly passes: number;
}

/** Adds axe to the page (again after every navigation: a new document has no axe). */
export async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  // Evaluated through the DevTools protocol, not as an inline <script>: the page's Content-Security-Policy
  // (rightly) blocks inline script the build did not hash.
  if (!present) await page.evaluate(AXE_SOURCE);
}

interface RawResult {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string; any?: { message: string }[] }[];
}

/** Runs axe on the whole document in its current state. */
export async function runAxe(page: Page, state: string): Promise<AxeOutcome> {
  await injectAxe(page);
  const raw = await page.evaluate(async (tags: string[]) => {
    type Axe = { run(ctx: Document, opts: object): Promise<{ violations: RawResult[]; incomplete: RawResult[]; passes: unknown[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const res = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] });
    const slim = (r: RawResult): RawResult => ({
      id: r.id,
      impact: r.impact ?? null,
      help: r.help,
      helpUrl: r.helpUrl,
      nodes: r.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary ?? (n.any ?? []).map((a) => a.message).join("; ") })),
    });
    return { violations: res.violations.map(slim), incomplete: res.incomplete.filter((r) => r.id === "color-contrast").map(slim), passes: res.passes.length };
  }, [...AXE_TAGS]);
  const finding = (r: RawResult): AxeFinding => ({
    state,
    id: r.id,
    impact: r.impact ?? "undecided",
    help: r.help,
    helpUrl: r.helpUrl,
    nodes: r.nodes.map((n) => ({ target: n.target.map(String).join(" "), html: n.html.slice(0, 160), summary: (n.failureSummary ?? "").replace(/\s*\n\s*/g, " / ") })),
  });
  return { violations: raw.violations.map(finding), undecidedContrast: raw.incomplete.map(finding), passes: raw.passes };
}

/** Collects findings across many states; `report()` is "" when there were none. */
export class AxeLog {
  readonly findings: AxeFinding[] = [];
  /** States checked, for the test's own assertion that it really walked through them. */
  readonly states: string[] = [];

  /**
   * Checks the page as it is now. The viewport is made as tall as the document first (then restored), so
   * that sticky bars cover nothing and axe can decide the contrast of every piece of text.
   */
  async check(page: Page, state: string, options: { fullHeight?: boolean } = {}): Promise<void> {
    const viewport = page.viewportSize();
    const fullHeight = options.fullHeight ?? true;
    if (fullHeight && viewport) {
      // Tall enough for the document and for every scroll container (the menu is as tall as the viewport
      // at most and scrolls on its own): grow until nothing is clipped, which takes one or two rounds.
      for (let round = 0; round < 3; round++) {
        const needed = await page.evaluate(() => {
          let h = document.scrollingElement?.scrollHeight ?? document.body.scrollHeight;
          for (const el of document.querySelectorAll<HTMLElement>("body *")) {
            const overflowY = getComputedStyle(el).overflowY;
            if ((overflowY === "auto" || overflowY === "scroll") && el.scrollHeight > el.clientHeight) {
              h = Math.max(h, window.innerHeight + el.scrollHeight - el.clientHeight);
            }
          }
          return Math.ceil(h);
        });
        const current = page.viewportSize()?.height ?? 0;
        if (needed <= current) break;
        await page.setViewportSize({ width: viewport.width, height: Math.min(needed, 16_000) });
      }
    }
    try {
      const outcome = await runAxe(page, state);
      if (outcome.passes === 0) throw new Error(`axe passed no rule at all in state ${state}: did it run?`);
      this.findings.push(...outcome.violations);
      if (fullHeight) this.findings.push(...outcome.undecidedContrast.map((f) => ({ ...f, id: `${f.id} (undecided)` })));
      this.states.push(state);
    } finally {
      if (fullHeight && viewport) await page.setViewportSize(viewport);
    }
  }

  report(): string {
    return formatFindings(this.findings);
  }
}

const MAX_NODES_PER_RULE = 15;

/** One block per rule: what it is, how bad, where (state + selector) and axe's summary of the fix. */
export function formatFindings(findings: readonly AxeFinding[]): string {
  if (findings.length === 0) return "";
  const byRule = new Map<string, AxeFinding[]>();
  for (const f of findings) byRule.set(f.id, [...(byRule.get(f.id) ?? []), f]);
  const out: string[] = [`${findings.length} accessibility violation(s) in ${new Set(findings.map((f) => f.state)).size} state(s):`];
  for (const [id, list] of byRule) {
    const first = list[0];
    out.push("", `● ${id} [${first?.impact ?? "?"}] ${first?.help ?? ""}`, `  ${first?.helpUrl ?? ""}`);
    // The same element failing the same way in many states is listed once, with the first state it failed in.
    const seen = new Map<string, number>();
    const lines: string[][] = [];
    for (const f of list) {
      for (const n of f.nodes) {
        const key = `${n.target}|${n.summary}`;
        const at = seen.get(key);
        if (at !== undefined) {
          const entry = lines[at];
          if (entry) entry[3] = String(Number(entry[3] ?? "1") + 1);
          continue;
        }
        seen.set(key, lines.length);
        lines.push([`  - in ${f.state}: ${n.target}`, `      ${n.html}`, `      ${n.summary}`, "1"]);
      }
    }
    for (const [first, html, summary, times] of lines.slice(0, MAX_NODES_PER_RULE)) {
      out.push(`${first ?? ""}${times !== "1" ? ` (and in ${Number(times) - 1} more state(s))` : ""}`, html ?? "", summary ?? "");
    }
    if (lines.length > MAX_NODES_PER_RULE) out.push(`  … and ${lines.length - MAX_NODES_PER_RULE} more element(s) failing ${id}`);
  }
  return out.join("\n");
}
