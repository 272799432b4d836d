// Feature: a question pool (an assessment's `draw:`); in a package only when one of its units has a pooled
// assessment (src/runtime/features.ts). Registered before the stepper, which counts the steps it leaves shown.
import { registerFeature } from "../features-hook.js";
import { renderDraw } from "../ui/pool-view.js";

registerFeature({ quiz: renderDraw });
