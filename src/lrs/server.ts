// The development LRS's HTTP server (node:http on 127.0.0.1 only): CORS, Basic auth, the version header,
// routing to the resources, fault injection and a request log for tests.
import http from "node:http";
import type { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { dropRest, formatBytes, readCappedBody, TOO_LARGE } from "../net/request-body.js";
import { parseRequestTarget } from "../net/request-target.js";
import { handleAgentProfile } from "./agent-profile-resource.js";
import { AgentProfileStore, type AgentProfileScope } from "./agent-profile-store.js";
import { openDatabase } from "./database.js";
import type { StoredDocument } from "./document-store.js";
import { FaultController, type FaultAction, type LrsFault } from "./faults.js";
import { errorReply, header, jsonReply, methodNotAllowed, type LrsRequest, type Reply } from "./http.js";
import type { JsonObject } from "./json.js";
import { handleState } from "./state-resource.js";
import { StateStore, type StateDocument, type StateScope } from "./state-store.js";
import { handleStatements } from "./statements-resource.js";
import { StatementStore } from "./statement-store.js";

export const XAPI_VERSION = "1.0.3";
export const BASE_PATH = "/xapi/";
/** Far above any statement batch or document a course sends; attachments (the large bodies) are not supported. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface LrsCredentials {
  username: string;
  password: string;
}

/** Used when startLrs() is given no credentials. Development only: never a secret. */
export const DEFAULT_LRS_CREDENTIALS: LrsCredentials = { username: "coursewright", password: "coursewright-dev" };

export interface StartLrsOptions {
  /** 0 (default) picks a free port; restart() reuses whatever port was bound. */
  port?: number;
  /** SQLite file (created if missing) or ":memory:" (default). */
  dbFile?: string;
  /** Accepted Basic-auth pairs; default [DEFAULT_LRS_CREDENTIALS]. */
  credentials?: LrsCredentials[];
  /** Added to every xAPI answer (not /about, not preflights), to simulate a slow network. */
  latencyMs?: number;
  /** A fault active from the start (see setFault). */
  faults?: LrsFault | null;
}

export interface LrsRequestLogEntry {
  method: string;
  /** Path without the query string, e.g. "/xapi/statements". */
  path: string;
  /** Query string without "?", "" if none. */
  query: string;
  /** Status answered; 0 when the response was dropped by a fault. */
  status: number;
  /** Which fault acted on the request, if any: "status", "drop", "delay", "reset", "hang" or "reply". */
  fault?: FaultAction["kind"];
  at: string;
}

export interface StoredStateDocument extends StateScope, StateDocument {
  stateId: string;
}

export interface StoredAgentProfile extends AgentProfileScope, StoredDocument {
  profileId: string;
}

export interface RunningLrs {
  /** Endpoint with trailing slash, e.g. "http://127.0.0.1:41234/xapi/". */
  readonly url: string;
  readonly port: number;
  /** "Basic …" for the first credentials: what a launch passes as `auth`. */
  readonly authorization: string;
  readonly credentials: readonly LrsCredentials[];
  /** Every answered (or dropped) request, oldest first. Clear with `requests.length = 0`. */
  readonly requests: LrsRequestLogEntry[];
  /** False between stop() and restart(). */
  readonly running: boolean;
  /** Sets (or with null clears) the active fault; `{ down: true }` also cuts open connections at once. */
  setFault(fault: LrsFault | null): void;
  /** Every stored statement (voided ones too) in stored order, exactly as GET would return them. */
  statements(): JsonObject[];
  /** Every state document, for assertions. */
  stateDocuments(): StoredStateDocument[];
  /** Every Agent Profile document, for assertions. */
  agentProfiles(): StoredAgentProfile[];
  /** Closes the listener and all connections; the database and port are kept for restart(). */
  stop(): Promise<void>;
  /** Listens again on the same port with the same database. */
  restart(): Promise<void>;
  /** stop() and close the database. */
  close(): Promise<void>;
}

export function basicAuthorization(credentials: LrsCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
}

function authenticatedUser(req: http.IncomingMessage, accepted: readonly LrsCredentials[]): string | undefined {
  const value = req.headers.authorization ?? "";
  const match = /^Basic\s+(\S+)$/i.exec(value);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return accepted.some((c) => c.username === username && c.password === password) ? username : undefined;
}

/** Course content is served from another origin (and may run in a frame), so every origin is allowed. */
function corsHeaders(req: http.IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return {
    "Access-Control-Allow-Origin": origin ?? "*",
    ...(origin ? { "Access-Control-Allow-Credentials": "true", Vary: "Origin" } : {}),
    "Access-Control-Expose-Headers": "ETag, Last-Modified, X-Experience-API-Consistent-Through, X-Experience-API-Version",
  };
}

function preflightHeaders(req: http.IncomingMessage): Record<string, string> {
  return {
    "Access-Control-Allow-Methods": "GET, PUT, POST, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match",
    "Access-Control-Max-Age": "600",
    // Chrome's Private Network Access preflight, for pages served from a non-loopback address.
    ...(req.headers["access-control-request-private-network"] ? { "Access-Control-Allow-Private-Network": "true" } : {}),
  };
}

export async function startLrs(options: StartLrsOptions = {}): Promise<RunningLrs> {
  const credentials = options.credentials ?? [DEFAULT_LRS_CREDENTIALS];
  if (credentials.length === 0) throw new Error("startLrs: credentials must not be empty");
  const db = openDatabase(options.dbFile ?? ":memory:");
  const statementStore = new StatementStore(db);
  const stateStore = new StateStore(db);
  const agentProfileStore = new AgentProfileStore(db);
  const faults = new FaultController();
  faults.set(options.faults ?? null);
  const requests: LrsRequestLogEntry[] = [];
  const sockets = new Set<Socket>();
  let server: http.Server | undefined;
  let port = options.port ?? 0;
  // Aborted by stop(), so no delayed answer keeps a timer alive after the server is gone.
  let lifetime = new AbortController();

  const route = (req: LrsRequest): Reply => {
    if (req.resource === "statements") return handleStatements({ store: statementStore, basePath: BASE_PATH }, req);
    if (req.resource === "activities/state") return handleState(stateStore, req);
    if (req.resource === "agents/profile") return handleAgentProfile(agentProfileStore, req);
    return errorReply(404, `/${req.resource} is not a resource of this development LRS (statements, activities/state, agents/profile, about)`);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const raw = req.url ?? "/";
    const pathname = raw.split("?")[0] ?? "";
    const search = raw.includes("?") ? raw.slice(raw.indexOf("?") + 1) : "";
    const target = parseRequestTarget(raw);
    const method = req.method ?? "GET";
    const resource = typeof target !== "string" && pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length).replace(/\/$/, "") : undefined;

    // Only taken once the request reaches the xAPI resources below; read by log() when answering.
    let fault: FaultAction | undefined = undefined;
    const send = (reply: Reply): void => {
      const body = reply.body === undefined ? undefined : Buffer.from(reply.body);
      const headers: Record<string, string> = {
        ...corsHeaders(req),
        "X-Experience-API-Version": XAPI_VERSION,
        "Cache-Control": "no-store",
        ...(resource === "statements" ? { "X-Experience-API-Consistent-Through": new Date().toISOString() } : {}),
        ...reply.headers,
      };
      if (body) headers["Content-Length"] = String(body.length);
      res.writeHead(reply.status, headers);
      res.end(body);
      log(reply.status);
    };
    const log = (status: number): void => {
      requests.push({
        method,
        path: pathname,
        query: search,
        status,
        ...(fault ? { fault: fault.kind } : {}),
        at: new Date().toISOString(),
      });
    };

    if (typeof target === "string") return send(errorReply(400, target));
    if (method === "OPTIONS") return send({ status: 204, headers: preflightHeaders(req) });
    const body = await readCappedBody(req, MAX_BODY_BYTES);
    if (body === TOO_LARGE) {
      send(errorReply(413, `request body is larger than ${formatBytes(MAX_BODY_BYTES)}`));
      return dropRest(req);
    }
    if (resource === undefined) return send(errorReply(404, `the xAPI endpoint is ${BASE_PATH}`));
    if (resource === "about") {
      // Public and version-agnostic (Communication §2.8).
      return send(method === "GET" ? jsonReply(200, { version: [XAPI_VERSION] }) : methodNotAllowed(method, "/about", "GET"));
    }

    fault = faults.take(resource);
    if (options.latencyMs) await sleep(options.latencyMs, undefined, { signal: lifetime.signal });
    if (fault?.kind === "delay") await sleep(fault.delayMs, undefined, { signal: lifetime.signal });
    if (fault?.kind === "status") {
      const reply = errorReply(fault.status, `fault injected by the test: ${fault.status}`);
      const headers: Record<string, string> = { ...reply.headers };
      if (fault.retryAfterSeconds !== undefined) headers["Retry-After"] = String(fault.retryAfterSeconds);
      return send({ ...reply, headers });
    }
    if (fault?.kind === "reply") return send({ status: fault.status, headers: { "Content-Type": fault.contentType }, body: fault.body });
    if (fault?.kind === "reset" || fault?.kind === "hang") {
      // reset: a network error for this resource only; hang: accepted, never answered (until the client gives up).
      log(0);
      if (fault.kind === "reset") req.socket.destroy();
      return;
    }

    const username = authenticatedUser(req, credentials);
    if (username === undefined) {
      const reply = errorReply(401, "Basic authentication with valid LRS credentials is required");
      return send({ ...reply, headers: { ...reply.headers, "WWW-Authenticate": 'Basic realm="Coursewright development LRS"' } });
    }
    const version = header(req, "x-experience-api-version");
    if (version === undefined) return send(errorReply(400, "the X-Experience-API-Version header is required"));
    if (!/^1\.0(\.\d+)?$/.test(version.trim())) return send(errorReply(400, `X-Experience-API-Version ${version} is not supported (1.0.x)`));

    const reply = route({ method, resource, query: typeof target === "string" ? new URLSearchParams() : target.query, headers: req.headers, body, username });
    if (fault?.kind === "drop") {
      // The work is done (statements stored) but the client never learns it: an ambiguous failure.
      log(0);
      req.socket.destroy();
      return;
    }
    send(reply);
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle(req, res).catch((e: unknown) => {
      if (lifetime.signal.aborted || res.headersSent) {
        res.destroy();
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      const [pathname = "", query = ""] = (req.url ?? "/").split("?");
      requests.push({ method: req.method ?? "GET", path: pathname, query, status: 500, at: new Date().toISOString() });
      res.writeHead(500, { "Content-Type": "application/json; charset=utf-8", "X-Experience-API-Version": XAPI_VERSION, ...corsHeaders(req) });
      res.end(JSON.stringify({ error: `internal error: ${message}` }));
    });
  };

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = http.createServer(onRequest);
      s.on("connection", (socket: Socket) => {
        if (faults.down) {
          socket.destroy();
          return;
        }
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        s.off("error", reject);
        const address = s.address();
        if (address && typeof address === "object") port = address.port;
        server = s;
        resolve();
      });
    });

  const destroySockets = (): void => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  const stop = async (): Promise<void> => {
    const s = server;
    if (!s) return;
    server = undefined;
    lifetime.abort();
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
      destroySockets();
    });
  };

  await listen();

  return {
    get url() {
      return `http://127.0.0.1:${port}${BASE_PATH}`;
    },
    get port() {
      return port;
    },
    authorization: basicAuthorization(credentials[0] as LrsCredentials),
    credentials,
    requests,
    get running() {
      return server !== undefined;
    },
    setFault(fault) {
      faults.set(fault);
      if (faults.down) destroySockets();
    },
    statements: () => statementStore.all(),
    stateDocuments: () => stateStore.all(),
    agentProfiles: () => agentProfileStore.all(),
    stop,
    async restart() {
      if (server) return;
      if (!db.open) throw new Error("restart(): this LRS was closed; start a new one");
      lifetime = new AbortController();
      await listen();
    },
    async close() {
      await stop();
      if (db.open) db.close();
    },
  };
}
