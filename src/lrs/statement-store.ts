// Statements in SQLite: all-or-nothing batch insert with the immutability rule, voiding, and the GET query.
import type { Db } from "./database.js";
import type { JsonObject } from "./json.js";
import { sameStatement } from "./statement-compare.js";
import { indexStatement } from "./statement-index.js";

export interface StatementFilter {
  /** agentKey() of the agent parameter. */
  agent?: string;
  verb?: string;
  activity?: string;
  /** Lower-case UUID. */
  registration?: string;
  relatedAgents?: boolean;
  relatedActivities?: boolean;
  /** ISO 8601 UTC with ms (as stored): exclusive. */
  since?: string;
  /** Inclusive. */
  until?: string;
  ascending?: boolean;
}

export interface StatementPage {
  statements: JsonObject[];
  /** seq of the last statement returned, to continue after it. */
  lastSeq: number;
  more: boolean;
}

/** Thrown inside the insert transaction so that nothing of the batch is kept. */
export class StatementConflictError extends Error {
  constructor(readonly statementId: string) {
    super(`statement ${statementId} is already stored with different content`);
  }
}

interface Row {
  seq: number;
  json: string;
}

export class StatementStore {
  private lastStored = "";

  constructor(private readonly db: Db) {
    const row = db.prepare("SELECT MAX(stored) AS s FROM statements").get() as { s: string | null };
    this.lastStored = row.s ?? "";
  }

  /** 'stored' never goes backwards, so ordering by seq and by stored agree (since/until stay consistent). */
  private nextStored(): string {
    const now = new Date().toISOString();
    this.lastStored = now > this.lastStored ? now : this.lastStored;
    return this.lastStored;
  }

  /**
   * Stores a batch of validated statements that each have an id. A statement whose id is already stored is
   * skipped when identical and makes the whole batch fail (StatementConflictError) when different.
   * Returns the ids in request order.
   */
  insert(statements: JsonObject[], authority: JsonObject): string[] {
    const stored = this.nextStored();
    const lookup = this.db.prepare("SELECT json FROM statements WHERE id = ?");
    const nextSeq = this.db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM statements");
    const insertRow = this.db.prepare(
      `INSERT INTO statements (id, seq, stored, timestamp, registration, verb_id, actor_key, object_activity_id,
         object_statement_ref, is_voiding, voided, json)
       VALUES (@id, @seq, @stored, @timestamp, @registration, @verbId, @actorKey, @objectActivityId,
         @objectStatementRef, @isVoiding, @voided, @json)`,
    );
    const insertAgent = this.db.prepare("INSERT INTO statement_agents (statement_id, agent_key, direct) VALUES (?, ?, ?)");
    const insertActivity = this.db.prepare(
      "INSERT INTO statement_activities (statement_id, activity_id, direct) VALUES (?, ?, ?)",
    );
    // A voiding statement voids its target only if the target is not itself a voiding statement (Data §2.3.2);
    // the target may also arrive after the voiding statement.
    const voidTarget = this.db.prepare("UPDATE statements SET voided = 1 WHERE id = ? AND is_voiding = 0");
    const isVoidedByEarlier = this.db.prepare(
      "SELECT 1 FROM statements WHERE is_voiding = 1 AND object_statement_ref = ? LIMIT 1",
    );

    const run = this.db.transaction((batch: JsonObject[]) => {
      for (const received of batch) {
        const id = String(received["id"]).toLowerCase();
        const existing = lookup.get(id) as { json: string } | undefined;
        if (existing) {
          if (!sameStatement(JSON.parse(existing.json) as JsonObject, received)) throw new StatementConflictError(id);
          continue;
        }
        const statement: JsonObject = {
          ...received,
          timestamp: typeof received["timestamp"] === "string" ? received["timestamp"] : stored,
          stored,
          authority,
          version: typeof received["version"] === "string" ? received["version"] : "1.0.0",
        };
        const index = indexStatement(statement);
        const timestamp = Date.parse(String(statement["timestamp"]));
        const voided = !index.isVoiding && isVoidedByEarlier.get(id) !== undefined;
        insertRow.run({
          id,
          seq: (nextSeq.get() as { seq: number }).seq,
          stored,
          timestamp: Number.isNaN(timestamp) ? String(statement["timestamp"]) : new Date(timestamp).toISOString(),
          registration: index.registration,
          verbId: index.verbId,
          actorKey: index.actorKey,
          objectActivityId: index.objectActivityId,
          objectStatementRef: index.objectStatementRef,
          isVoiding: index.isVoiding ? 1 : 0,
          voided: voided ? 1 : 0,
          json: JSON.stringify(statement),
        });
        for (const a of index.agents) insertAgent.run(id, a.key, a.direct ? 1 : 0);
        for (const a of index.activities) insertActivity.run(id, a.id, a.direct ? 1 : 0);
        if (index.isVoiding && index.objectStatementRef) voidTarget.run(index.objectStatementRef);
      }
    });
    run(statements);
    return statements.map((s) => String(s["id"]));
  }

