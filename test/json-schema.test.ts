// The JSON Schemas in schemas/ (referenced by the content's `# yaml-language-server: $schema=…` lines) are
// generated from the zod schemas; these tests keep the committed files from going stale and check what they say.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../src/content/json-schema.js";
import { QUESTION_TYPES, REPORTING_OPTIONS } from "../src/model/course.js";
import { REAL_CONTENT, REPO_ROOT } from "./helpers/content-fixture.js";

const SCHEMAS = path.join(REPO_ROOT, "schemas");
const STALE = "is out of date with src/content/schemas.ts: run `npm run schemas` and commit the result";

/** A JSON value seen through the properties the tests look at. */
interface JsonSchemaNode {
  readonly type?: string;
  readonly title?: string;
  readonly properties?: Record<string, JsonSchemaNode>;
  readonly required?: readonly string[];
  readonly items?: JsonSchemaNode;
  readonly oneOf?: readonly JsonSchemaNode[];
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly pattern?: string;
  readonly additionalProperties?: boolean;
}

function committed(name: string): string {
  const file = path.join(SCHEMAS, name);
  if (!fs.existsSync(file)) throw new Error(`schemas/${name} is missing: run \`npm run schemas\``);
  return fs.readFileSync(file, "utf8");
}

function load(name: string): JsonSchemaNode {
  return JSON.parse(committed(name)) as JsonSchemaNode;
}

describe("schemas/ (generated JSON Schemas)", () => {
  const generated = jsonSchemas();

  it("holds exactly the generated files", () => {
    expect(Object.keys(generated).sort()).toEqual(["course.schema.json", "quiz.schema.json"]);
    expect(fs.readdirSync(SCHEMAS).sort(), `schemas/ ${STALE}`).toEqual(Object.keys(generated).sort());
  });

  it.each(["course.schema.json", "quiz.schema.json"])("%s equals what jsonSchemas() produces now", (name) => {
    // byte for byte, in the format the `schemas` command writes
    expect(committed(name), `schemas/${name} ${STALE}`).toBe(JSON.stringify(generated[name], null, 2) + "\n");
  });

  it("are what the content's yaml-language-server lines point at", () => {
    const yamlFiles = ["course.yaml", "assessment.yaml", ...fs.readdirSync(path.join(REAL_CONTENT, "checks")).map((f) => `checks/${f}`)];
    for (const rel of yamlFiles) {
      const first = fs.readFileSync(path.join(REAL_CONTENT, rel), "utf8").split("\n")[0] ?? "";
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, rel).not.toBeNull();
      const target = path.resolve(path.dirname(path.join(REAL_CONTENT, rel)), m?.[1] ?? "");
      expect(target, rel).toBe(path.join(SCHEMAS, rel === "course.yaml" ? "course.schema.json" : "quiz.schema.json"));
    }
  });

  describe("course.schema.json", () => {
    const course = load("course.schema.json");
    const props = course.properties ?? {};

    it("is a draft 2020-12 object schema that rejects unknown fields", () => {
      expect(course).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", title: "Coursewright course.yaml" });
      expect(course.additionalProperties).toBe(false);
    });

    it("describes every field of course.yaml", () => {
      expect(Object.keys(props).sort()).toEqual(
        ["assessment", "assessmentLayout", "certificate", "description", "estimatedMinutes", "id", "language", "masteryScore", "maxAttempts", "reporting", "requireSessions", "sessions", "showAnswers", "shuffle", "slug", "strings", "theme", "title", "version"].sort(),
      );
      expect([...(course.required ?? [])].sort()).toEqual(
        ["description", "id", "language", "masteryScore", "maxAttempts", "reporting", "sessions", "slug", "title", "version"].sort(),
      );
    });

    it("has the id as an IRI pattern, reporting as an enum, masteryScore 0–100, maxAttempts a whole number ≥ 0", () => {
      expect(props.id?.type).toBe("string");
      const iri = new RegExp(props.id?.pattern ?? "^$");
      expect(iri.test("https://learning.example.org/courses/x")).toBe(true);
      expect(iri.test("HTTPS://learning.example.org/courses/x")).toBe(true); // the loader accepts it too
      expect(iri.test("peer-support")).toBe(false);
      expect(props.reporting?.enum).toEqual([...REPORTING_OPTIONS]);
      expect(props.masteryScore).toMatchObject({ type: "number", minimum: 0, maximum: 100 });
      expect(props.maxAttempts).toMatchObject({ type: "integer", minimum: 0 });
      expect(props.sessions).toMatchObject({ type: "array", minItems: 1, items: { type: "string" } });
      expect(props.title).toMatchObject({ type: "string", minLength: 1 });
    });
  });

  describe("quiz.schema.json", () => {
    const quiz = load("quiz.schema.json");
    const questions = quiz.properties?.questions;
    const variants = questions?.items?.oneOf ?? questions?.items?.anyOf ?? [];
    const byType = new Map(variants.map((v) => [String(v.properties?.type?.const), v]));

    it("has title, intro and a non-empty questions list", () => {
      expect(quiz).toMatchObject({ type: "object", required: ["title", "questions"], additionalProperties: false });
      expect(Object.keys(quiz.properties ?? {}).sort()).toEqual(["draw", "intro", "questions", "shuffle", "title"]);
      expect(questions).toMatchObject({ type: "array", minItems: 1 });
    });

    it("has one question variant per question type, each closed to unknown fields", () => {
      expect([...byType.keys()].sort()).toEqual([...QUESTION_TYPES].sort());
      expect(variants).toHaveLength(QUESTION_TYPES.length);
      for (const [type, v] of byType) {
        expect(v.additionalProperties, type).toBe(false);
        expect(v.required, type).toEqual(expect.arrayContaining(["id", "type", "prompt"]));
      }
    });

    it("requires each type's own fields", () => {
      const own: Record<(typeof QUESTION_TYPES)[number], string> = {
        "single-choice": "choices",
        "multiple-response": "choices",
        "true-false": "answer",
        matching: "pairs",
        sequencing: "items",
        "fill-in": "answers",
      };
      for (const type of QUESTION_TYPES) {
        const v = byType.get(type);
        expect(v?.required, type).toContain(own[type]);
        expect(v?.properties?.[own[type]], type).toBeDefined();
      }
      expect(byType.get("true-false")?.properties?.answer?.type).toBe("boolean");
      expect(byType.get("single-choice")?.properties?.choices).toMatchObject({ type: "array", minItems: 2, maxItems: 36 });
      expect(byType.get("matching")?.properties?.pairs?.items?.required).toEqual(["source", "target"]);
      expect(byType.get("fill-in")?.properties?.answers).toMatchObject({ type: "array", minItems: 1 });
    });
  });
});
