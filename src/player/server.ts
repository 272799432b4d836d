// An LMS-like player on 127.0.0.1: serves an unpacked package under /package/, the player page at /,
// scorm-again and the player script, the attempt store, an xAPI statements feed for the tracking panel,
// and a reload event stream (preview's watch mode).
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import type { AddressInfo } from "node:net";
import esbuild from "esbuild";
import { launchParameters, type JsonObject, type RunningLrs } from "../lrs/index.js";
import { PACKAGE_ROOT } from "../paths.js";
import type { AttemptStore } from "./attempt-store.js";
import { readPackage, type PackageInfo } from "./package-units.js";
import { playerPage } from "./player-page.js";

const require = createRequire(import.meta.url);

export interface PlayerServerOptions {
  /** Unpacked package root. Can be changed later with setPackage (preview rebuilds). */
  readonly packageDir: string;
  readonly attempts: AttemptStore;
  /** Required for xAPI packages. */
  readonly lrs?: RunningLrs;
  readonly actor?: JsonObject;
  readonly panel?: boolean;
  readonly port?: number;
}

export interface PlayerServer {
  readonly url: string;
  readonly info: PackageInfo;
  setPackage(dir: string): void;
  /** Tells open player pages to relaunch the content (after a rebuild). */
  notifyReload(): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
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
};

let clientBundle: Promise<string> | undefined;
function playerClient(): Promise<string> {
  clientBundle ??= esbuild
    .build({
      entryPoints: [path.join(PACKAGE_ROOT, "src", "player", "client", "player.ts")],
      bundle: true,
      minify: true,
      format: "iife",
      target: ["es2019"],
      write: false,
      logLevel: "silent",
    })
    .then((r) => r.outputFiles[0]?.text ?? "");
  return clientBundle;
}

export async function startPlayerServer(options: PlayerServerOptions): Promise<PlayerServer> {
  let packageDir = path.resolve(options.packageDir);
  let info = readPackage(packageDir);
  if (info.standard === "xapi" && !options.lrs) throw new Error("an xAPI package needs an LRS to play against");
  const actor: JsonObject = options.actor ?? { objectType: "Agent", name: "Preview Learner", mbox: "mailto:learner@example.org" };
  const listeners = new Set<http.ServerResponse>();
  // The browser build (global Scorm12API), the same code the tests use as the LMS in jsdom.
  const scormAgain = fs.readFileSync(require.resolve("scorm-again/scorm12/min"), "utf8");

  const launchQuery = (): string | undefined =>
    options.lrs
      ? launchParameters(options.lrs, { actor, registration: options.attempts.registration, ...(info.activityId ? { activityId: info.activityId } : {}) }).toString()
      : undefined;

  const send = (res: http.ServerResponse, status: number, body: string | Buffer, type = "text/plain; charset=utf-8"): void => {
    res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
    res.end(body);
  };

  const readBody = (req: http.IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = url.pathname;
    if (route === "/" || route === "/index.html") {
      const q = launchQuery();
      return send(res, 200, playerPage({ info, panel: Boolean(options.panel), ...(q ? { launchQuery: q } : {}) }), TYPES[".html"]);
    }
    if (route === "/__cw/player.js") return send(res, 200, await playerClient(), TYPES[".js"]);
    if (route === "/__cw/scorm-again.js") return send(res, 200, scormAgain, TYPES[".js"]);
    if (route === "/__cw/attempt") {
      const unit = url.searchParams.get("unit") ?? "";
      if (req.method === "GET") {
        const saved = options.attempts.unit(unit);
        return saved ? send(res, 200, saved, TYPES[".json"]) : send(res, 204, ""); // nothing yet: a first launch
      }
      if (req.method === "PUT") {
        const body = await readBody(req);
        JSON.parse(body); // only JSON is kept
        options.attempts.saveUnit(unit, body);
        return send(res, 204, "");
      }
      if (req.method === "DELETE") {
        options.attempts.reset();
        return send(res, 204, "");
      }
      return send(res, 405, "method not allowed");
    }
    if (route === "/__cw/statements") {
      const lrs = options.lrs;
      if (!lrs) return send(res, 404, "no LRS");
      const registration = options.attempts.registration;
      const statements = lrs
        .statements()
        .filter((s) => (s["context"] as { registration?: string } | undefined)?.registration === registration)
        .reverse();
      const state = lrs.stateDocuments().find((d) => d.registration === registration);
      return send(res, 200, JSON.stringify({ statements, state: state ? Buffer.from(state.content).toString("utf8") : undefined }), TYPES[".json"]);
    }
    if (route === "/__cw/events") {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
      res.write(": connected\n\n");
      listeners.add(res);
      req.on("close", () => listeners.delete(res));
      return;
    }
    if (route.startsWith("/package/")) {
      const rel = decodeURIComponent(route.slice("/package/".length));
      const file = path.resolve(packageDir, rel);
      if (!file.startsWith(packageDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, "not found");
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream", "Cache-Control": "no-store" });
      fs.createReadStream(file).pipe(res);
      return;
    }
    send(res, 404, "not found");
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, err instanceof Error ? err.message : String(err)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get info() {
      return info;
    },
    setPackage(dir: string) {
      const next = path.resolve(dir);
      info = readPackage(next); // throws on a package it cannot play: keep serving the previous one
      packageDir = next;
    },
    notifyReload() {
      for (const res of listeners) res.write("event: reload\ndata: {}\n\n");
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of listeners) res.end();
        listeners.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
