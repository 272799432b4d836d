// /activities/state (xAPI 1.0.3 Part 3 §2.3 with the document rules of §2.2 and concurrency of §3.1).
import { agentParamKey, handleDocuments, type DocumentResource } from "./document-resource.js";
import { isAbsoluteIri, type LrsRequest, type Reply } from "./http.js";
import type { StateScope, StateStore } from "./state-store.js";
import { isUuid } from "./validate-statement.js";

const STATE: DocumentResource<StateScope> = {
  path: "/activities/state",
  idParam: "stateId",
  noun: "state document",
  params: {
    single: ["activityId", "agent", "registration", "stateId"],
    list: ["activityId", "agent", "registration", "since"],
  },
  /** The scope named by activityId + agent + registration (§2.3.s3). */
  parseScope(q) {
    const activityId = q.get("activityId");
    if (activityId === null) return "activityId is required";
    if (!isAbsoluteIri(activityId)) return "activityId must be an IRI";
    const agent = agentParamKey(q);
    if ("error" in agent) return agent.error;
    const registration = q.get("registration");
    if (registration !== null && !isUuid(registration)) return "registration must be a UUID";
    return { activityId, agentKey: agent.key, registration: registration?.toLowerCase() ?? "" };
  },
  // §3.1.s3: the State resource permits PUT, POST and DELETE without concurrency headers.
  concurrency: "optional",
  // §2.3.s5: DELETE without a stateId deletes every document in the scope.
  deleteAll: true,
};

export function handleState(store: StateStore, req: LrsRequest): Reply {
  return handleDocuments(STATE, store, req);
}
