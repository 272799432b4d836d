// The checks of a page's video, audio and transcript blocks (blocks/media.ts), with file:line: the media file,
// its captions (required for video: WCAG 2.2 SC 1.2.2) and poster inside the course and of the type their
// names say, every field known. The files found go into the package's assets.
import type Token from "markdown-it/lib/token.mjs";
import type { Asset } from "../../model/course.js";
import { resolveAsset } from "../assets.js";
import { addAsset, resolveCourseFile } from "../course-file.js";
import type { ProblemList } from "../errors.js";
import { AUDIO_EXTENSIONS, VIDEO_EXTENSIONS } from "../file-type.js";
import { didYouMean, nearestName } from "../suggest.js";
import { vttProblem } from "../webvtt.js";
import { COMPLETE_WHEN_ENDED, fieldOf, MEDIA_FIELDS, noCaptionsReason, type MediaMeta } from "./media.js";

export interface MediaContext {
  readonly file: string;
  readonly contentDir: string;
  readonly problems: ProblemList;
  readonly assets: Map<string, Asset>;
}

export interface PageMedia {
  /** Path as written → path in the package. */
  readonly refs: Record<string, string>;
  /** Some media must play to its end before the page counts as viewed. */
  readonly untilEnded: boolean;
  /** Videos and audios on the page. */
  readonly count: number;
}

/** Checks the media blocks among a page's tokens; `lineAt` gives a token's line in the file. */
export function pageMedia(tokens: readonly Token[], ctx: MediaContext, lineAt: (t: Token) => number): PageMedia {
  const refs: Record<string, string> = {};
  let untilEnded = false;
  let count = 0;
  tokens.forEach((t, i) => {
    if (t.type === "container_transcript_open" && tokens[i - 1]?.type !== "cw_media") {
      ctx.problems.add(ctx.file, lineAt(t), "a transcript belongs right after the '::: video' or '::: audio' block it transcribes");
    }
    if (t.type !== "cw_media") return;
    const meta = t.meta as MediaMeta;
    count++;
    const first = lineAt(t);
    const at = (line0: number): number => first + line0 - (t.map?.[0] ?? 0);
    const problem = (line: number, message: string): void => ctx.problems.add(ctx.file, line, message);
    const use = (ref: string, line: number, res: { ok: true; file: string; packagePath: string } | { ok: false; message: string }): boolean => {
      const why = res.ok ? addAsset(ctx.assets, ref, res) : res.message;
      if (why !== undefined) problem(line, res.ok ? `${meta.kind} file ${why}` : why);
      else if (res.ok) refs[ref] = res.packagePath;
      return why === undefined;
    };
    const { kind } = meta;
    if (!meta.closed) problem(first, `this '::: ${kind}' block is not closed: end it with a ':::' line after its fields`);
    if (!meta.src) problem(first, `'::: ${kind}' names no file: write '::: ${kind} media/file${kind === "video" ? ".mp4" : ".mp3"}'`);
    else use(meta.src, first, resolveCourseFile(meta.src, kind, ctx.file, ctx.contentDir, kind === "video" ? VIDEO_EXTENSIONS : AUDIO_EXTENSIONS));
    for (const line0 of meta.stray) problem(at(line0), `a ${kind} block holds only 'field: value' lines (${MEDIA_FIELDS.join(", ")}); put text after the block's ':::'`);
    const seen = new Set<string>();
    for (const f of meta.fields) {
      if (!(MEDIA_FIELDS as readonly string[]).includes(f.key)) problem(at(f.line0), `unknown ${kind} field '${f.key}'; expected one of: ${MEDIA_FIELDS.join(", ")}${didYouMean(nearestName(f.key, MEDIA_FIELDS))}`);
      else if (seen.has(f.key)) problem(at(f.line0), `'${f.key}:' is given twice in this ${kind} block`);
      seen.add(f.key);
    }
    const title = fieldOf(meta, "title");
    if (!title?.value) problem(title ? at(title.line0) : first, `the ${kind} has no title: write 'title: what it is about' (it names the ${kind} for everyone, screen readers too)`);

    const captions = fieldOf(meta, "captions");
    const reason = captions ? noCaptionsReason(captions.value) : undefined;
    if (kind === "audio") {
      if (captions) problem(at(captions.line0), "audio shows no captions: put what is said in a '::: transcript' block right after it");
    } else if (!captions?.value) {
      problem(captions ? at(captions.line0) : first, "a video needs captions (WCAG 1.2.2): write 'captions: media/file.vtt' (WebVTT), or 'captions: none, <why>' for a video without speech");
    } else if (reason !== undefined) {
      if (reason.trim().length < 3) problem(at(captions.line0), "'captions: none' needs a reason: write e.g. 'captions: none, no speech (music only)'");
    } else {
      const vtt = resolveCourseFile(captions.value, "captions", ctx.file, ctx.contentDir, { ".vtt": "vtt" });
      if (use(captions.value, at(captions.line0), vtt) && vtt.ok) checkVtt(vtt.bytes, vtt.file, captions.value, at(captions.line0), ctx);
    }
    const poster = fieldOf(meta, "poster");
    if (poster && kind === "audio") problem(at(poster.line0), "audio has no poster: give it a 'title:'; a picture goes in the page as an image");
    else if (poster) {
      const res = resolveAsset(poster.value, ctx.file, ctx.contentDir);
      use(poster.value, at(poster.line0), res.ok ? res : { ok: false, message: `poster: ${res.message}` });
    }
    const complete = fieldOf(meta, "complete-when");
    if (complete && complete.value !== COMPLETE_WHEN_ENDED) problem(at(complete.line0), `complete-when: the only value is '${COMPLETE_WHEN_ENDED}' (the page counts as viewed once the ${kind} has played to its end); got '${complete.value}'`);
    if (complete?.value === COMPLETE_WHEN_ENDED) untilEnded = true;
  });
  return { refs, untilEnded, count };
}

/** A captions file that is not WebVTT is reported at its own line. */
function checkVtt(bytes: Uint8Array, file: string, ref: string, line: number, ctx: MediaContext): void {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    ctx.problems.add(ctx.file, line, `captions '${ref}' are not UTF-8 text (WebVTT files are UTF-8)`);
    return;
  }
  const bad = vttProblem(text);
  if (bad) ctx.problems.add(file, bad.line, `captions (WebVTT): ${bad.message}`);
}
