// The Content-Security-Policy every generated HTML page carries, put in by the build after Handlebars so
// that it holds whatever an author's templates (content/templates/ may replace layout.hbs) say.
//
// The policy allows only the package's own files ('self') and the inline code the build itself has seen
// and hashed. Markup the policy would silently break (inline event handlers, `javascript:` URLs, files from
// another origin) is refused at build time, naming the template, instead of shipping a course that fails
// quietly in the learner's browser.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { ContentError } from "../content/errors.js";

export interface CspOptions {
  /** `connect-src` sources: what the tracking standard needs to reach (see Target.connectSrc). */
  readonly connectSrc: readonly string[];
  /** Every template file used (TemplateSet.files), to name the one an offending attribute came from. */
  readonly templateFiles: readonly string[];
  /** Named when the offending text is found in no template file (e.g. it was built by a helper). */
  readonly layoutFile: string;
}

const CHARSET = '<meta charset="utf-8">';
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const TAG = /<!--[\s\S]*?(?:-->|$)|<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
/** Elements whose content is raw text, not markup (HTML §13.1.2): never scanned for tags. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]);
/** Attributes that make the browser fetch a file (a remote one is blocked by `'self'`). */
const FETCHING: Record<string, readonly string[]> = {
  script: ["src"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  audio: ["src"],
  video: ["src", "poster"],
  track: ["src"],
  iframe: ["src"],
  embed: ["src"],
  object: ["data"],
  input: ["src"],
  link: ["href"],
};

/** Tags whose attributes are always read: charset metas, the fetching ones, raw-text elements (a script's src and type). */
const SCANNED_TAGS = new Set(["meta", ...Object.keys(FETCHING), ...RAW_TEXT]);
/** What an attribute list must hold to matter to the scan below: an `on…` name, `style`, a scheme, or a reference. */
const MAYBE_RELEVANT = /\bon[a-z]|style|:|&/i;

const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster"]);

/** HTML §4.12.1.1: a `type` that is not JavaScript, "module" or "importmap" makes a data block, never run. */
function isDataBlock(type: string | undefined): boolean {
  const t = (type ?? "").trim().toLowerCase();
  return t !== "" && t !== "module" && t !== "importmap" && t !== "speculationrules" && !/^(text|application)\/(x-)?(java|ecma|j|live)script/.test(t);
}

/** CSP3 §8.4: the hash source of inline content, over its UTF-8 bytes as the browser sees them. */
export function hashSource(text: string): string {
  // HTML §13.2.3.5: the parser turns CR LF and lone CR into LF before the script ever sees its text.
  return `'sha256-${createHash("sha256").update(text.replace(/\r\n?/g, "\n"), "utf8").digest("base64")}'`;
}

function decodeEntities(value: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return named[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(ATTR)) {
    const name = (m[1] ?? "").toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? "")); // HTML: the first one wins
  }
  return out;
}

/** A URL that leaves the package: any scheme (`https:`, `data:`, `javascript:`…) or a protocol-relative `//host`. */
const foreignUrl = (url: string): boolean => /^\s*([a-z][a-z0-9+.-]*:|\/\/|\\\\)/i.test(url.replace(/[\t\n\r]/g, ""));

interface Scan {
  readonly html: string;
  readonly scriptHashes: string[];
  readonly styleHashes: string[];
  readonly styleAttrHashes: string[];
}

