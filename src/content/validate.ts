// Turns zod issues into author-facing problems: file, line, field and what is expected.
import type { z } from "zod";
import type { ProblemList } from "./errors.js";
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
  for (const issue of result.error.issues) {
    const path = [...basePath, ...issue.path.filter((k): k is string | number => typeof k !== "symbol")];
    if (issue.code === "unrecognized_keys") {
      // One problem per unknown key, at the key's own line (the object's first line may be far away).
      for (const key of issue.keys) {
        const at = [...path, key];
        problems.add(src.file, src.lineOf(at), `unknown field '${key}' (check the spelling; see docs/authoring.md)`, at.join("."));
      }
      continue;
    }
    const missing = valueAt(value, issue.path) === undefined;
    problems.add(src.file, src.lineOf(path), describeIssue(issue, missing), path.join(".") || undefined);
  }
  return undefined;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, missing: boolean): string {
  switch (issue.code) {
    case "invalid_type":
      if (missing || /received undefined/.test(issue.message)) return `is required (expected ${article(issue.expected)})`;
      if (!/received \w+/.test(issue.message)) return issue.message; // the schema's own message, e.g. "must be a whole number"
      return `expected ${article(issue.expected)}, ${issue.message.replace(/^.*(received \w+).*$/, "$1")}`;
    case "invalid_value":
      return `${missing ? "is required and " : ""}must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
