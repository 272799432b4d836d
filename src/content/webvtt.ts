// Checks a captions file as WebVTT (the W3C WebVTT format, "WebVTT" below), so a video is packaged
// only with captions a browser will show: a file that fails here shows none, silently, in the learner's player.

export interface VttProblem {
  /** 1-based line in the .vtt file. */
  readonly line: number;
  readonly message: string;
}

/** WebVTT §4.5 timestamp: optional hours (two or more digits), minutes and seconds 00–59, three-digit fraction. */
const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const seconds = (t: string): number | undefined => {
  const m = TIMESTAMP.exec(t);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000 : undefined;
};

/** The first problem of `text` as WebVTT, or undefined when it has a valid header and at least one valid cue. */
export function vttProblem(text: string): VttProblem | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  // §4.1: the file starts with "WEBVTT", then nothing, or a space or tab and any text, on its first line.
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? "")) return { line: 1, message: `does not start with "WEBVTT" (found '${(lines[0] ?? "").slice(0, 30)}')` };
  let i = 1;
  while (i < lines.length && lines[i] !== "") i++; // the header's own lines
  let cues = 0;
  let lastStart = 0;
  while (i < lines.length) {
    while (i < lines.length && (lines[i] ?? "").trim() === "") i++;
    if (i >= lines.length) break;
    const first = lines[i] ?? "";
    const blockEnd = lines.findIndex((l, n) => n > i && l.trim() === "");
    const end = blockEnd < 0 ? lines.length : blockEnd;
    // §4.1: comment, style and region blocks carry no cue.
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) {
      i = end;
      continue;
    }
    const timingAt = first.includes("-->") ? i : i + 1;
    const timing = lines[timingAt];
    if (timingAt >= end || timing === undefined || !timing.includes("-->")) {
      return { line: i + 1, message: `'${first.slice(0, 40)}' is neither a cue (an optional id, then a line 'start --> end') nor a NOTE` };
    }
    // §4.4: "start --> end" and optional settings, separated by spaces or tabs.
    const m = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/.exec(timing);
    const start = m ? seconds(m[1] ?? "") : undefined;
    const stop = m ? seconds(m[2] ?? "") : undefined;
    if (start === undefined || stop === undefined) {
      return { line: timingAt + 1, message: `cue timing '${timing.slice(0, 40)}' is not 'mm:ss.ttt --> mm:ss.ttt' (hours optional, e.g. 00:01.000 --> 00:04.500)` };
    }
    if (stop <= start) return { line: timingAt + 1, message: `cue ends (${m?.[2]}) before or when it starts (${m?.[1]})` };
    // §4.1: each cue starts no earlier than the cue before it.
    if (start < lastStart) return { line: timingAt + 1, message: `cue starts (${m?.[1]}) before the cue above it: keep the cues in time order` };
    const inText = lines.slice(timingAt + 1, end).findIndex((l) => l.includes("-->"));
    if (inText >= 0) return { line: timingAt + 2 + inText, message: "a cue's text cannot contain '-->': separate cues with a blank line" };
    lastStart = start;
    cues++;
    i = end;
  }
  return cues ? undefined : { line: 1, message: "has no cues: write at least one 'start --> end' line with its text" };
}
