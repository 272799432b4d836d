// Splits a session body into pages (one per `#` heading) and checks the Markdown of each page:
// no raw HTML, known callouts, images with alt text (not just the file name) inside the course, headings
// that have text and do not skip levels, links with text a screen reader can read.
import type Token from "markdown-it/lib/token.mjs";
import type { Asset, Page } from "../model/course.js";
import { resolveAsset } from "./assets.js";
import { foldCase } from "./contain-path.js";
import type { ProblemList } from "./errors.js";
import { BLOCK_KINDS, CALLOUT_KINDS, createMarkdown, parseCalloutInfo } from "./markdown-dialect.js";
import type { BlockEnv } from "./blocks/block-env.js";
import { pageReflections } from "./blocks/reflection.js";
import { pageMedia } from "./blocks/media-check.js";
import { pageFileLinks } from "./file-links.js";
import { IDENTIFIER } from "./schemas.js";
import { didYouMean, nearestName } from "./suggest.js";
import { TextMemo } from "../text-memo.js";

const validator = createMarkdown({ html: true });
const parsedBodies = new TextMemo<{ readonly tokens: Token[]; readonly env: BlockEnv }>(4_096);
const EXPLICIT_ID = /\s*\{#([^}]*)\}\s*$/;
const IMAGE_FILE_NAME = /^[^\s/\\]+\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?)$/i;
const DECORATIVE = "decorative";

