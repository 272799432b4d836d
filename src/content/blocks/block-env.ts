// What the page blocks (`::: tabs`, `::: accordion`, …) share: the problems a block finds while it is parsed
// (content/pages.ts reports them at the page's file and line), the course's words for the labels the
// build writes, and finding a block's tokens.
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import type { Nesting } from "markdown-it/lib/token.mjs";
import { readLocale, SOURCE_LOCALE } from "../locales.js";

/** A problem at a line of the Markdown that was parsed (0-based, as markdown-it's `map`). */
export interface BlockProblem {
  readonly line0: number;
  readonly message: string;
}

/** The parse environment a block reads and writes (render/markdown.ts passes the course's words). */
export interface BlockEnv {
  blockProblems?: BlockProblem[];
  words?: { text(key: string): string };
  /** Starts the DOM ids a block writes, unique in the unit (render/markdown.ts: the page's DOM id). */
  idPrefix?: string;
}

export function blockProblem(env: BlockEnv, token: Token | undefined, message: string): void {
  (env.blockProblems ??= []).push({ line0: token?.map?.[0] ?? 0, message });
}

/** A label in the course's language (English when rendered without a course, e.g. in unit tests). */
export function blockWord(env: BlockEnv, key: string): string {
  return env.words?.text(key) ?? String(readLocale(SOURCE_LOCALE)[key] ?? key);
}

/** The title after `::: name` (the rest of the opening line). */
export function blockTitle(token: Token, name: string): string {
  return token.info.trim().slice(name.length).trim();
}

/** The same block name, e.g. `tabs` in `::: tabs The three roles`. */
export const namedBlock =
  (name: string) =>
  (params: string): boolean =>
    new RegExp(`^${name}(?:\\s|$)`).test(params.trim());

export interface BlockSpan {
  readonly open: number;
  readonly close: number;
}

/** Every `::: name` block in the token stream, innermost last, as open/close indexes. */
export function findBlocks(tokens: readonly Token[], name: string): BlockSpan[] {
  const spans: BlockSpan[] = [];
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (t.type === `container_${name}_open`) stack.push(i);
    else if (t.type === `container_${name}_close`) {
      const open = stack.pop();
      if (open !== undefined) spans.push({ open, close: i });
    }
  });
  return spans;
}

/**
 * A block runs to its `:::` line. One left open runs to the end of the session (markdown-it-container closes
 * it there) and swallows the pages after it, so it is reported at its first line. Closed, the line its map
 * ends on is its closing fence, at least as long as its opening one.
 */
export function checkClosed(env: BlockEnv, src: string, tokens: readonly Token[], span: BlockSpan, name: string): boolean {
  const open = tokens[span.open];
  const fence = /^[\s>]*(:{3,})\s*$/.exec(src.split("\n")[open?.map?.[1] ?? -1] ?? "")?.[1];
  if (open && fence && fence.length >= open.markup.length) return true;
  blockProblem(env, open, `this '::: ${name}' block is not closed: end it with a '${open?.markup ?? ":::"}' line (before the next page heading)`);
  return false;
}

/** A token made by a block, at `level`, with the map of `like` (so problems and lines stay right). */
export function blockToken(state: StateCore, type: string, like: Token | undefined, level: number, nesting: Nesting = 0): Token {
  const t = new state.Token(type, "", nesting);
  t.level = level;
  t.block = true;
  if (like?.map) t.map = [like.map[0], like.map[1]];
  return t;
}

export type BlockPlugin = (md: MarkdownIt) => void;
