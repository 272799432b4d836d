// Agent Profile documents (xAPI 1.0.3 Part 3 §2.6) in SQLite, addressed by agent + profileId.
import type { Db } from "./database.js";
import { DocumentStore } from "./document-store.js";

/** The Agent a profile document belongs to (§2.6.s3: not tied to an activity or registration). */
export type AgentProfileScope = {
  /** agentKey() of the agent parameter. */
  agentKey: string;
};

export class AgentProfileStore extends DocumentStore<AgentProfileScope, "profileId"> {
  constructor(db: Db) {
    super(db, { table: "agent_profiles", scope: { agentKey: "agent_key" }, id: { name: "profileId", column: "profile_id" } });
  }
}
