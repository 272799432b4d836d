// The translatable texts of a course, each a unit with an id from its place in the course, and where each one
// is written back: a field of a YAML file, or lines of a session's Markdown body.
import type { FieldPath } from "../content/yaml-source.js";
import type { Markup, Part } from "./segment.js";

export interface Unit {
  /** From the place in the course (`session/<id>/page/<id>/p3`), never a counter over the course: stable. */
  readonly id: string;
  readonly markup: Markup;
  /** The source text. */
  readonly parts: readonly Part[];
  /** The course file (absolute path) and line it comes from. */
  readonly file: string;
  readonly line: number;
  /** For the translator: what the text is, when its id does not say. */
  readonly note?: string;
  /** A length limit the course sets (characters). */
  readonly maxChars?: number;
}

/** A unit's parts to write: its translation, or its source when it has none. */
export type PartsOf = (unitId: string) => readonly Part[] | undefined;

export interface YamlField {
  readonly path: FieldPath;
  readonly unit: Unit;
}

/** Lines [start, end) of a session body (0-based) replaced by what `render` writes. */
export interface LineEdit {
  readonly start: number;
  readonly end: number;
  /** Units the lines show; the lines are rewritten only when one of them is translated, or `always`. */
  readonly units: readonly string[];
  readonly always?: boolean;
  render(parts: PartsOf): string[];
}

export interface TextFile {
  readonly file: string;
  /** Fields of the YAML file, or of the session's front matter. */
  readonly fields: readonly YamlField[];
  /** A session's body: its first line in the file (1-based) and the edits to it. */
  readonly body?: { readonly bodyLine: number; readonly edits: readonly LineEdit[] };
}

export interface CourseTexts {
  readonly files: readonly TextFile[];
  /** Every unit, in course order. */
  readonly units: readonly Unit[];
}
