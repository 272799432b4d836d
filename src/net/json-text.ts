// JSON text from a request, parsed only when its nesting is within a limit. Code that walks the value
// recursively (validation, canonical form, merge) would overflow the stack on a deeply nested body, and an
// engine's JSON.parse may too: the depth is counted first, iteratively, without building anything.

/** Deeper than any real statement, state document or attempt (xAPI statements nest about ten levels). */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays/objects in `text` (strings skipped), stopping once it passes `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

export type ParsedJson = { readonly value: unknown } | { readonly error: string };

/** RFC 8259 JSON text → value, or a readable reason (syntax error, or nested deeper than `maxDepth`). */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): ParsedJson {
  if (jsonDepth(text, maxDepth) > maxDepth) return { error: `JSON is nested more than ${maxDepth} levels deep` };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}
