// The static rules of a plain web package (docs/verify.md, rules 9.1–9.3): its index page loads only files
// the package has (from file:// there is nothing else to load), its Content-Security-Policy lets it reach no
// server, and the scripts it runs reach for no LMS, LRS or network.
import { pagePolicy } from "../../../verify/csp-rules.js";
import { error, type Finding } from "../../../verify/findings.js";
import { INDEX } from "../reader.js";

/** Elements that make the browser load a file: scripts, stylesheets and icons, images (HTML §4.12.1, §4.2.4, §4.8). */
const TAGS = /<(script|link|img|source)\b([^>]*)>/gi;
const ATTR = /\s(src|href|srcset|rel)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
/** The link types whose href is loaded (HTML §4.6.7); other links (alternate, help…) only point somewhere. */
const LOADED_LINK = /\b(stylesheet|icon|preload|modulepreload|manifest)\b/i;
/** A URL with a scheme or a host: not a file of the package (the policy blocks it; csp reports it). */
const ELSEWHERE = /^\s*([a-z][a-z0-9+.-]*:|\/\/)/i;

/** The package path a relative reference from the index page names (its query and fragment dropped). */
function packagePath(ref: string): string {
  const bare = ref.trim().replace(/[?#].*$/, "");
  try {
    return decodeURIComponent(bare).replace(/^\.\//, "");
  } catch {
    return bare;
  }
}

/** The package files the page loads, in order of appearance. */
export function pageLoads(html: string): string[] {
  const out: string[] = [];
  for (const [, tag = "", body = ""] of html.matchAll(TAGS)) {
    const attrs = new Map([...body.matchAll(ATTR)].map((a) => [(a[1] ?? "").toLowerCase(), a[2] ?? a[3] ?? a[4] ?? ""]));
    if (tag.toLowerCase() === "link" && !LOADED_LINK.test(attrs.get("rel") ?? "")) continue;
    const srcset = (attrs.get("srcset") ?? "").split(",").map((c) => c.trim().split(/\s+/)[0] ?? "");
    for (const ref of [attrs.get("src") ?? "", attrs.get("href") ?? "", ...srcset]) if (ref && !ELSEWHERE.test(ref)) out.push(packagePath(ref));
  }
  return out;
}

/**
 * What a runtime script names that talks to an LMS, an LRS or any server: the Fetch Standard's fetch, XHR,
 * Beacon, WebSocket, server-sent events, and the SCORM API objects a SCO looks up by name (SCORM 1.2 RTE
 * §3.2 `API`, as a string or a property; SCORM 2004 RTE §3.1 `API_1484_11`) or their LMS… functions. A
 * runtime built for a plain web package names none of them.
 */
const TRACKING = /\b(fetch|XMLHttpRequest|sendBeacon|WebSocket|EventSource|API_1484_11|LMS(?:Initialize|Commit|Finish|SetValue))\b|(?:["'`]|\.)(API)\b/g;

export function pageViolations(html: string, files: ReadonlySet<string>, read: (name: string) => Buffer | undefined): Finding[] {
  const findings: Finding[] = [];
  const loads = pageLoads(html);
  const missing = [...new Set(loads.filter((f) => !files.has(f)))];
  if (missing.length) findings.push(error("9.1", `${INDEX} loads ${missing.join(", ")}, which the package does not have`));
  const scripts = loads.filter((f) => files.has(f) && /\.m?js$/i.test(f));
  if (scripts.length === 0) findings.push(error("9.1", `${INDEX} loads no runtime script from the package`));

  const policy = pagePolicy(html);
  // CSP3 §6.1.2: connect-src governs fetch, XHR, beacons, WebSocket and EventSource; absent, default-src does.
  const connect = policy && (policy.get("connect-src") ?? policy.get("default-src"));
  if (policy && (connect?.length !== 1 || connect[0] !== "'none'")) {
    findings.push(error("9.2", `${INDEX}'s Content-Security-Policy allows network requests (connect-src ${connect?.join(" ") || "not set"}); a plain web package reports nowhere, so it must be connect-src 'none'`));
  }

  for (const script of scripts) {
    const names = [...new Set([...(read(script)?.toString("utf8") ?? "").matchAll(TRACKING)].map((m) => m[1] ?? m[2] ?? ""))];
    if (names.length) findings.push(error("9.3", `${script} names ${names.join(", ")}: a plain web package's runtime makes no tracking or network call`));
  }
  return findings;
}
