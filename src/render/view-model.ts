// Course model + unit → the plain object the Handlebars templates render (the templates' contract).
import type { Course, Question, Quiz } from "../model/course.js";
import { ASSESSMENT_ID, CHECK_PAGE_ID, type RuntimeCourse } from "../model/runtime-data.js";
import type { Unit } from "../model/units.js";
import { completionView, coverView, type CompletionView, type CoverView } from "./journey-view.js";
import { plainText, renderInline, renderPage } from "./markdown.js";
import { fnv1a } from "../model/hash.js";
import { Words } from "./words.js";

export interface PageView {
  readonly index: number;
  readonly id: string;
  readonly domId: string;
  readonly title: string;
  readonly html?: string;
  readonly quiz?: QuizView;
  readonly isCheck: boolean;
  readonly isAssessment: boolean;
  readonly sessionTitle: string;
  readonly position: string;
}

export interface QuizView {
  readonly id: string;
  readonly title: string;
  readonly introHtml?: string;
  readonly graded: boolean;
  readonly questions: readonly QuestionView[];
  readonly masteryScore: number;
  /** The pass mark as the learner reads it, e.g. "80%", "80 %" (formatted for the course's language). */
  readonly passMark: string;
  readonly maxAttempts: number;
  /** The assessment shows one question at a time (course.yaml `assessmentLayout`). */
  readonly stepped: boolean;
  /** The questions are a pool: an attempt shows a draw of them (quiz file `draw:`). */
  readonly pooled: boolean;
}

/** Deterministic shuffle (seeded by the question id) that never leaves the items in their correct order. */
export function shuffledIndexes(n: number, seed: string): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = parseInt(fnv1a(seed), 36) || 1;
  const rand = (): number => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  if (n > 1 && order.every((v, i) => v === i)) order.push(order.shift() ?? 0);
  return order;
}

export type QuestionView = ReturnType<typeof questionView>;

function questionView(quiz: Quiz, q: Question, index: number, stepped: boolean) {
  const domId = `q-${quiz.id}-${q.id}`;
  const count = quiz.questions.length;
  const common = {
    quizId: quiz.id,
    index,
    number: index + 1,
    // A pool's question shows only when an attempt draws it, numbered then (runtime/ui/pool-view.ts).
    pooled: Boolean(quiz.draw),
    // One at a time: where the question stands in the assessment, and the steps either side of it.
    ...(stepped ? { of: count, ...(index > 0 ? { prev: index - 1 } : {}), ...(index + 1 < count ? { next: index + 1 } : {}) } : {}),
    type: q.type,
    partial: `question-${q.type}`,
    domId,
    promptHtml: renderInline(q.prompt),
    points: q.points,
    graded: quiz.graded,
    feedbackCorrect: q.feedback.correct ? renderInline(q.feedback.correct) : undefined,
    feedbackIncorrect: q.feedback.incorrect ? renderInline(q.feedback.incorrect) : undefined,
  };
  switch (q.type) {
    case "single-choice":
    case "multiple-response":
      return {
        ...common,
        multiple: q.type === "multiple-response",
        choices: q.choices.map((c, i) => ({
          index: i,
          inputId: `${domId}-${c.id}`,
          html: renderInline(c.text),
          feedbackHtml: c.feedback ? renderInline(c.feedback) : undefined,
        })),
      };
    case "true-false":
      return common;
    case "matching": {
      const targets = shuffledIndexes(q.pairs.length, domId).map((t) => ({ index: t, text: plainText(q.pairs[t]?.target ?? "") }));
      return {
        ...common,
        sources: q.pairs.map((p, i) => ({ index: i, selectId: `${domId}-s${i}`, html: renderInline(p.source) })),
        targets,
      };
    }
    case "sequencing":
      return {
        ...common,
        items: shuffledIndexes(q.items.length, domId).map((i) => ({ index: i, html: renderInline(q.items[i] ?? ""), text: plainText(q.items[i] ?? "") })),
      };
    case "fill-in":
      return { ...common, inputId: `${domId}-text` };
  }
}

/** The quiz is shown one question at a time (the runtime's question-stepper feature, src/runtime/features.ts). */
export const isStepped = (course: Course, quiz: Quiz): boolean => quiz.graded && course.assessmentLayout === "one-at-a-time" && quiz.questions.length > 1;

