// `::: reflection <id> [max: <n>]` … `:::` — a free-text answer the learner writes (ungraded). The prompt is the
// Markdown inside; `max:` caps the answer's length in characters. One definition for validating and
// rendering: the Markdown plugin (registered in markdown-dialect.ts), the checks with file:line, and the
// reflections a page holds for the model.
import type MarkdownIt from "markdown-it";
import type { PluginWithParams } from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import container from "markdown-it-container";
import type { Reflection } from "../../model/course.js";
import type { ProblemList } from "../errors.js";
import { IDENTIFIER } from "../schemas.js";

/** Characters a reflection holds unless `max:` says otherwise. */
export const REFLECTION_MAX_DEFAULT = 1000;
/** The most an author may allow: a long answer, still small enough to keep for resume. */
export const REFLECTION_MAX_LIMIT = 10000;

const INFO = /^reflection(?:\s+(\S+))?(?:\s+(.*))?$/;
const MAX_OPTION = /^max:\s*(\S+)$/;

interface ReflectionInfo {
  readonly id: string;
  /** What follows the id (`max: 500`), as written. */
  readonly options: string;
}

export function parseReflectionInfo(info: string): ReflectionInfo | undefined {
  const m = INFO.exec(info.trim());
  return m ? { id: m[1] ?? "", options: (m[2] ?? "").trim() } : undefined;
}

/** The `max:` of a reflection's opening line, or why it is wrong. */
function maxOf(options: string): number | string {
  if (!options) return REFLECTION_MAX_DEFAULT;
  const value = MAX_OPTION.exec(options)?.[1];
  if (value === undefined) return `unknown option '${options}' after the reflection's id; the only option is 'max: <characters>'`;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= REFLECTION_MAX_LIMIT ? n : `max: must be a whole number of characters from 1 to ${REFLECTION_MAX_LIMIT} (got '${value}')`;
}

/** Element ids of a reflection's parts in the page (reflection ids are unique in the course). */
export const reflectionDomId = (id: string): string => `cw-reflect-${id}`;

/**
 * The block's HTML: the prompt labels the text field; the count and the saved indicator are filled in by the
 * runtime (ui/reflection-view.ts) in the course's language.
 */
export function reflectionBlock(md: MarkdownIt): void {
  const esc = md.utils.escapeHtml;
  // The plugin's bundled types target markdown-it's CJS typings; the runtime shape is the same.
  md.use(container as unknown as PluginWithParams, "reflection", {
    validate: (params: string) => parseReflectionInfo(params) !== undefined,
    render: (tokens: Token[], idx: number) => {
      const token = tokens[idx];
      if (token?.nesting === 1) {
        const info = parseReflectionInfo(token.info);
        const id = esc(info?.id ?? "");
        const max = maxOf(info?.options ?? "");
        const dom = reflectionDomId(id);
        token.meta = { id, dom, max: typeof max === "number" ? max : REFLECTION_MAX_DEFAULT };
        return `<div class="cw-reflection" data-reflection="${id}">\n<div class="cw-reflection__prompt" id="${dom}-prompt">\n`;
      }
      // The close token: its open one is the nearest earlier open at the same level.
      const open = tokens.slice(0, idx).reverse().find((t) => t.type === "container_reflection_open" && t.level === token?.level);
      const { dom, max } = (open?.meta ?? { dom: "", max: REFLECTION_MAX_DEFAULT }) as { dom: string; max: number };
      return (
        `</div>\n<textarea class="cw-reflection__text" id="${dom}" rows="6" maxlength="${max}" aria-labelledby="${dom}-prompt" aria-describedby="${dom}-count"></textarea>\n` +
        `<p class="cw-reflection__status"><span id="${dom}-count" data-cw="count"></span> <span role="status" data-cw="saved"></span></p>\n</div>\n`
      );
    },
  });
}

/** Plain text of the tokens between an open and its close: the prompt as the records and the summary name it. */
function promptText(tokens: readonly Token[]): string {
  const parts: string[] = [];
  for (const t of tokens) {
    if (t.type !== "inline") continue;
    for (const c of t.children ?? []) {
      if (c.type === "text" || c.type === "code_inline" || c.type === "text_special") parts.push(c.content);
      else if (c.type === "softbreak" || c.type === "hardbreak") parts.push(" ");
    }
    parts.push(" ");
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}

/**
 * The reflections among a page's tokens, checked: an id (letters, digits, '-', '_'), a valid `max:`, a prompt,
 * no reflection inside another. `lineAt` gives a token's line in the file.
 */
export function pageReflections(tokens: readonly Token[], file: string, lineAt: (t: Token) => number, problems: ProblemList): Reflection[] {
  const out: Reflection[] = [];
  tokens.forEach((t, i) => {
    if (t.type !== "container_reflection_open") return;
    const line = lineAt(t);
    const info = parseReflectionInfo(t.info) ?? { id: "", options: "" };
    const end = tokens.findIndex((c, j) => j > i && c.type === "container_reflection_close" && c.level === t.level);
    const inner = tokens.slice(i + 1, end < 0 ? tokens.length : end);
    const max = maxOf(info.options);
    if (!info.id) problems.add(file, line, "reflection has no id: write '::: reflection <id>' (letters, digits, '-' or '_'), unique in the course");
    else if (!IDENTIFIER.test(info.id)) problems.add(file, line, `reflection id '${info.id}' must be 1–64 letters, digits, '-' or '_', starting with a letter or digit`);
    if (typeof max === "string") problems.add(file, line, max);
    if (inner.some((c) => c.type === "container_reflection_open")) problems.add(file, line, "a reflection cannot hold another reflection: close it with ':::' first");
    const prompt = promptText(inner);
    if (!prompt) problems.add(file, line, "reflection has no prompt: write the question for the learner inside the block, before its closing ':::'");
    out.push({ id: info.id, prompt, max: typeof max === "number" ? max : REFLECTION_MAX_DEFAULT, line });
  });
  return out;
}

/** Reflection ids are unique in the course: they name what is kept and recorded. */
export function checkReflectionIds(pages: readonly { readonly source: string; readonly reflections?: readonly Reflection[] }[], problems: ProblemList): void {
  const seen = new Map<string, string>();
  for (const page of pages) {
    for (const r of page.reflections ?? []) {
      if (!r.id) continue;
      const other = seen.get(r.id);
      if (other) problems.add(page.source, r.line, `duplicate reflection id '${r.id}' (also at ${other}); give each reflection its own id`);
      else seen.set(r.id, `${page.source.split(/[\\/]/).pop() ?? ""}:${r.line}`);
    }
  }
}
