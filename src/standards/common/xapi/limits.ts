// xAPI limits, in one place: what an LRS refuses in the ids this package sends or lists in its control file.
// The build checks a course against them (course-limits.ts).

// RFC 3987 §2.2: scheme ":" ihier-part; scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
const IRI_SHAPE = /^[A-Za-z][A-Za-z0-9+.-]*:./su;
// RFC 3987 §2.2, ASCII part: iunreserved / sub-delims / ":" / "@" / "/" / "?" / "#" / "[" / "]", and "%"
// (pct-encoded, checked on its own).
const IRI_ASCII = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]%]/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/**
 * RFC 3987 §2.2 ucschar beyond ASCII: U+00A0–U+D7FF, U+F900–U+FDCF, U+FDF0–U+FFEF, and the supplementary
 * planes without their last two code points. (iprivate is allowed only in a query, which course ids have not.)
 */
function isUcschar(cp: number): boolean {
  if ((cp & 0xfffe) === 0xfffe) return false;
  return (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xf900 && cp <= 0xfdcf) || (cp >= 0xfdf0 && cp <= 0xffef) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * What keeps `s` from being an absolute IRI (RFC 3987), which xAPI 1.0.3 Part 2 §2.4.4.1 requires of an
 * Activity id; undefined when it is one.
 */
export function iriProblem(s: string): string | undefined {
  if (!IRI_SHAPE.test(s)) return "is not an absolute IRI (a scheme, ':', then the rest)";
  for (const c of s) {
    const cp = c.codePointAt(0) ?? 0;
    if (cp < 0x80 ? !IRI_ASCII.test(c) : !isUcschar(cp)) {
      return `contains ${cp < 0x21 || cp > 0x7e ? `U+${cp.toString(16).toUpperCase().padStart(4, "0")}` : `'${c}'`}, which an IRI may not contain (RFC 3987 §2.2); percent-encode it`;
    }
  }
  if (BAD_PERCENT.test(s)) return "contains a '%' that is not followed by two hexadecimal digits (RFC 3987 §2.2 pct-encoded)";
  return undefined;
}
