// Feature: a question pool (an assessment's `draw:`); in a package only when one of its units has a pooled
// assessment (src/runtime/features.ts). Registered before the stepper, which counts the steps it leaves shown.
import type { RuntimeCourse } from "../../model/runtime-data.js";
import { registerFeature } from "../features-hook.js";
import { renderDraw } from "../ui/pool-view.js";

let course: RuntimeCourse | undefined;
registerFeature({
  start: (c) => void (course = c.p.course),
  quiz: (d, quiz, qs) => course && renderDraw(d, quiz, qs, course),
});
