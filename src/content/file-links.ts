// Links from a page to files of the course (`[Handout](files/handout.pdf)`): checked at build time (inside the
// course, an allowed type that its content confirms: file-type.ts LINKED_EXTENSIONS) and packaged under
// `assets/` like images. Links with a scheme (https:, mailto: …) and to places in a page (`#…`) are left as they are.
import type Token from "markdown-it/lib/token.mjs";
import type { Question } from "../model/course.js";
import { addAsset, isUrl, resolveCourseFile } from "./course-file.js";
import { LINKED_EXTENSIONS } from "./file-type.js";
import type { MediaContext } from "./blocks/media-check.js";
import { createMarkdown } from "./markdown-dialect.js";
import { TextMemo } from "../text-memo.js";

const inlineParser = createMarkdown({ html: true });

/** Whether `href` names a file of the course (and so is checked and packaged). */
export const isCourseFileLink = (href: string): boolean => href !== "" && !href.startsWith("#") && !isUrl(href);

/** The course files the page links to: path as written → path in the package; problems at their lines. */
export function pageFileLinks(tokens: readonly Token[], ctx: MediaContext, lineAt: (t: Token) => number): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const t of tokens) {
    if (t.type !== "inline") continue;
    let line = lineAt(t); // a paragraph may span lines: count its line breaks
    for (const c of t.children ?? []) {
      if (c.type === "softbreak" || c.type === "hardbreak") line++;
      const href = c.type === "link_open" ? (c.attrGet("href") ?? "") : "";
      if (!isCourseFileLink(href)) continue;
      const res = resolveCourseFile(href, "linked file", ctx.file, ctx.contentDir, LINKED_EXTENSIONS);
      const clash = res.ok ? addAsset(ctx.assets, href, res) : undefined;
      if (!res.ok) ctx.problems.add(ctx.file, line, res.message);
      else if (clash) ctx.problems.add(ctx.file, line, `linked file ${clash}`);
      else refs[href] = res.packagePath;
    }
  }
  return refs;
}

/**
 * The first link to a file of the course in inline Markdown (a question's prompt, choice or feedback): such
 * links are checked and packaged only on pages, so a quiz names it as a mistake instead of shipping a broken link.
 */
export function courseFileLinkIn(text: string): string | undefined {
  // A link that can name a file is written with brackets (`[text](file)`, `[text][ref]`); an autolink `<…>` has a scheme.
  if (!text.includes("[")) return undefined;
  return linksIn.get(text, () => {
    for (const t of inlineParser.parseInline(text, {})) {
      for (const c of t.children ?? []) {
        const href = c.type === "link_open" ? (c.attrGet("href") ?? "") : "";
        if (isCourseFileLink(href)) return href;
      }
    }
    return "";
  }) || undefined;
}
const linksIn = new TextMemo<string>(8_192);

/** The first link to a file of the course in any text of `q`. */
export function questionFileLink(q: Question): string | undefined {
  const texts = [q.prompt, q.feedback.correct, q.feedback.incorrect];
  if (q.type === "single-choice" || q.type === "multiple-response") for (const c of q.choices) texts.push(c.text, c.feedback);
  if (q.type === "matching") for (const p of q.pairs) texts.push(p.source, p.target);
  if (q.type === "sequencing") texts.push(...q.items);
  return texts.map((t) => (t ? courseFileLinkIn(t) : undefined)).find((href) => href !== undefined);
}
