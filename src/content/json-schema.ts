// JSON Schemas of the authoring formats, generated from the zod schemas, for editor autocompletion.
import { z } from "zod";
import { courseSchema, quizJsonSchemaSource } from "./schemas.js";

export function jsonSchemas(): Record<string, object> {
  const make = (schema: z.ZodType, title: string): object => ({
    ...z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }),
    title,
  });
  return {
    "course.schema.json": make(courseSchema, "Coursewright course.yaml"),
    "quiz.schema.json": make(quizJsonSchemaSource, "Coursewright quiz (knowledge check or final assessment)"),
  };
}
