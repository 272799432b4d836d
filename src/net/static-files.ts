// The one static file server of the tools and tests: a folder's files, read-only, on 127.0.0.1. A request
// can reach only regular files inside the folder, by name and by real path (a link inside it must not
// lead out of it).
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pipeline } from "node:stream";
import { decodeStrict, parseRequestTarget } from "./request-target.js";

export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".json": "application/json",
  ".xml": "application/xml",
  ".xsd": "application/xml",
  ".woff2": "font/woff2",
  ".mp4": "video/mp4",
  ".mp3": "audio/mpeg",
  // A course's media, captions and linked files (content/file-type.ts)
  ".m4v": "video/mp4",
  ".webm": "video/webm",
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".opus": "audio/ogg",
  ".vtt": "text/vtt; charset=utf-8",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ".odt": "application/vnd.oasis.opendocument.text",
  ".ods": "application/vnd.oasis.opendocument.spreadsheet",
  ".odp": "application/vnd.oasis.opendocument.presentation",
};

export const mediaTypeOfFile = (name: string): string => MEDIA_TYPES[path.extname(name).toLowerCase()] ?? "application/octet-stream";

const plain = (res: http.ServerResponse, status: number, body: string): void => {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  res.end(body);
};

/**
 * The one byte range a `Range: bytes=…` header asks of a file of `size` bytes (RFC 9110 §14.1.2: `first-last`,
 * `first-` or `-suffix`), "unsatisfiable" when it lies beyond the file, or undefined to send it whole (no
 * header, another unit, or several ranges, which a server may answer with the whole file, §14.2).
 */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | "unsatisfiable" | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  const start = m[1] === "" ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === "" || m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start > end || start >= size ? "unsatisfiable" : { start, end };
}

/**
 * Answers with the file `encoded` (a percent-encoded path relative to `root`), or 400/404; with `range` (the
 * request's Range header) only that part, so a browser can seek in a video before it has all of it.
 */
export async function sendFile(res: http.ServerResponse, root: string, encoded: string, range?: string): Promise<void> {
  const rel = decodeStrict(encoded);
  if (rel === undefined || rel.includes("\0")) return plain(res, 400, "malformed file name");
  const dir = path.resolve(root);
  const file = path.resolve(dir, rel);
  const inside = (p: string, folder: string): boolean => p.startsWith(folder + path.sep);
  if (!inside(file, dir)) return plain(res, 404, "not found");
  const real = await fs.promises.realpath(file).catch(() => undefined);
  const stat = real ? await fs.promises.stat(real).catch(() => undefined) : undefined;
  if (!real || !stat?.isFile() || !inside(real, await fs.promises.realpath(dir))) return plain(res, 404, "not found");
  const headers = { "Content-Type": mediaTypeOfFile(file), "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Accept-Ranges": "bytes" };
  const part = byteRange(range, stat.size);
  if (part === "unsatisfiable") {
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${stat.size}` });
    res.end();
    return;
  }
  if (part) res.writeHead(206, { ...headers, "Content-Range": `bytes ${part.start}-${part.end}/${stat.size}`, "Content-Length": String(part.end - part.start + 1) });
  else res.writeHead(200, headers);
  // A file removed (e.g. by a rebuild) while it is read ends the response; it must not end the process.
  pipeline(fs.createReadStream(real, part ?? {}), res, () => undefined);
}

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (`/` is index.html); `extra` adds generated pages by path (e.g. an LMS frameset). */
export async function serveDir(dir: string, extra: Readonly<Record<string, string>> = {}): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const target = parseRequestTarget(req.url);
    if (typeof target === "string") return plain(res, 400, target);
    const encoded = target.pathname.replace(/^\/+/, "");
    const page = extra[decodeStrict(encoded) ?? ""];
    if (page !== undefined) {
      res.writeHead(200, { "Content-Type": MEDIA_TYPES[path.extname(encoded)] ?? MEDIA_TYPES[".html"] });
      res.end(page);
      return;
    }
    sendFile(res, dir, encoded || "index.html", req.headers.range).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
