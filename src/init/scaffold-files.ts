// Everything `coursewright init` writes, as a list of files: the example course in scaffold/ (shipped with
// the package), plus what is made at init time — package.json (with this version of Coursewright),
// .gitignore, and the JSON Schemas from the same code as `coursewright schemas`, so they are never stale.
import fs from "node:fs";
import path from "node:path";
import { jsonSchemas } from "../content/json-schema.js";
import { PACKAGE_ROOT } from "../paths.js";
import { STANDARDS } from "../standards/registry.js";
import { mergeGitignore, type MergePlan } from "./merge-plan.js";
import { mergePackageJson, newPackageJson, type JsonObject } from "./package-json.js";
import { SCAFFOLD_SLUG, SCAFFOLD_TITLE, titleFromSlug } from "./names.js";

export const SCAFFOLD_DIR = path.join(PACKAGE_ROOT, "scaffold");
/** The course folder inside the author's repository: what `coursewright build` reads by default. */
export const CONTENT_FOLDER = "content";
export const SCHEMAS_FOLDER = "schemas";

export interface ScaffoldFile {
  /** Relative to the course repository, with '/' separators. */
  readonly path: string;
  readonly data: string | Buffer;
  /** For a file init extends when it exists (package.json, .gitignore) rather than refusing. */
  readonly merge?: (existing: string, force: boolean) => MergePlan;
}

export const SCRIPTS: Readonly<Record<string, string>> = {
  build: "coursewright build --target all",
  ...Object.fromEntries(STANDARDS.flatMap((s) => s.npmScripts.map((name) => [name, `coursewright build --target ${s.id}`]))),
  preview: "coursewright preview",
  verify: "coursewright verify dist/*.zip",
};

export const GITIGNORE = ["node_modules/", "dist/", "# preview's saved attempt, LRS database and builds", ".coursewright/", ""].join("\n");

function coursewrightVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

function listFiles(dir: string, rel = ""): string[] {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => {
      const p = rel ? `${rel}/${e.name}` : e.name;
      return e.isDirectory() ? listFiles(dir, p) : [p];
    })
    .sort();
}

/** The example's placeholders (slug in the IRI, file names and `slug:`; the title) made the author's own. */
function personalise(rel: string, data: Buffer, slug: string): string | Buffer {
  if (rel !== `${CONTENT_FOLDER}/course.yaml` && rel !== "README.md") return data;
  return data
    .toString("utf8")
    .replaceAll(SCAFFOLD_SLUG, slug)
    .replace(new RegExp(`^(title: |# )${SCAFFOLD_TITLE}$`, "m"), `$1${titleFromSlug(slug)}`);
}

export function scaffoldFiles(slug: string): ScaffoldFile[] {
  const files: ScaffoldFile[] = listFiles(SCAFFOLD_DIR).map((rel) => ({ path: rel, data: personalise(rel, fs.readFileSync(path.join(SCAFFOLD_DIR, rel)), slug) }));
  const pkg: JsonObject = {
    name: slug,
    version: "1.0.0",
    private: true, // a course is published to an LMS, never to the npm registry
    description: `The course ${titleFromSlug(slug)}, built with Coursewright`,
    scripts: SCRIPTS,
    devDependencies: { coursewright: `^${coursewrightVersion()}` },
  };
  files.push({ path: "package.json", data: newPackageJson(pkg), merge: (existing, force) => mergePackageJson(existing, pkg, force) });
  // Written here, not shipped: npm pack leaves out files named .gitignore.
  files.push({ path: ".gitignore", data: GITIGNORE, merge: (existing) => mergeGitignore(existing, GITIGNORE) });
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    files.push({ path: `${SCHEMAS_FOLDER}/${name}`, data: JSON.stringify(schema, null, 2) + "\n" });
  }
  return files;
}
