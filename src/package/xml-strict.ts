// The XML 1.0 well-formedness constraints fast-xml-parser's validator does not check, checked before any
// parser sees the document: every character a Char, every reference to a declared entity or a Char, no '<' in
// attribute values, the XML declaration only at the start — and no entity declarations at all, so an
// entity-expansion ("billion laughs") or external-entity document is refused before anything expands it.
import { codePointName, findInvalidXmlChar, isXmlChar } from "./xml.js";

/** One problem, with the 1-based line it is on. */
export interface XmlProblem {
  readonly message: string;
  readonly line: number;
}

// XML 1.0 §4.6: the only entities a document without declarations may reference.
const PREDEFINED = new Set(["amp", "lt", "gt", "quot", "apos"]);
const REFERENCE = /&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_:][\w.:-]*)?(;?)/g;

const lineAt = (xml: string, index: number): number => {
  let line = 1;
  for (let i = xml.indexOf("\n"); i >= 0 && i < index; i = xml.indexOf("\n", i + 1)) line++;
  return line;
};

/** Comments and CDATA sections blanked out (same length, newlines kept): their '&' and '<' are literal text. */
function withoutLiteralSections(xml: string): string {
  return xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, " "));
}

/** The first well-formedness problem of `xml` (BOM already removed) this module checks, or undefined. */
export function strictXmlProblem(xml: string): XmlProblem | undefined {
  const at = (message: string, index: number): XmlProblem => ({ message, line: lineAt(xml, index) });

  const bad = findInvalidXmlChar(xml);
  if (bad) return at(`character ${bad.name} is not allowed in XML 1.0 (§2.2 Char)`, bad.index);

  const text = withoutLiteralSections(xml);
  const decl = /<\?xml[\s?]/gi;
  for (let m = decl.exec(text); m; m = decl.exec(text)) {
    if (m.index > 0) return at("the XML declaration '<?xml …?>' may only stand at the very start of the document (XML 1.0 §2.8)", m.index);
  }

  const doctype = text.search(/<!DOCTYPE\b/);
  if (doctype >= 0) {
    const entity = text.search(/<!ENTITY\b/);
    if (entity >= 0) {
      return at(
        "the DOCTYPE declares entities (<!ENTITY …>): refused without expanding them. A package's control file needs none, " +
          "and entity declarations are how entity-expansion ('billion laughs') and external-entity attacks work",
        entity,
      );
    }
    if (/^<!DOCTYPE\s+[^\s[>]+\s+(SYSTEM|PUBLIC)\b/.test(text.slice(doctype))) {
      return at("the DOCTYPE refers to an external DTD, which verify does not fetch: a package must be readable on its own", doctype);
    }
  }

  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(text); m; m = REFERENCE.exec(text)) {
    const [, name, semicolon] = m;
    if (!name || !semicolon) return at("'&' must start a reference such as &amp; (XML 1.0 §4.1); write a literal '&' as &amp;", m.index);
    if (name.startsWith("#")) {
      const cp = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!isXmlChar(cp)) return at(`&${name}; refers to ${cp <= 0x10ffff ? codePointName(cp) : "no character"}, which is not an XML 1.0 Char (§4.1 WFC: Legal Character)`, m.index);
    } else if (!PREDEFINED.has(name)) {
      return at(`&${name}; refers to an entity that is not declared (XML 1.0 §4.1 WFC: Entity Declared)`, m.index);
    }
  }

  // XML 1.0 §3.1 WFC: No < in Attribute Values. Outside comments and CDATA every '<' + name starts a tag.
  for (let i = text.indexOf("<"); i >= 0; i = text.indexOf("<", i + 1)) {
    if (!/[^\s!?/<>=&"']/.test(text[i + 1] ?? " ")) continue;
    let quote = "";
    let j = i + 1;
    for (; j < text.length; j++) {
      const c = text[j];
      if (quote) {
        if (c === quote) quote = "";
        else if (c === "<") return at("'<' in an attribute value (XML 1.0 §3.1 WFC: No < in Attribute Values); write it as &lt;", j);
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ">" || c === "<") break;
    }
    i = j - 1;
  }
  return undefined;
}

/**
 * Where `bytes` stop being UTF-8, when the document declares no other encoding: without one, XML 1.0 §4.3.3
 * requires UTF-8 (or UTF-16 with a byte order mark), and a lossy decode would hide the damage as U+FFFD.
 */
export function notUtf8Problem(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 200).toString("latin1");
  if (/^(\xEF\xBB\xBF)?(\xFE\xFF|\xFF\xFE)/.test(head)) return undefined; // UTF-16: decoded elsewhere if ever needed
  const declared = /^(?:\xEF\xBB\xBF)?<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) return undefined; // another declared encoding: not ours to judge here
  const text = bytes.toString("utf8");
  const again = Buffer.from(text, "utf8");
  if (again.equals(bytes)) return undefined;
  let at = 0;
  while (at < bytes.length && bytes[at] === again[at]) at++;
  const line = bytes.subarray(0, at).toString("latin1").split("\n").length;
  return `not UTF-8 text: byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, "0")} on line ${line} is not part of a UTF-8 character, and no other encoding is declared (XML 1.0 §4.3.3)`;
}
