// `::: accordion` … `:::` with a `## Title` per item: each item a native <details>/<summary> disclosure.
//
// Why native elements satisfy the WAI-ARIA APG Accordion pattern: each <summary> is a button in the
// accessibility tree with its expanded state (HTML-AAM: summary → expanded/collapsed), operated by Enter and
// Space, reached by Tab in document order; the item's content is its controlled region. The APG's optional
// keys (Up/Down/Home/End between headers) are the only ones left out. It needs no script, so it works
// before, without and beside the runtime, and prints as the browser prints a disclosure.
import container from "markdown-it-container";
import type { PluginWithParams } from "markdown-it";
import { blockProblem, checkClosed, findBlocks, namedBlock, type BlockEnv, type BlockPlugin } from "./block-env.js";
import { blockSections, checkTitleInline, sectionTitle } from "./sections.js";

export const accordionBlock: BlockPlugin = (md) => {
  md.use(container as unknown as PluginWithParams, "accordion", {
    validate: namedBlock("accordion"),
    render: (tokens: { nesting: number }[], idx: number) => (tokens[idx]?.nesting === 1 ? `<div class="cw-accordion">\n` : `</div></details>\n</div>\n`),
  });
  md.core.ruler.after("block", "cw_accordion", (state) => {
    const env = state.env as BlockEnv;
    const tokens = state.tokens;
    for (const span of findBlocks(tokens, "accordion")) {
      if (!checkClosed(env, state.src, tokens, span, "accordion")) continue;
      const sections = blockSections(env, tokens, span, "accordion", "item");
      if (sections.length === 0) continue;
      const open = tokens[span.open];
      if (open && open.info.trim() !== "accordion") blockProblem(env, open, "an accordion has no title of its own: write '::: accordion' and give each item its '## Title'");
      sections.forEach((s, n) => {
        const heading = tokens[s.heading];
        const close = tokens[s.heading + 2];
        if (!heading || !close) return;
        if (!sectionTitle(tokens, s)) blockProblem(env, heading, `accordion item title is empty: write it after '${heading.markup}'`);
        // The title is the item's <summary>, not a heading of the page (summary holds phrasing content).
        heading.type = "cw_accordion_item_open";
        heading.meta = { first: n === 0 };
        close.type = "cw_accordion_item_summary_close";
        for (let i = s.heading + 3; i < s.end; i++) {
          const t = tokens[i];
          if (t?.type !== "heading_open") continue;
          blockProblem(env, t, `an accordion item holds no headings: its title is its '${heading.markup}' line; write this as text, or end the accordion with ':::' first`);
          // Reported once: not again as a heading that skips a level.
          t.type = "paragraph_open";
        }
      });
    }
  });
  md.core.ruler.after("inline", "cw_accordion_titles", (state) => {
    state.tokens.forEach((t, i) => {
      if (t.type === "cw_accordion_item_open") checkTitleInline(state.env as BlockEnv, t, state.tokens[i + 1], "an accordion item's");
    });
  });
  md.renderer.rules.cw_accordion_item_open = (tokens, idx) =>
    `${(tokens[idx]?.meta as { first?: boolean } | null)?.first ? "" : "</div></details>\n"}<details class="cw-accordion__item"><summary class="cw-accordion__title">`;
  md.renderer.rules.cw_accordion_item_summary_close = () => `</summary><div class="cw-accordion__body">\n`;
};
