// The one gate every content text file (YAML, Markdown, Handlebars) passes through: strictly UTF-8, no
// byte order mark, and only characters XML can carry, since every title and text ends up in an XML
// control file (a package manifest) or an XHTML-compatible page.
import fs from "node:fs";
import type { ContentProblem } from "./errors.js";

export type TextRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: ContentProblem };

const SAVE_AS_UTF8 = "save it as UTF-8";

/** Reads `file` as content text; on failure, the problem to report (file:line:col where there is one). */
export function readText(file: string): TextRead {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail({ file, line: 0, message: code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${code ?? String(err)})` });
  }
  return decodeText(bytes, file);
}

export function decodeText(bytes: Uint8Array, file: string): TextRead {
  const utf16 = looksLikeUtf16(bytes);
  if (utf16) return fail({ file, line: 0, message: `not UTF-8 text (looks like ${utf16}); ${SAVE_AS_UTF8}` });
  let text: string;
  try {
    // WHATWG Encoding §4.2: "fatal" makes a malformed byte sequence an error instead of U+FFFD.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const { line, column } = position(new TextDecoder("utf-8").decode(bytes.subarray(0, at)), Number.MAX_SAFE_INTEGER);
    const byte = bytes[at] ?? 0;
    const guess = byte >= 0x80 && byte <= 0x9f ? "Windows-1252" : "Latin-1 or Windows-1252";
    return fail({ file, line, column, message: `not UTF-8 text (byte 0x${hex(byte, 2)} looks like ${guess}); ${SAVE_AS_UTF8}` });
  }
  text = text.replace(/^\uFEFF/, "");
  const bad = findNonXmlChar(text);
  if (bad) {
    const { line, column } = position(text, bad.index);
    return fail({ file, line, column, message: `${describeChar(bad.codePoint)} is not allowed in course text; delete it` });
  }
  return { ok: true, text };
}

// XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// With the `u` flag a lone surrogate is one code point outside these ranges, so it matches too.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character of `text` that XML 1.0 cannot carry, with its UTF-16 index. */
export function findNonXmlChar(text: string): { index: number; codePoint: number } | undefined {
  const m = NOT_XML_CHAR.exec(text);
  return m ? { index: m.index, codePoint: m[0].codePointAt(0) ?? 0 } : undefined;
}

/** `U+0001 (a control character)`, for messages. */
export function describeChar(cp: number): string {
  const kind = cp >= 0xd800 && cp <= 0xdfff ? "a lone surrogate, half of a broken character" : cp < 0x20 ? "a control character" : "a noncharacter";
  return `character U+${hex(cp, 4)} (${kind})`;
}

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: (before.match(/\n/g)?.length ?? 0) + 1, column: [...before.slice(lineStart)].length + 1 };
}

function looksLikeUtf16(b: Uint8Array): string | undefined {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return "UTF-16: it starts with a UTF-16 byte order mark";
  // Mostly-ASCII UTF-16 without a mark: every other byte is 0.
  const n = Math.min(b.length, 512);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) zeros++;
  return n >= 4 && zeros * 3 >= n ? "UTF-16: every other byte is 0" : undefined;
}

/** Offset of the first byte that does not start or continue a well-formed sequence (Unicode 15 Table 3-7). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return i;
}

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, "0");
const fail = (problem: ContentProblem): TextRead => ({ ok: false, problem });
