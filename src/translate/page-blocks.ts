// A session body → its units (page titles, one unit per paragraph, heading, list item, quote, table cell and
// callout title; an image's alt text and title) and the line edits that write their translations back.
// One unit per block is what translation memories match on; the Markdown's structure (lists, quotes, tables,
// fences) stays the author's lines, only the text in them is replaced.
import type Token from "markdown-it/lib/token.mjs";
import type { ProblemList } from "../content/errors.js";
import { createMarkdown, parseCalloutInfo } from "../content/markdown-dialect.js";
import { fieldOf, type MediaMeta } from "../content/blocks/media.js";
import type { Page } from "../model/course.js";
import { imageMarkdown, toMarkdown, type MarkdownContext } from "./markdown-out.js";
import { hasText, inlineParts, isText, plainParts, type ImageUnits, type Part } from "./segment.js";
import type { LineEdit, PartsOf, Unit } from "./units.js";

// The parser the loader validates pages with (content/pages.ts), so blocks and pages are the same ones.
const md = createMarkdown({ html: true });
/** Blocks whose `:::` line may carry a title of their own (content/blocks/). */
const TITLED_BLOCK = /^container_(tabs|reveal|key-points)_open$/;

export interface SessionBody {
  readonly file: string;
  /** 1-based line of the body's first line in the file. */
  readonly bodyLine: number;
  readonly body: string;
  readonly sessionId: string;
  /** The session's pages as loaded, in order: the n-th level-1 heading starts the n-th page. */
  readonly pages: readonly Page[];
}

export const plain = (parts: readonly Part[] | undefined): string => (parts ?? []).map((p) => (isText(p) ? p.text : "")).join("");

interface PageScope {
  readonly base: string;
  readonly counters: Map<string, number>;
}

function count(scope: PageScope, key: string): number {
  const n = (scope.counters.get(key) ?? 0) + 1;
  scope.counters.set(key, n);
  return n;
}

/** Where a block's text sits in its lines: what comes before it on the first line, and on later lines. */
interface Placement {
  readonly prefix: string;
  readonly continuation: string;
  /** Lines the text occupies (a setext underline after them stays). */
  readonly lines: number;
}

function place(lines: readonly string[], first: number, content: string): Placement | undefined {
  const text = content.split("\n");
  for (let i = 0; i < text.length; i++) {
    const line = lines[first + i]?.trimEnd();
    // Later lines may differ in indentation (markdown-it expands tabs there); their text is still at the end.
    if (line === undefined || !line.endsWith((i === 0 ? text[i] ?? "" : (text[i] ?? "").trim()).trimEnd())) return undefined;
  }
  const l0 = (lines[first] ?? "").trimEnd();
  const prefix = l0.slice(0, l0.length - (text[0] ?? "").trimEnd().length);
  const l1 = lines[first + 1]?.trimEnd() ?? "";
  const continuation = text.length > 1 ? l1.slice(0, l1.length - (text[1] ?? "").trim().length) : prefix.replace(/[^\s>]/g, " ");
  return { prefix, continuation, lines: text.length };
}

