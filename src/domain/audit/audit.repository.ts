/** All SQL of the audit trail. Entries are written only by the database's triggers (migrations/0008). */
import { and, asc, count, desc, eq, gt, gte, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import { auditHead, auditLog } from "../../platform/db/schema.ts";
import type { AuditEntry } from "./audit.schema.ts";

/** The previous seal of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** An entry with its seal recomputed by the database (`vincula_audit_hash`, the trigger's own function). */
export type SealedEntry = {
  id: number;
  at: Date;
  actor: string;
  tableName: string;
  recordId: string;
  prevHash: string;
  hash: string;
  recomputed: string;
};

/** Up to `limit` entries after `afterId`, in id order, with their seals recomputed; the rows' data stays in SQL. */
export async function readSealedEntries(db: Db, afterId: number, limit: number): Promise<SealedEntry[]> {
  const t = auditLog;
  return db
    .select({
      id: t.id,
      at: t.at,
      actor: t.actor,
      tableName: t.tableName,
      recordId: t.recordId,
      prevHash: t.prevHash,
      hash: t.hash,
      recomputed: sql<string>`vincula_audit_hash(${t.prevHash}, ${t.id}, ${t.at}, ${t.actor}, ${t.tableName}, ${t.operation}, ${t.recordId}, ${t.before}, ${t.after})`,
    })
    .from(t)
    .where(gt(t.id, afterId))
    .orderBy(asc(t.id))
    .limit(limit);
}

/** Where the chain must end; undefined before the first write. */
export async function readAuditHead(db: Db): Promise<{ lastId: number; lastHash: string } | undefined> {
  const rows = await db.select({ lastId: auditHead.lastId, lastHash: auditHead.lastHash }).from(auditHead);
  return rows[0];
}

export type AuditFilter = {
  table?: string;
  recordId?: string;
  actor?: string;
  from?: { at: Date; inclusive: boolean };
  to?: { at: Date; inclusive: boolean };
};

function conditionsOf(filter: AuditFilter): SQL | undefined {
  const t = auditLog;
  const conditions: (SQL | undefined)[] = [];
  if (filter.table) conditions.push(eq(t.tableName, filter.table));
  if (filter.recordId) conditions.push(eq(t.recordId, filter.recordId));
  // «account:ana», or just «ana» (whatever the kind, with or without «(token)»).
  if (filter.actor)
    conditions.push(
      or(
        eq(t.actor, filter.actor),
        sql`regexp_replace(${t.actor}, '^[a-z-]+:|\\s\\(token\\)$', '', 'g') = ${filter.actor}`,
      ),
    );
  if (filter.from) conditions.push(gte(t.at, filter.from.at));
  if (filter.to) conditions.push(filter.to.inclusive ? lte(t.at, filter.to.at) : lt(t.at, filter.to.at));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export async function listEntries(
  db: Db,
  filter: AuditFilter,
  page: { limit: number; offset: number; order: "asc" | "desc" },
): Promise<{ items: AuditEntry[]; total: number }> {
  const where = conditionsOf(filter);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(page.order === "desc" ? desc(auditLog.id) : asc(auditLog.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      table: row.tableName,
      operation: row.operation as AuditEntry["operation"],
      recordId: row.recordId,
      before: row.before ?? null,
      after: row.after ?? null,
      prevHash: row.prevHash,
      hash: row.hash,
    })),
    total: Number(totals[0]?.total ?? 0),
  };
}
