// An LMS-like player on 127.0.0.1: serves an unpacked package under /package/, the player page at /, the
// package's standard's LMS scripts and page client, the attempt store, an LRS's statements feed for the
// tracking panel, and a reload event stream (preview's watch mode).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import esbuild from "esbuild";
import type { JsonObject, RunningLrs } from "../lrs/index.js";
import { parseJsonText } from "../net/json-text.js";
import { dropRest, formatBytes, readCappedBody, TOO_LARGE } from "../net/request-body.js";
import { parseRequestTarget } from "../net/request-target.js";
import { MEDIA_TYPES, sendFile } from "../net/static-files.js";
import { PACKAGE_ROOT } from "../paths.js";
import type { AttemptStore } from "./attempt-store.js";
import { readPackage, type PackageInfo } from "./package-units.js";
import { playerPage } from "./player-page.js";
import { PLAYER_CSS } from "./player-style.js";
import type { SimulatedLms } from "../standards/simulation.js";
import { crossSiteReason, loopbackHost, mediaTypeOf } from "./request-guards.js";

/**
 * The most one PUT of a unit's CMI may carry. A real attempt is a few KB (SCORM 1.2 caps suspend_data at
 * 4,096 characters, RTE §3.4.2; each interaction record is a few hundred bytes), so 1 MB is never reached
 * by a course and still stops a page from filling the disk.
 */
const ATTEMPT_MAX_BYTES = 1024 * 1024;

/**
 * The player page's own policy (CSP Level 3): its scripts and stylesheet come from this server, the course
 * frame from /package/ on the same origin (the package's pages carry their own policy), nothing inline runs
 * (the JSON config is a data block, which script-src does not govern), and no other site may frame it.
 */
const PLAYER_PAGE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface PlayerServerOptions {
  /** Unpacked package root. Can be changed later with setPackage (preview rebuilds). */
  readonly packageDir: string;
  readonly attempts: AttemptStore;
  /** Required for packages whose standard plays against an LRS (Simulation.needsLrs). */
  readonly lrs?: RunningLrs;
  readonly actor?: JsonObject;
  readonly panel?: boolean;
  readonly port?: number;
  /** Where a request that failed inside the server is reported (one line each); default stderr. */
  readonly onError?: (line: string) => void;
}

export interface PlayerServer {
  readonly url: string;
  readonly info: PackageInfo;
  setPackage(dir: string): void;
  /** Tells open player pages to relaunch the content (after a rebuild). */
  notifyReload(): void;
  close(): Promise<void>;
}


const clientBundles = new Map<string, Promise<string>>();
/**
 * The page script for a standard: its client module (src/standards/<id>/player-client.ts) bundled with the
 * neutral core. An installed package has no src/: scripts/compile.mjs prebuilds player-<id>.js beside the
 * compiled module.
 */
function playerClient(id: string): Promise<string> {
  let bundle = clientBundles.get(id);
  if (bundle) return bundle;
  const prebuilt = new URL(`./player-${id}.js`, import.meta.url);
  bundle = fs.existsSync(prebuilt)
    ? Promise.resolve(fs.readFileSync(prebuilt, "utf8"))
    : esbuild
        .build({
          entryPoints: [path.join(PACKAGE_ROOT, "src", "standards", id, "player-client.ts")],
          bundle: true,
          minify: true,
          format: "iife",
          target: ["es2019"],
          write: false,
          logLevel: "silent",
        })
        .then((r) => r.outputFiles[0]?.text ?? "");
  clientBundles.set(id, bundle);
  return bundle;
}

