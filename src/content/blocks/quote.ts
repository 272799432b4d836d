// A quotation with its source: a blockquote whose last line starts with a dash names who said it,
//   > ‘Traumatic reactions occur when action is of no avail. …’
//   > — Herman, 1992
// and is written as a <figure> holding the <blockquote> and a <figcaption> with the attribution, which is
// how HTML (WHATWG HTML §4.4.4, "attribution … outside the blockquote element") marks up who is quoted.
// A blockquote without such a line stays a plain blockquote.
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { blockProblem, blockToken, type BlockEnv, type BlockPlugin } from "./block-env.js";

/** An em dash, an en dash or two hyphens, then the source. */
const ATTRIBUTION = /^(?:—|–|--)(?=\s|$)\s*(.*)$/;

export const quoteBlock: BlockPlugin = (md) => {
  md.core.ruler.after("block", "cw_quote", (state) => {
    const tokens = state.tokens;
    // From the end, so the tokens split off a paragraph do not move the quotes still to do.
    for (let i = tokens.length - 1; i >= 0; i--) {
      if (tokens[i]?.type === "blockquote_close") attribute(state, i);
    }
  });
  md.renderer.rules.cw_quote_open = () => `<figure class="cw-quote"><blockquote>\n`;
  md.renderer.rules.cw_quote_by_open = () => `</blockquote><figcaption class="cw-quote__by">— `;
  md.renderer.rules.cw_quote_by_close = () => `</figcaption>`;
  md.renderer.rules.cw_quote_close = () => `</figure>\n`;
};

function attribute(state: StateCore, closeIndex: number): void {
  const tokens = state.tokens;
  const close = tokens[closeIndex];
  const pClose = tokens[closeIndex - 1];
  const inline = tokens[closeIndex - 2];
  const pOpen = tokens[closeIndex - 3];
  if (!close || pClose?.type !== "paragraph_close" || inline?.type !== "inline" || pOpen?.type !== "paragraph_open") return;
  const lines = inline.content.split("\n");
  const by = ATTRIBUTION.exec(lines.at(-1)?.trim() ?? "");
  if (!by) return;
  const env = state.env as BlockEnv;
  const name = (by[1] ?? "").trim();
  let openIndex = closeIndex - 1;
  while (openIndex >= 0 && !(tokens[openIndex]?.type === "blockquote_open" && tokens[openIndex]?.level === close.level)) openIndex--;
  const open = tokens[openIndex];
  const byLine = (inline.map?.[0] ?? 0) + lines.length - 1;
  const at: Token = Object.assign(blockToken(state, "inline", inline, inline.level), { map: [byLine, byLine + 1] });
  if (!name) blockProblem(env, at, `the quote's attribution is empty: write who is quoted after the dash ('— Author, year')`);
  if (lines.length === 1 && openIndex === closeIndex - 4) {
    blockProblem(env, at, `the quote has an attribution but nothing quoted: write the quotation in the lines above it ('> …')`);
    return;
  }
  if (!open) return;
  open.type = "cw_quote_open";
  close.type = "cw_quote_close";
  const byOpen = blockToken(state, "cw_quote_by_open", at, close.level, 1);
  const byText = Object.assign(blockToken(state, "inline", at, close.level + 1), { content: name, children: [] as Token[] });
  const byClose = blockToken(state, "cw_quote_by_close", at, close.level, -1);
  if (lines.length === 1) {
    // The attribution is a paragraph of its own: it becomes the caption.
    tokens.splice(closeIndex - 3, 3, byOpen, byText, byClose);
  } else {
    // The last line of the quotation's paragraph: taken off it.
    inline.content = lines.slice(0, -1).join("\n");
    tokens.splice(closeIndex, 0, byOpen, byText, byClose);
  }
}
