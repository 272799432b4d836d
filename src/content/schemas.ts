// The authoring formats of course.yaml and quiz files, as zod schemas.
// They validate content and are exported as JSON Schema for editor autocompletion.
import { z } from "zod";
import { ASSESSMENT_LAYOUTS, DRAW_PER, PLURAL_CATEGORIES, QUESTION_TYPES, REPORTING_OPTIONS, SHOW_ANSWERS, type LocaleString, type PluralCategory } from "../model/course.js";
import { readLocale, SOURCE_LOCALE } from "./locales.js";
import { themeSchema } from "./theme-schema.js";

export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const identifier = z
  .string()
  .regex(IDENTIFIER, "must be 1–64 letters, digits, '-' or '_', starting with a letter or digit");
const text = z.string().trim().min(1, "must not be empty");

/**
 * A number an LMS reads back as written: at most two decimals, so `String(n)` is plain decimal notation
 * (never `1e-7`) — what an LMS's decimal fields and a person reading the report expect.
 */
const decimal = (schema: z.ZodNumber, range: string): z.ZodType<number> =>
  schema
    .refine((n) => Math.round(n * 100) / 100 === n, `must be a decimal number with at most 2 decimal places, ${range}`)
    .meta({ multipleOf: 0.01 });

/** A whole number in a range. Checked as a value (not zod's int(), which calls 1e20 "not a whole number"). */
const count = (min: number, max: number, messages: { min: string; max: string }): z.ZodType<number> =>
  z
    .number()
    .min(min, messages.min)
    .max(max, messages.max)
    .refine(Number.isInteger, "must be a whole number")
    .meta({ type: "integer" });

/** Slugs name package files (`<slug>-<standard>.zip`), which must fit a file name everywhere. */
export const SLUG_MAX = 64;
/** Assessment attempts a course may allow: more is not a limit any learner meets, and stays a safe integer. */
export const MAX_ATTEMPTS_MAX = 100;

/**
 * Choices of a question: as many as there are default choice ids, the 26 letters then the 10 digits by
 * position (`defaultChoiceId`). What a standard can carry beyond that (e.g. ids of one character) is its own
 * limit, checked only when that standard is built.
 */
export const CHOICES_MAX = 36;
/** Matching pairs: the runtime names sources (and sequencing items) a–z by position. */
export const PAIRS_MAX = 26;
/** Sequencing items: a list a learner can still reorder with Up and Down buttons. */
export const ITEMS_MAX = 10;

/** The id of the choice at `index` when the author gives none: a, b, … z, then 0 … 9. */
export const defaultChoiceId = (index: number): string => (index < 26 ? String.fromCharCode(97 + index) : String(index - 26));

