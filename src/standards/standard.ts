// A tracking standard, as one module: everything Coursewright knows about it lives in its folder
// (src/standards/<id>/) and is reached through this interface, listed once in registry.ts. Build, CLI,
// preview, the player and verify iterate the registry; none of them names a standard.
import type { Packager } from "./packager.js";
import type { PackageReader } from "./reader.js";
import type { Simulation } from "./simulation.js";
import type { VerifyRules } from "./verify-rules.js";

export interface Standard {
  /** `--target` name and the prebuilt runtime's file name (runtime/<id>.js). */
  readonly id: string;
  /** Older `--target` names that still select this standard. */
  readonly aliases: readonly string[];
  /** How people name it ("SCORM 1.2"). */
  readonly title: string;
  /** npm scripts `coursewright init` writes for this standard alone (`build:scorm` → `build --target <id>`). */
  readonly npmScripts: readonly string[];
  readonly packager: Packager;
  /** Recognises its packages (ours or another tool's) and reads their launch units: verify and the player. */
  readonly reader?: PackageReader;
  /** Its LMS/LRS in the LMS-like player: preview offers a standard that has one. */
  readonly simulation?: Simulation;
  /** Its rules for `coursewright verify`, loaded only by verify (`() => import(…)`): build never loads them. */
  readonly verify?: () => Promise<VerifyRules>;
}
