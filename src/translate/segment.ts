// A translatable text as a translator sees it: runs of plain text between inline codes. The codes stand for
// the Markdown around and inside the text (emphasis, links, code spans, images, line breaks), so a translator
// can move them but never break them; the import writes each code back from the course itself, not from the
// translated file.
import { createHash } from "node:crypto";
import type Token from "markdown-it/lib/token.mjs";

/**
 * XLIFF 1.2 (OASIS Standard, 2008), inline elements `<bpt>`, `<ept>` and `<ph>`: a paired code is a
 * `<bpt>`/`<ept>` pair with one id, a standalone one a `<ph>`; each holds its native code (the Markdown).
 */
export type CodeRole = "open" | "close" | "standalone";

export interface ImageCode {
  /** Destination as markdown-it normalised it (the key of the page's asset map). */
  readonly src: string;
  readonly alt: string;
  /** Unit holding the alt text; none for a decorative image. */
  readonly altUnit?: string;
  /** The title (the caption of a figure); "decorative" is a marker, not text, and has no unit. */
  readonly title?: string;
  readonly titleUnit?: string;
}

export interface InlineCode {
  /** The XLIFF id: an open and its close share one, every other code has its own. */
  readonly id: string;
  readonly role: CodeRole;
  /** XLIFF 1.2 `ctype` (its value lists: bold, italic, link for pairs; image, lb for placeholders; or an x- name). */
  readonly ctype: string;
  /** The Markdown written back for this code (an image is rebuilt with its translated alt text and title). */
  readonly markdown: string;
  readonly image?: ImageCode;
}

export type Part = { readonly text: string } | { readonly code: InlineCode };

export const isText = (p: Part): p is { readonly text: string } => "text" in p;

/** Whether the text is shown as inline Markdown (codes allowed) or as plain text (a title, an answer, an alt text). */
export type Markup = "plain" | "inline";

const PAIRS: Readonly<Record<string, { readonly ctype: string; readonly markdown: string }>> = {
  // Written back as `*`/`**` whatever the source used: `_` does not close inside a word (CommonMark §6.2), and a
  // translation may put a code right beside a letter.
  em: { ctype: "italic", markdown: "*" },
  strong: { ctype: "bold", markdown: "**" },
  s: { ctype: "x-strikethrough", markdown: "~~" },
};

/** Runs of white space become one space, none at either end: wrapping in the source is not part of the text. */
export function normalizeSpace(parts: readonly Part[]): Part[] {
  const merged: Part[] = [];
  for (const p of parts) {
    const last = merged.at(-1);
    if (isText(p) && last && isText(last)) merged[merged.length - 1] = { text: last.text + p.text };
    else merged.push(p);
  }
  const out = merged.map((p) => (isText(p) ? { text: p.text.replace(/\s+/g, " ") } : p));
  const first = out[0];
  if (first && isText(first)) out[0] = { text: first.text.trimStart() };
  const last = out.at(-1);
  if (last && isText(last)) out[out.length - 1] = { text: last.text.trimEnd() };
  return out.filter((p) => !isText(p) || p.text !== "");
}

export const plainParts = (text: string): Part[] => normalizeSpace([{ text }]);

/** Whether the parts hold words to translate (a paragraph of only an image holds none). */
export const hasText = (parts: readonly Part[]): boolean => parts.some((p) => isText(p) && p.text.trim() !== "");

