// The Markdown dialect of course pages: CommonMark + tables + `::: kind Title` callouts.
// One definition, used to validate content and to render it, so both agree on what a page means.
import MarkdownIt, { type PluginWithParams } from "markdown-it";
import container from "markdown-it-container";
import { accordionBlock } from "./blocks/accordion.js";
import { figureCreditBlock } from "./blocks/figure-credit.js";
import { keyPointsBlock } from "./blocks/key-points.js";
import { quoteBlock } from "./blocks/quote.js";
import { revealBlock } from "./blocks/reveal.js";
import { tabsBlock } from "./blocks/tabs.js";
import { reflectionBlock } from "./blocks/reflection.js";
import { mediaBlocks } from "./blocks/media.js";

export const CALLOUT_KINDS = ["note", "tip", "warning", "content-note"] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];
/** The blocks of content/blocks/ with a `::: <kind>` line, so a misspelt one is suggested, not taken for a callout. */
export const BLOCK_KINDS = ["accordion", "tabs", "reveal", "key-points"] as const;

const CALLOUT_OPEN = /^([a-z][a-z-]*)(?:\s+(.*))?$/;

export function parseCalloutInfo(info: string): { kind: string; title: string } | undefined {
  const m = CALLOUT_OPEN.exec(info.trim());
  return m ? { kind: m[1] ?? "", title: (m[2] ?? "").trim() } : undefined;
}

/**
 * `html: true` only for validation (so raw HTML can be found and reported);
 * rendering always uses `html: false`, so no author HTML can reach a page unescaped.
 */
export function createMarkdown(options: { html: boolean }): MarkdownIt {
  const md = new MarkdownIt({ html: options.html, linkify: false, typographer: false });
  // Blocks with a `::: <kind>` of their own, before the callouts (which take any other `::: <word>`).
  md.use(accordionBlock);
  md.use(tabsBlock);
  md.use(revealBlock);
  md.use(keyPointsBlock);
  md.use(quoteBlock);
  md.use(figureCreditBlock);
  md.use(reflectionBlock);
  md.use(mediaBlocks);
  // The plugin's bundled types target markdown-it's CJS typings; the runtime shape is the same.
  md.use(container as unknown as PluginWithParams, "callout", {
    validate: (params: string) => parseCalloutInfo(params) !== undefined,
    render: (tokens: { info: string; nesting: number }[], idx: number) => {
      const token = tokens[idx];
      if (!token || token.nesting !== 1) return "</div></aside>\n";
      const info = parseCalloutInfo(token.info) ?? { kind: "note", title: "" };
      const title = info.title || defaultTitle(info.kind);
      return (
        `<aside class="cw-callout cw-callout--${md.utils.escapeHtml(info.kind)}" aria-label="${md.utils.escapeHtml(title)}">` +
        `<p class="cw-callout__title">${md.utils.escapeHtml(title)}</p><div class="cw-callout__body">\n`
      );
    },
  });
  // Table alignment as a class, not markdown-it's `style="text-align:…"`: the pages' Content-Security-Policy
  // (style-src 'self', CSP3 §6.1.3) blocks inline style attributes.
  for (const rule of ["th_open", "td_open"]) {
    md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
      const token = tokens[idx];
      const align = /^text-align:(left|center|right)$/.exec(token?.attrGet("style") ?? "")?.[1];
      if (token && align) {
        token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
        token.attrJoin("class", `cw-align-${align}`);
      }
      return self.renderToken(tokens, idx, options);
    };
  }
  return md;
}

function defaultTitle(kind: string): string {
  switch (kind) {
    case "content-note":
      return "Content note";
    case "tip":
      return "Tip";
    case "warning":
      return "Warning";
    default:
      return "Note";
  }
}
