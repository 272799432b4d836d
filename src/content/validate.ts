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
    problems.add(src.file, src.lineOf(path), describeIssue(issue), path.join(".") || undefined);
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (/received undefined/.test(issue.message)) return `is required (expected ${article(issue.expected)})`;
      return `expected ${article(issue.expected)}, ${issue.message.replace(/^.*(received \w+).*$/, "$1")}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")} (check the spelling; see docs/authoring.md)`;
    case "invalid_value":
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