  /** One statement by id: `voided` selects voided statements (voidedStatementId) or not (statementId). */
  get(id: string, voided: boolean): { statement: JsonObject; stored: string } | undefined {
    const row = this.db
      .prepare("SELECT json, stored FROM statements WHERE id = ? AND voided = ?")
      .get(id.toLowerCase(), voided ? 1 : 0) as { json: string; stored: string } | undefined;
    return row && { statement: JSON.parse(row.json) as JsonObject, stored: row.stored };
  }

  /** Every stored statement (voided ones included) in the order they were stored. */
  all(): JsonObject[] {
    const rows = this.db.prepare("SELECT json FROM statements ORDER BY seq").all() as Row[];
    return rows.map((r) => JSON.parse(r.json) as JsonObject);
  }

  maxSeq(): number {
    return (this.db.prepare("SELECT COALESCE(MAX(seq), 0) AS seq FROM statements").get() as { seq: number }).seq;
  }

  /**
   * One page of GET /statements. Statements that target (StatementRef) a matching statement match too,
   * per filter and recursively (Communication §2.1.3 "Filter Conditions for StatementRefs"); voided ones never
   * appear. `afterSeq`/`maxSeq` come from the paging cursor.
   */
  query(filter: StatementFilter, limit: number, afterSeq: number | undefined, maxSeq: number): StatementPage {
    const ctes: string[] = [];
    const where: string[] = ["voided = 0", "seq <= @maxSeq"];
    const params: Record<string, string | number> = { maxSeq, limit: limit + 1 };
    const matchSet = (name: string, direct: string): void => {
      ctes.push(`${name}(id) AS (SELECT id FROM statements WHERE ${direct}
        UNION SELECT s.id FROM statements s JOIN ${name} ON s.object_statement_ref = ${name}.id)`);
      where.push(`id IN ${name}`);
    };
    if (filter.agent !== undefined) {
      params["agent"] = filter.agent;
      const direct = filter.relatedAgents ? "" : " AND direct = 1";
      matchSet("by_agent", `id IN (SELECT statement_id FROM statement_agents WHERE agent_key = @agent${direct})`);
    }
    if (filter.verb !== undefined) {
      params["verb"] = filter.verb;
      matchSet("by_verb", "verb_id = @verb");
    }
    if (filter.activity !== undefined) {
      params["activity"] = filter.activity;
      const direct = filter.relatedActivities ? "" : " AND direct = 1";
      matchSet(
        "by_activity",
        `id IN (SELECT statement_id FROM statement_activities WHERE activity_id = @activity${direct})`,
      );
    }
    if (filter.registration !== undefined) {
      params["registration"] = filter.registration;
      matchSet("by_registration", "registration = @registration");
    }
    if (filter.since !== undefined) {
      params["since"] = filter.since;
      where.push("stored > @since");
    }
    if (filter.until !== undefined) {
      params["until"] = filter.until;
      where.push("stored <= @until");
    }
    if (afterSeq !== undefined) {
      params["afterSeq"] = afterSeq;
      where.push(filter.ascending ? "seq > @afterSeq" : "seq < @afterSeq");
    }
    const sql = `${ctes.length > 0 ? `WITH RECURSIVE ${ctes.join(",\n")}` : ""}
      SELECT seq, json FROM statements WHERE ${where.join(" AND ")}
      ORDER BY seq ${filter.ascending ? "ASC" : "DESC"} LIMIT @limit`;
    const rows = this.db.prepare(sql).all(params) as Row[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    return {
      statements: page.map((r) => JSON.parse(r.json) as JsonObject),
      lastSeq: page.length > 0 ? (page[page.length - 1] as Row).seq : (afterSeq ?? 0),
      more,
    };
  }
}
