// A minimal xAPI client over fetch for the LRS tests: real HTTP, the headers content sends, nothing hidden.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { startLrs, type JsonObject, type JsonValue, type RunningLrs } from "../../src/lrs/index.js";

export interface XapiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body when it is JSON, else undefined. */
  json: JsonValue | undefined;
}

export interface XapiRequest {
  method?: string;
  /** Path below the endpoint ("statements") or starting with "/" (relative to the server root). */
  path: string;
  query?: Record<string, string | JsonValue>;
  body?: JsonValue | string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Send no Authorization header. */
  noAuth?: boolean;
  /** Send no X-Experience-API-Version header. */
  noVersion?: boolean;
}

export function xapiClient(lrs: RunningLrs) {
  return async function xapi(req: XapiRequest): Promise<XapiResponse> {
    const base = new URL(lrs.url);
    const url = req.path.startsWith("/") ? new URL(req.path, base.origin) : new URL(req.path, base);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, typeof v === "string" ? v : JSON.stringify(v));
    const headers: Record<string, string> = { ...req.headers };
    if (!req.noAuth) headers["Authorization"] = lrs.authorization;
    if (!req.noVersion) headers["X-Experience-API-Version"] = "1.0.3";
    let body: string | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === "string" ? req.body : JSON.stringify(req.body);
      headers["Content-Type"] = req.contentType ?? "application/json";
    }
    const res = await fetch(url, { method: req.method ?? "GET", headers, body });
    const text = await res.text();
    let json: JsonValue | undefined;
    try {
      json = text === "" ? undefined : (JSON.parse(text) as JsonValue);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

/** A development LRS (in memory, any free port) for a whole test file: started in beforeAll, closed in afterAll. */
export function lrsForFile(): { readonly lrs: RunningLrs; xapi(req: XapiRequest): Promise<XapiResponse> } {
  let started: RunningLrs | undefined;
  beforeAll(async () => {
    started = await startLrs();
  });
  afterAll(async () => {
    await started?.close();
  });
  const running = (): RunningLrs => {
    if (!started) throw new Error("the LRS starts in beforeAll");
    return started;
  };
  return {
    get lrs() {
      return running();
    },
    xapi: (req) => xapiClient(running())(req),
  };
}

export const VERBS = {
  experienced: "http://adlnet.gov/expapi/verbs/experienced",
  completed: "http://adlnet.gov/expapi/verbs/completed",
  answered: "http://adlnet.gov/expapi/verbs/answered",
  voided: "http://adlnet.gov/expapi/verbs/voided",
} as const;

export const COURSE = "https://example.test/courses/lrs-test";

export function learner(name: string): JsonObject {
  return { objectType: "Agent", name, mbox: `mailto:${name.toLowerCase()}@example.test` };
}

/** A valid statement as content would send it (client-made id, UTC timestamp with ms). */
export function statement(overrides: JsonObject = {}): JsonObject {
  return {
    id: randomUUID(),
    actor: learner("Ada"),
    verb: { id: VERBS.experienced, display: { "en-US": "experienced" } },
    object: { objectType: "Activity", id: `${COURSE}/page/intro`, definition: { name: { "en-US": "Intro" } } },
    timestamp: new Date().toISOString(),
    ...overrides,
  };
}

export function asObject(value: JsonValue | undefined): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`not a JSON object: ${JSON.stringify(value)}`);
  return value;
}

export function asArray(value: JsonValue | undefined): JsonValue[] {
  if (!Array.isArray(value)) throw new Error(`not a JSON array: ${JSON.stringify(value)}`);
  return value;
}
