// The sections of a `::: tabs` or `::: accordion` block: each starts at a heading of the level of the
// block's first heading (`## Tab title`), and runs to the next one or to the block's end.
import type Token from "markdown-it/lib/token.mjs";
import { blockProblem, type BlockEnv, type BlockSpan } from "./block-env.js";

export interface BlockSection {
  /** Index of the section's heading_open; its inline and heading_close follow it. */
  readonly heading: number;
  /** Index of the first token after the section (the next heading_open, or the block's close). */
  readonly end: number;
}

/** The sections of the block at `span`; problems (no sections, text before the first) go to `env`. */
export function blockSections(env: BlockEnv, tokens: readonly Token[], span: BlockSpan, name: string, what: string): BlockSection[] {
  const open = tokens[span.open];
  const level = (open?.level ?? 0) + 1;
  const first = tokens[span.open + 1];
  if (!first || span.open + 1 === span.close) {
    blockProblem(env, open, `the '::: ${name}' block is empty: start each ${what} with a heading ('## ${what} title') and its text below`);
    return [];
  }
  if (first.type !== "heading_open") {
    blockProblem(env, first, `text before the first ${what} of a '::: ${name}' block: start each ${what} with a heading ('## ${what} title')`);
    return [];
  }
  const starts: number[] = [];
  for (let i = span.open + 1; i < span.close; i++) {
    const t = tokens[i];
    if (t?.type === "heading_open" && t.level === level && t.tag === first.tag) starts.push(i);
  }
  return starts.map((heading, n) => ({ heading, end: starts[n + 1] ?? span.close }));
}

/** The heading text of a section (its inline token's Markdown). */
export const sectionTitle = (tokens: readonly Token[], s: BlockSection): string => tokens[s.heading + 1]?.content.trim() ?? "";

/**
 * A title that becomes a control (a tab, an accordion item's summary) may not hold a link or an image:
 * a link inside a button is an interactive element in another (WCAG 4.1.2; axe nested-interactive).
 */
export function checkTitleInline(env: BlockEnv, heading: Token | undefined, inline: Token | undefined, what: string): void {
  const inner = inline?.children?.find((c) => c.type === "link_open" || c.type === "image");
  if (inner) blockProblem(env, heading, `${what} title holds ${inner.type === "image" ? "an image" : "a link"}: the title is a button the learner presses, so write plain text (emphasis is fine) and put the ${inner.type === "image" ? "image" : "link"} in the text below`);
}
