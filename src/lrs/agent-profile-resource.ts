// /agents/profile (xAPI 1.0.3 Part 3 §2.6 with the document rules of §2.2 and concurrency of §3.1).
import type { AgentProfileScope, AgentProfileStore } from "./agent-profile-store.js";
import { agentParamKey, handleDocuments, type DocumentResource } from "./document-resource.js";
import type { LrsRequest, Reply } from "./http.js";

const AGENT_PROFILE: DocumentResource<AgentProfileScope> = {
  path: "/agents/profile",
  idParam: "profileId",
  noun: "agent profile document",
  params: {
    // §2.6.s3: one document by agent + profileId; §2.6.s4: the ids of an agent's documents, optionally since.
    single: ["agent", "profileId"],
    list: ["agent", "since"],
  },
  /** §2.6.s3: an Agent (not a Group) with one IFI; the documents are not tied to an activity or registration. */
  parseScope(q) {
    const agent = agentParamKey(q);
    return "error" in agent ? agent.error : { agentKey: agent.key };
  },
  // §3.1.s2.b2: the Agent Profile resource has concurrency control; §3.1.s3 exempts only the State resource.
  concurrency: "required",
  // §2.6 defines no DELETE of several documents: a DELETE names its profileId.
  deleteAll: false,
};

export function handleAgentProfile(store: AgentProfileStore, req: LrsRequest): Reply {
  return handleDocuments(AGENT_PROFILE, store, req);
}
