// The author's package.json. A folder that already has one (the usual order is `npm i -D coursewright`,
// then `npx coursewright init`) keeps it: init adds the scripts and the dev dependency it lacks and changes
// nothing else. A script of the same name with another command is a conflict, replaced only with --force.

export type JsonObject = { [key: string]: unknown };

import type { MergePlan } from "./merge-plan.js";

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

export function newPackageJson(fields: JsonObject): string {
  return JSON.stringify(fields, null, 2) + "\n";
}

/** What to do with an existing package.json, given the one the scaffold would write. */
export function mergePackageJson(existingText: string, wanted: JsonObject, force: boolean): MergePlan {
  let existing: unknown;
  try {
    existing = JSON.parse(existingText);
  } catch (err) {
    return { kind: "conflict", message: `is not valid JSON (${err instanceof Error ? err.message : String(err)}); fix or remove it; nothing was written` };
  }
  if (!isObject(existing)) return { kind: "conflict", message: "is not a JSON object; fix or remove it; nothing was written" };
  const scripts = existing.scripts ?? {};
  if (!isObject(scripts)) return { kind: "conflict", message: "has a \"scripts\" field that is not an object; fix it; nothing was written" };
  const merged: JsonObject = { ...existing, scripts: { ...scripts } };
  const mergedScripts = merged.scripts as JsonObject;
  const added: string[] = [];
  for (const [name, command] of Object.entries((wanted.scripts ?? {}) as JsonObject)) {
    if (mergedScripts[name] === command) continue;
    if (name in mergedScripts && !force) {
      return { kind: "conflict", message: `has a script '${name}' that runs something else ('${String(mergedScripts[name])}'); nothing was written (run 'coursewright init --force' to replace it)` };
    }
    mergedScripts[name] = command;
    added.push(`script ${name}`);
  }
  // Coursewright installed already (as a dependency of any kind) stays at the version the author chose.
  const installed = ["dependencies", "devDependencies"].some((f) => isObject(existing[f]) && "coursewright" in (existing[f] as JsonObject));
  if (!installed) {
    const dev = existing.devDependencies ?? {};
    if (!isObject(dev)) return { kind: "conflict", message: "has a \"devDependencies\" field that is not an object; fix it; nothing was written" };
    merged.devDependencies = { ...dev, ...(wanted.devDependencies as JsonObject) };
    added.push("devDependency coursewright");
  }
  return added.length ? { kind: "write", data: newPackageJson(merged), added } : { kind: "unchanged" };
}
