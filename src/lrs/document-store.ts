// Documents of the xAPI document resources (xAPI 1.0.3 Part 3 §2.2) in SQLite: one table a resource, each keyed
// by its scope columns plus the document id. The State and Agent Profile stores are this class with their table.
import { createHash } from "node:crypto";
import type { Db } from "./database.js";

/** What a document is besides its address (Part 3 §2.2.s2: contents and updated; the ETag of §3.1). */
export interface StoredDocument {
  content: Buffer;
  contentType: string;
  /** SHA-1 hex of the content, unquoted (the HTTP layer quotes it). */
  etag: string;
  updated: string;
}

/** A scope is named by string fields only, each one column of the table. */
export type DocumentScope = Record<string, string>;

/** Where a resource's documents live: the table, the column of each scope field, the id's name and column. */
export interface DocumentTable<Scope extends DocumentScope, Id extends string> {
  readonly table: string;
  readonly scope: { readonly [K in keyof Scope]: string };
  readonly id: { readonly name: Id; readonly column: string };
}

/** What the resource handlers do with a scope's documents. */
export interface Documents<Scope extends DocumentScope> {
  get(scope: Scope, id: string): StoredDocument | undefined;
  put(scope: Scope, id: string, content: Buffer, contentType: string): StoredDocument;
  list(scope: Scope, since?: string): { ids: string[]; lastUpdated: string | undefined };
  delete(scope: Scope, id: string): void;
  deleteAll(scope: Scope): void;
}

export function sha1Hex(content: Buffer): string {
  return createHash("sha1").update(content).digest("hex");
}

export class DocumentStore<Scope extends DocumentScope, Id extends string> implements Documents<Scope> {
  private readonly fields: (keyof Scope & string)[];
  private readonly columns: string[];
  /** `a = ? AND b = ?` over the scope columns. */
  private readonly inScope: string;

  constructor(
    private readonly db: Db,
    private readonly t: DocumentTable<Scope, Id>,
  ) {
    this.fields = Object.keys(t.scope);
    this.columns = this.fields.map((f) => t.scope[f]);
    this.inScope = this.columns.map((c) => `${c} = ?`).join(" AND ");
  }

  private values(scope: Scope): string[] {
    // Every field of a Scope is a string (DocumentScope); the index type only forgets it.
    return this.fields.map((f) => scope[f] as string);
  }

  get(scope: Scope, id: string): StoredDocument | undefined {
    return this.db
      .prepare(`SELECT content, content_type AS contentType, etag, updated FROM ${this.t.table} WHERE ${this.inScope} AND ${this.t.id.column} = ?`)
      .get(...this.values(scope), id) as StoredDocument | undefined;
  }

  put(scope: Scope, id: string, content: Buffer, contentType: string): StoredDocument {
    const doc: StoredDocument = { content, contentType, etag: sha1Hex(content), updated: new Date().toISOString() };
    const key = [...this.columns, this.t.id.column];
    this.db
      .prepare(
        `INSERT INTO ${this.t.table} (${key.join(", ")}, content, content_type, etag, updated)
         VALUES (${key.map(() => "?").join(", ")}, ?, ?, ?, ?)
         ON CONFLICT (${key.join(", ")})
         DO UPDATE SET content = excluded.content, content_type = excluded.content_type, etag = excluded.etag,
                       updated = excluded.updated`,
      )
      .run(...this.values(scope), id, content, contentType, doc.etag, doc.updated);
    return doc;
  }

  /** The ids in a scope, optionally only those updated after `since` (exclusive), and the latest update. */
  list(scope: Scope, since?: string): { ids: string[]; lastUpdated: string | undefined } {
    const rows = this.db
      .prepare(`SELECT ${this.t.id.column} AS id, updated FROM ${this.t.table} WHERE ${this.inScope} AND updated > ? ORDER BY ${this.t.id.column}`)
      .all(...this.values(scope), since ?? "") as { id: string; updated: string }[];
    const lastUpdated = rows.reduce<string | undefined>((m, r) => (m === undefined || r.updated > m ? r.updated : m), undefined);
    return { ids: rows.map((r) => r.id), lastUpdated };
  }

  delete(scope: Scope, id: string): void {
    this.db.prepare(`DELETE FROM ${this.t.table} WHERE ${this.inScope} AND ${this.t.id.column} = ?`).run(...this.values(scope), id);
  }

  deleteAll(scope: Scope): void {
    this.db.prepare(`DELETE FROM ${this.t.table} WHERE ${this.inScope}`).run(...this.values(scope));
  }

  /** Every document, for test assertions. */
  all(): (Scope & StoredDocument & Record<Id, string>)[] {
    const named = this.fields.map((f) => `${this.t.scope[f]} AS ${f}`).join(", ");
    return this.db
      .prepare(
        `SELECT ${named}, ${this.t.id.column} AS ${this.t.id.name}, content, content_type AS contentType, etag, updated
         FROM ${this.t.table} ORDER BY updated, ${this.t.id.column}`,
      )
      .all() as (Scope & StoredDocument & Record<Id, string>)[];
  }
}
