// What init does with a file the folder has already, for the files it extends instead of refusing
// (package.json, .gitignore): add what is missing, keep everything else.

export type MergePlan =
  | { readonly kind: "write"; readonly data: string; readonly added: readonly string[] }
  | { readonly kind: "unchanged" }
  | { readonly kind: "conflict"; readonly message: string };

/** Appends the ignore patterns `wanted` has and `existing` lacks (gitignore(5): one pattern a line). */
export function mergeGitignore(existing: string, wanted: string): MergePlan {
  const have = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  const missing = wanted.split("\n").filter((l) => l.trim() && !l.startsWith("#") && !have.has(l.trim()));
  if (missing.length === 0) return { kind: "unchanged" };
  const sep = existing === "" || existing.endsWith("\n") ? "" : "\n";
  return { kind: "write", data: `${existing}${sep}# Coursewright\n${missing.join("\n")}\n`, added: missing };
}
