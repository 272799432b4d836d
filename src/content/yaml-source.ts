// YAML parsing that remembers where every value came from, for file:line errors.
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { ProblemList } from "./errors.js";

export type FieldPath = readonly (string | number)[];

export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** Line (1-based, in the file) of the value at `path`, or of its nearest existing ancestor. */
  lineOf(path: FieldPath): number;
}

/**
 * Parses `text` (which starts at line `firstLine` of `file`), reporting syntax errors to `problems`.
 * Returns undefined when the YAML is not well-formed.
 */
export function parseYaml(text: string, file: string, problems: ProblemList, firstLine = 1): YamlSource | undefined {
  const counter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors;
  if (errors.length > 0) {
    for (const err of errors) {
      const line = counter.linePos(err.pos[0]).line + firstLine - 1;
      problems.add(file, line, `invalid YAML: ${err.message.split("\n")[0]}`);
    }
    return undefined;
  }
  const lineOf = (path: FieldPath): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line + firstLine - 1;
    }
    return firstLine;
  };
  return { file, data: doc.toJS() as unknown, lineOf };
}
