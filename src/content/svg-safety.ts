// An SVG opened on its own (e.g. from a link) is a document on the package's origin: a script in it could
// reach the LMS API in the parent frame or the xAPI credentials. So an SVG is packaged only when it is a
// picture and nothing else: no scripts, event handlers, embedded HTML, or references to anything outside
// itself. The file is parsed as XML (namespaces resolved, character references decoded), so a different
// spelling (case, `svg:script`, `j&#x61;vascript:`, `java\tscript:`, CSS escapes) finds the same rule.
import crypto from "node:crypto";
import { TextMemo } from "../text-memo.js";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { decodeText } from "./read-text.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const XHTML_NS = "http://www.w3.org/1999/xhtml";
const MATHML_NS = "http://www.w3.org/1998/Math/MathML";

/** Elements that run code, embed documents or change how references resolve (SVG 2 §15, HTML §4.8). */
const FORBIDDEN_ELEMENTS = new Set(["script", "foreignobject", "handler", "listener", "iframe", "frame", "embed", "object", "base", "link", "meta"]);
/** SMIL animation elements can set any attribute, e.g. `href` to a `javascript:` URL (SVG 2 §19). */
const ANIMATIONS = new Set(["set", "animate", "animatemotion", "animatetransform", "animatecolor"]);
/** CSS features that fetch or run something, checked after comments and escapes are removed (CSS Syntax 3 §4.3.7). */
const CSS_FETCHES = /@import|\b(?:image-set|-webkit-image-set|src|expression)\s*\(/i;

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  allowBooleanAttributes: false,
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  removeNSPrefix: false,
  cdataPropName: "#cdata",
  commentPropName: "#comment",
  ignoreDeclaration: false,
  ignorePiTags: false,
});

/** Why the SVG in `bytes` must not be packaged, or undefined when it is a plain picture. */
export function svgProblem(bytes: Uint8Array, file: string): string | undefined {
  // The same picture is checked once per process (preview's rebuilds): by its bytes' SHA-1, and the file it is read from.
  return checked.get(`${file}\0${crypto.createHash("sha1").update(bytes).digest("hex")}`, () => problemOf(bytes, file));
}
const checked = new TextMemo<string | undefined>(1_024);

function problemOf(bytes: Uint8Array, file: string): string | undefined {
  const read = decodeText(bytes, file);
  if (!read.ok) return `is ${read.problem.message}${read.problem.line ? ` (line ${read.problem.line})` : ""}`;
  const text = read.text;
  // XML 1.0 §4.2: entity declarations can expand without bound (billion laughs) or pull in other files.
  if (/<!ENTITY/i.test(text)) return "declares an <!ENTITY>, which is not allowed in a picture (entity expansion)";
  if (/<!DOCTYPE[^>]*\[/i.test(text)) return "has a DOCTYPE with an internal subset, which is not allowed in a picture";
  const valid = XMLValidator.validate(text);
  if (valid !== true) return `is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`;
  // A second look at the raw text, in case a parser and a browser ever disagree on where an element starts.
  const raw = /<\s*(?:[\w.-]+:)?(script|foreignObject)\b/i.exec(text);
  let nodes: unknown;
  try {
    nodes = parser.parse(text);
  } catch (err) {
    return `is not well-formed XML (${err instanceof Error ? err.message : String(err)})`;
  }
  const elements = (Array.isArray(nodes) ? (nodes as XmlNode[]) : []).filter((n) => !("#comment" in n) && !("#text" in n));
  for (const n of elements) {
    const pi = nameOf(n);
    if (pi?.startsWith("?") && pi !== "?xml") return `has a <${pi}?> processing instruction (e.g. an external stylesheet), which is not allowed`;
  }
  const root = elements.find((n) => !nameOf(n)?.startsWith("?"));
  const rootName = root ? nameOf(root) : undefined;
  if (!root || !rootName || localName(rootName) !== "svg") return `is not an SVG image (its root element is ${rootName ? `<${rootName}>` : "missing"})`;
  return checkElement(root, new Map([["", ""]])) ?? (raw ? `has a <${raw[1] ?? "script"}> element, which is not allowed in a picture` : undefined);
}

function nameOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ":@");
}

const localName = (qname: string): string => qname.slice(qname.indexOf(":") + 1).toLowerCase();
const prefixOf = (qname: string): string => (qname.includes(":") ? qname.slice(0, qname.indexOf(":")) : "");

