// An XLIFF 1.2 file back from translation → its units, each with its line, recorded source hash and target
// (text runs and references to inline codes). Anything that is not the XLIFF the export wrote, or that a tool
// may add to it, is a problem at its line; nothing here decides what a code means (inline-check.ts does).
import { XMLParser } from "fast-xml-parser";
import type { ProblemList } from "../content/errors.js";
import { parseXml, XML_PARSER_OPTIONS, XmlSyntaxError } from "../package/read-xml.js";
import { notUtf8Problem } from "../package/xml-strict.js";
import type { CodeRole } from "./segment.js";
import { XLIFF_NS } from "./xliff-write.js";

export interface CodeRef {
  readonly id: string;
  readonly role: CodeRole;
  /** As written: bpt, ept or ph. */
  readonly element: string;
  readonly line: number;
}

export type TargetPart = { readonly text: string } | { readonly ref: CodeRef };

export interface ReadUnit {
  readonly id: string;
  readonly line: number;
  /** The `extradata` the export wrote: the source's hash. */
  readonly hash?: string;
  readonly target?: { readonly parts: readonly TargetPart[]; readonly line: number; readonly state?: string };
}

export interface ReadXliff {
  readonly sourceLanguage: string;
  readonly targetLanguage: string;
  /** Line of the first <file>, where the languages are said. */
  readonly fileLine: number;
  readonly units: readonly ReadUnit[];
}

type OrderedNode = Record<string, unknown>;
const ATTRS = ":@";
const META = XMLParser.getMetaDataSymbol() as unknown as string;
const CODES: Readonly<Record<string, CodeRole>> = { bpt: "open", ept: "close", ph: "standalone" };

const parser = new XMLParser({
  ...XML_PARSER_OPTIONS,
  // References are decoded below, in one pass: the parser leaves character references (&#65;) as they are.
  processEntities: false,
  cdataPropName: "#cdata",
  // Line numbers for the problems it reports.
  captureMetaData: true,
});

/** XML 1.0 §4.1 character references and the five predefined entities (§4.6); xml-strict.ts refused any other. */
const decode = (raw: string): string =>
  raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[ref] ?? "";
  });

/** The text of a file's bytes: UTF-8, or UTF-16 with a byte order mark (XML 1.0 §4.3.3); else why not. */
export function xliffText(bytes: Buffer): { text: string } | { problem: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  const bad = notUtf8Problem(bytes);
  return bad ? { problem: bad } : { text: bytes.toString("utf8").replace(/^\uFEFF/, "") };
}

interface Element {
  readonly local: string;
  readonly ns: string | undefined;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly OrderedNode[];
  readonly scope: ReadonlyMap<string, string>;
  readonly line: number;
}

