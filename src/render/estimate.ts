// How long the course takes, for the cover: the author's `estimatedMinutes`, or an estimate from the text
// (about 200 words a minute, a common figure for reading to learn) and about a minute per question.
import type { Course, Quiz } from "../model/course.js";
import { shownCount } from "../model/draw-groups.js";
import { Words } from "./words.js";

export const WORDS_PER_MINUTE = 200;
export const MINUTES_PER_QUESTION = 1;

/** Words of Markdown text, its syntax (link targets, image sources, markup) left out. */
export function wordCount(markdown: string): number {
  const text = markdown.replace(/!\[[^\]]*\]\([^)]*\)/g, " ").replace(/\]\([^)]*\)/g, " ");
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Whole minutes, at least 1. */
export function estimateMinutes(course: Pick<Course, "sessions" | "assessment" | "estimatedMinutes">): number {
  if (course.estimatedMinutes) return course.estimatedMinutes;
  // Every unit of every target shows it: the course's words are counted once per course.
  let minutes = estimates.get(course);
  if (minutes === undefined) estimates.set(course, (minutes = estimate(course)));
  return minutes;
}
const estimates = new WeakMap<object, number>();

function estimate(course: Pick<Course, "sessions" | "assessment">): number {
  const quizzes: Quiz[] = course.sessions.flatMap((s) => (s.check ? [s.check] : []));
  if (course.assessment) quizzes.push(course.assessment);
  const words = course.sessions.reduce((n, s) => n + s.pages.reduce((m, p) => m + wordCount(`${p.title} ${p.markdown}`), 0), 0);
  // A pool counts the questions an attempt shows.
  const questions = quizzes.reduce((n, q) => n + shownCount(q), 0);
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE + questions * MINUTES_PER_QUESTION));
}

/**
 * "About 45 minutes", "About 2 hours 5 minutes"; in another language its words, the hours and minutes in the
 * language's own plural forms (Intl.NumberFormat's units, ECMA-402 §15: "2 Stunden", Arabic "ساعتان").
 */
export function durationText(minutes: number, words = Words.english()): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const time = h && m ? words.text("durationHoursMinutes", words.unit(h, "hour"), words.unit(m, "minute")) : h ? words.unit(h, "hour") : words.unit(m, "minute");
  return words.text("duration", time);
}
