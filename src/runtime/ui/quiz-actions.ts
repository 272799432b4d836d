// What the learner does with questions: answer (kept in state), check a knowledge-check question, submit
// an assessment attempt, retake. Each reports through `commit` with the events it caused.
import { ASSESSMENT_ID, type RuntimeCourse, type RuntimeQuestion, type RuntimeQuiz } from "../../model/runtime-data.js";
import { isComplete, isCorrect, type Answer } from "../core/answers.js";
import { revealsKey, startRetake, submitAttempt, type AssessmentRules } from "../core/assessment.js";
import { drawn } from "../core/draw.js";
import type { LearnerState, QuizState } from "../core/state.js";
import type { LearnerEvent } from "../tracking/tracker.js";
import type { AnswerClock } from "./answer-clock.js";
import { $, announce, focusFirst } from "./dom.js";
import { hideFeedback, questionElement, readAnswer, setState, showFeedback, showProblem } from "./question-dom.js";
import { flagDuplicates } from "./question-marks.js";
import { markDone, renderQuiz } from "./quiz-view.js";
import { resultText } from "./results-view.js";
import { say } from "../core/messages.js";

export interface QuizContext {
  readonly doc: Document;
  readonly course: RuntimeCourse;
  readonly rules: AssessmentRules;
  readonly clock: AnswerClock;
  readonly state: LearnerState;
  commit(events: LearnerEvent[]): void;
}

/** The quiz `quizId` and its state, when both exist. */
function quizOf(ctx: QuizContext, quizId = ""): [RuntimeQuiz, QuizState] | [] {
  const quiz = ctx.course.quizzes[quizId];
  const qs = ctx.state.quizzes[quizId];
  return quiz && qs ? [quiz, qs] : [];
}

/** The question `el` shows: its quiz, its index there, the question, and that quiz's state. */
type Found = [quiz: RuntimeQuiz, index: number, q: RuntimeQuestion, qs: QuizState];

function questionOf(ctx: QuizContext, el: HTMLElement): Found | undefined {
  const [quiz, qs] = quizOf(ctx, el.dataset.quiz);
  const index = Number(el.dataset.question);
  const q = quiz?.questions[index];
  return q && qs ? [quiz, index, q, qs] : undefined;
}

/** The learner changed an answer: kept in state; it reaches the LMS with the next commit or on page hide. */
export function captureAnswer(ctx: QuizContext, el: HTMLElement): void {
  const found = questionOf(ctx, el);
  if (!found) return;
  const [quiz, index, q, qs] = found;
  if (quiz.graded && qs.submitted) return;
  // A changed answer is not the checked one any more: its marks go (the card is "answered" again).
  hideFeedback(el);
  ctx.clock.changed(`${quiz.id}/${index}`);
  const a = (qs.answers[index] = readAnswer(el, q));
  flagDuplicates(el);
  setState(el, q, a);
}

export function checkAnswer(ctx: QuizContext, el: HTMLElement): void {
  const found = questionOf(ctx, el);
  if (!found) return;
  const [quiz, index, q, qs] = found;
  const answer = readAnswer(el, q);
  if (!isComplete(q, answer)) {
    const problem = say(ctx.course, q.type === "matching" ? "checkMatch" : "checkAnswer");
    showProblem(el, problem);
    announce(ctx.doc, problem);
    return;
  }
  const event = answerEvent(ctx, quiz, index, q, answer);
  // The answer is the stored one already (captureAnswer keeps every change).
  qs.checked[index] = true;
  announce(ctx.doc, showFeedback(el, q, answer, revealsKey(ctx.rules, quiz, qs), ctx.course));
  if (event.correct) {
    markDone(el, ctx.course);
    // Check is disabled now: focus goes to the verdict beside it, not to the page's start.
    el.querySelector<HTMLElement>("[data-mark]")?.focus();
  }
  ctx.commit([event]);
}

type AnswerEvent = Extract<LearnerEvent, { kind: "answer" }>;

function answerEvent(ctx: QuizContext, quiz: RuntimeQuiz, index: number, q: RuntimeQuestion, answer: Answer): AnswerEvent {
  // Each question's own time and latency, not the submit's (see answer-clock.ts).
  const [at, latencyMs] = ctx.clock.timing(`${quiz.id}/${index}`, quiz.graded);
  return {
    kind: "answer",
    quizId: quiz.id,
    objective: ctx.course.sessions.find((s) => s.check === quiz.id)?.id ?? ASSESSMENT_ID,
    graded: quiz.graded,
    question: q,
    answer,
    correct: isCorrect(q, answer),
    latencyMs,
    at: new Date(at),
  };
}

export function submitAssessment(ctx: QuizContext, quizId: string): void {
  const { doc, course } = ctx;
  const [quiz, qs] = quizOf(ctx, quizId);
  if (!quiz || !qs || qs.submitted) return;
  // The answer events come before the attempt is recorded (its answers replace the stored ones).
  const events: LearnerEvent[] = [];
  /** The first question still to answer. */
  let missing = -1;
  // Each shown question's answer (a pool's others have none), and beside it what is still to answer (none left
  // over from an earlier refusal). `missing` is a place among the shown questions, as their numbers are.
  const shown = drawn(quiz, qs.seed);
  const answers: (Answer | null)[] = quiz.questions.map(() => null);
  shown.forEach((i, n) => {
    const q = quiz.questions[i];
    const el = questionElement(doc, quizId, i);
    if (!q) return;
    const a = (answers[i] = el && readAnswer(el, q));
    const complete = isComplete(q, a);
    if (el) showProblem(el, complete ? null : say(course, q.type === "matching" ? "submitMatch" : "submitAnswer"));
    if (complete) events.push(answerEvent(ctx, quiz, i, q, a));
    else if (missing < 0) missing = n;
  });
  if (missing >= 0) {
    announce(doc, say(course, "submitMissing", missing + 1));
    focusFirst(questionElement(doc, quizId, shown[missing] ?? 0));
    return;
  }
  const result = submitAttempt(ctx.rules, quiz, qs, answers);
  if (!result) return;
  events.push({ kind: "attempt", quizId, ...result, durationMs: Date.now() - ctx.clock.shownAt });
  ctx.commit(events);
  renderQuiz(doc, quiz, qs, ctx.rules, course);
  $(doc, "results")?.querySelector<HTMLElement>("h2")?.focus();
  announce(doc, resultText(ctx.rules, qs, course));
}

export function retake(ctx: QuizContext, quizId: string): void {
  const [quiz, qs] = quizOf(ctx, quizId);
  if (!quiz || !qs || !startRetake(ctx.rules, quiz, qs)) return;
  ctx.commit([]);
  renderQuiz(ctx.doc, quiz, qs, ctx.rules, ctx.course);
  ctx.clock.shown(true);
  focusFirst(questionElement(ctx.doc, quizId, drawn(quiz, qs.seed)[0] ?? 0));
}
