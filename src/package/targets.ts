// The registry of packaging targets. Adding a standard = one entry here + its folder.
import { scorm12Target } from "./scorm12/target.js";
import type { Target } from "./target.js";
import { xapiTarget } from "./xapi/target.js";

export const TARGETS: Readonly<Record<string, Target>> = {
  scorm12: scorm12Target,
  xapi: xapiTarget,
};

export const TARGET_IDS = Object.keys(TARGETS);
