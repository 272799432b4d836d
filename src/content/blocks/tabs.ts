// `::: tabs [label]` … `:::` with a `## Tab title` per tab: the WAI-ARIA APG Tabs pattern. The build writes
// the tab list (role tablist, named by the block's label or the course's word for tabs; each tab's
// aria-controls its panel) and one <section> per tab, headed by its title. The list is `hidden` until
// runtime/blocks/tabs.ts shows it and hides the panels not selected, so without script every panel reads
// in order, under its heading (progressive enhancement).
import container from "markdown-it-container";
import type { PluginWithParams } from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { blockProblem, blockTitle, blockWord, checkClosed, findBlocks, namedBlock, type BlockEnv, type BlockPlugin } from "./block-env.js";
import { blockSections, checkTitleInline, sectionTitle } from "./sections.js";

interface TabsMeta {
  /** The block's DOM id, unique in the unit (the page's id, then the block's number on the page). */
  readonly id: string;
  readonly titles: readonly string[];
}
interface TabMeta {
  readonly cwTab: string;
  readonly first: boolean;
}

export const tabsBlock: BlockPlugin = (md) => {
  const esc = md.utils.escapeHtml;
  md.use(container as unknown as PluginWithParams, "tabs", {
    validate: namedBlock("tabs"),
    render: (tokens: Token[], idx: number, _o: unknown, env: BlockEnv) => {
      const token = tokens[idx];
      if (!token || token.nesting !== 1) return `</section>\n</div>\n`;
      const { id, titles } = token.meta as TabsMeta;
      const label = blockTitle(token, "tabs") || blockWord(env, "tabsLabel");
      const tabs = titles.map((title, i) => `<button type="button" role="tab" id="${id}-${i}" aria-controls="${id}-${i}-panel">${md.renderInline(title)}</button>`);
      return `<div class="cw-tabs">\n<div class="cw-tabs__list" role="tablist" aria-label="${esc(label)}" hidden>${tabs.join("")}</div>\n`;
    },
  });
  md.core.ruler.after("block", "cw_tabs", (state) => {
    const env = state.env as BlockEnv;
    const tokens = state.tokens;
    findBlocks(tokens, "tabs").forEach((span, k) => {
      const open = tokens[span.open];
      if (!open || !checkClosed(env, state.src, tokens, span, "tabs")) return;
      const sections = blockSections(env, tokens, span, "tabs", "tab");
      if (sections.length === 1) blockProblem(env, open, "a '::: tabs' block needs at least two tabs (a '##' heading each); for one, leave the block out");
      const id = `${env.idPrefix ?? "cw"}-tabs${k + 1}`;
      open.meta = { id, titles: sections.map((s) => sectionTitle(tokens, s)) } satisfies TabsMeta;
      sections.forEach((s, n) => {
        const heading = tokens[s.heading];
        if (!heading) return;
        // Stays a heading (checked like the page's others): its section is the no-script reading.
        heading.meta = { ...(heading.meta as object | null), cwTab: `${id}-${n}`, first: n === 0 } satisfies TabMeta;
        if (!sectionTitle(tokens, s)) blockProblem(env, heading, `tab title is empty: write it after '${heading.markup}'`);
      });
    });
  });
  md.core.ruler.after("inline", "cw_tabs_titles", (state) => {
    state.tokens.forEach((t, i) => {
      if ((t.meta as Partial<TabMeta> | null)?.cwTab) checkTitleInline(state.env as BlockEnv, t, state.tokens[i + 1], "a tab");
    });
  });
  const heading = md.renderer.rules.heading_open;
  md.renderer.rules.heading_open = (tokens, idx, options, env, self) => {
    const tab = tokens[idx]?.meta as Partial<TabMeta> | null;
    const html = heading ? heading(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    if (!tab?.cwTab) return html;
    const panel = `<section class="cw-tabs__panel" role="tabpanel" id="${tab.cwTab}-panel" aria-labelledby="${tab.cwTab}" tabindex="0">\n`;
    return `${tab.first ? "" : "</section>\n"}${panel}${html}`;
  };
};
