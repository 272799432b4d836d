// Content errors always point at a file and line, so an author can jump straight to the mistake.
import path from "node:path";

export interface ContentProblem {
  readonly file: string;
  readonly line: number;
  /** Dotted path of the offending field, when there is one (e.g. `questions.2.choices`). */
  readonly field?: string;
  readonly message: string;
}

export class ContentError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[], cwd = process.cwd()) {
    super(problems.map((p) => formatProblem(p, cwd)).join("\n"));
    this.name = "ContentError";
    this.problems = problems;
  }
}

export function formatProblem(p: ContentProblem, cwd = process.cwd()): string {
  const rel = path.relative(cwd, p.file) || p.file;
  const field = p.field ? ` ${p.field}:` : "";
  return `${rel}:${p.line}:${field} ${p.message}`;
}

/** Collects problems across files so one build reports all of them at once. */
export class ProblemList {
  readonly items: ContentProblem[] = [];

  add(file: string, line: number, message: string, field?: string): void {
    this.items.push(field ? { file, line, field, message } : { file, line, message });
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new ContentError(this.items);
  }
}
