// Minimal XML text helpers for manifest writers.

/**
 * Anything that is not an XML 1.0 Char (§2.2: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]): C0 controls, lone surrogates, U+FFFE and U+FFFF. With the `u` flag a surrogate pair is
 * one code point, so only a lone surrogate matches the surrogate range.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Where the first character of `text` that XML 1.0 cannot carry is, and its name (`U+0001`). */
export function findInvalidXmlChar(text: string): { readonly index: number; readonly name: string } | undefined {
  const m = NOT_XML_CHAR.exec(text);
  return m ? { index: m.index, name: codePointName(m[0].codePointAt(0) ?? 0) } : undefined;
}

/** Whether a code point is an XML 1.0 Char (§2.2), e.g. the target of a character reference. */
export function isXmlChar(cp: number): boolean {
  return cp <= 0x10ffff && NOT_XML_CHAR.exec(String.fromCodePoint(cp)) === null;
}

export const codePointName = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;

/** The first character of `text` that XML 1.0 cannot carry, as `U+XXXX`, or undefined. */
export function invalidXmlChar(text: string): string | undefined {
  return findInvalidXmlChar(text)?.name;
}

/**
 * Escapes `text` for element content and attribute values. Content is checked when it is read; this is the
 * last line of defence, so a character XML 1.0 cannot carry is an internal error naming the field, never a
 * manifest an LMS cannot parse.
 */
export function esc(text: string, field = "a value"): string {
  const bad = invalidXmlChar(text);
  if (bad) throw new Error(`internal error: ${field} contains ${bad}, which XML 1.0 does not allow (§2.2 Char)`);
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** An xsd:ID / NCName built from arbitrary text: starts with a letter or '_', no ':' or spaces. */
export function ncname(prefix: string, text: string): string {
  return `${prefix}${text.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}
