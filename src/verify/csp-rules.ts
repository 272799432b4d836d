// Static rule "csp": the package's HTML pages carry a Content-Security-Policy meta element that takes
// effect before anything can run. Required (error) for pages Coursewright built; advice (warning) for
// other tools' packages, which LMSs accept without one.
import { error, warning, type Finding } from "./findings.js";

/** The runtime data block every Coursewright page has (see templates/layout.hbs). */
const COURSEWRIGHT_PAGE = /<script\b[^>]*\bid\s*=\s*["']?cw-data\b/i;
const CSP_META = /<meta\b(?=[^>]*\bhttp-equiv\s*=\s*["']?content-security-policy\b)[^>]*\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>/i;
/** Markup that runs or loads something: a policy declared after it does not cover it. */
const ACTIVE = /<(script|style|link|body|img|iframe|object|embed)\b/i;

/** Directive name → its source list (CSP3 §2.2.1: the first of a repeated directive wins). */
export function parsePolicy(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** The directives of a CSP meta element (its content attribute, as the parser decodes the quotes in it). */
const directivesOf = (meta: RegExpExecArray): Map<string, string[]> => parsePolicy((meta[1] ?? meta[2] ?? "").replace(/&#39;|&apos;/g, "'"));

/** The directives of a page's Content-Security-Policy meta element, or undefined when it has none. */
export function pagePolicy(html: string): Map<string, string[]> | undefined {
  const meta = CSP_META.exec(html);
  return meta ? directivesOf(meta) : undefined;
}

/** What is wrong with one page's policy, or undefined when it is sound. */
function problem(html: string): string | undefined {
  const meta = CSP_META.exec(html);
  if (!meta) return "has no Content-Security-Policy meta element";
  const before = html.slice(0, meta.index);
  const active = ACTIVE.exec(before);
  if (active) return `declares its Content-Security-Policy after a <${(active[1] ?? "").toLowerCase()}> element, which it does not cover (CSP3 §3.3: a meta policy applies from where it is parsed; in <body> it is ignored)`;
  const directives = directivesOf(meta);
  const script = directives.get("script-src") ?? directives.get("default-src");
  if (!script) return "has a Content-Security-Policy without script-src or default-src, so any script runs";
  const loose = script.filter((s) => ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"].includes(s.toLowerCase()));
  if (loose.length) return `allows scripts it cannot vouch for in its Content-Security-Policy (script-src ${loose.join(" ")})`;
  return undefined;
}

/** Findings for the HTML files of a package (`files`: path inside the package → content). */
export function cspFindings(files: ReadonlyMap<string, Buffer>): Finding[] {
  const findings: Finding[] = [];
  const foreign: string[] = [];
  for (const [name, data] of files) {
    if (!/\.html?$/i.test(name)) continue;
    const html = data.toString("utf8");
    const why = problem(html);
    if (!why) continue;
    if (COURSEWRIGHT_PAGE.test(html)) findings.push(error("csp", `${name} ${why}: every page Coursewright builds must restrict itself to the package's own files`));
    else foreign.push(`${name} ${why}`);
  }
  // One warning for another tool's pages, not one per file: such packages often have dozens.
  if (foreign.length) {
    findings.push(warning("csp", `${foreign.length} HTML file${foreign.length === 1 ? "" : "s"} without a sound Content-Security-Policy, so an injected script would reach the LMS API (e.g. ${foreign.slice(0, 3).join("; ")})`));
  }
  return findings;
}
