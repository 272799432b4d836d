// Writes the translated course: a full copy of the course folder into --out, the translated files in place of
// theirs, then loads it as a build would. Only ever writes inside --out, which must be new or empty and apart
// from the course folder; when the copy does not load, everything written is removed again.
import fs from "node:fs";
import path from "node:path";
import { isInside } from "../content/contain-path.js";
import { ContentError, type ContentProblem } from "../content/errors.js";
import { loadCourse } from "../content/load-course.js";
import type { Course } from "../model/course.js";

export class TranslateRefusal extends Error {
  override readonly name = "TranslateRefusal";
}

/** The translated copy does not load (e.g. two choices of a question translated alike): why, at its lines. */
export class TranslatedCourseProblems extends Error {
  override readonly name = "TranslatedCourseProblems";
  constructor(readonly problems: readonly ContentProblem[]) {
    super(`the translated course has ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  }
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended (for a folder yet to be made). */
function realish(p: string): string {
  const rest: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(p);
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

export interface WrittenCourse {
  readonly course: Course;
  /** Entries of the course folder left out: links to outside it, or neither file nor folder. */
  readonly skipped: readonly string[];
}

/**
 * `files`: new texts by absolute path of the course file they replace (as loadCourse named it). Throws
 * TranslateRefusal for an --out that cannot be used, TranslatedCourseProblems when the written course does not load.
 */
export function writeTranslatedCourse(contentDir: string, outDir: string, files: ReadonlyMap<string, string>): WrittenCourse {
  const root = path.resolve(contentDir);
  const rootReal = fs.realpathSync(root);
  const out = path.resolve(outDir);
  const outReal = realish(out);
  if (isInside(outReal, rootReal) || isInside(rootReal, outReal)) {
    throw new TranslateRefusal(`--out ${outDir} overlaps the course folder ${contentDir}: the translated course goes into a folder of its own, beside it`);
  }
  const stat = fs.statSync(out, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new TranslateRefusal(`--out ${outDir} is a file; name a new or empty folder`);
  if (stat && fs.readdirSync(out).length > 0) throw new TranslateRefusal(`--out ${outDir} is not empty; name a new or empty folder (nothing in it is overwritten)`);
  const created = fs.mkdirSync(out, { recursive: true });

  const replaced = new Map([...files].map(([file, text]) => [path.relative(root, path.resolve(file)), text]));
  const skipped: string[] = [];
  const visited = new Set<string>();
  const copy = (rel: string): void => {
    const from = path.join(root, rel);
    let real: string;
    try {
      real = fs.realpathSync(from);
    } catch {
      skipped.push(`${rel} (a link to nothing)`);
      return;
    }
    // A link is followed only inside the course folder, as the build follows it (content/contain-path.ts).
    if (!isInside(real, rootReal)) {
      skipped.push(`${rel} (a link to outside the course folder)`);
      return;
    }
    const s = fs.statSync(real);
    const to = path.join(out, rel);
    if (s.isDirectory()) {
      if (visited.has(real)) return; // a link back to a folder already copied
      visited.add(real);
      fs.mkdirSync(to, { recursive: true });
      for (const name of fs.readdirSync(from).sort()) copy(path.join(rel, name));
      visited.delete(real);
    } else if (s.isFile()) {
      const text = replaced.get(rel);
      if (text === undefined) fs.copyFileSync(real, to);
      else fs.writeFileSync(to, text);
    } else skipped.push(`${rel} (neither a file nor a folder)`);
  };

  try {
    for (const name of fs.readdirSync(root).sort()) copy(name);
    return { course: loadCourse(out), skipped };
  } catch (err) {
    if (created) fs.rmSync(created, { recursive: true, force: true });
    else for (const name of fs.readdirSync(out)) fs.rmSync(path.join(out, name), { recursive: true, force: true });
    throw err instanceof ContentError ? new TranslatedCourseProblems(err.problems) : err;
  }
}
