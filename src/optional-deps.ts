// preview and verify need packages a build-only install does not have: better-sqlite3 (a native addon, for
// the development LRS), scorm-again (the LMS side of the player page, ~18 MB) and playwright-core (drives
// Chromium, verify only). They are optional peer dependencies, so `npm i -D coursewright` neither compiles
// nor downloads them; this check turns their absence into one line an author can act on.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PACKAGE_ROOT } from "./paths.js";

export type OptionalPeer = "better-sqlite3" | "playwright-core" | "scorm-again";

/** preview: the player (scorm-again, served for every package) and the development LRS. */
export const PREVIEW_PEERS: readonly OptionalPeer[] = ["better-sqlite3", "scorm-again"];

/** Everything verify can need; which of them a package needs is its standard's (Simulation.peers, plus Chromium's driver). */
const VERIFY_PEERS: readonly OptionalPeer[] = ["better-sqlite3", "playwright-core", "scorm-again"];

const require = createRequire(import.meta.url);

function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** `name@range` as package.json declares the peer: a bare name installs the newest release, which may be outside it. */
function installSpec(name: string): string {
  let range: string | undefined;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { peerDependencies?: Record<string, string> };
    range = pkg.peerDependencies?.[name];
  } catch {
    range = undefined;
  }
  const spec = range ? `${name}@${range}` : name;
  // Quoted where a shell would read a character (^ in cmd.exe, < > | everywhere).
  return /^[\w@./-]+$/.test(spec) ? spec : `"${spec}"`;
}

/**
 * The one-line message for `command` when a package it needs is missing, or undefined when all are installed.
 * `needed` defaults to everything the command can need.
 */
export function missingOptionalPackages(command: "preview" | "verify", needed: Iterable<OptionalPeer> = command === "preview" ? PREVIEW_PEERS : VERIFY_PEERS): string | undefined {
  const missing = [...new Set(needed)].sort().filter((name) => !installed(name));
  if (missing.length === 0) return undefined;
  const names = missing.length === 1 ? `package ${missing[0]}` : `packages ${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]}`;
  return `coursewright ${command} needs the optional ${names}: npm i -D ${missing.map(installSpec).join(" ")}`;
}
