// Loads a quiz file (knowledge check or final assessment) into the model.
import { QUESTION_TYPES, type Choice, type Question, type Quiz } from "../model/course.js";
import type { ProblemList } from "./errors.js";
import { questionFileLink } from "./file-links.js";
import { loadDraw } from "./load-draw.js";
import { readText } from "./read-text.js";
import { TextMemo } from "../text-memo.js";
import { defaultChoiceId, questionSchemas, quizSchema, type QuestionInput } from "./schemas.js";
import { didYouMean, nearestName } from "./suggest.js";
import { validate } from "./validate.js";
import { parseYaml, type YamlSource } from "./yaml-source.js";

/** `sessionIds`: the course's sessions, which an assessment's questions may name (`session:`, for a draw per session). */
export function loadQuiz(file: string, id: string, graded: boolean, problems: ProblemList, sessionIds?: readonly string[]): Quiz | undefined {
  const read = readText(file);
  if (!read.ok) {
    problems.addProblem(read.problem);
    return undefined;
  }
  // A quiz is a pure function of its file's text and these arguments: a long-lived process (preview's watch
  // mode) keeps one that loaded without a problem (text-memo.ts), and loads any other again to report it.
  const key = [file, id, graded, sessionIds?.join(" ") ?? "", read.text].join("\0");
  const before = problems.items.length;
  return loaded.get(key, () => quizOf(read.text, file, id, graded, problems, sessionIds), (q) => q !== undefined && problems.items.length === before);
}

const loaded = new TextMemo<Quiz | undefined>(512);

function quizOf(text: string, file: string, id: string, graded: boolean, problems: ProblemList, sessionIds?: readonly string[]): Quiz | undefined {
  const src = parseYaml(text, file, problems);
  if (!src) return undefined;
  const quiz = validate(quizSchema, src.data, src, problems);
  if (!quiz) return undefined;

  const questions: Question[] = [];
  const ids = new Map<string, number>();
  quiz.questions.forEach((raw, i) => {
    const q = checkQuestion(raw, i, src, problems);
    if (!q) return;
    const linked = questionFileLink(q);
    if (linked) problems.add(file, src.lineOf(["questions", i, "prompt"]), `the link to '${linked}' is in a question: links to files of the course are checked and packaged on pages only; link the file from a page`, `questions.${i}`);
    const line = src.lineOf(["questions", i, "id"]);
    const dup = ids.get(q.id);
    if (dup !== undefined) problems.add(file, line, `duplicate question id '${q.id}' (also line ${dup})`, `questions.${i}.id`);
    ids.set(q.id, line);
    questions.push(q);
  });
  const shuffle = quiz.shuffle === undefined ? {} : { shuffle: quiz.shuffle };
  // A pool's draw is checked against the questions as authored: only once every one of them loaded.
  const draw = questions.length === quiz.questions.length ? loadDraw(quiz.draw, questions, { src, problems, graded, ...(sessionIds ? { sessionIds } : {}) }) : undefined;
  return { id, title: quiz.title, ...(quiz.intro ? { intro: quiz.intro } : {}), graded, ...shuffle, questions, ...(draw ? { draw } : {}), source: file };
}

function checkQuestion(raw: unknown, i: number, src: YamlSource, problems: ProblemList): Question | undefined {
  const path = ["questions", i];
  const type = typeof raw === "object" && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type !== "string" || !(QUESTION_TYPES as readonly string[]).includes(type)) {
    // A mistyped 'type' key (`typ:`) is reported as that, at its own line; a mistyped type name gets the nearest one.
    const typo = type === undefined && typeof raw === "object" && raw !== null ? Object.keys(raw).find((k) => nearestName(k, ["type"])) : undefined;
    if (typo !== undefined) {
      problems.add(src.file, src.keyLineOf([...path, typo]), `unknown field '${typo}'${didYouMean("type")}`, `questions.${i}.${typo}`);
      return undefined;
    }
    const what = type === undefined ? "has no 'type'" : `has unknown type ${JSON.stringify(type)}`;
    const hint = typeof type === "string" ? didYouMean(nearestName(type, QUESTION_TYPES)) : "";
    problems.add(src.file, src.lineOf([...path, "type"]), `question ${what}; expected one of: ${QUESTION_TYPES.join(", ")}${hint}`, `questions.${i}.type`);
    return undefined;
  }
  const schema = questionSchemas[type as keyof typeof questionSchemas];
  const input = validate<QuestionInput>(schema, raw, src, problems, path);
  if (!input) return undefined;
  return toModel(input, i, src, problems);
}

function toModel(q: QuestionInput, i: number, src: YamlSource, problems: ProblemList): Question | undefined {
  const common = {
    id: q.id,
    prompt: q.prompt,
    feedback: q.feedback ?? {},
    points: q.points ?? 1,
    ...(q.shuffle === undefined ? {} : { shuffle: q.shuffle }),
    ...(q.reference ? { reference: q.reference } : {}),
    ...(q.tags ? { tags: q.tags } : {}),
    ...(q.session ? { session: q.session } : {}),
  };
  const where = (field: string): [number, string] => [src.lineOf(["questions", i, field]), `questions.${i}.${field}`];
  const duplicates = (values: readonly string[], field: string, what: string): boolean => {
    const dup = values.find((v, k) => values.indexOf(v) !== k);
    if (dup === undefined) return false;
    const [line, f] = where(field);
    problems.add(src.file, line, `duplicate ${what} '${dup}'`, f);
    return true;
  };
  switch (q.type) {
    case "single-choice":
    case "multiple-response": {
      const choices: Choice[] = q.choices.map((c, k) => ({
        id: c.id ?? defaultChoiceId(k),
        text: c.text,
        correct: c.correct === true,
        ...(c.feedback ? { feedback: c.feedback } : {}),
      }));
      const correct = choices.filter((c) => c.correct).length;
      const [line, field] = where("choices");
      if (q.type === "single-choice" && correct !== 1) {
        problems.add(src.file, line, `a single-choice question needs exactly one choice with 'correct: true' (found ${correct})`, field);
        return undefined;
      }
      if (correct === 0) {
        problems.add(src.file, line, "a multiple-response question needs at least one choice with 'correct: true'", field);
        return undefined;
      }
      if (duplicates(choices.map((c) => c.id), "choices", "choice id") || duplicates(choices.map((c) => c.text), "choices", "choice")) return undefined;
      return { ...common, type: q.type, choices };
    }
    case "true-false":
      return { ...common, type: q.type, answer: q.answer };
    case "matching":
      if (duplicates(q.pairs.map((p) => p.source), "pairs", "source") || duplicates(q.pairs.map((p) => p.target), "pairs", "target")) return undefined;
      return { ...common, type: q.type, pairs: q.pairs };
    case "sequencing":
      if (duplicates(q.items, "items", "item")) return undefined;
      return { ...common, type: q.type, items: q.items };
    case "fill-in":
      return { ...common, type: q.type, answers: q.answers };
  }
}
