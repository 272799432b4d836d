// The registry of packaging targets. Adding a standard = one entry here + its folder.
import { scorm12Target } from "./scorm12/target.js";
import type { Target } from "./target.js";

export const TARGETS: Readonly<Record<string, Target>> = {
  scorm12: scorm12Target,
};

export const TARGET_IDS = Object.keys(TARGETS);
