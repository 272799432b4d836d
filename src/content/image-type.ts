// What an image file really is, by its first bytes, so a text file (or an HTML page) named `.png` is
// never packaged and served as a picture.

export type ImageKind = "PNG" | "JPEG" | "GIF" | "WebP" | "SVG";

export const KIND_OF_EXTENSION: Readonly<Record<string, ImageKind>> = {
  ".png": "PNG",
  ".jpg": "JPEG",
  ".jpeg": "JPEG",
  ".gif": "GIF",
  ".webp": "WebP",
  ".svg": "SVG",
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The raster type the signature says (PNG spec §5.2, JPEG SOI marker, GIF89a header, RIFF/WEBP container). */
export function sniffRaster(b: Uint8Array): Exclude<ImageKind, "SVG"> | undefined {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "PNG";
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "JPEG";
  if (startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a"))) return "GIF";
  if (startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8)) return "WebP";
  return undefined;
}

/** What `b` looks like, for a message about a file whose content is not what its name says. */
export function describeContent(b: Uint8Array): string {
  const raster = sniffRaster(b);
  if (raster) return `it is a ${raster} image`;
  if (b.length === 0) return "it is empty";
  const head = new TextDecoder("utf-8").decode(b.subarray(0, 256)).trimStart().toLowerCase();
  if (head.startsWith("<?xml") || head.startsWith("<svg")) return "it looks like SVG/XML text";
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "it looks like an HTML page";
  const printable = b.subarray(0, 256).every((c) => c === 9 || c === 10 || c === 13 || c >= 0x20);
  return printable ? "it looks like text" : "its content is not a known image format";
}
