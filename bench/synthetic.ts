// Synthetic course generator for the scale benchmark: N sessions × M pages × K questions per knowledge check,
// plus a final assessment. The text is generated from a seeded PRNG, so every run writes the same bytes, yet
// no two pages are alike (varied sentences, sub-headings, lists, callouts, quotes, emphasis and links), so
// zip sizes compress like prose and not like repeated boilerplate. Every knowledge check cycles through all
// six question types of docs/authoring.md; the output is valid for src/content/load-course.ts.
import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { QUESTION_TYPES, type QuestionType } from "../src/model/course.js";
import { slugify } from "../src/content/pages.js";

export interface SyntheticShape {
  readonly sessions: number;
  readonly pagesPerSession: number;
  /** Questions per knowledge check (every session has one); types cycle through all six. */
  readonly questionsPerCheck: number;
  /** Questions of the final assessment (0 = no assessment). */
  readonly assessmentQuestions: number;
  readonly seed?: number;
}

export interface SyntheticCourse {
  readonly dir: string;
  readonly pages: number;
  readonly sessions: number;
  readonly questions: number;
  /** Bytes of Markdown and YAML written. */
  readonly sourceBytes: number;
}

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  "a peer worker", "the person we support", "every member of the team", "a good supervisor", "the group", "someone in recovery",
  "each learner", "a trusted colleague", "the service", "a family member", "a new volunteer", "the facilitator", "someone in crisis",
  "an experienced mentor", "the wider organisation", "a community group", "the team", "a worker on their first shift",
];
const VERBS = [
  "can notice", "often describes", "learns to recognise", "is encouraged to share", "may find", "slowly builds", "reflects on",
  "talks openly about", "keeps in mind", "works towards", "explores", "agrees on", "pays attention to", "comes back to", "writes down",
  "questions", "values", "makes room for", "checks in about", "learns from",
];
const OBJECTS = [
  "the difference between hope and expectation", "small steps that lead to lasting change", "their own strengths and resources",
  "the limits of the role", "what recovery means to them", "the language that labels people", "a plan for difficult days",
  "the power imbalance in a helping relationship", "the value of lived experience", "boundaries that protect everyone",
  "choices that carry some risk", "the story behind a diagnosis", "moments of connection", "the pace that feels right",
  "signs that someone needs more support", "the wellbeing of the worker", "feedback from the people who use the service",
  "the reasons for confidentiality", "how trust is earned", "the meaning of mutuality", "a shared sense of purpose",
  "the first conversation with a new person", "what helped in the past", "the barriers to taking part", "ways of asking for help",
];
const TAILS = [
  "", "", "in everyday conversations", "when things become difficult", "over several weeks", "without judging them",
  "as part of a shared plan", "because trust takes time", "in supervision", "with patience and honesty", "at the start of each meeting",
  "long after the course has ended", "in a way that feels safe", "together with the wider team", "even when progress is slow",
];
const OPENERS = ["", "", "", "In practice, ", "Over time, ", "For example, ", "Sometimes ", "In this session, ", "As we saw earlier, ", "Above all, ", "Of course, ", "At first, "];
const TOPICS = [
  "Hope", "Recovery", "Boundaries", "Positive risk taking", "Active listening", "Lived experience", "Mutuality", "Empowerment",
  "Confidentiality", "Self-care", "Strengths", "Language", "Supervision", "Crisis support", "Trauma-informed practice", "Group work",
  "Sharing stories", "Inclusion", "Stigma", "Wellbeing plans", "Ethics", "Accountability", "Team working", "Reflective practice",
  "First meetings", "Endings", "Advocacy", "Community resources", "Peer values", "Power and control",
];
const TITLE_FORMS = [
  (t: string) => t, (t: string) => `Understanding ${t.toLowerCase()}`, (t: string) => `${t} in practice`, (t: string) => `Why ${t.toLowerCase()} matters`,
  (t: string) => `${t}: a closer look`, (t: string) => `Thinking about ${t.toLowerCase()}`, (t: string) => `${t} and the peer role`,
  (t: string) => `Common questions about ${t.toLowerCase()}`, (t: string) => `A case study on ${t.toLowerCase()}`,
];
const CALLOUTS = ["note", "tip", "warning", "content-note"] as const;