/** `code` as CommonMark §6.1 reads it back: a space inside the backticks when the code starts or ends with one. */
function codeSpan(content: string, fence: string): string {
  const pad = /^`|`$/.test(content) || /^ .*\S.* $/.test(content) ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A link or image destination and title as Markdown (CommonMark §6.3). */
export function destination(href: string, title: string | null): string {
  const dest = href === "" || /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
  return title === null ? dest : `${dest} "${title.replace(/[\\"]/g, "\\$&")}"`;
}

/** Plain text of an image's alt (what markdown-it's renderer puts in `alt`: text, breaks as spaces). */
function altText(children: readonly Token[]): string {
  return children.map((c) => (c.type === "image" ? altText(c.children ?? []) : c.type === "text" || c.type === "text_special" ? c.content : c.type.endsWith("break") ? " " : "")).join("");
}

export interface ImageUnits {
  /** Called once per image, in order: the unit ids for its alt text and title (undefined: none). */
  (alt: string, title: string | null): { readonly altUnit?: string; readonly titleUnit?: string };
}

/** The parts of one inline token's children (a paragraph, heading, table cell, or a YAML field's Markdown). */
export function inlineParts(children: readonly Token[], images: ImageUnits): Part[] {
  const parts: Part[] = [];
  const open: string[] = [];
  let next = 1;
  const code = (role: CodeRole, ctype: string, markdown: string, image?: ImageCode): void => {
    const id = role === "close" ? (open.pop() ?? String(next++)) : String(next++);
    if (role === "open") open.push(id);
    parts.push({ code: { id, role, ctype, markdown, ...(image ? { image } : {}) } });
  };
  for (let i = 0; i < children.length; i++) {
    const t = children[i];
    if (!t) continue;
    const pair = PAIRS[t.type.replace(/_(open|close)$/, "")];
    if (t.type === "text" || t.type === "text_special") parts.push({ text: t.content });
    else if (t.type === "softbreak") parts.push({ text: " " });
    else if (t.type === "hardbreak") code("standalone", "lb", "\\\n");
    else if (t.type === "code_inline") code("standalone", "x-code", codeSpan(t.content, t.markup));
    else if (pair && (t.type.endsWith("_open") || t.type.endsWith("_close"))) code(t.type.endsWith("_open") ? "open" : "close", pair.ctype, pair.markdown);
    else if (t.type === "link_open" && t.markup === "autolink") {
      // <https://…>: the address is its own text, nothing in it to translate.
      let text = "";
      for (i++; i < children.length && children[i]?.type !== "link_close"; i++) text += children[i]?.content ?? "";
      code("standalone", "x-autolink", `<${text}>`);
    } else if (t.type === "link_open") code("open", "link", "[");
    else if (t.type === "link_close") {
      const opener = [...children.slice(0, i)].reverse().find((c) => c.type === "link_open");
      code("close", "link", `](${destination(opener?.attrGet("href") ?? "", opener?.attrGet("title") ?? null)})`);
    } else if (t.type === "image") {
      const src = t.attrGet("src") ?? "";
      const title = t.attrGet("title");
      const alt = altText(t.children ?? []);
      const units = images(alt, title);
      const image: ImageCode = { src, alt, ...(title === null ? {} : { title }), ...units };
      code("standalone", "image", `![${alt}](${destination(src, title)})`, image);
    } else {
      // Raw HTML is refused when the course loads; any other token would be a dialect this module does not know.
      throw new Error(`internal error: inline Markdown token '${t.type}' has no translation form`);
    }
  }
  return normalizeSpace(parts);
}

/**
 * The unit's fingerprint, recorded in the export (XLIFF 1.2 `<trans-unit extradata>`, the attribute for data
 * a tool keeps for itself) and compared on import. It covers the text and the codes (an image by its file, so a change of
 * its alt text — a unit of its own — does not void the paragraph around it). Not a security hash: 64 bits
 * tell an edit from none.
 */
export function sourceHash(parts: readonly Part[]): string {
  const canonical = parts.map((p) => (isText(p) ? p.text : `\u0000${p.code.role}:${p.code.ctype}:${p.code.image ? p.code.image.src : p.code.markdown}\u0000`)).join("");
  return `sha256:${createHash("sha256").update(canonical).digest("hex").slice(0, 16)}`;
}

/** Words in the parts' text (a figure translators and agencies price by). */
export const wordCount = (parts: readonly Part[]): number =>
  parts.reduce((n, p) => n + (isText(p) ? p.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length : 0), 0);
