// A figure's credit: the image title holds the caption, then ` | ` and the credit,
//   ![A lighthouse at dusk](lighthouse.jpg "Kinnaird Head lighthouse | Photo: A. Author, CC BY 4.0")
// The caption stays the image's title (render/markdown.ts makes the figure); the credit goes to the token's
// `meta.credit`, shown as the caption's second line. Only a figure (an image alone in its paragraph) has one.
import type Token from "markdown-it/lib/token.mjs";
import { blockProblem, type BlockEnv, type BlockPlugin } from "./block-env.js";

const SEPARATOR = " | ";

export const figureCreditBlock: BlockPlugin = (md) => {
  md.core.ruler.after("inline", "cw_figure_credit", (state) => {
    const env = state.env as BlockEnv;
    for (const block of state.tokens) {
      if (block.type !== "inline") continue;
      const alone = block.children?.length === 1;
      (block.children ?? []).forEach((img: Token) => {
        const title = img.type === "image" ? img.attrGet("title") : null;
        if (!title?.includes(SEPARATOR)) return;
        const [caption = "", credit = "", ...more] = title.split(SEPARATOR).map((s) => s.trim());
        const src = img.attrGet("src") ?? "";
        if (!alone) blockProblem(env, block, `image '${src}' has a credit but is not a figure: put it alone in its paragraph`);
        else if (!caption) blockProblem(env, block, `image '${src}' has a credit but no caption: write "Caption | Credit" as its title`);
        else if (!credit) blockProblem(env, block, `image '${src}' has an empty credit after '|': write who made it, or remove the '|'`);
        else if (more.length > 0) blockProblem(env, block, `image '${src}' has more than one '|' in its title: write "Caption | Credit"`);
        img.attrSet("title", caption);
        img.meta = { ...(img.meta as object | null), credit };
      });
    }
  });
};
