// A course value that a packaging standard cannot carry, found once the course is loaded: which file the
// value was written in, the field's path there, and why the standard refuses it. The content layer turns
// it into `file:line: field: message` (src/content/field-lines.ts).
import type { Page, Quiz, Session } from "./course.js";

export type LimitSource =
  | { readonly kind: "course" }
  | { readonly kind: "session"; readonly session: Session }
  | { readonly kind: "quiz"; readonly quiz: Quiz }
  | { readonly kind: "page"; readonly page: Page };

export interface LimitProblem {
  readonly source: LimitSource;
  /** Field inside that file: a YAML path (`["questions", 2, "points"]`), or empty for a page. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Length as an XML schema or a person counts it: code points, not UTF-16 units. */
export const charLength = (s: string): number => Array.from(s).length;
