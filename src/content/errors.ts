// Content errors always point at a file and line, so an author can jump straight to the mistake.
import path from "node:path";

export interface ContentProblem {
  readonly file: string;
  /** 1-based line; 0 when the problem is about the file as a whole (a link, a folder, an encoding). */
  readonly line: number;
  /** 1-based column (in characters), when the problem is one character. */
  readonly column?: number;
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

/**
 * A mistake in how the build was asked for that is not in the course (e.g. `--out` naming a file):
 * shown to the author as one line, exit status 1, nothing written.
 */
export class BuildInputError extends Error {
  override readonly name = "BuildInputError";
}

export function formatProblem(p: ContentProblem, cwd = process.cwd()): string {
  const rel = path.relative(cwd, p.file) || p.file;
  const where = p.line > 0 ? `:${p.line}${p.column ? `:${p.column}` : ""}` : "";
  const field = p.field ? ` ${p.field}:` : "";
  return `${rel}${where}:${field} ${p.message}`;
}

/** Collects problems across files so one build reports all of them at once. */
export class ProblemList {
  readonly items: ContentProblem[] = [];

  add(file: string, line: number, message: string, field?: string): void {
    this.items.push(field ? { file, line, field, message } : { file, line, message });
  }

  addProblem(problem: ContentProblem): void {
    this.items.push(problem);
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new ContentError(this.items);
  }
}