export async function startPlayerServer(options: PlayerServerOptions): Promise<PlayerServer> {
  let packageDir = path.resolve(options.packageDir);
  let info = readPackage(packageDir);
  if (info.simulation.needsLrs && !options.lrs) throw new Error(`a ${info.standard.title} package needs an LRS to play against`);
  const actor: JsonObject = options.actor ?? { objectType: "Agent", name: "Preview Learner", mbox: "mailto:learner@example.org" };
  const listeners = new Set<http.ServerResponse>();
  /** Known once the server listens. */
  let port = 0;
  const onError = options.onError ?? ((line: string) => console.error(line));
  /** The LMS's scripts (e.g. an API implementation from an optional package), read once when first asked for. */
  const scripts = new Map<string, string>();
  const script = (name: string): string | undefined => {
    const known = info.simulation.scripts.find((s) => s.name === name);
    if (!known) return undefined;
    const key = `${info.standard.id}/${name}`;
    if (!scripts.has(key)) scripts.set(key, known.source());
    return scripts.get(key);
  };

  const launchQuery = (): string | undefined =>
    options.lrs ? info.simulation.launchQuery?.(options.lrs, { actor, registration: options.attempts.registration, ...(info.activityId ? { activityId: info.activityId } : {}) }) : undefined;

  const send = (res: http.ServerResponse, status: number, body: string | Buffer, type = "text/plain; charset=utf-8", headers: http.OutgoingHttpHeaders = {}): void => {
    res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", ...headers });
    res.end(body);
  };
  const notAllowed = (res: http.ServerResponse, method: string, allow: string): void => send(res, 405, `${method} is not allowed here`, undefined, { Allow: allow });
  const unitIds = (): ReadonlySet<string> => new Set(info.units.map((u) => u.id));
  /** The standard's own LMS endpoints (Simulation.endpoints), made when first asked for. */
  let lms: { readonly id: string; readonly lms: SimulatedLms } | undefined;
  const lmsAnswer = async (req: http.IncomingMessage, res: http.ServerResponse, method: string, route: string, query: URLSearchParams): Promise<void> => {
    if (method !== "GET" && method !== "HEAD") {
      const refused = crossSiteReason(req);
      if (refused) return send(res, 403, refused);
    }
    const lrs = options.lrs;
    if (!lrs || !info.simulation.endpoints) return send(res, 404, "this package's LMS has no endpoints of its own");
    if (lms?.id !== info.standard.id) {
      const made = info.simulation.endpoints({ lrs, base: `http://127.0.0.1:${port}/`, actor, registration: () => options.attempts.registration, packageDir: () => packageDir });
      lms = { id: info.standard.id, lms: made };
    }
    const reply = await lms.lms.answer({ method, path: route.slice("/__cw/lms/".length), query });
    return send(res, reply.status, reply.body, reply.type ?? MEDIA_TYPES[".json"]);
  };

  const attempt = async (req: http.IncomingMessage, res: http.ServerResponse, method: string, query: URLSearchParams): Promise<void> => {
    if (method !== "GET" && method !== "PUT" && method !== "DELETE") return notAllowed(res, method, "GET, PUT, DELETE");
    if (method !== "GET") {
      const refused = crossSiteReason(req);
      if (refused) return send(res, 403, refused);
    }
    if (method === "DELETE") {
      options.attempts.reset();
      return send(res, 204, "");
    }
    const unit = query.get("unit") ?? "";
    // Only the package's own units: the id is user input (an <img> on any page can send it).
    if (!unitIds().has(unit)) return send(res, 404, `this package has no unit '${unit.slice(0, 100)}'`);
    if (method === "GET") {
      const saved = options.attempts.unit(unit);
      return saved !== undefined ? send(res, 200, saved, MEDIA_TYPES[".json"]) : send(res, 204, ""); // nothing yet: a first launch
    }
    // A cross-site HTML form can only send text/plain, urlencoded or multipart bodies (Fetch Standard: CORS-safelisted request-header).
    if (mediaTypeOf(req) !== "application/json") return send(res, 415, "the attempt must be sent as application/json");
    const body = await readCappedBody(req, ATTEMPT_MAX_BYTES);
    if (body === TOO_LARGE) {
      send(res, 413, `an attempt is at most ${formatBytes(ATTEMPT_MAX_BYTES)}`);
      return dropRest(req);
    }
    const text = body.toString("utf8");
    const parsed = parseJsonText(text);
    if ("error" in parsed) return send(res, 400, `the attempt was refused: ${parsed.error}`);
    if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) return send(res, 400, "the attempt must be a JSON object");
    options.attempts.saveUnit(unit, text);
    return send(res, 204, "");
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const target = parseRequestTarget(req.url);
    if (typeof target === "string") return send(res, 400, target);
    if (!loopbackHost(req)) return send(res, 403, "this server answers requests for 127.0.0.1 only");
    const route = target.pathname;
    const method = req.method ?? "GET";
    if (route === "/__cw/attempt") return attempt(req, res, method, target.query);
    if (route.startsWith("/__cw/lms/")) return lmsAnswer(req, res, method, route, target.query);
    if (method !== "GET" && method !== "HEAD") return notAllowed(res, method, "GET, HEAD");
    if (route === "/" || route === "/index.html") {
      const q = launchQuery();
      return send(res, 200, playerPage({ info, panel: Boolean(options.panel), ...(q ? { launchQuery: q } : {}) }), MEDIA_TYPES[".html"], {
        "Content-Security-Policy": PLAYER_PAGE_POLICY,
      });
    }
    if (route === "/__cw/player.css") return send(res, 200, PLAYER_CSS, MEDIA_TYPES[".css"]);
    if (route === "/__cw/player.js") return send(res, 200, await playerClient(info.standard.id), MEDIA_TYPES[".js"]);
    if (route.startsWith("/__cw/") && route.endsWith(".js")) {
      const source = script(route.slice("/__cw/".length));
      if (source !== undefined) return send(res, 200, source, MEDIA_TYPES[".js"]);
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
      return send(res, 200, JSON.stringify({ statements, state: state ? Buffer.from(state.content).toString("utf8") : undefined }), MEDIA_TYPES[".json"]);
    }
    if (route === "/__cw/events") {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
      res.write(": connected\n\n");
      listeners.add(res);
      req.on("close", () => listeners.delete(res));
      return;
    }
    if (route.startsWith("/package/")) return sendFile(res, packageDir, route.slice("/package/".length), req.headers.range);
    send(res, 404, "not found");
  };

  /** Any failure in a handler: one log line, a short 500 (or a cut connection once the answer has begun), and the server lives on. */
  const failed = (req: http.IncomingMessage, res: http.ServerResponse, err: unknown): void => {
    const message = (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
    onError(`player: ${req.method ?? "?"} ${(req.url ?? "").slice(0, 200)} failed: ${message}`);
    if (res.headersSent) res.destroy();
    else send(res, 500, `internal error: ${message}`);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      try {
        failed(req, res, err);
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
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
