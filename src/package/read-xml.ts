// The one XML reader of the tools: a small namespace-aware element tree over fast-xml-parser, enough for the
// standards' control files, their readers and rules (the product cannot use jsdom, a development
// dependency). Names are resolved against the xmlns declarations in scope, as a DOM does: `namespaceURI` + `localName` for elements, `attributeNS` for
// prefixed attributes (unprefixed attributes have no namespace).
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { strictXmlProblem } from "./xml-strict.js";
import { TextMemo } from "../text-memo.js";

export interface XmlElement {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly parent: XmlElement | null;
  readonly children: readonly XmlElement[];
  /** Concatenated text of every descendant text node (DOM `textContent`). */
  readonly textContent: string;
  /** Unprefixed attribute. */
  attribute(name: string): string | null;
  /** Prefixed attribute in namespace `ns`. */
  attributeNS(ns: string, localName: string): string | null;
  /** Every attribute name as written (with prefix). */
  readonly attributeNames: readonly string[];
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

type OrderedNode = Record<string, unknown>;
const ATTRS = ":@";
const XML_NS = "http://www.w3.org/XML/1998/namespace";

/**
 * How Coursewright reads XML: document order kept, every value a string exactly as written (no trimming, no
 * number guessing), attributes unprefixed, no declaration or processing instructions. XLIFF's reader adds
 * to it (src/translate/xliff-read.ts).
 */
export const XML_PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
} as const;

const parser = new XMLParser(XML_PARSER_OPTIONS);

interface MutableElement extends XmlElement {
  children: XmlElement[];
  textParts: string[];
}

function split(qname: string): [string, string] {
  const colon = qname.indexOf(":");
  return colon < 0 ? ["", qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

/**
 * Parses a document; throws XmlSyntaxError when it is not well-formed XML 1.0 (the checks of xml-strict.ts
 * first, so nothing is expanded or parsed before them). Returns the root element.
 */
export function parseXml(xml: string): XmlElement {
  xml = xml.replace(/^\uFEFF/, "");
  const strict = strictXmlProblem(xml);
  if (strict) throw new XmlSyntaxError(strict.message, strict.line);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlSyntaxError(valid.err.msg, valid.err.line);
  const nodes = parser.parse(xml) as OrderedNode[];
  const roots: XmlElement[] = [];
  const build = (node: OrderedNode, parent: MutableElement | null, scope: ReadonlyMap<string, string>): MutableElement | null => {
    const qname = Object.keys(node).find((k) => k !== ATTRS);
    if (qname === undefined || qname === "#text" || qname.startsWith("?") || qname.startsWith("!")) return null;
    const attrs = (node[ATTRS] ?? {}) as Record<string, string>;
    const local = new Map(scope);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === "xmlns") local.set("", value);
      else if (name.startsWith("xmlns:")) local.set(name.slice(6), value);
    }
    const [prefix, localName] = split(qname);
    const el: MutableElement = {
      localName,
      namespaceURI: local.get(prefix) || null,
      parent,
      children: [],
      textParts: [],
      get textContent(): string {
        return this.textParts.join("");
      },
      attribute: (name) => (Object.hasOwn(attrs, name) ? (attrs[name] ?? null) : null),
      attributeNS: (ns, name) => {
        for (const [q, value] of Object.entries(attrs)) {
          const [p, l] = split(q);
          if (p === "" || p === "xmlns" || l !== name) continue;
          const uri = p === "xml" ? XML_NS : local.get(p);
          if (uri === ns) return value;
        }
        return null;
      },
      attributeNames: Object.keys(attrs),
    };
    const children = (node[qname] ?? []) as OrderedNode[];
    for (const child of children) {
      if (typeof child["#text"] === "string" || typeof child["#text"] === "number") {
        const text = String(child["#text"]);
        // textContent of every ancestor includes this text.
        for (let e: MutableElement | null = el; e; e = e.parent as MutableElement | null) e.textParts.push(text);
        continue;
      }
      const sub = build(child, el, local);
      if (sub) el.children.push(sub);
    }
    return el;
  };
  for (const node of nodes) {
    const el = build(node, null, new Map([["xml", XML_NS]]));
    if (el) roots.push(el);
  }
  const root = roots[0];
  if (!root || roots.length > 1) throw new XmlSyntaxError(roots.length ? "more than one root element" : "no root element", 1);
  return root;
}

/** Why `xml` is not well-formed, or undefined when it is. */
export function xmlSyntaxError(xml: string): XmlSyntaxError | undefined {
  try {
    parseXml(xml);
    return undefined;
  } catch (err) {
    return err instanceof XmlSyntaxError ? err : new XmlSyntaxError(err instanceof Error ? err.message : String(err), 0);
  }
}

/** Direct children with this namespace and local name. */
export function childrenNS(el: XmlElement, ns: string, localName: string): XmlElement[] {
  return el.children.filter((c) => c.namespaceURI === ns && c.localName === localName);
}

/** Every descendant (document order, not including `el`) matching the predicate. */
export function descendants(el: XmlElement, match: (e: XmlElement) => boolean = () => true): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (match(c)) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** Descendants with this namespace and local name (DOM getElementsByTagNameNS, root included). */
export function elementsNS(root: XmlElement, ns: string, localName: string): XmlElement[] {
  const self = root.namespaceURI === ns && root.localName === localName ? [root] : [];
  return [...self, ...descendants(root, (e) => e.namespaceURI === ns && e.localName === localName)];
}

/**
 * The root element's namespace ("" when it has none), or undefined for text that is not well-formed XML: how
 * the readers tell one manifest from another. Kept per text, since preview reads the same manifest after every rebuild.
 */
export function rootNamespace(xml: string): string | undefined {
  return namespaces.get(xml, () => {
    try {
      return parseXml(xml).namespaceURI ?? "";
    } catch {
      return undefined;
    }
  });
}
const namespaces = new TextMemo<string | undefined>(16);
