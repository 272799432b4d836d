// Parts (translated or not) → Markdown again. Text is escaped so a translator's `*`, `[` or `1.` stays text;
// codes are written as the course wrote them (images with their translated alt text and title).
import { destination, isText, type ImageCode, type Part } from "./segment.js";

export interface MarkdownContext {
  /** A block of a page (paragraph, heading, cell): what starts a line can start a list, heading or quote. */
  readonly block: boolean;
  /** In a table row, where `|` ends the cell even inside a code span (GFM tables, "escaped pipes"). */
  readonly table?: boolean;
  /** In a heading, where a `#` at the end is read as a closing sequence (CommonMark §4.2). */
  readonly heading?: boolean;
  /** What a continuation line starts with (a quote's `> `, a list item's indent), after a hard line break. */
  readonly continuation?: string;
  /** The Markdown of an image, with the alt text and title in the target language. */
  readonly image: (image: ImageCode) => string;
}

// Backslash escapes (CommonMark §2.4) for every character that opens inline syntax in this dialect: emphasis
// (*, _), strikethrough (~), code (`), links and images ([, ]), autolinks (<), table cells (|).
const INLINE_SPECIAL = /[\\`*_[\]<~|]/g;
// An entity or character reference (CommonMark §2.5) would be decoded: `&amp;` must stay five characters.
const REFERENCE = /&(?=#?[A-Za-z0-9]+;)/g;
// What makes a line a block of its own: ATX heading, quote, list item, setext underline, thematic break, callout.
const LINE_START = /^(?:[#>+=-]|:::)/;
const ORDERED = /^(\d{1,9})([.)])/;

function escapeText(text: string, atLineStart: boolean, ctx: MarkdownContext): string {
  let out = text.replace(INLINE_SPECIAL, "\\$&").replace(REFERENCE, "\\&");
  if (ctx.block && atLineStart) out = out.replace(LINE_START, "\\$&").replace(ORDERED, "$1\\$2");
  return out;
}

/** Plain text inside `![…]`: the same escapes, brackets included. */
export const escapeAlt = (alt: string): string => alt.replace(INLINE_SPECIAL, "\\$&").replace(REFERENCE, "\\&");

export function imageMarkdown(image: ImageCode, alt: string, title: string | undefined): string {
  return `![${escapeAlt(alt)}](${destination(image.src, title ?? null)})`;
}

/**
 * White space just inside emphasis moves outside it: `** word**` is not emphasis (CommonMark §6.2, a closing
 * delimiter run may not follow white space), and translators type a space on either side of a tag.
 */
function tidyPairs(parts: readonly Part[]): Part[] {
  const out = [...parts];
  for (let i = 0; i < out.length; i++) {
    const p = out[i];
    if (!p || isText(p) || p.code.ctype === "link" || p.code.role === "standalone") continue;
    if (p.code.role === "open") {
      const next = out[i + 1];
      const lead = next && isText(next) ? /^\s+/.exec(next.text)?.[0] : undefined;
      if (next && isText(next) && lead) {
        out[i + 1] = { text: next.text.slice(lead.length) };
        out.splice(i, 0, { text: lead });
        i++;
      }
    } else {
      const prev = out[i - 1];
      const trail = prev && isText(prev) ? /\s+$/.exec(prev.text)?.[0] : undefined;
      if (prev && isText(prev) && trail) {
        out[i - 1] = { text: prev.text.slice(0, -trail.length) };
        out.splice(i + 1, 0, { text: trail });
      }
    }
  }
  return out.filter((p) => !isText(p) || p.text !== "");
}

export function toMarkdown(parts: readonly Part[], ctx: MarkdownContext): string {
  let out = "";
  let atLineStart = true;
  const tidy = tidyPairs(parts);
  tidy.forEach((p, i) => {
    if (isText(p)) {
      let text = escapeText(p.text, atLineStart, ctx);
      if (ctx.heading && i === tidy.length - 1) text = text.replace(/#$/, "\\#");
      out += text;
      atLineStart = false;
      return;
    }
    const code = p.code;
    if (code.ctype === "lb") {
      out += `\\\n${ctx.continuation ?? ""}`;
      atLineStart = true;
      return;
    }
    const md = code.image ? ctx.image(code.image) : code.markdown;
    out += ctx.table ? md.replace(/(?<!\\)\|/g, "\\|") : md;
    atLineStart = false;
  });
  return out;
}
