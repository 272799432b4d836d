// Page Markdown → HTML. Raw HTML is off (escaped), images point into the package, external links
// open outside the LMS frame.
import type { Page } from "../model/course.js";
import type Token from "markdown-it/lib/token.mjs";
import { createMarkdown, parseCalloutInfo } from "../content/markdown-dialect.js";
import type { Words } from "./words.js";
import { TextMemo } from "../text-memo.js";

const md = createMarkdown({ html: false });

/** An image alone in its paragraph with a title other than "decorative": `![alt](file "caption")`. */
const isFigure = (inline: Token | undefined): boolean => {
  const only = inline?.type === "inline" && inline.children?.length === 1 ? inline.children[0] : undefined;
  // The image rule moves the caption into `meta` (it renders before the paragraph closes).
  const title = only?.type === "image" ? ((only.meta as { caption?: string } | null)?.caption ?? only.attrGet("title")) : null;
  return !!title && title !== "decorative";
};
// A figure is not phrasing content, so it replaces the paragraph rather than sitting inside it (HTML §4.4.12).
const defaultParagraphOpen = md.renderer.rules.paragraph_open;
const defaultParagraphClose = md.renderer.rules.paragraph_close;
md.renderer.rules.paragraph_open = (tokens, idx, options, env, self) =>
  isFigure(tokens[idx + 1]) ? "" : defaultParagraphOpen ? defaultParagraphOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
md.renderer.rules.paragraph_close = (tokens, idx, options, env, self) =>
  isFigure(tokens[idx - 1]) ? "\n" : defaultParagraphClose ? defaultParagraphClose(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);

const defaultImage = md.renderer.rules.image;
md.renderer.rules.image = (tokens, idx, options, env: { refs?: Readonly<Record<string, string>> }, self) => {
  const token = tokens[idx];
  let caption: string | undefined;
  // A credit (content/blocks/figure-credit.ts) is the caption's second line.
  const credit = (token?.meta as { credit?: string } | null)?.credit;
  if (token) {
    const src = token.attrGet("src") ?? "";
    token.attrSet("src", env.refs?.[src] ?? src);
    const title = token.attrGet("title");
    if (title === "decorative") {
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "title");
      token.children = [];
      token.attrSet("role", "presentation");
    } else if (title && tokens.length === 1) {
      // The caption is shown, so it is not repeated as a tooltip.
      caption = title;
      token.meta = { ...(token.meta as object | null), caption };
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "title");
    }
    token.attrSet("loading", "lazy");
  }
  const img = defaultImage ? defaultImage(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  return caption === undefined ? img : `<figure class="cw-figure">${img}<figcaption>${md.utils.escapeHtml(caption)}${credit ? `<span class="cw-figure__credit">${md.utils.escapeHtml(credit)}</span>` : ""}</figcaption></figure>`;
};

md.renderer.rules.link_open = (tokens, idx, options, env: { refs?: Readonly<Record<string, string>> }, self) => {
  const token = tokens[idx];
  const href = token?.attrGet("href") ?? "";
  // A file of the course (content/file-links.ts) opens from the package, beside the course like an https link:
  // in the LMS's frame it would replace the course.
  const file = env.refs?.[href];
  if (token && file) token.attrSet("href", file);
  if (token && (file || /^https?:\/\//i.test(href))) {
    token.attrSet("target", "_blank");
    token.attrSet("rel", "noopener noreferrer");
  }
  return self.renderToken(tokens, idx, options);
};

// A callout without a title of its own (`::: tip`) is named in the course's language: its token gets the
// course's word as its title before the dialect's renderer writes it.
const CALLOUT_TITLES: Readonly<Record<string, string>> = { note: "calloutNote", tip: "calloutTip", warning: "calloutWarning", "content-note": "calloutContentNote" };
const calloutOpen = md.renderer.rules.container_callout_open;
md.renderer.rules.container_callout_open = (tokens, idx, options, env: { words?: Words }, self) => {
  const token = tokens[idx];
  const info = token ? parseCalloutInfo(token.info) : undefined;
  const key = info && !info.title ? CALLOUT_TITLES[info.kind] : undefined;
  if (token && info && key && env.words) token.info = `${info.kind} ${env.words.text(key)}`;
  return calloutOpen ? calloutOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

/**
 * A page's HTML; `words`: the course's, for the names of callouts without a title (English without);
 * `domId`: the page's id in the unit, which starts the ids its blocks write (tabs).
 */
export function renderPage(page: Page, words?: Words, domId?: string): string {
  // A pure function of these inputs: every target of a build, and the next build of a long-lived process
  // (preview's watch mode) for every page whose text did not change, renders it once (text-memo.ts).
  const key = [page.markdown, JSON.stringify(page.assetRefs), words?.key ?? "", domId ?? ""].join("\0");
  return renderedPages.get(key, () => md.render(page.markdown, { refs: page.assetRefs, ...(words ? { words } : {}), ...(domId ? { idPrefix: domId } : {}) }));
}
const renderedPages = new TextMemo<string>(8_192);

/** Inline Markdown (question prompts, choices, feedback): emphasis and code, no blocks. */
export function renderInline(text: string): string {
  return renderedInline.get(text, () => md.renderInline(text, {}));
}
const renderedInline = new TextMemo<string>(10_000);

/**
 * Plain text of inline Markdown (tracking descriptions, aria-labels): the text of the tokens the page
 * renders, so `UPPER_SNAKE_CASE`, a blank `___` or an escaped `\*` stay as the learner sees them.
 */
export function plainText(text: string): string {
  return plainTexts.get(text, () => textOf(text));
}
const plainTexts = new TextMemo<string>(10_000);

function textOf(text: string): string {
  const out: string[] = [];
  for (const block of md.parseInline(text, {})) {
    for (const t of block.children ?? []) {
      if (t.type === "text" || t.type === "text_special" || t.type === "code_inline" || t.type === "image") out.push(t.content);
      else if (t.type === "softbreak" || t.type === "hardbreak") out.push(" ");
    }
  }
  return out.join("").replace(/\s+/g, " ").trim();
}