/** An absolute IRI with a scheme and something after it (the ids of the course's parts hang below it). */
const iri = z
  .string()
  // No /i flag: JSON Schema patterns cannot carry flags, and the exported schema must accept what the loader accepts.
  .regex(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/]+(\/\S*)?$/, "must be an absolute IRI your organisation controls, e.g. https://learning.example.org/courses/my-course")
  .refine((s) => !s.endsWith("/"), "must not end with '/'")
  .refine((s) => !/[?#]/.test(s), "must not contain '?' or '#'");

/**
 * course.yaml `strings:`: the course's own words for any string the pages show, by the keys of
 * locales/en.yaml (an unknown key is an unknown field, with the nearest key suggested); a count's string is
 * given per plural category. Each key's English is its description, for editor autocompletion. Which
 * categories the course's language has, and the placeholders each text may use, are checked with the
 * language (content/load-strings.ts).
 */
const pluralForms: z.ZodType<Partial<Record<PluralCategory, string>>> = z.strictObject(Object.fromEntries(PLURAL_CATEGORIES.map((c) => [c, text.optional()])));
const stringShape: Record<string, z.ZodType<LocaleString | undefined>> = Object.fromEntries(
  Object.entries(readLocale(SOURCE_LOCALE)).map(([key, en]) =>
    typeof en === "string"
      ? [key, text.optional().describe(en)]
      : [key, pluralForms.optional().describe(`One text per plural category of the course's language, e.g. other: ${en.other ?? ""}`)],
  ),
);
export const stringsSchema = z.strictObject(stringShape);

export const courseSchema = z
  .strictObject({
    id: iri.describe("IRI of the course, under a domain your organisation controls"),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by '-', e.g. my-course")
      .max(SLUG_MAX, `must be at most ${SLUG_MAX} characters (it names the package files)`)
      .describe("File-name part of the packages"),
    title: text,
    description: text,
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language tag such as en or en-GB"),
    version: z.string().min(1, "must not be empty").describe("Course version; quote it: \"1.0\""),
    reporting: z.enum(REPORTING_OPTIONS).describe("The pair of LMS statuses the course reports"),
    masteryScore: decimal(z.number().min(0, "must be between 0 and 100").max(100, "must be between 0 and 100"), "between 0 and 100")
      .describe("Pass mark of the final assessment in percent"),
    maxAttempts: count(0, MAX_ATTEMPTS_MAX, { min: "must be 0 (unlimited) or more", max: `must be at most ${MAX_ATTEMPTS_MAX} (or 0 for unlimited attempts)` })
      .describe("Final assessment submissions allowed; 0 = unlimited"),
    sessions: z.array(z.string().min(1)).min(1, "must list at least one session file")
      .describe("Session Markdown files, relative to course.yaml, in order"),
    assessment: z.string().min(1).optional().describe("Final assessment quiz file, relative to course.yaml"),
    estimatedMinutes: count(1, 6000, { min: "must be at least 1 (minutes)", max: "must be at most 6000 (minutes)" })
      .optional()
      .describe("Time the course takes, in minutes, shown on the cover; default: estimated from its words and questions"),
    showAnswers: z.enum(SHOW_ANSWERS).default("after-last-attempt")
      .describe("When the final assessment shows the correct answers: never, after-last-attempt (default) or always"),
    assessmentLayout: z.enum(ASSESSMENT_LAYOUTS).default("all-questions")
      .describe("The final assessment's questions all on its page (default) or one at a time with Previous/Next"),
    requireSessions: z.boolean().default(true)
      .describe("The final assessment opens only once every session is complete (default true)"),
    shuffle: z.boolean().default(true)
      .describe("Shuffle choices and matching targets, per learner attempt (default true); a quiz or question may say otherwise"),
    certificate: z.boolean().default(false)
      .describe("Offer a printable certificate on the completion page (default false)"),
    theme: themeSchema.optional().describe("Colours, logo, font, light/dark mode and corner radius"),
    strings: stringsSchema.optional()
      .describe("The course's own words in place of Coursewright's, by key (locales/en.yaml lists every key and where it shows)"),
  })
  .describe("Coursewright course.yaml");

export type CourseInput = z.infer<typeof courseSchema>;

export const sessionFrontMatterSchema = z.strictObject({
  id: identifier,
  title: text,
  summary: text,
  check: z.string().min(1).optional(),
});

const feedback = z.strictObject({ correct: text.optional(), incorrect: text.optional() });
const base = {
  id: identifier,
  prompt: text,
  feedback: feedback.optional(),
  points: decimal(z.number().positive("must be more than 0").max(100, "must be 100 or less"), "more than 0 and at most 100, e.g. 1 or 2.5").optional(),
  shuffle: z.boolean().optional().describe("Shuffle this question's choices or matching targets; default: the quiz's, then the course's"),
  reference: text.optional().describe("Where in the course text the question is grounded; for authors and reviewers, never shown"),
  tags: z.array(identifier).min(1, "must list at least one tag").optional()
    .describe("The question's group for a final assessment's draw per tag (one tag each)"),
  session: identifier.optional().describe("Id of the course session the question is about, for a final assessment's draw per session"),
};
const choices = z
  .array(z.strictObject({ id: identifier.optional(), text, correct: z.boolean().optional(), feedback: text.optional() }))
  .min(2, "needs at least 2 choices")
  .max(CHOICES_MAX, `may have at most ${CHOICES_MAX} choices`);

export const questionSchemas = {
  "single-choice": z.strictObject({ ...base, type: z.literal("single-choice"), choices }),
  "multiple-response": z.strictObject({ ...base, type: z.literal("multiple-response"), choices }),
  "true-false": z.strictObject({ ...base, type: z.literal("true-false"), answer: z.boolean() }),
  matching: z.strictObject({
    ...base,
    type: z.literal("matching"),
    pairs: z.array(z.strictObject({ source: text, target: text })).min(2, "needs at least 2 pairs").max(PAIRS_MAX, `may have at most ${PAIRS_MAX} pairs`),
  }),
  sequencing: z.strictObject({
    ...base,
    type: z.literal("sequencing"),
    items: z.array(text).min(2, "needs at least 2 items").max(ITEMS_MAX, `may have at most ${ITEMS_MAX} items`),
  }),
  "fill-in": z.strictObject({
    ...base,
    type: z.literal("fill-in"),
    answers: z.array(text.max(250, "must be at most 250 characters")).min(1, "needs at least one accepted answer"),
  }),
} as const satisfies Record<(typeof QUESTION_TYPES)[number], z.ZodType>;

const anyQuestion = z.discriminatedUnion("type", [
  questionSchemas["single-choice"],
  questionSchemas["multiple-response"],
  questionSchemas["true-false"],
  questionSchemas.matching,
  questionSchemas.sequencing,
  questionSchemas["fill-in"],
]);
export type QuestionInput = z.infer<typeof anyQuestion>;

/** Questions a pool's draw may name: far above any assessment a learner sits. */
export const DRAW_MAX = 1000;
/** A draw's count: of the whole pool or of each group (`drawGroupCount`: of one group, which may be 0). */
export const drawCount = count(1, DRAW_MAX, { min: "must draw at least 1 question", max: `must be at most ${DRAW_MAX}` });
export const drawGroupCount = count(0, DRAW_MAX, { min: "must be 0 (none of the group) or more", max: `must be at most ${DRAW_MAX}` });
export const drawCountMap = z.record(identifier, drawGroupCount);
/** `draw: { count, per }`; `count` is checked on its own (load-draw.ts), as a number or a count per group. */
export const drawObjectSchema = z.strictObject({
  count: z.unknown().describe("Questions each attempt shows: of the pool, of each group (with per), or by group name"),
  per: z.enum(DRAW_PER).optional().describe("Draw the count from each tag or each session (questions' tags / session)"),
});
const drawJsonSchema = z
  .union([drawCount, drawObjectSchema.extend({ count: z.union([drawCount, drawCountMap]) })])
  .describe("The questions are a pool: each attempt shows this many of them (final assessment only)");

/** Quiz file shape; `questions` items (and `draw`) are checked one by one (see load-quiz.ts) for precise messages. */
export const quizSchema = z
  .strictObject({
    title: text,
    intro: text.optional(),
    shuffle: z.boolean().optional().describe("Shuffle choices and matching targets in this quiz; default: the course's"),
    draw: z.unknown().optional(),
    questions: z.array(z.unknown()).min(1, "must have at least one question"),
  })
  .describe("Coursewright quiz file (knowledge check or final assessment)");

/** The same file with typed questions, for the published JSON Schema. */
export const quizJsonSchemaSource = quizSchema.extend({ draw: drawJsonSchema.optional(), questions: z.array(anyQuestion).min(1) });
