// What GET /statements filters on, pulled out of a statement once when it is stored (Communication §2.1.3):
// "direct" entries answer the plain agent/activity filters, the others only related_agents/related_activities.
import { agentKey } from "./agent-key.js";
import { arr, isJsonObject, obj, str, type JsonObject, type JsonValue } from "./json.js";

export const VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided";

export interface StatementIndex {
  verbId: string;
  registration: string | null;
  actorKey: string | null;
  objectActivityId: string | null;
  /** The id a StatementRef object points to (used for voiding and for the StatementRef filter rule). */
  objectStatementRef: string | null;
  isVoiding: boolean;
  agents: { key: string; direct: boolean }[];
  activities: { id: string; direct: boolean }[];
}

/** An Agent or Group's own key plus its members' keys: a Group matches an agent filter naming a member. */
function agentAndMemberKeys(agent: JsonValue | undefined): string[] {
  if (!isJsonObject(agent)) return [];
  const keys: string[] = [];
  const own = agentKey(agent);
  if (own !== undefined) keys.push(own);
  for (const member of arr(agent, "member")) {
    const k = agentKey(member);
    if (k !== undefined) keys.push(k);
  }
  return keys;
}

function objectType(object: JsonObject | undefined): string {
  return str(object, "objectType") ?? "Activity";
}

function contextActivityIds(context: JsonObject | undefined): string[] {
  const ids: string[] = [];
  const ca = obj(context, "contextActivities");
  for (const kind of ["parent", "grouping", "category", "other"]) {
    for (const a of arr(ca, kind)) {
      const id = isJsonObject(a) ? str(a, "id") : undefined;
      if (id !== undefined) ids.push(id);
    }
  }
  return ids;
}

/** Agents and activities anywhere in a statement or sub-statement other than actor/object of the top level. */
function relatedOf(statement: JsonObject, agents: string[], activities: string[]): void {
  const context = obj(statement, "context");
  agents.push(...agentAndMemberKeys(context?.["instructor"]), ...agentAndMemberKeys(context?.["team"]));
  activities.push(...contextActivityIds(context));
}

export function indexStatement(statement: JsonObject): StatementIndex {
  const object = obj(statement, "object");
  const type = objectType(object);
  const verbId = str(obj(statement, "verb"), "id") ?? "";
  const direct = { agents: agentAndMemberKeys(statement["actor"]), activities: [] as string[] };
  const related = { agents: agentAndMemberKeys(statement["authority"]), activities: [] as string[] };

  if (type === "Agent" || type === "Group") direct.agents.push(...agentAndMemberKeys(object));
  if (type === "Activity") direct.activities.push(str(object, "id") ?? "");
  if (type === "SubStatement" && object !== undefined) {
    related.agents.push(...agentAndMemberKeys(object["actor"]));
    const subObject = obj(object, "object");
    const subType = objectType(subObject);
    if (subType === "Agent" || subType === "Group") related.agents.push(...agentAndMemberKeys(subObject));
    if (subType === "Activity") related.activities.push(str(subObject, "id") ?? "");
    relatedOf(object, related.agents, related.activities);
  }
  relatedOf(statement, related.agents, related.activities);

  const agents = new Map<string, boolean>();
  for (const k of related.agents) agents.set(k, false);
  for (const k of direct.agents) agents.set(k, true);
  const activities = new Map<string, boolean>();
  for (const id of related.activities) activities.set(id, false);
  for (const id of direct.activities) activities.set(id, true);

  return {
    verbId,
    registration: str(obj(statement, "context"), "registration")?.toLowerCase() ?? null,
    actorKey: agentKey(statement["actor"]) ?? null,
    objectActivityId: type === "Activity" ? (str(object, "id") ?? null) : null,
    objectStatementRef: type === "StatementRef" ? (str(object, "id")?.toLowerCase() ?? null) : null,
    isVoiding: verbId === VOIDED_VERB,
    agents: [...agents].map(([key, d]) => ({ key, direct: d })),
    activities: [...activities].map(([id, d]) => ({ id, direct: d })),
  };
}
