// Reads a request body up to a cap, for the local servers (preview player, development LRS). A body over the
// cap is refused as soon as that is known: from Content-Length before a byte is read, else while it arrives;
// nothing past the cap is kept. After the 413, dropRest() reads and drops a bounded amount more.
import type http from "node:http";
import type { Socket } from "node:net";

/** How much more, and how long, a refused client may go on sending before its connection is cut (see dropRest). */
const LINGER_BYTES = 8 * 1024 * 1024;
const LINGER_MS = 2_000;

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

/**
 * Call after answering 413. Node closes a connection whose request it has not finished reading, and closing
 * with unread bytes makes TCP reset it (RFC 1122 §4.2.2.13), which can destroy the 413 before the client
 * reads it. So this is the staged close of RFC 9112 §9.6: our side is ended after the answer, what still
 * arrives is dropped, and the socket is destroyed when the client stops, after LINGER_BYTES, or after LINGER_MS.
 */
export function dropRest(req: http.IncomingMessage): void {
  const socket = req.socket as Socket & { destroySoon?: () => void };
  let dropped = 0;
  socket.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) socket.destroy();
  });
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  req.resume();
}

/** "1 MB", "16 MB": a cap as a person reads it. */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MB` : `${n / 1024} KB`;
}
