// Page Markdown → HTML. Raw HTML is off (escaped), images point into the package, external links
// open outside the LMS frame.
import type { Page } from "../model/course.js";
import { createMarkdown } from "../content/markdown-dialect.js";

const md = createMarkdown({ html: false });

const defaultImage = md.renderer.rules.image;
md.renderer.rules.image = (tokens, idx, options, env: { refs?: Readonly<Record<string, string>> }, self) => {
  const token = tokens[idx];
  if (token) {
    const src = token.attrGet("src") ?? "";
    token.attrSet("src", env.refs?.[src] ?? src);
    if (token.attrGet("title") === "decorative") {
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "title");
      token.children = [];
      token.attrSet("role", "presentation");
    }
    token.attrSet("loading", "lazy");
  }
  return defaultImage ? defaultImage(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token && /^https?:\/\//i.test(token.attrGet("href") ?? "")) {
    token.attrSet("target", "_blank");
    token.attrSet("rel", "noopener noreferrer");
  }
  return self.renderToken(tokens, idx, options);
};

export function renderPage(page: Page): string {
  return md.render(page.markdown, { refs: page.assetRefs });
}

/** Inline Markdown (question prompts, choices, feedback): emphasis and code, no blocks. */
export function renderInline(text: string): string {
  return md.renderInline(text, {});
}

/**
 * Plain text of inline Markdown (tracking descriptions, aria-labels): the text of the tokens the page
 * renders, so `UPPER_SNAKE_CASE`, a blank `___` or an escaped `\*` stay as the learner sees them.
 */
export function plainText(text: string): string {
  const out: string[] = [];
  for (const block of md.parseInline(text, {})) {
    for (const t of block.children ?? []) {
      if (t.type === "text" || t.type === "text_special" || t.type === "code_inline" || t.type === "image") out.push(t.content);
      else if (t.type === "softbreak" || t.type === "hardbreak") out.push(" ");
    }
  }
  return out.join("").replace(/\s+/g, " ").trim();
}