class TextMaker {
  constructor(private readonly rand: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.rand() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    const v = list[Math.floor(this.rand() * list.length)];
    if (v === undefined) throw new Error("empty list");
    return v;
  }

  chance(p: number): boolean {
    return this.rand() < p;
  }

  /** A plain sentence (no Markdown), 8–25 words. */
  sentence(): string {
    const opener = this.pick(OPENERS);
    const subject = this.pick(SUBJECTS);
    const tail = this.pick(TAILS);
    const text = `${opener}${opener ? subject : cap(subject)} ${this.pick(VERBS)} ${this.pick(OBJECTS)}${tail ? " " + tail : ""}`;
    return `${opener ? text : cap(text)}.`;
  }

  /** A sentence with occasional emphasis or a link. */
  richSentence(): string {
    let s = this.sentence();
    if (this.chance(0.12)) {
      const o = OBJECTS.find((x) => s.includes(x));
      if (o) s = s.replace(o, this.chance(0.5) ? `**${o}**` : `*${o}*`);
    }
    if (this.chance(0.05)) s += ` See [${this.pick(TOPICS).toLowerCase()} resources](https://example.org/resources/${this.int(1, 999)}).`;
    return s;
  }

  paragraph(min = 2, max = 6): string {
    return Array.from({ length: this.int(min, max) }, () => this.richSentence()).join(" ");
  }

  /** A short phrase: a choice, a list item, a matching side. */
  phrase(): string {
    return cap(`${this.pick(OBJECTS)}${this.chance(0.4) ? " " + this.pick(TAILS.filter(Boolean)) : ""}`);
  }

  distinctPhrases(n: number): string[] {
    const out = new Set<string>();
    while (out.size < n) out.add(out.size >= OBJECTS.length ? `${this.phrase()} (${out.size + 1})` : this.phrase());
    return [...out];
  }

