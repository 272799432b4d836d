// The `theme:` block of course.yaml. Colours and the font list end up in CSS, so their grammar is narrow.
import { z } from "zod";
import { THEME_MODES } from "../model/theme.js";

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour written #rrggbb, e.g. #1d4ed8");

export const themeSchema = z.strictObject({
  brand: colour.optional().describe("Header, buttons and links, #rrggbb"),
  accent: colour.optional().describe("Progress bar, focus ring and highlights, #rrggbb"),
  logo: z
    .strictObject({ file: z.string().min(1).describe("Image file, relative to course.yaml"), alt: z.string().trim().min(1, "must not be empty").describe("What the logo says, e.g. the organisation's name") })
    .optional()
    .describe("Logo shown in the header"),
  font: z
    .string()
    .max(200, "must be at most 200 characters")
    .regex(/^[A-Za-z0-9 ,'"-]+$/, "must be a CSS font-family list: names, quotes, commas and spaces only, e.g. \"Source Sans 3\", system-ui, sans-serif")
    .optional()
    .describe("CSS font-family list for the text"),
  mode: z.enum(THEME_MODES).default("light").describe("light, dark, or auto (follows the learner's system setting)"),
  radius: z.number().min(0, "must be 0 or more").max(24, "must be at most 24 (pixels)").refine(Number.isInteger, "must be a whole number").optional().describe("Corner radius in pixels, 0–24"),
});
