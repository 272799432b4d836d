// A throw-away copy of the real course (content/), for tests that break exactly one thing in it.
// Every copy lives in its own fs.mkdtempSync folder under os.tmpdir() and is removed in afterEach.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

/** Root of the repository (test/helpers/ → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The real, valid course. */
export const REAL_CONTENT = path.join(REPO_ROOT, "content");

export interface ContentFixture {
  /** The temporary folder holding everything of this fixture. */
  readonly root: string;
  /** The course folder (a copy of content/), i.e. what `loadCourse` / `--content` get. */
  readonly dir: string;
  /** Absolute path of a file of the course. */
  path(rel: string): string;
  read(rel: string): string;
  /** Replaces the text of an existing file; throws when `edit` changes nothing (so a stale edit cannot pass silently). */
  mutate(rel: string, edit: (text: string) => string): void;
  /** Writes (or overwrites) a file, creating folders as needed. */
  write(rel: string, text: string): void;
  remove(rel: string): void;
  /** 1-based line of the first line of `rel` containing `needle`; throws when there is none. */
  lineOf(rel: string, needle: string): number;
}

const live = new Set<string>();

/** Copies content/ into a fresh temporary folder. Cleaned up automatically after each test. */
export function contentFixture(): ContentFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "coursewright-test-"));
  live.add(root);
  const dir = path.join(root, "content");
  fs.cpSync(REAL_CONTENT, dir, { recursive: true });
  const abs = (rel: string): string => path.join(dir, rel);
  const read = (rel: string): string => fs.readFileSync(abs(rel), "utf8");
  return {
    root,
    dir,
    path: abs,
    read,
    mutate(rel, edit) {
      const before = read(rel);
      const after = edit(before);
      if (after === before) throw new Error(`mutate(${rel}): the edit changed nothing`);
      fs.writeFileSync(abs(rel), after);
    },
    write(rel, text) {
      fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
      fs.writeFileSync(abs(rel), text);
    },
    remove(rel) {
      fs.rmSync(abs(rel));
    },
    lineOf(rel, needle) {
      const index = read(rel).split(/\r?\n/).findIndex((l) => l.includes(needle));
      if (index < 0) throw new Error(`lineOf(${rel}): no line contains ${JSON.stringify(needle)}`);
      return index + 1;
    },
  };
}

/** A fresh empty temporary folder (e.g. for build output), removed after each test like the fixtures. */
export function tempDir(prefix = "coursewright-out-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  live.add(dir);
  return dir;
}

/** `text` with exactly one occurrence of `search` replaced; throws when `search` occurs 0 or 2+ times. */
export function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  if (at < 0) throw new Error(`replaceOnce: ${JSON.stringify(search)} not found`);
  if (text.indexOf(search, at + search.length) >= 0) throw new Error(`replaceOnce: ${JSON.stringify(search)} occurs more than once`);
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

afterEach(() => {
  for (const dir of live) fs.rmSync(dir, { recursive: true, force: true });
  live.clear();
});

/**
 * A temporary folder that lives for a whole test file (create it in beforeAll, remove it in afterAll):
 * named sub-folders, and copies of the real course that a test may edit.
 */
export class ScratchFolder {
  readonly root: string;

  constructor(prefix: string) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  dir(name: string): string {
    const dir = path.join(this.root, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** A copy of content/ under `name`, so the real course is never touched. */
  copyContent(name: string): string {
    const dir = path.join(this.dir(name), "content");
    fs.cpSync(REAL_CONTENT, dir, { recursive: true });
    return dir;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * A copy of the real course whose assessment is open from the start (course.yaml `requireSessions: false`),
 * for tests of the assessment's own behaviour; a journey through the real course visits the sessions first.
 */
export function ungatedContent(): ContentFixture {
  const fixture = contentFixture();
  fixture.mutate("course.yaml", (text) => `${text.trimEnd()}\nrequireSessions: false\n`);
  return fixture;
}
