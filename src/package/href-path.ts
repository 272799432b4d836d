// A relative URL inside a package (a resource href, a launch element) as the ZIP entry name it points at.

/** Decodes percent-escapes of a relative URL to the ZIP entry name it points at (query and fragment dropped). */
export function hrefToPath(href: string): string {
  const bare = href.split(/[?#]/)[0] ?? "";
  try {
    return decodeURI(bare);
  } catch {
    return bare;
  }
}

/** An absolute URL (RFC 3986 §3.1 scheme): it does not name a file of the package. */
export const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;
