// Feature: the assessment one question at a time (course.yaml `assessmentLayout: one-at-a-time`); in a
// package only when one of its units has such an assessment (src/runtime/features.ts).
import { registerFeature } from "../features-hook.js";
import { renderSteps, stepTo, stepToProblem } from "../ui/question-stepper.js";

registerFeature({
  quiz: (d, quiz, qs) => quiz.graded && renderSteps(d, quiz.id, qs),
  submitted: stepToProblem,
  control(control, cw) {
    const quiz = cw === "step-question" && control.closest<HTMLElement>("[data-stepped]");
    if (quiz) stepTo(quiz, Number(control.dataset["to"]), "fieldset");
  },
});
