// Writes the scaffold into a folder. Every file is checked before the first is written, so a refusal
// leaves the folder exactly as it was.
import fs from "node:fs";
import path from "node:path";
import { slugFromFolder } from "./names.js";
import { scaffoldFiles, type ScaffoldFile } from "./scaffold-files.js";

/** Why init will not write: names the first path in the way (relative to the current folder). */
export class InitRefusal extends Error {}

export interface InitOptions {
  /**
   * Overwrite files the scaffold would write (never a folder, and never a file standing where a folder
   * must go); in an existing package.json, replace scripts of the same names.
   */
  readonly force?: boolean;
}

export interface InitResult {
  readonly dir: string;
  readonly slug: string;
  /** Relative to `dir`, in the order written. */
  readonly files: readonly string[];
  /** What happened to a file that existed: "overwritten", or how an existing package.json was extended. */
  readonly notes: ReadonlyMap<string, string>;
}

const show = (p: string): string => path.relative(process.cwd(), p) || ".";

function kind(p: string): "file" | "folder" | undefined {
  const stat = fs.lstatSync(p, { throwIfNoEntry: false });
  if (!stat) return undefined;
  return stat.isDirectory() ? "folder" : "file";
}

export function initCourse(dir: string, options: InitOptions = {}): InitResult {
  const root = path.resolve(dir);
  const slug = slugFromFolder(path.basename(root));
  const files = scaffoldFiles(slug);
  const writes: ScaffoldFile[] = [];
  const notes = new Map<string, string>();
  // Every folder a file goes into, from the target itself down, must be a folder or not exist yet.
  for (let up = root; ; up = path.dirname(up)) {
    const k = kind(up);
    if (k === "file") throw new InitRefusal(`${show(up)}: is a file, so no course can be created in ${show(root)}; choose another folder; nothing was written`);
    if (k === "folder" || path.dirname(up) === up) break;
  }
  for (const file of files) {
    const parts = file.path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const folder = path.join(root, ...parts.slice(0, i));
      if (kind(folder) === "file") throw new InitRefusal(`${show(folder)}: is a file where the course needs a folder; move it away; nothing was written`);
    }
    const target = path.join(root, ...parts);
    const k = kind(target);
    if (k === "folder") throw new InitRefusal(`${show(target)}: is a folder where the course needs a file; move it away; nothing was written`);
    if (k !== "file") {
      writes.push(file);
    } else if (file.merge && fs.lstatSync(target).isFile()) {
      const plan = file.merge(fs.readFileSync(target, "utf8"), Boolean(options.force));
      if (plan.kind === "conflict") throw new InitRefusal(`${show(target)}: ${plan.message}`);
      if (plan.kind === "write") writes.push({ path: file.path, data: plan.data });
      notes.set(file.path, plan.kind === "write" ? `added ${plan.added.join(", ")}` : "kept: it has everything already");
    } else {
      if (!options.force) throw new InitRefusal(`${show(target)}: exists already; nothing was written (run 'coursewright init --force' to overwrite the files init writes)`);
      writes.push(file);
      notes.set(file.path, "overwritten");
    }
  }
  for (const file of writes) {
    const target = path.join(root, ...file.path.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // A symbolic link is replaced, never written through: --force must not change a file elsewhere.
    if (fs.lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) fs.rmSync(target);
    fs.writeFileSync(target, file.data);
  }
  return { dir: root, slug, files: files.map((f) => f.path), notes };
}