  pageBody(): string {
    const blocks: string[] = [this.paragraph(3, 6)];
    const extra = this.int(1, 4);
    for (let i = 0; i < extra; i++) {
      const r = this.rand();
      if (r < 0.35) blocks.push(this.paragraph());
      else if (r < 0.55) blocks.push(`## ${this.pick(TITLE_FORMS)(this.pick(TOPICS))}\n\n${this.paragraph(2, 4)}`);
      else if (r < 0.7) blocks.push(Array.from({ length: this.int(3, 5) }, () => `- ${this.phrase()}`).join("\n"));
      else if (r < 0.78) blocks.push(Array.from({ length: this.int(3, 5) }, (_, k) => `${k + 1}. ${this.sentence()}`).join("\n"));
      else if (r < 0.9) {
        const kind = this.pick(CALLOUTS);
        const title = this.chance(0.5) ? ` ${this.pick(TITLE_FORMS)(this.pick(TOPICS))}` : "";
        blocks.push(`::: ${kind}${title}\n${this.paragraph(1, 3)}\n:::`);
      } else blocks.push(`> ${this.paragraph(1, 2)}`);
    }
    return blocks.join("\n\n");
  }
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function question(t: TextMaker, type: QuestionType, id: string): Record<string, unknown> {
  const prompt = `${t.sentence().slice(0, -1)}: which answer fits best?`;
  const feedback = { correct: `Yes. ${t.sentence()}`, incorrect: `Not quite. ${t.sentence()}` };
  switch (type) {
    case "single-choice":
    case "multiple-response": {
      const n = t.int(3, 5);
      const texts = t.distinctPhrases(n);
      const correct = type === "single-choice" ? [t.int(0, n - 1)] : [0, 1, 2, 3, 4].filter((i) => i < n && (i === 0 || t.chance(0.5)));
      const choices = texts.map((text, i) => ({
        text,
        ...(correct.includes(i) ? { correct: true } : {}),
        ...(t.chance(0.3) ? { feedback: t.sentence() } : {}),
      }));
      return { id, type, prompt, choices, feedback };
    }
    case "true-false":
      return { id, type, prompt: t.sentence(), answer: t.chance(0.5), feedback };
    case "matching": {
      const n = t.int(3, 6);
      const sources = t.distinctPhrases(n);
      const targets = Array.from({ length: n }, (_, i) => `${t.sentence().slice(0, -1)} (${i + 1})`);
      return { id, type, prompt: "Match each idea to what the lesson says about it.", pairs: sources.map((source, i) => ({ source, target: targets[i] })), feedback };
    }
    case "sequencing":
      return { id, type, prompt: "Put these steps in the order the lesson describes.", items: t.distinctPhrases(t.int(3, 6)), feedback };
    case "fill-in":
      return { id, type, prompt: `Which word completes this statement? “___: ${t.sentence()}”`, answers: [t.pick(TOPICS), t.pick(TOPICS).toLowerCase()], feedback };
  }
}

function quizYaml(t: TextMaker, title: string, count: number): string {
  const questions = Array.from({ length: count }, (_, i) => {
    const type = QUESTION_TYPES[i % QUESTION_TYPES.length] ?? "single-choice";
    return question(t, type, `${type}-${i + 1}`);
  });
  return `# yaml-language-server: $schema=../schemas/quiz.schema.json\n${stringify({ title, intro: t.sentence(), questions }, { lineWidth: 0 })}`;
}

/** Writes the course into `dir` (created; must not exist or be empty). */
export function writeSyntheticCourse(dir: string, shape: SyntheticShape): SyntheticCourse {
  const t = new TextMaker(prng(shape.seed ?? 20_240_601));
  let bytes = 0;
  const write = (rel: string, text: string): void => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  };
  const pad = (i: number): string => String(i + 1).padStart(String(shape.sessions).length, "0");
  const sessionFiles: string[] = [];
  for (let s = 0; s < shape.sessions; s++) {
    const topic = t.pick(TOPICS);
    const sessionFile = `sessions/${pad(s)}-${slugify(topic)}.md`;
    const checkFile = `checks/${pad(s)}-${slugify(topic)}.yaml`;
    sessionFiles.push(sessionFile);
    const ids = new Set<string>();
    const pages: string[] = [];
    for (let p = 0; p < shape.pagesPerSession; p++) {
      let title = p === 0 ? "About this session" : t.pick(TITLE_FORMS)(t.pick(TOPICS));
      if (ids.has(slugify(title))) title = `${title} {#page-${p + 1}}`;
      ids.add(slugify(title));
      pages.push(`# ${title}\n\n${t.pageBody()}\n`);
    }
    const front = { id: `s${pad(s)}`, title: `${topic} (session ${s + 1})`, summary: t.sentence(), ...(shape.questionsPerCheck > 0 ? { check: `../${checkFile}` } : {}) };
    write(sessionFile, `---\n${stringify(front, { lineWidth: 0 })}---\n\n${pages.join("\n")}`);
    if (shape.questionsPerCheck > 0) write(checkFile, quizYaml(t, `Check your understanding: ${topic.toLowerCase()}`, shape.questionsPerCheck));
  }
  if (shape.assessmentQuestions > 0) write("assessment.yaml", quizYaml(t, "Final assessment", shape.assessmentQuestions));
  const pages = shape.sessions * shape.pagesPerSession;
  const course = {
    id: `https://learning.example.org/courses/synthetic-${pages}`,
    slug: `synthetic-${pages}-pages`,
    title: `Synthetic course of ${pages} pages`,
    description: `${shape.sessions} sessions of ${shape.pagesPerSession} generated pages each, for benchmarks.`,
    language: "en-GB",
    version: "1.0.0",
    reporting: "passed/incomplete",
    masteryScore: 80,
    maxAttempts: 3,
    sessions: sessionFiles,
    ...(shape.assessmentQuestions > 0 ? { assessment: "assessment.yaml" } : {}),
  };
  write("course.yaml", `# yaml-language-server: $schema=../schemas/course.schema.json\n${stringify(course, { lineWidth: 0 })}`);
  return {
    dir,
    pages,
    sessions: shape.sessions,
    questions: shape.sessions * shape.questionsPerCheck + shape.assessmentQuestions,
    sourceBytes: bytes,
  };
}
