// A tracking standard, as one module: everything Coursewright knows about it lives in its folder
// (src/standards/<id>/) and is reached through this interface, listed once in registry.ts. Build, CLI,
// preview, the player and verify iterate the registry; none of them names a standard.
import type { Packager } from "./packager.js";

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
}
