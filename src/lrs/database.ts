// The LRS's SQLite database (better-sqlite3: embedded, synchronous, so a request's writes are one transaction
// with no interleaving). A file path keeps data across restarts; ":memory:" is for tests.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type Database from "better-sqlite3";

export type Db = Database.Database;

/** What every document table (document-store.ts) holds after its key. */
const DOCUMENT_COLUMNS = `
  content      BLOB NOT NULL,
  content_type TEXT NOT NULL,
  etag         TEXT NOT NULL,                      -- SHA-1 hex of content, unquoted
  updated      TEXT NOT NULL,`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS statements (
  id                   TEXT PRIMARY KEY,          -- lower-case UUID
  seq                  INTEGER NOT NULL UNIQUE,   -- arrival order: 'stored' can tie within a batch, seq never does
  stored               TEXT NOT NULL,             -- ISO 8601 UTC, ms: sorts as text
  timestamp            TEXT NOT NULL,
  registration         TEXT,
  verb_id              TEXT NOT NULL,
  actor_key            TEXT,
  object_activity_id   TEXT,
  object_statement_ref TEXT,
  is_voiding           INTEGER NOT NULL DEFAULT 0,
  voided               INTEGER NOT NULL DEFAULT 0,
  json                 TEXT NOT NULL               -- the statement as stored (with stored/authority/version)
);
CREATE INDEX IF NOT EXISTS statements_verb ON statements (verb_id);
CREATE INDEX IF NOT EXISTS statements_registration ON statements (registration);
CREATE INDEX IF NOT EXISTS statements_ref ON statements (object_statement_ref);

-- Every Agent/Activity a statement mentions, so agent/activity filters (and their related_* forms) are lookups.
CREATE TABLE IF NOT EXISTS statement_agents (
  statement_id TEXT NOT NULL REFERENCES statements (id),
  agent_key    TEXT NOT NULL,
  direct       INTEGER NOT NULL,                   -- 1: actor/object (or a member of one); 0: anywhere else
  PRIMARY KEY (statement_id, agent_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS statement_agents_key ON statement_agents (agent_key);

CREATE TABLE IF NOT EXISTS statement_activities (
  statement_id TEXT NOT NULL REFERENCES statements (id),
  activity_id  TEXT NOT NULL,
  direct       INTEGER NOT NULL,                   -- 1: the object; 0: context activities or a sub-statement
  PRIMARY KEY (statement_id, activity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS statement_activities_id ON statement_activities (activity_id);

CREATE TABLE IF NOT EXISTS state_documents (
  activity_id  TEXT NOT NULL,
  agent_key    TEXT NOT NULL,
  registration TEXT NOT NULL DEFAULT '',           -- '' = no registration (NULLs would not be unique)
  state_id     TEXT NOT NULL,${DOCUMENT_COLUMNS}
  PRIMARY KEY (activity_id, agent_key, registration, state_id)
);

CREATE TABLE IF NOT EXISTS agent_profiles (
  agent_key    TEXT NOT NULL,
  profile_id   TEXT NOT NULL,${DOCUMENT_COLUMNS}
  PRIMARY KEY (agent_key, profile_id)
);
`;

export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Loaded when a database opens, not when this module loads: better-sqlite3 is an optional peer, and verify
  // loads the LRS's modules for SCORM 1.2 packages too, which never open one.
  const Sqlite = createRequire(import.meta.url)("better-sqlite3") as typeof Database;
  const db = new Sqlite(file);
  if (file !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.exec(SCHEMA);
  return db;
}