export function readXliff(xml: string, file: string, problems: ProblemList): ReadXliff | undefined {
  try {
    const root = parseXml(xml);
    if (root.localName !== "xliff") {
      problems.add(file, 1, `not an XLIFF file: its root element is <${root.localName}>`);
      return undefined;
    }
    if (root.namespaceURI !== XLIFF_NS || root.attribute("version") !== "1.2") {
      const version = root.attribute("version") ?? "no version";
      problems.add(file, 1, `XLIFF ${version} (namespace ${root.namespaceURI ?? "none"}): coursewright reads XLIFF 1.2 (${XLIFF_NS}), the version translate export writes; have the translation tool save XLIFF 1.2`);
      return undefined;
    }
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    problems.add(file, err.line, `not well-formed XML: ${err.message}`);
    return undefined;
  }

  const newlines: number[] = [];
  for (let i = xml.indexOf("\n"); i >= 0; i = xml.indexOf("\n", i + 1)) newlines.push(i);
  const lineAt = (index: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] ?? 0) < index) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const element = (node: OrderedNode, scope: ReadonlyMap<string, string>): Element | undefined => {
    const qname = Object.keys(node).find((k) => k !== ATTRS);
    if (qname === undefined || qname.startsWith("#")) return undefined;
    const raw = (node[ATTRS] ?? {}) as Record<string, string>;
    const attrs = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decode(v)]));
    const local = new Map(scope);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === "xmlns") local.set("", value);
      else if (name.startsWith("xmlns:")) local.set(name.slice(6), value);
    }
    const colon = qname.indexOf(":");
    const meta = node[META] as { startIndex?: number } | undefined;
    return {
      local: colon < 0 ? qname : qname.slice(colon + 1),
      ns: local.get(colon < 0 ? "" : qname.slice(0, colon)),
      attrs,
      children: (node[qname] ?? []) as OrderedNode[],
      scope: local,
      line: lineAt(meta?.startIndex ?? 0),
    };
  };
  const childElements = (el: Element): Element[] => el.children.map((c) => element(c, el.scope)).filter((c): c is Element => c !== undefined);
  const xliffChildren = (el: Element, local: string): Element[] => childElements(el).filter((c) => c.ns === XLIFF_NS && c.local === local);

  const top = (parser.parse(xml) as OrderedNode[]).map((n) => element(n, new Map())).find((e) => e !== undefined);
  if (!top) throw new Error("internal error: a well-formed XLIFF file without a root element");

  const units: ReadUnit[] = [];
  const seen = new Map<string, number>();
  let sourceLanguage: string | undefined;
  let targetLanguage: string | undefined;

  const target = (el: Element, unitId: string): TargetPart[] => {
    const parts: TargetPart[] = [];
    const walk = (nodes: readonly OrderedNode[], scope: ReadonlyMap<string, string>): void => {
      for (const node of nodes) {
        if (typeof node["#text"] === "string") parts.push({ text: decode(node["#text"]) });
        else if (Array.isArray(node["#cdata"])) parts.push({ text: (node["#cdata"] as OrderedNode[]).map((c) => String(c["#text"] ?? "")).join("") });
        const child = element(node, scope);
        if (!child) continue;
        const role = child.ns === XLIFF_NS ? CODES[child.local] : undefined;
        const id = child.attrs.id;
        if (role && id !== undefined) parts.push({ ref: { id, role, element: child.local, line: child.line } });
        else if (role) problems.add(file, child.line, `unit '${unitId}': <${child.local}> has no id, so it cannot be matched with a code of the source`);
        // <mrk> marks a span (a segment, a term) and holds text: its content is translation.
        else if (child.ns === XLIFF_NS && child.local === "mrk") walk(child.children, child.scope);
        else problems.add(file, child.line, `unit '${unitId}': <${child.local}> in the target is not one of the inline codes this file was exported with (bpt, ept, ph); keep the source's codes`);
      }
    };
    walk(el.children, el.scope);
    return parts;
  };

  const transUnit = (el: Element): void => {
    const id = el.attrs.id;
    if (id === undefined) {
      problems.add(file, el.line, "a <trans-unit> without an id");
      return;
    }
    const twice = seen.get(id);
    if (twice !== undefined) problems.add(file, el.line, `unit '${id}' is in the file twice (also line ${twice})`);
    seen.set(id, el.line);
    if (xliffChildren(el, "source").length !== 1) problems.add(file, el.line, `unit '${id}' needs exactly one <source>`);
    const targets = xliffChildren(el, "target");
    if (targets.length > 1) problems.add(file, targets[1]?.line ?? el.line, `unit '${id}' has more than one <target>`);
    const t = targets[0];
    const state = t?.attrs.state;
    units.push({
      id,
      line: el.line,
      ...(el.attrs.extradata === undefined ? {} : { hash: el.attrs.extradata }),
      ...(t ? { target: { parts: target(t, id), line: t.line, ...(state === undefined ? {} : { state }) } } : {}),
    });
  };
  const body = (el: Element): void => {
    for (const child of childElements(el)) {
      if (child.ns !== XLIFF_NS) continue; // a tool's own extension elements
      if (child.local === "trans-unit") transUnit(child);
      else if (child.local === "group") body(child);
    }
  };

  const files = xliffChildren(top, "file");
  if (files.length === 0) problems.add(file, top.line, "the XLIFF file has no <file> element, so no units");
  for (const f of files) {
    const source = f.attrs["source-language"];
    const targetLang = f.attrs["target-language"];
    if (!source) problems.add(file, f.line, "<file> has no source-language");
    if (!targetLang) problems.add(file, f.line, "<file> has no target-language: the language the units are translated into");
    if (source && sourceLanguage && source.toLowerCase() !== sourceLanguage.toLowerCase()) problems.add(file, f.line, `<file> says source-language="${source}", an earlier one "${sourceLanguage}"`);
    if (targetLang && targetLanguage && targetLang.toLowerCase() !== targetLanguage.toLowerCase()) problems.add(file, f.line, `<file> says target-language="${targetLang}", an earlier one "${targetLanguage}": one file, one language`);
    sourceLanguage ??= source;
    targetLanguage ??= targetLang;
    for (const b of xliffChildren(f, "body")) body(b);
  }
  if (!sourceLanguage || !targetLanguage) return undefined;
  return { sourceLanguage, targetLanguage, fileLine: files[0]?.line ?? 1, units };
}
