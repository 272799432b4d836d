// `::: video <file>` / `::: audio <file>` with `title:`, `captions:`, `poster:`, `complete-when:` lines, closed
// by `:::`; and `::: transcript` (a native <details>) or `::: transcript visible` around the Markdown of what
// is said. One definition for validating and rendering (registered in markdown-dialect.ts): the parse rule
// makes one `cw_media` token whose fields keep their lines; the checks with file:line are media-check.ts.
import type MarkdownIt from "markdown-it";
import type { PluginWithParams } from "markdown-it";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type Token from "markdown-it/lib/token.mjs";
import container from "markdown-it-container";
import { readLocale, SOURCE_LOCALE } from "../locales.js";

export const MEDIA_KINDS = ["video", "audio"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export const MEDIA_FIELDS = ["title", "captions", "poster", "complete-when"] as const;
/** The one value of `complete-when:`: the page counts as viewed once the media has played to its end. */
export const COMPLETE_WHEN_ENDED = "ended";

export interface MediaField {
  readonly key: string;
  readonly value: string;
  /** 0-based line in the parsed Markdown. */
  readonly line0: number;
}

export interface MediaMeta {
  readonly kind: MediaKind;
  readonly src: string;
  readonly fields: readonly MediaField[];
  /** Lines (0-based) that are not `key: value`. */
  readonly stray: readonly number[];
  readonly closed: boolean;
}

const OPEN = /^:::[ \t]*(video|audio)(?:[ \t]+(.*?))?[ \t]*$/;
const FIELD = /^([a-z][a-z-]*)[ \t]*:[ \t]*(.*?)[ \t]*$/;

/** The value of `key` in a media block, if written. */
export const fieldOf = (meta: MediaMeta, key: string): MediaField | undefined => meta.fields.find((f) => f.key === key);

/** `captions: none <reason>`: the reason, or "" when none is given; undefined when captions name a file. */
export function noCaptionsReason(value: string): string | undefined {
  const m = /^none\b[\s:,;()–—-]*(.*?)[\s)]*$/i.exec(value);
  return m ? (m[1] ?? "") : undefined;
}

function mediaRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const lineText = (n: number): string => state.src.slice(state.bMarks[n]! + state.tShift[n]!, state.eMarks[n]);
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const open = OPEN.exec(lineText(startLine));
  if (!open) return false;
  if (silent) return true;
  const fields: MediaField[] = [];
  const stray: number[] = [];
  let line = startLine + 1;
  let closed = false;
  for (; line < endLine; line++) {
    const text = lineText(line).trim();
    if (text === ":::") {
      closed = true;
      break;
    }
    // A block left open stops at the next page heading or block, so it cannot swallow the page after it.
    if (/^(#|:::)/.test(text)) break;
    const f = FIELD.exec(text);
    if (f) fields.push({ key: f[1] ?? "", value: f[2] ?? "", line0: line });
    else if (text) stray.push(line);
  }
  const token = state.push("cw_media", open[1] === "audio" ? "audio" : "video", 0);
  token.block = true;
  token.map = [startLine, closed ? line + 1 : line];
  token.meta = { kind: open[1] as MediaKind, src: open[2] ?? "", fields, stray, closed } satisfies MediaMeta;
  state.line = closed ? line + 1 : line;
  return true;
}

/** What the renderer reads from the parse environment (render/markdown.ts passes both). */
interface MediaEnv {
  /** Path as written → path in the package. */
  refs?: Readonly<Record<string, string>>;
  words?: { text(key: string): string; readonly language: string };
}

const word = (env: MediaEnv, key: string): string => env.words?.text(key) ?? String(readLocale(SOURCE_LOCALE)[key] ?? key);

export function mediaBlocks(md: MarkdownIt): void {
  const esc = md.utils.escapeHtml;
  // Before the callouts, which take any other `::: <word>`.
  md.block.ruler.before("fence", "cw_media", mediaRule, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.renderer.rules["cw_media"] = (tokens, idx, _options, env: MediaEnv) => {
    const meta = tokens[idx]?.meta as MediaMeta;
    const ref = (p: string): string => esc(env.refs?.[p] ?? p);
    const title = fieldOf(meta, "title")?.value ?? "";
    const captions = fieldOf(meta, "captions")?.value ?? "";
    const poster = fieldOf(meta, "poster")?.value;
    const lang = env.words?.language ?? SOURCE_LOCALE;
    // The captions track in the course's language, named in it (CLDR display names), shown by default.
    const track =
      noCaptionsReason(captions) === undefined && captions
        ? `<track kind="captions" src="${ref(captions)}" srclang="${esc(lang)}" label="${esc(new Intl.DisplayNames([lang], { type: "language" }).of(lang) ?? lang)}" default>`
        : "";
    // Never autoplay (WCAG 1.4.2); `data-cw-end` asks the runtime (runtime/blocks/media.ts) to mark the page
    // viewed only once this has played to its end.
    const end = fieldOf(meta, "complete-when")?.value === COMPLETE_WHEN_ENDED ? " data-cw-end" : "";
    const attrs = `controls preload="metadata" src="${ref(meta.src)}"${poster ? ` poster="${ref(poster)}"` : ""}${end}`;
    return `<figure class="cw-media cw-media--${meta.kind}"><${meta.kind} ${attrs}>${track}</${meta.kind}><figcaption>${esc(title)}</figcaption></figure>\n`;
  };
  // The plugin's bundled types target markdown-it's CJS typings; the runtime shape is the same.
  md.use(container as unknown as PluginWithParams, "transcript", {
    validate: (params: string) => /^transcript(?:\s|$)/.test(params.trim()),
    render: (tokens: Token[], idx: number, _options: unknown, env: MediaEnv) => {
      const token = tokens[idx];
      const open = token?.nesting === 1 ? token : tokens.slice(0, idx).reverse().find((t) => t.type === "container_transcript_open" && t.level === token?.level);
      const visible = /\bvisible\b/.test(open?.info ?? "");
      const label = esc(word(env, "transcript"));
      if (token?.nesting !== 1) return visible ? "</div></section>\n" : "</div></details>\n";
      // A native disclosure (WAI-ARIA APG Disclosure pattern: keyboard and screen readers for free), or a
      // labelled region shown as it is.
      return visible
        ? `<section class="cw-transcript" aria-label="${label}"><p class="cw-transcript__title">${label}</p><div class="cw-transcript__body">\n`
        : `<details class="cw-transcript"><summary>${label}</summary><div class="cw-transcript__body">\n`;
    },
  });
}
