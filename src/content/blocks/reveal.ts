// `::: reveal [prompt]` … `---` … `:::`: a "think first, then see" card. What comes before the `---` line
// (and the prompt) is shown; what comes after is behind a native <details> disclosure, opened by the learner
// with Enter, Space or a click (WAI-ARIA APG Disclosure pattern: the <summary> is the button and carries the
// expanded state, HTML-AAM), so it needs no script.
// A `---` right under a line of text is, in CommonMark §4.3, that line's setext heading underline; in a
// reveal it is read as the separator the author meant, and the line stays a paragraph.
import container from "markdown-it-container";
import type { PluginWithParams } from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { blockProblem, blockTitle, blockWord, checkClosed, findBlocks, namedBlock, type BlockEnv, type BlockPlugin } from "./block-env.js";

const SEPARATOR_HINT = "a line '---' between what the learner thinks about and what is revealed";

export const revealBlock: BlockPlugin = (md) => {
  md.use(container as unknown as PluginWithParams, "reveal", {
    validate: namedBlock("reveal"),
    render: (tokens: Token[], idx: number) => {
      const token = tokens[idx];
      if (!token || token.nesting !== 1) return `</div></details>\n</div>\n`;
      const prompt = blockTitle(token, "reveal");
      return `<div class="cw-reveal">\n${prompt ? `<p class="cw-reveal__prompt">${md.renderInline(prompt)}</p>\n` : ""}`;
    },
  });
  md.core.ruler.after("block", "cw_reveal", (state) => {
    const env = state.env as BlockEnv;
    const tokens = state.tokens;
    for (const span of findBlocks(tokens, "reveal")) {
      if (!checkClosed(env, state.src, tokens, span, "reveal")) continue;
      const open = tokens[span.open];
      const level = (open?.level ?? 0) + 1;
      const splits: number[] = [];
      for (let i = span.open + 1; i < span.close; i++) {
        const t = tokens[i];
        if (t?.level !== level) continue;
        if (t.type === "hr") splits.push(i);
        else if (t.type === "heading_open" && t.markup === "-") {
          // Setext underline: the heading's text back into a paragraph, its close the separator.
          t.type = "paragraph_open";
          t.tag = "p";
          const close = tokens.slice(i).find((c) => c.type === "heading_close" && c.level === level);
          if (close) {
            close.type = "cw_reveal_split";
            close.meta = { afterParagraph: true };
          }
          splits.push(i + 2);
        }
      }
      const split = splits[0];
      if (split === undefined) {
        blockProblem(env, open, `a '::: reveal' block needs ${SEPARATOR_HINT}`);
        continue;
      }
      if (splits.length > 1) blockProblem(env, tokens[splits[1] ?? split], `a '::: reveal' block has one '---' line; this is a second one`);
      const sep = tokens[split];
      if (sep?.type === "hr") sep.type = "cw_reveal_split";
      if (!(open && blockTitle(open, "reveal")) && split === span.open + 1) blockProblem(env, open, `the reveal shows nothing before its '---': write a prompt after '::: reveal' or text above the '---'`);
      if (split + 1 === span.close) blockProblem(env, sep, "the reveal hides nothing: write what is revealed below its '---' line");
    }
  });
  md.renderer.rules.cw_reveal_split = (tokens, idx, _o, env: BlockEnv) =>
    `${(tokens[idx]?.meta as { afterParagraph?: boolean } | null)?.afterParagraph ? "</p>\n" : ""}` +
    `<details class="cw-reveal__back"><summary class="cw-reveal__show">${md.utils.escapeHtml(blockWord(env, "revealShow"))}</summary><div class="cw-reveal__answer">\n`;
};
