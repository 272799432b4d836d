// State documents in SQLite, addressed by activity + agent + registration (optional) + stateId.
import { createHash } from "node:crypto";
import type { Db } from "./database.js";

/** Activity + agent + registration: the context a set of state documents belongs to. */
export interface StateScope {
  activityId: string;
  /** agentKey() of the agent parameter. */
  agentKey: string;
  /** Lower-case UUID, or "" when the request named no registration. */
  registration: string;
}

export interface StateDocument {
  content: Buffer;
  contentType: string;
  /** SHA-1 hex of the content, unquoted (the HTTP layer quotes it). */
  etag: string;
  updated: string;
}

export function sha1Hex(content: Buffer): string {
  return createHash("sha1").update(content).digest("hex");
}

export class StateStore {
  constructor(private readonly db: Db) {}

  get(scope: StateScope, stateId: string): StateDocument | undefined {
    const row = this.db
      .prepare(
        `SELECT content, content_type AS contentType, etag, updated FROM state_documents
         WHERE activity_id = ? AND agent_key = ? AND registration = ? AND state_id = ?`,
      )
      .get(scope.activityId, scope.agentKey, scope.registration, stateId) as StateDocument | undefined;
    return row;
  }

  put(scope: StateScope, stateId: string, content: Buffer, contentType: string): StateDocument {
    const doc: StateDocument = { content, contentType, etag: sha1Hex(content), updated: new Date().toISOString() };
    this.db
      .prepare(
        `INSERT INTO state_documents (activity_id, agent_key, registration, state_id, content, content_type, etag, updated)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (activity_id, agent_key, registration, state_id)
         DO UPDATE SET content = excluded.content, content_type = excluded.content_type, etag = excluded.etag,
                       updated = excluded.updated`,
      )
      .run(scope.activityId, scope.agentKey, scope.registration, stateId, content, contentType, doc.etag, doc.updated);
    return doc;
  }

  /** The stateIds in a scope, optionally only those updated after `since` (exclusive), and the latest update. */
  list(scope: StateScope, since?: string): { ids: string[]; lastUpdated: string | undefined } {
    const rows = this.db
      .prepare(
        `SELECT state_id AS id, updated FROM state_documents
         WHERE activity_id = ? AND agent_key = ? AND registration = ? AND updated > ? ORDER BY state_id`,
      )
      .all(scope.activityId, scope.agentKey, scope.registration, since ?? "") as { id: string; updated: string }[];
    const lastUpdated = rows.reduce<string | undefined>((m, r) => (m === undefined || r.updated > m ? r.updated : m), undefined);
    return { ids: rows.map((r) => r.id), lastUpdated };
  }

  delete(scope: StateScope, stateId: string): void {
    this.db
      .prepare("DELETE FROM state_documents WHERE activity_id = ? AND agent_key = ? AND registration = ? AND state_id = ?")
      .run(scope.activityId, scope.agentKey, scope.registration, stateId);
  }

  deleteAll(scope: StateScope): void {
    this.db
      .prepare("DELETE FROM state_documents WHERE activity_id = ? AND agent_key = ? AND registration = ?")
      .run(scope.activityId, scope.agentKey, scope.registration);
  }

  /** Every document, for test assertions. */
  all(): (StateScope & StateDocument & { stateId: string })[] {
    return this.db
      .prepare(
        `SELECT activity_id AS activityId, agent_key AS agentKey, registration, state_id AS stateId, content,
                content_type AS contentType, etag, updated FROM state_documents ORDER BY updated, state_id`,
      )
      .all() as (StateScope & StateDocument & { stateId: string })[];
  }
}