function checkElement(node: XmlNode, parentScope: ReadonlyMap<string, string>): string | undefined {
  const name = nameOf(node) ?? "";
  if (name === "#text" || name === "#comment") return undefined;
  const attrs = Object.entries((node[":@"] ?? {}) as Record<string, string>);
  const scope = new Map(parentScope);
  for (const [attr, value] of attrs) {
    const decoded = decodeReferences(value);
    if (decoded === undefined) return `has an unknown entity in ${attr}="${value}" (only &lt; &gt; &amp; &quot; &apos; and &#…; exist in XML)`;
    if (attr === "xmlns") scope.set("", decoded);
    else if (attr.startsWith("xmlns:")) scope.set(attr.slice("xmlns:".length), decoded);
  }
  if (name === "#cdata") return undefined;
  const local = localName(name);
  // Namespaces in XML 1.0 §6.2: unprefixed elements are in the default namespace.
  const ns = scope.get(prefixOf(name)) ?? (prefixOf(name) === "" ? "" : SVG_NS);
  if (FORBIDDEN_ELEMENTS.has(local)) return `has a <${name}> element, which is not allowed in a picture`;
  if (ns === XHTML_NS || ns === MATHML_NS) return `has an HTML element <${name}>, which is not allowed in a picture`;

  for (const [attr, value] of attrs) {
    if (attr === "xmlns" || attr.startsWith("xmlns:")) continue;
    const v = decodeReferences(value) ?? "";
    const a = localName(attr);
    const shown = `${attr}="${value}"`;
    // HTML §8.1.8.1 and SVG 2 §15.10: every on… attribute is an event handler that runs script.
    if (a.startsWith("on")) return `has an event-handler attribute ${attr} on <${name}>, which is not allowed`;
    if (attr.toLowerCase() === "xml:base") return `has an xml:base attribute on <${name}>, which changes where references point`;
    if (ANIMATIONS.has(local) && a === "attributename") {
      const target = localName(v.trim());
      if (target === "href" || target === "src" || target === "style" || target.startsWith("on")) return `has <${name} attributeName="${v}">, which can change a link or run script`;
    }
    const urlProblem = a === "href" || a === "src" ? checkReference(v) : undefined;
    if (urlProblem) return `has ${shown} on <${name}>: ${urlProblem}`;
    const cssProblem = a === "style" || /url\s*\(/i.test(v) || /\\/.test(v) ? checkCss(v) : undefined;
    if (cssProblem) return `has ${shown} on <${name}>: ${cssProblem}`;
  }

  const children = node[name];
  if (!Array.isArray(children)) return undefined;
  for (const child of children as XmlNode[]) {
    if (local === "style") {
      const css = typeof child["#text"] === "string" ? child["#text"] : cdataText(child);
      const problem = css === undefined ? undefined : checkCss(decodeReferences(css) ?? css);
      if (problem) return `has a <style> element with ${problem}`;
    }
    const problem = checkElement(child, scope);
    if (problem) return problem;
  }
  return undefined;
}

function cdataText(node: XmlNode): string | undefined {
  const parts = node["#cdata"];
  if (!Array.isArray(parts)) return undefined;
  return (parts as XmlNode[]).map((p) => (typeof p["#text"] === "string" ? p["#text"] : "")).join("");
}

/**
 * A reference must stay inside the picture: `#id` only. URL Standard §4.4 removes tabs and newlines
 * anywhere and C0/space at both ends before reading the scheme, so `java\tscript:` is `javascript:`.
 */
function checkReference(value: string): string | undefined {
  let url = value.replace(/[\t\n\r]/g, "");
  while (url !== "" && url.charCodeAt(0) <= 0x20) url = url.slice(1);
  while (url !== "" && url.charCodeAt(url.length - 1) <= 0x20) url = url.slice(0, -1);
  if (url === "" || url.startsWith("#")) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  if (scheme) return `a '${scheme.toLowerCase()}:' URL; a picture may only refer to its own parts ('#id')`;
  // URL Standard §4.4: `\` is read as `/`, so `\\host` is another site just like `//host`.
  if (/^[/\\]{2}/.test(url)) return "a reference to another site; a picture may only refer to its own parts ('#id')";
  return "a reference to another file; a picture may only refer to its own parts ('#id'), other files are not packaged with it";
}

/** CSS in a style attribute or <style>: no imports, and url() only to the picture's own parts. */
function checkCss(cssIn: string): string | undefined {
  // CSS Syntax 3 §4.3.7: `\75 rl(` is `url(`; comments may split any token.
  const css = cssIn
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?/g, (_, h: string) => String.fromCodePoint(Math.min(Number.parseInt(h, 16), 0x10ffff) || 0xfffd))
    .replace(/\\(.)/g, "$1");
  const fetch = CSS_FETCHES.exec(css);
  if (fetch) return `CSS '${fetch[0]}', which loads or runs something from outside the picture`;
  for (const m of css.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    const problem = checkReference(m[2] ?? "");
    if (problem) return `CSS url(${m[2] ?? ""}): ${problem}`;
  }
  return /url\s*\(/i.test(css.replace(/url\s*\(\s*(['"]?)#[^'")]*\1\s*\)/gi, "")) ? "a CSS url() that cannot be read as a '#id' reference" : undefined;
}

/** XML 1.0 §4.1 and §4.6: character references and the five predefined entities; undefined for any other entity. */
function decodeReferences(value: string): string | undefined {
  let unknown = false;
  const out = value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (_, ref: string) => {
    if (ref.startsWith("#x")) return codePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return codePoint(Number.parseInt(ref.slice(1), 10));
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    const v = named[ref];
    if (v === undefined) unknown = true;
    return v ?? "";
  });
  return unknown ? undefined : out;
}

const codePoint = (n: number): string => (n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "\uFFFD");
