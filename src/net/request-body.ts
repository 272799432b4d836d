// Reads a request body up to a cap, for the local servers (preview player, development LRS). A body over the
// cap is refused as soon as that is known: from Content-Length before a byte is read, else while it arrives.
// The caller answers 413 with `Connection: close`, so Node closes the socket instead of draining the rest.
import type http from "node:http";

export const TOO_LARGE = Symbol("too large");

export function readCappedBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | typeof TOO_LARGE> {
  // RFC 9110 §8.6: Content-Length is the body's size, so a declared size over the cap needs no reading at all.
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > maxBytes) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.pause();
      chunks.length = 0;
      resolve(TOO_LARGE);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** "1 MB", "16 MB": a cap as a person reads it. */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MB` : `${n / 1024} KB`;
}
