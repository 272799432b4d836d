// What a media file or a handout really is, by its first bytes, so a file named `.mp4` or `.pdf` is packaged
// only when it is one (an HTML page renamed `.pdf` would otherwise open as a page of the package's origin).
import { describeContent } from "./image-type.js";

export type FileKind = "MP4" | "WebM" | "MP3" | "Ogg" | "PDF" | "Office" | "Text";

/** Video and audio by extension (the formats browsers play: HTML §4.8.11 leaves the choice to them). */
export const VIDEO_EXTENSIONS: Readonly<Record<string, FileKind>> = { ".mp4": "MP4", ".m4v": "MP4", ".webm": "WebM" };
export const AUDIO_EXTENSIONS: Readonly<Record<string, FileKind>> = { ".mp3": "MP3", ".ogg": "Ogg", ".oga": "Ogg", ".opus": "Ogg" };
/**
 * Files a page may link to: documents a learner downloads or opens with an app of their own. No HTML, SVG or
 * script: those would run as pages of the course's origin, outside its Content-Security-Policy.
 */
export const LINKED_EXTENSIONS: Readonly<Record<string, FileKind>> = {
  ".pdf": "PDF",
  ".docx": "Office",
  ".xlsx": "Office",
  ".pptx": "Office",
  ".odt": "Office",
  ".ods": "Office",
  ".odp": "Office",
  ".txt": "Text",
  ".csv": "Text",
  ...VIDEO_EXTENSIONS,
  ...AUDIO_EXTENSIONS,
};

const at = (b: Uint8Array, s: string, offset = 0): boolean => [...s].every((c, i) => b[offset + i] === c.charCodeAt(0));

/** The kind the signature says: ISO BMFF `ftyp` box, EBML header with DocType webm (Matroska spec §8), ID3v2 or an MPEG audio frame sync, `OggS` (RFC 3533 §6), `%PDF-` (ISO 32000 §7.5.2), a ZIP local header (OOXML and ODF are ZIP), UTF-8 text. */
export function sniffFile(b: Uint8Array): FileKind | undefined {
  if (at(b, "ftyp", 4)) return "MP4";
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    return new TextDecoder("latin1").decode(b.subarray(0, 64)).includes("webm") ? "WebM" : undefined;
  }
  if (at(b, "ID3") || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)) return "MP3";
  if (at(b, "OggS")) return "Ogg";
  if (at(b, "%PDF-")) return "PDF";
  if (at(b, "PK\x03\x04")) return "Office";
  if (isText(b)) return "Text";
  return undefined;
}

function isText(b: Uint8Array): boolean {
  if (b.length === 0 || b.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

const NAMES: Readonly<Record<FileKind, string>> = { MP4: "an MP4", WebM: "a WebM", MP3: "an MP3", Ogg: "an Ogg", PDF: "a PDF", Office: "an office document (ZIP)", Text: "a UTF-8 text" };

/** What `b` looks like, for a message about a file whose content is not what its name says. */
export function describeFile(b: Uint8Array): string {
  const kind = sniffFile(b);
  if (kind === "Text") {
    const said = describeContent(b);
    return said === "it looks like text" ? "it is text" : said;
  }
  return kind ? `it is ${NAMES[kind]} file` : describeContent(b);
}

export const kindName = (kind: FileKind): string => NAMES[kind];
