// `::: key-points [title]` … `:::`: the points a page sums up, as a list, in a box the learner can find
// again (a region named by its title, or by the course's word for key points).
import container from "markdown-it-container";
import type { PluginWithParams } from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { blockProblem, blockTitle, blockWord, checkClosed, findBlocks, namedBlock, type BlockEnv, type BlockPlugin } from "./block-env.js";

export const keyPointsBlock: BlockPlugin = (md) => {
  md.use(container as unknown as PluginWithParams, "key-points", {
    validate: namedBlock("key-points"),
    render: (tokens: Token[], idx: number, _o: unknown, env: BlockEnv) => {
      const token = tokens[idx];
      if (!token || token.nesting !== 1) return `</div></section>\n`;
      const title = md.utils.escapeHtml(blockTitle(token, "key-points") || blockWord(env, "keyPoints"));
      return `<section class="cw-key-points" aria-label="${title}"><p class="cw-key-points__title">${title}</p><div class="cw-key-points__body">\n`;
    },
  });
  md.core.ruler.after("block", "cw_key_points", (state) => {
    const env = state.env as BlockEnv;
    const tokens = state.tokens;
    for (const span of findBlocks(tokens, "key-points")) {
      if (!checkClosed(env, state.src, tokens, span, "key-points")) continue;
      const level = (tokens[span.open]?.level ?? 0) + 1;
      const list = tokens.slice(span.open + 1, span.close).some((t) => t.level === level && (t.type === "bullet_list_open" || t.type === "ordered_list_open"));
      if (!list) blockProblem(env, tokens[span.open], "a '::: key-points' block lists its points: write them as a list ('- point'), one line each");
    }
  });
};
