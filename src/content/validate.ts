// Turns zod issues into author-facing problems: file, line, field and what is expected.
import type { z } from "zod";
import type { ProblemList } from "./errors.js";
import { knownFields } from "./known-fields.js";
import { didYouMean, nearestName } from "./suggest.js";
import type { FieldPath, YamlSource } from "./yaml-source.js";

export function validate<T>(
  schema: z.ZodType<T>,
  value: unknown,
  src: YamlSource,
  problems: ProblemList,
  basePath: FieldPath = [],
): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  // A mistyped field is one mistake: "unknown 'titel', did you mean 'title'?" — not also "'title' is required".
  const suggestions = new Map<string, string | undefined>();
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const here = valueAt(value, issue.path);
    const present = here !== null && typeof here === "object" ? Object.keys(here) : [];
    const absent = knownFields(schema, issue.path).filter((k) => !present.includes(k));
    for (const key of issue.keys) {
      const suggestion = nearestName(key, absent);
      suggestions.set(pathKey([...issue.path, key]), suggestion);
      if (suggestion !== undefined) meant.add(pathKey([...issue.path, suggestion]));
    }
  }
  for (const issue of issues) {
    const path = [...basePath, ...issue.path.filter((k): k is string | number => typeof k !== "symbol")];
    if (issue.code === "unrecognized_keys") {
      // One problem per unknown key, at the key's own line (the object's first line may be far away).
      for (const key of issue.keys) {
        const at = [...path, key];
        const hint = didYouMean(suggestions.get(pathKey([...issue.path, key])));
        problems.add(src.file, src.keyLineOf(at), `unknown field '${key}'${hint || " (check the spelling; see docs/authoring.md)"}`, at.join("."));
      }
      continue;
    }
    const here = valueAt(value, issue.path);
    if (here === undefined && meant.has(pathKey(issue.path))) continue;
    problems.add(src.file, src.lineOf(path), describeIssue(issue, here), path.join(".") || undefined);
  }
  return undefined;
}

function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map(String));
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const missing = value === undefined;
  switch (issue.code) {
    case "invalid_type":
      if (missing || /received undefined/.test(issue.message)) return `is required (expected ${article(issue.expected)})`;
      if (!/received \w+/.test(issue.message)) return issue.message; // the schema's own message, e.g. "must be a whole number"
      return `expected ${article(issue.expected)}, ${issue.message.replace(/^.*(received \w+).*$/, "$1")}`;
    case "invalid_value": {
      const options = issue.values.filter((v): v is string => typeof v === "string");
      const hint = typeof value === "string" ? didYouMean(nearestName(value, options)) : "";
      return `${missing ? "is required and " : ""}must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}${hint}`;
    }
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
