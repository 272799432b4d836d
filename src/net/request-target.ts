// The request target of the local servers, read strictly: a malformed percent-encoding (RFC 3986 §2.1) or
// percent-encoded bytes that are not UTF-8 is a client error (400), never a URIError deep in a handler.

export interface RequestTarget {
  /** Still percent-encoded, as sent (decode path segments with decodeStrict). */
  readonly pathname: string;
  readonly query: URLSearchParams;
}

/** Decodes one percent-encoded component; undefined when it is malformed or not UTF-8. */
export function decodeStrict(component: string): string | undefined {
  try {
    return decodeURIComponent(component);
  } catch {
    return undefined;
  }
}

/** Splits req.url (origin-form, RFC 9112 §3.2.1) into path and query, or gives the reason for a 400. */
export function parseRequestTarget(rawUrl: string | undefined): RequestTarget | string {
  const raw = rawUrl ?? "/";
  if (!raw.startsWith("/")) return "the request target must be a path";
  const q = raw.indexOf("?");
  const pathname = q < 0 ? raw : raw.slice(0, q);
  const search = q < 0 ? "" : raw.slice(q + 1).replace(/#.*$/, "");
  if (decodeStrict(pathname) === undefined) return "the path has a malformed %-encoding";
  // URLSearchParams would turn a bad escape into U+FFFD silently; check each name and value first.
  for (const part of search.split("&")) {
    if (decodeStrict(part.replace(/\+/g, " ")) === undefined) return "the query has a malformed %-encoding";
  }
  return { pathname, query: new URLSearchParams(search) };
}
