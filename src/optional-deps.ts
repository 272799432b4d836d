// preview and verify need packages a build-only install does not have: better-sqlite3 (a native addon, for
// the development LRS), scorm-again (the LMS side of the player page, ~18 MB) and playwright-core (drives
// Chromium, verify only). They are optional peer dependencies, so `npm i -D coursewright` neither compiles
// nor downloads them; this check turns their absence into one line an author can act on.
import { createRequire } from "node:module";

const NEEDS: Record<string, readonly string[]> = {
  preview: ["better-sqlite3", "scorm-again"],
  verify: ["better-sqlite3", "playwright-core", "scorm-again"],
};

/** What `npm i -D` needs for both commands. */
const ALL = ["better-sqlite3", "playwright-core", "scorm-again"];

const require = createRequire(import.meta.url);

function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** The message for `command` when a package it needs is missing, or undefined when all are installed. */
export function missingOptionalPackages(command: string): string | undefined {
  const missing = (NEEDS[command] ?? []).filter((name) => !installed(name));
  if (missing.length === 0) return undefined;
  const names = missing.length === 1 ? `package ${missing[0]}` : `packages ${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]}`;
  return `coursewright ${command} needs the optional ${names}: npm i -D ${ALL.join(" ")}`;
}