function quizView(course: Course, quiz: Quiz, words: Words): QuizView {
  const stepped = isStepped(course, quiz);
  return {
    id: quiz.id,
    title: quiz.title,
    ...(quiz.intro ? { introHtml: renderInline(quiz.intro) } : {}),
    graded: quiz.graded,
    questions: quiz.questions.map((q, i) => questionView(quiz, q, i, stepped)),
    masteryScore: course.masteryScore,
    passMark: words.percent(course.masteryScore),
    maxAttempts: course.maxAttempts,
    stepped,
    pooled: Boolean(quiz.draw),
  };
}

export interface UnitView {
  readonly lang: string;
  /** Writing direction of the course's language (`rtl` for Arabic, Hebrew, Persian, Urdu …): `<html dir>`. */
  readonly dir: "ltr" | "rtl";
  /** The course's strings, for the templates' `t` helper (render/templates.ts). */
  readonly words: Words;
  readonly course: { readonly title: string; readonly description: string; readonly version: string };
  readonly unit: { readonly id: string; readonly title: string; readonly single: boolean };
  readonly sessions: readonly SessionView[];
  readonly pages: readonly PageView[];
  /** Whole-course units only. */
  readonly cover?: CoverView;
  readonly completion: CompletionView;
  /** The assessment is locked until every counted session is complete (course.yaml `requireSessions`). */
  readonly gated: boolean;
  readonly data: RuntimeCourse;
  readonly stylesheet: string;
  readonly script: string;
}

export interface SessionView {
  readonly index: number;
  readonly id: string;
  readonly title: string;
  /** "Session 6" (sessionLabel) for a counted session (the course-wide number); empty for the assessment. */
  readonly label: string;
  readonly counts: boolean;
  readonly summary: string;
  readonly pages: readonly PageView[];
  /** Flat index of the session's first page. */
  readonly first: number;
}

export function unitView(course: Course, unit: Unit, data: RuntimeCourse, files: { stylesheet: string; script: string }): UnitView {
  const words = Words.of(course);
  const pages: PageView[] = [];
  const sessions = data.sessions.map((rs, si): SessionView => {
    const session = unit.sessions.find((s) => s.id === rs.id);
    const label = session ? words.text("sessionLabel", course.sessions.indexOf(session) + 1) : "";
    const first = pages.length;
    const sessionPages = rs.pages.map((pageId, pi) => {
      const base = {
        index: pages.length,
        id: pageId,
        domId: `page-${rs.id}-${pageId}`,
        sessionTitle: session ? words.text("sessionHeading", label, session.title) : rs.title,
        position: words.text("pagePosition", pi + 1, rs.pages.length),
      };
      let view: PageView;
      if (rs.id === ASSESSMENT_ID && unit.assessment) {
        view = { ...base, title: unit.assessment.title, quiz: quizView(course, unit.assessment, words), isCheck: false, isAssessment: true };
      } else if (pageId === CHECK_PAGE_ID && session?.check) {
        view = { ...base, title: session.check.title, quiz: quizView(course, session.check, words), isCheck: true, isAssessment: false };
      } else {
        const page = session?.pages.find((p) => p.id === pageId);
        view = { ...base, title: page?.title ?? pageId, html: page ? renderPage(page, words, base.domId) : "", isCheck: false, isAssessment: false };
      }
      pages.push(view);
      return view;
    });
    return { index: si, id: rs.id, title: session?.title ?? rs.title, label, counts: rs.counts, summary: session?.summary ?? "", pages: sessionPages, first };
  });
  const cover = coverView(course, unit, words);
  // A session unit's title names the session as its pages do, in the course's language (the LMS's item
  // titles are the unit's own, model/units.ts).
  const only = unit.id !== "course" && unit.sessions.length === 1 ? sessions[0] : undefined;
  const title = only?.label ? words.text("sessionHeading", only.label, only.title) : unit.title;
  return {
    lang: course.language,
    dir: words.dir,
    words,
    course: { title: course.title, description: course.description, version: course.version },
    unit: { id: unit.id, title, single: unit.id === "course" },
    sessions,
    pages,
    ...(cover ? { cover } : {}),
    completion: completionView(course, unit, pages.length, words),
    gated: course.requireSessions && Boolean(unit.assessment) && unit.sessions.length > 0,
    data,
    ...files,
  };
}
