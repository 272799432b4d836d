// Minimal XML text helpers for manifest writers.

export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** An xsd:ID / NCName built from arbitrary text: starts with a letter or '_', no ':' or spaces. */
export function ncname(prefix: string, text: string): string {
  return `${prefix}${text.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}