/** Alt text that only repeats the file name says nothing about the picture (WCAG failure F30). */
function altIsFileName(alt: string, src: string): boolean {
  const base = (src.split(/[?#]/)[0] ?? "").split("/").pop() ?? "";
  const stem = base.replace(/\.[^.]+$/, "");
  const a = alt.toLowerCase();
  return IMAGE_FILE_NAME.test(alt) || (base !== "" && (a === base.toLowerCase() || a === stem.toLowerCase()));
}

export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "page";
}

interface PageContext {
  readonly file: string;
  /** Line in the file of the body's first line. */
  readonly bodyLine: number;
  readonly contentDir: string;
  readonly problems: ProblemList;
  /** Collects every asset used, keyed by package path. */
  readonly assets: Map<string, Asset>;
}

export function splitPages(body: string, ctx: PageContext): Page[] {
  // The tokens of a body are a pure function of its text, kept for the next build of a long-lived process
  // (text-memo.ts); everything below reads them and never changes them.
  const { tokens, env } = parsedBodies.get(body, () => {
    const env: BlockEnv = {};
    return { tokens: validator.parse(body, env), env };
  });
  // What the blocks (tabs, accordion, reveal, …) found wrong while parsing, at its line in the file.
  for (const p of env.blockProblems ?? []) ctx.problems.add(ctx.file, ctx.bodyLine + p.line0, p.message);
  const lines = body.split("\n");
  const lineAt = (t: Token | undefined): number => (t?.map ? t.map[0] + ctx.bodyLine : ctx.bodyLine);

  const starts: { index: number; line0: number }[] = [];
  tokens.forEach((t, i) => {
    if (t.type === "heading_open" && t.tag === "h1" && t.map) starts.push({ index: i, line0: t.map[0] });
  });
  if (starts.length === 0) {
    ctx.problems.add(ctx.file, ctx.bodyLine, "the session has no pages: start each page with a level-1 heading ('# Page title')");
    return [];
  }
  const firstLine0 = starts[0]?.line0 ?? 0;
  const before = lines.slice(0, firstLine0).findIndex((l) => l.trim() !== "");
  if (before >= 0) {
    ctx.problems.add(ctx.file, ctx.bodyLine + before, "text before the first page heading: start the body with '# Page title'");
  }

  const pages: Page[] = [];
  const ids = new Map<string, number>();
  starts.forEach((start, n) => {
    const headingLine = ctx.bodyLine + start.line0;
    const inline = tokens[start.index + 1];
    const raw = inline?.content ?? "";
    const explicit = EXPLICIT_ID.exec(raw);
    const title = raw.replace(EXPLICIT_ID, "").trim();
    if (!title) ctx.problems.add(ctx.file, headingLine, "page heading is empty: write the page title after '#'");
    const id = explicit ? (explicit[1] ?? "").trim() : slugify(title);
    if (explicit && !IDENTIFIER.test(id)) {
      ctx.problems.add(ctx.file, headingLine, `page id '${id}' must be 1–64 letters, digits, '-' or '_'`, "{#id}");
    }
    const seen = ids.get(id);
    if (seen !== undefined) {
      ctx.problems.add(ctx.file, headingLine, `duplicate page id '${id}' (also line ${seen}); give one of them an explicit id: '# Title {#other-id}'`);
    }
    ids.set(id, headingLine);

    const endIndex = starts[n + 1]?.index ?? tokens.length;
    const endLine0 = starts[n + 1]?.line0 ?? lines.length;
    const headingEnd0 = tokens[start.index]?.map?.[1] ?? start.line0 + 1;
    const pageTokens = tokens.slice(start.index + 3, endIndex);
    const media = pageMedia(pageTokens, ctx, lineAt);
    const assetRefs = { ...checkTokens(pageTokens, ctx, lineAt), ...media.refs, ...pageFileLinks(pageTokens, ctx, lineAt) };
    const reflections = pageReflections(pageTokens, ctx.file, lineAt, ctx.problems);
    pages.push({
      id,
      title,
      markdown: lines.slice(headingEnd0, endLine0).join("\n").trim(),
      assetRefs,
      ...(reflections.length ? { reflections } : {}),
      ...(media.untilEnded ? { requirement: "media-ended" as const } : {}),
      ...(media.count ? { media: media.count } : {}),
      source: ctx.file,
      line: headingLine,
    });
  });
  return pages;
}

function checkTokens(tokens: Token[], ctx: PageContext, lineAt: (t: Token | undefined) => number): Record<string, string> {
  const refs: Record<string, string> = {};
  let level = 1;
  let block: Token | undefined;
  for (const t of tokens) {
    if (t.map) block = t;
    const line = lineAt(t.map ? t : block);
    if (t.type === "html_block" || t.type === "html_inline") {
      ctx.problems.add(ctx.file, line, `raw HTML is not allowed in pages ('${t.content.trim().slice(0, 40)}'); use Markdown`);
    } else if (t.type === "container_callout_open") {
      const kind = parseCalloutInfo(t.info)?.kind ?? "";
      if (!(CALLOUT_KINDS as readonly string[]).includes(kind)) {
        const near = nearestName(kind, CALLOUT_KINDS);
        const block = near ? undefined : nearestName(kind, BLOCK_KINDS);
        ctx.problems.add(ctx.file, line, `unknown callout kind '${kind}'; expected one of: ${CALLOUT_KINDS.join(", ")}${didYouMean(near)}${block ? ` — did you mean the block '::: ${block}'?` : ""}`);
      }
    } else if (t.type === "heading_open") {
      const depth = Number(t.tag.slice(1));
      if (depth > level + 1) {
        ctx.problems.add(ctx.file, line, `heading level skips from h${level} to h${depth}; use '${"#".repeat(level + 1)}' here`);
      }
      const next = tokens[tokens.indexOf(t) + 1];
      if (next?.type === "inline" && !next.content.trim()) {
        ctx.problems.add(ctx.file, line, `heading is empty: write its text after '${"#".repeat(depth)}', or remove it`);
      }
      level = depth;
    } else if (t.type === "inline") {
      checkInline(t.children ?? [], line, ctx, refs);
    }
  }
  return refs;
}

function checkInline(children: Token[], firstLine: number, ctx: PageContext, refs: Record<string, string>): void {
  let line = firstLine; // a paragraph may span lines: count its line breaks
  children.forEach((c, i) => {
    if (c.type === "softbreak" || c.type === "hardbreak") line++;
    if (c.type === "html_inline") {
      ctx.problems.add(ctx.file, line, `raw HTML is not allowed in pages ('${c.content}'); use Markdown`);
    } else if (c.type === "image") {
      const src = c.attrGet("src") ?? "";
      const alt = c.content.trim();
      if (!alt && c.attrGet("title") !== DECORATIVE) {
        ctx.problems.add(ctx.file, line, `image '${src}' has no alt text: write ![what the picture shows](${src}), or mark it decorative: ![](${src} "decorative")`);
      } else if (alt && c.attrGet("title") !== DECORATIVE && altIsFileName(alt, src)) {
        ctx.problems.add(ctx.file, line, `image '${src}' has its file name as alt text ('${alt}'): write what the picture shows instead`);
      }
      const res = resolveAsset(src, ctx.file, ctx.contentDir);
      const clash = res.ok ? [...ctx.assets.keys()].find((k) => k !== res.packagePath && foldCase(k) === foldCase(res.packagePath)) : undefined;
      if (!res.ok) {
        ctx.problems.add(ctx.file, line, res.message);
      } else if (clash) {
        ctx.problems.add(ctx.file, line, `image '${src}' differs from ${clash.slice("assets/".length)} only in letter case; they would collide on case-insensitive file systems: rename one`);
      } else {
        refs[src] = res.packagePath;
        ctx.assets.set(res.packagePath, { file: res.file, packagePath: res.packagePath });
      }
    } else if (c.type === "link_open") {
      // The link's name is its text plus the alt text of images in it; a decorative image has none (it is
      // rendered with alt="" and role="presentation"), so a link around only such an image has no name.
      let text = "";
      for (let j = i + 1; j < children.length && children[j]?.type !== "link_close"; j++) {
        const child = children[j];
        if (child?.type === "image") text += child.attrGet("title") === DECORATIVE ? "" : child.content;
        else text += child?.content ?? "";
      }
      if (!text.trim()) ctx.problems.add(ctx.file, line, `link to '${c.attrGet("href") ?? ""}' has no text; write [what it leads to](…)`);
    }
  });
}
