/** Contact lists of a commission: create, read, change, remove. Reading a list's contacts is in contacts.ts. */
import { asc, count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import { contactListReads, contacts, outreachLists } from "../../platform/db/schema.ts";
import { authorize, commissionsWhere, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { guardDb, parseInput } from "../shared/resource.ts";
import { ZListCreate, ZListUpdate } from "./outreach.schema.ts";

export type OutreachList = typeof outreachLists.$inferSelect;
const LABEL = { label: "la lista" };

/** The list, after checking that `permission` is held in its commission; not found for a malformed id. */
export async function listInScope(
  ctx: UseCaseContext,
  listId: string,
  permission: "contacts.read" | "contacts.write",
  db: Db = ctx.db,
): Promise<OutreachList> {
  authorize(ctx.actor, permission);
  if (!ZUuid.safeParse(listId).success) throw notFound("la lista", listId);
  const [list] = await db.select().from(outreachLists).where(eq(outreachLists.id, listId));
  if (!list) throw notFound("la lista", listId);
  authorize(ctx.actor, permission, { commissionId: list.commissionId });
  return list;
}

export async function createOutreachList(ctx: UseCaseContext, raw: unknown): Promise<OutreachList> {
  authorize(ctx.actor, "contacts.write");
  const input = parseInput(ZListCreate, raw);
  authorize(ctx.actor, "contacts.write", { commissionId: input.commissionId });
  return inTransaction(ctx, (tx) =>
    guardDb(LABEL, async () => {
      const [row] = await tx.insert(outreachLists).values(input).returning();
      return row as OutreachList;
    }),
  );
}

export async function updateOutreachList(ctx: UseCaseContext, listId: string, raw: unknown) {
  const input = parseInput(ZListUpdate, raw);
  return inTransaction(ctx, async (tx) => {
    await listInScope(ctx, listId, "contacts.write", tx);
    return guardDb(LABEL, async () => {
      const [row] = await tx
        .update(outreachLists)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(outreachLists.id, listId))
        .returning();
      return row as OutreachList;
    });
  });
}

/** Removes the list with its contacts, consents and campaigns. */
export async function removeOutreachList(ctx: UseCaseContext, listId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await listInScope(ctx, listId, "contacts.write", tx);
    await tx.delete(outreachLists).where(eq(outreachLists.id, listId));
  });
}

const countWhere = (status: "subscribed" | "unsubscribed" | "bounced" | "blocked") =>
  sql<number>`count(${contacts.id}) filter (where ${contacts.status} = ${status})`.mapWith(Number);

/** The lists the actor may read, with how many contacts each has per status (counts are not personal data). */
export async function listOutreachLists(ctx: UseCaseContext, commissionId?: string) {
  authorize(ctx.actor, "contacts.read");
  const allowed = commissionsWhere(ctx.actor, "contacts.read");
  const rows = await ctx.db
    .select({
      list: outreachLists,
      subscribed: countWhere("subscribed"),
      unsubscribed: countWhere("unsubscribed"),
      bounced: countWhere("bounced"),
      blocked: countWhere("blocked"),
      total: sql<number>`count(${contacts.id})`.mapWith(Number),
    })
    .from(outreachLists)
    .leftJoin(contacts, eq(contacts.listId, outreachLists.id))
    .groupBy(outreachLists.id)
    .orderBy(asc(outreachLists.name));
  return rows
    .filter((row) => !allowed || allowed.includes(row.list.commissionId))
    .filter((row) => !commissionId || row.list.commissionId === commissionId)
    .map((row) => ({
      ...row.list,
      subscribedCount: row.subscribed,
      unsubscribedCount: row.unsubscribed,
      bouncedCount: row.bounced,
      blockedCount: row.blocked,
      contactCount: row.total,
    }));
}

export async function getOutreachList(ctx: UseCaseContext, listId: string): Promise<OutreachList> {
  return listInScope(ctx, listId, "contacts.read");
}

/** Who read the list's contacts and when, newest first (the log itself is not logged as a read). */
export async function listContactListReads(
  ctx: UseCaseContext,
  listId: string,
  page: { limit?: number; offset?: number } = {},
) {
  await listInScope(ctx, listId, "contacts.read");
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
  const offset = Math.max(page.offset ?? 0, 0);
  const where = eq(contactListReads.listId, listId);
  const [items, [total]] = [
    await ctx.db
      .select()
      .from(contactListReads)
      .where(where)
      .orderBy(desc(contactListReads.at), desc(contactListReads.id))
      .limit(limit)
      .offset(offset),
    await ctx.db.select({ value: count() }).from(contactListReads).where(where),
  ];
  return { items, total: total?.value ?? 0, limit, offset };
}
