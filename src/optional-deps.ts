// preview and verify need packages a build-only install does not have: better-sqlite3 (a native addon, for
// the development LRS) and playwright-core (drives Chromium). They are optional peer dependencies, so
// `npm i -D coursewright` never compiles or downloads them; this check turns their absence into one line.
import { createRequire } from "node:module";

export const OPTIONAL_PACKAGES = ["better-sqlite3", "playwright-core"] as const;

const require = createRequire(import.meta.url);

function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** The message for `command` when an optional package is missing, or undefined when all are installed. */
export function missingOptionalPackages(command: string): string | undefined {
  const missing = OPTIONAL_PACKAGES.filter((name) => !installed(name));
  if (missing.length === 0) return undefined;
  const noun = missing.length === 1 ? "package" : "packages";
  return `coursewright ${command} needs the optional ${noun} ${missing.join(" and ")}: npm i -D ${OPTIONAL_PACKAGES.join(" ")}`;
}