export function bodyTexts(s: SessionBody, problems: ProblemList): { units: Unit[]; edits: LineEdit[] } {
  const tokens = md.parse(s.body, {});
  const lines = s.body.split("\n");
  const units: Unit[] = [];
  const edits: LineEdit[] = [];
  const lineOf = (line0: number): number => s.bodyLine + line0;
  const unit = (id: string, markup: Unit["markup"], parts: Part[], line0: number, note?: string): string => {
    units.push({ id, markup, parts, file: s.file, line: lineOf(line0), ...(note ? { note } : {}) });
    return id;
  };
  const unplaceable = (line0: number): void => {
    problems.add(s.file, lineOf(line0), "the text of this block cannot be told apart from its Markdown for translation; write it on lines of its own");
  };

  let pageIndex = -1;
  let scope: PageScope | undefined;
  const containers: string[] = [];

  /** An inline token's parts, its text's unit (made by `id` when it has text) and its images' units after it. */
  const inline = (children: readonly Token[], id: () => string, line0: number): { parts: Part[]; textId?: string; ids: string[] } => {
    const imageUnits: Unit[] = [];
    const images: ImageUnits = (alt, title) => {
      if (!scope) return {};
      const base = `${scope.base}/img${count(scope, "img")}`;
      const decorative = title === "decorative";
      const make = (suffix: string, text: string, note: string): string => {
        imageUnits.push({ id: `${base}/${suffix}`, markup: "plain", parts: plainParts(text), file: s.file, line: lineOf(line0), note });
        return `${base}/${suffix}`;
      };
      const altUnit = !decorative && alt.trim() ? make("alt", alt, "Text alternative of an image: what the picture shows") : undefined;
      const titleUnit = title && !decorative ? make("caption", title, "Caption (title) of an image") : undefined;
      return { ...(altUnit ? { altUnit } : {}), ...(titleUnit ? { titleUnit } : {}) };
    };
    const parts = inlineParts(children, images);
    const textId = hasText(parts) ? unit(id(), "inline", parts, line0) : undefined;
    units.push(...imageUnits);
    return { parts, ...(textId ? { textId } : {}), ids: [...(textId ? [textId] : []), ...imageUnits.map((u) => u.id)] };
  };
  const imageOf = (parts: PartsOf): MarkdownContext["image"] => (image) => {
    const alt = image.altUnit ? plain(parts(image.altUnit)) : image.alt;
    const title = image.titleUnit ? plain(parts(image.titleUnit)) : image.title;
    return imageMarkdown(image, alt, title);
  };
  const textOf = (id: string | undefined, source: Part[], parts: PartsOf): readonly Part[] => (id ? parts(id) : undefined) ?? source;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.type === "heading_open" && t.tag === "h1") {
      const page = s.pages[++pageIndex];
      const content = tokens[i + 1];
      if (!page || !t.map || !content) continue;
      scope = { base: `session/${s.sessionId}/page/${page.id}`, counters: new Map() };
      const id = unit(`${scope.base}/title`, "plain", plainParts(page.title), t.map[0]);
      const at = headingPlacement(lines, t, content);
      if (!at) {
        unplaceable(t.map[0]);
        continue;
      }
      // Every translated heading names its page id: one made from a translated title would be another id
      // (bookmarks and reports refer to it), or none at all in a script slugify drops.
      edits.push({ start: t.map[0], end: t.map[0] + at.lines, units: [id], always: true, render: (parts) => [`${at.prefix}${plain(parts(id))} {#${page.id}}`] });
      i += 2;
      continue;
    }
    if (!scope) continue;
    if (t.type === "list_item_open") containers.push("li");
    else if (t.type === "blockquote_open") containers.push("quote");
    else if (t.type === "list_item_close" || t.type === "blockquote_close" || t.type === "container_callout_close") containers.pop();
    else if (t.type === "container_callout_open") {
      const n = count(scope, "callout");
      containers.push(`callout${n}`);
      const info = parseCalloutInfo(t.info);
      if (info) blockTitle(t, info.kind, info.title, `${scope.base}/callout${n}/title`);
    } else if (TITLED_BLOCK.test(t.type)) {
      // A block's own title: a tab list's label, a reveal card's prompt, a key points block's title.
      const name = TITLED_BLOCK.exec(t.type)?.[1] ?? "";
      blockTitle(t, name, t.info.trim().slice(name.length).trim(), `${scope.base}/${name}${count(scope, name)}/title`);
    } else if (t.type === "cw_media") {
      // A video's or audio's `title:` (content/blocks/media.ts), the one text of its block; its file names stay.
      const title = fieldOf(t.meta as MediaMeta, "title");
      if (!title?.value) continue;
      const id = unit(`${scope.base}/media${count(scope, "media")}/title`, "plain", plainParts(title.value), title.line0, `Title of a ${t.tag}`);
      const indent = /^\s*/.exec(lines[title.line0] ?? "")?.[0] ?? "";
      edits.push({ start: title.line0, end: title.line0 + 1, units: [id], render: (parts) => [`${indent}title: ${plain(parts(id))}`] });
    } else if (t.type === "table_open") {
      i = tableRows(tokens, i, count(scope, "table"));
    } else if (t.type === "inline" && t.map) {
      const opener = tokens[i - 1];
      const heading = opener?.type === "heading_open";
      const callout = innermost(containers, (c) => c.startsWith("callout"));
      const where = heading ? "h" : (innermost(containers, (c) => c === "li" || c === "quote") ?? "p");
      const key = `${callout ? `${callout}/` : ""}${where}`;
      const current = scope;
      const { parts: source, textId, ids } = inline(t.children ?? [], () => `${current.base}/${key}${count(current, key)}`, t.map[0]);
      if (ids.length === 0) continue;
      const at = heading && opener ? headingPlacement(lines, opener, t) : place(lines, t.map[0], t.content);
      if (!at) {
        unplaceable(t.map[0]);
        continue;
      }
      edits.push({
        start: t.map[0],
        end: t.map[0] + at.lines,
        units: ids,
        render: (parts) => [at.prefix + toMarkdown(textOf(textId, source, parts), { block: true, heading, continuation: at.continuation, image: imageOf(parts) })],
      });
    }
  }
  return { units, edits };

  /** The title on a `::: <kind> <title>` line: a unit, and the line written back with its translation. */
  function blockTitle(t: Token, kind: string, title: string, id: string): void {
    const line = t.map ? lines[t.map[0]] : undefined;
    const fence = line === undefined ? null : /^(.*?:{3,})/.exec(line);
    if (!title || !t.map || !fence) return;
    unit(id, "plain", plainParts(title), t.map[0]);
    edits.push({ start: t.map[0], end: t.map[0] + 1, units: [id], render: (parts) => [`${fence[1]} ${kind} ${plain(parts(id))}`] });
  }

  /** The rows of the table that starts at tokens[start]: a unit per cell with text, an edit per row. */
  function tableRows(all: readonly Token[], start: number, table: number): number {
    let row = 0;
    let i = start;
    for (; i < all.length && all[i]?.type !== "table_close"; i++) {
      const tr = all[i];
      if (tr?.type !== "tr_open" || !tr.map || !scope) continue;
      row++;
      const line0 = tr.map[0];
      const cells: { source: Part[]; id?: string; ids: string[] }[] = [];
      for (i++; i < all.length && all[i]?.type !== "tr_close"; i++) {
        const cell = all[i];
        if (cell?.type !== "inline") continue;
        const base = scope.base;
        const id = `${base}/table${table}/r${row}c${cells.length + 1}`;
        const { parts, textId, ids } = inline(cell.children ?? [], () => id, line0);
        cells.push({ source: parts, ...(textId ? { id: textId } : {}), ids });
      }
      const ids = cells.flatMap((c) => c.ids);
      const text = lines[line0] ?? "";
      // What stands before the row: a quote's `>`, a list item's marker or indent.
      const lead = /^[\s>]*(?:(?:[-+*]|\d{1,9}[.)])\s+)?/.exec(text)?.[0] ?? "";
      if (ids.length > 0) {
        edits.push({
          start: line0,
          end: line0 + 1,
          units: ids,
          render: (parts) => [`${lead}| ${cells.map((c) => toMarkdown(textOf(c.id, c.source, parts), { block: false, table: true, image: imageOf(parts) })).join(" | ")} |`],
        });
      }
    }
    return i;
  }
}

const innermost = (stack: readonly string[], match: (c: string) => boolean): string | undefined => [...stack].reverse().find(match);

/** An ATX heading is rewritten whole (prefix, the `#`s, the text); a setext heading's text lines like a paragraph's. */
function headingPlacement(lines: readonly string[], open: Token, content: Token): Placement | undefined {
  if (!open.map) return undefined;
  if (open.markup.startsWith("#")) {
    const line = lines[open.map[0]] ?? "";
    return { prefix: `${line.slice(0, line.indexOf("#"))}${open.markup} `, continuation: "", lines: 1 };
  }
  return place(lines, open.map[0], content.content);
}
