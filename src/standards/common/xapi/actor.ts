// The learner as a launch names them: an xAPI Agent (xAPI 1.0.3 Part 2 §2.4.2.1) in a launch parameter's JSON.
import type { Agent } from "@xapi/xapi";
import { parseJson } from "./sender.js";

export const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
/** RFC 4122 UUID, as xAPI 1.0.3 Part 2 §2.4.6 requires of a registration. */
export const UUID = /^[\da-f]{8}-[\da-f]{4}-[1-8][\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/i;
const TEXT = /[^]/;

/**
 * The Agent's inverse functional identifiers (xAPI 1.0.3 Part 2 §2.4.2.3), each with the shape its value
 * must have; `account`'s is its homePage's (an object of homePage and name).
 */
const IFIS: Readonly<Record<string, RegExp>> = { mbox: /^mailto:[^@\s]+@\S+$/, mbox_sha1sum: /^[\da-f]{40}$/i, openid: IRI, account: IRI };

type Json = Record<string, unknown>;

/** Some LMSs send single-valued arrays (`"mbox":["mailto:…"]`, `"name":["…"]`) too: a JSON reviver unwraps them. */
const one = (_key: string, v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : v);
const shaped = (v: unknown, shape: RegExp | undefined): v is string => typeof v === "string" && shape!.test(v);

/** An Agent with exactly one identifier, of the right shape, and the display name when it has one. */
export function parseActor(json: string): Agent | undefined {
  // Not JSON, or null: no fields at all.
  const a = (parseJson(json, one) || {}) as Json;
  const [key = "", other] = Object.keys(IFIS).filter((k) => a[k] !== undefined);
  const value = a[key];
  const { homePage, name } = ((key === "account" && value) || {}) as Json;
  const valid = key === "account" ? shaped(homePage, IRI) && shaped(name, TEXT) : shaped(value, IFIS[key]);
  const display = a["name"];
  return valid && !other ? ({ objectType: "Agent", name: shaped(display, TEXT) ? display : undefined, [key]: homePage ? { homePage, name } : value } as Agent) : undefined;
}
