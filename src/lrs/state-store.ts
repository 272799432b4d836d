// State documents (xAPI 1.0.3 Part 3 §2.3) in SQLite, addressed by activity + agent + registration (optional) + stateId.
import type { Db } from "./database.js";
import { DocumentStore, type StoredDocument } from "./document-store.js";

/** Activity + agent + registration: the context a set of state documents belongs to. */
export type StateScope = {
  activityId: string;
  /** agentKey() of the agent parameter. */
  agentKey: string;
  /** Lower-case UUID, or "" when the request named no registration. */
  registration: string;
};

export type StateDocument = StoredDocument;

export class StateStore extends DocumentStore<StateScope, "stateId"> {
  constructor(db: Db) {
    super(db, {
      table: "state_documents",
      scope: { activityId: "activity_id", agentKey: "agent_key", registration: "registration" },
      id: { name: "stateId", column: "state_id" },
    });
  }
}