/** One pass over the rendered page: drops charset declarations (the build writes one), collects the inline code to hash, refuses what the policy would block. */
function scan(html: string, options: CspOptions): Scan {
  const refuse = (needle: string, message: string): never => {
    throw new ContentError([{ ...locate(needle, options), message }]);
  };
  const scriptHashes: string[] = [];
  const styleHashes: string[] = [];
  const styleAttrHashes: string[] = [];
  let out = "";
  let from = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[1]?.toLowerCase();
    if (!name) continue; // a comment
    const source = m[2] ?? "";
    // Most tags (a paragraph, a list item, a span with a class) hold nothing the policy looks at: no handler
    // name, no style, no URL scheme, no character reference that could spell one; their attributes are not decoded.
    if (!SCANNED_TAGS.has(name) && !MAYBE_RELEVANT.test(source)) continue;
    const attrs = attributes(source);
    if (name === "meta" && (attrs.has("charset") || /charset=/i.test(attrs.get("content") ?? ""))) {
      out += html.slice(from, m.index);
      from = TAG.lastIndex + (html[TAG.lastIndex] === "\n" ? 1 : 0);
      continue;
    }
    for (const [attr, value] of attrs) {
      if (/^on[a-z]+$/.test(attr)) {
        refuse(`${attr}=`, `<${name} ${attr}="…">: inline event handlers are blocked by the package's Content-Security-Policy (CSP3 §4.2.3); attach the handler from a script file`);
      }
      if (URL_ATTRS.has(attr) && /^\s*javascript:/i.test(value.replace(/[\t\n\r]/g, ""))) {
        refuse(value.trim().slice(0, 30), `<${name} ${attr}="javascript:…">: javascript: URLs are blocked by the package's Content-Security-Policy (CSP3 §4.2.4)`);
      }
      if (attr === "style") styleAttrHashes.push(hashSource(value));
    }
    const fetching = name === "link" && !/\b(stylesheet|icon|preload|modulepreload|manifest|prefetch)\b/i.test(attrs.get("rel") ?? "") ? [] : (FETCHING[name] ?? []);
    for (const attr of fetching) {
      const value = attrs.get(attr);
      const urls = attr === "srcset" ? (value ?? "").split(",").map((c) => c.trim().split(/\s+/)[0] ?? "") : [value ?? ""];
      const bad = urls.find(foreignUrl);
      if (bad !== undefined) {
        refuse(bad, `<${name} ${attr}="${bad.slice(0, 80)}">: not a file of the package; its Content-Security-Policy allows only the package's own files (put the file under content/templates/assets/)`);
      }
    }
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}[\\s/>]`, "ig");
      close.lastIndex = TAG.lastIndex;
      const end = close.exec(html)?.index ?? html.length;
      const text = html.slice(TAG.lastIndex, end);
      if (name === "script" && !attrs.has("src") && !isDataBlock(attrs.get("type"))) scriptHashes.push(hashSource(text));
      if (name === "style") styleHashes.push(hashSource(text));
      TAG.lastIndex = end;
    }
  }
  return { html: out + html.slice(from), scriptHashes, styleHashes, styleAttrHashes };
}

const unique = (list: readonly string[]): string[] => [...new Set(list)];

/** The policy text for a page whose inline code hashes are given (W3C CSP Level 3). */
export function policyText(connectSrc: readonly string[], hashes: Omit<Scan, "html">): string {
  // `style="…"` attributes are only ever an author's template's (the built-in templates and the Markdown
  // renderer use classes); CSP3 §6.1.3 allows them by hash only together with 'unsafe-hashes'.
  const attrHashes = unique(hashes.styleAttrHashes);
  const style = ["'self'", ...unique(hashes.styleHashes), ...(attrHashes.length ? ["'unsafe-hashes'", ...attrHashes] : [])];
  return [
    "default-src 'none'", // covers object-src, frame-src, worker-src, manifest-src: none is needed
    `script-src ${["'self'", ...unique(hashes.scriptHashes)].join(" ")}`,
    `style-src ${style.join(" ")}`,
    "img-src 'self'",
    "media-src 'self'",
    "font-src 'self'",
    `connect-src ${connectSrc.join(" ")}`,
    // Neither falls back to default-src (CSP3 §6.3.1, §6.4.1). frame-ancestors is ignored in a meta policy
    // (CSP3 §6.4.2), so it is not given: the LMS frames the package.
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Start of the document up to where the head's first element goes: doctype, `<html>`, `<head>` (each optional). */
const HEAD_START = /^\uFEFF?(?:\s|<!--[\s\S]*?-->)*(?:<!doctype(?:[^>"']|"[^"]*"|'[^']*')*>)?(?:\s|<!--[\s\S]*?-->)*(?:<html(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?>)?(?:\s|<!--[\s\S]*?-->)*(?:<head(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?>)?/i;

/**
 * The rendered page with `<meta charset="utf-8">` and the CSP meta as the first elements of its head.
 * The charset stays first: it must be within the first 1024 bytes (HTML §4.2.5.4), and a meta element runs
 * nothing, so nothing precedes the policy. A layout without `<head>` still gets them there: the parser puts
 * a leading meta into the head it implies (HTML §13.2.6.4.3). Throws a ContentError for markup the policy
 * would block.
 */
export function withContentSecurityPolicy(rendered: string, options: CspOptions): string {
  const scanned = scan(rendered, options);
  const start = HEAD_START.exec(scanned.html)?.[0] ?? "";
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyText(options.connectSrc, scanned)}">`;
  return `${start}${/\n$/.test(start) || start === "" ? "" : "\n"}${CHARSET}\n${meta}\n${scanned.html.slice(start.length).replace(/^\n/, "")}`;
}

/** The template file and line where `needle` is written, else the layout. */
function locate(needle: string, options: CspOptions): { file: string; line: number } {
  const lower = needle.toLowerCase();
  for (const file of options.templateFiles) {
    if (!file.endsWith(".hbs")) continue;
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const i = lines.findIndex((l) => l.toLowerCase().includes(lower));
    if (i >= 0) return { file, line: i + 1 };
  }
  return { file: options.layoutFile, line: 1 };
}
