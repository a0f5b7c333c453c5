/**
 * The numbers a report states about a commission's agreements, derived from the records so they never disagree
 * with the tables: signed since a date («82 signed since 2019»), in force on a date («44 in force»), signed in a
 * period by management (direct vs accompanied), agreements with progress reported in sessions of the period, and
 * the signed ones by year and by type.
 */
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  gte,
  isNotNull,
  lte,
  min,
  type SQL,
  sql,
} from "drizzle-orm";
import {
  agreementProgress,
  agreements,
  catalogEntries,
  commissions,
  sessions,
} from "../../platform/db/schema.ts";
import { todayInMexicoCity } from "../shared/calendar.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { AppError, fromZodIssues } from "../shared/errors.ts";
import { isInForceOn } from "./agreements.repository.ts";
import { type AgreementCounts, ZAgreementCountsQuery } from "./agreements.schema.ts";

export async function countAgreements(
  { actor, db }: UseCaseContext,
  rawQuery: unknown,
): Promise<AgreementCounts> {
  authorize(actor, "records.read");
  const parsed = ZAgreementCountsQuery.safeParse(rawQuery ?? {});
  if (!parsed.success)
    throw fromZodIssues(parsed.error.issues, rawQuery, "validation_failed", "Parámetros inválidos.");
  const query = parsed.data;
  const date = query.date ?? query.to ?? todayInMexicoCity();
  const [commission] = await db
    .select({ id: commissions.id })
    .from(commissions)
    .where(eq(commissions.id, query.commissionId));
  if (!commission)
    throw new AppError("not_found", `No existe la comisión con identificador «${query.commissionId}».`);

  const ofCommission = eq(agreements.commissionId, query.commissionId);
  const signedUpTo: SQL = and(
    ofCommission,
    isNotNull(agreements.signedOn),
    lte(agreements.signedOn, date),
    query.since ? gte(agreements.signedOn, query.since) : undefined,
  ) as SQL;

  const [signed] = await db
    .select({ count: count(), first: min(agreements.signedOn) })
    .from(agreements)
    .where(signedUpTo);
  const [inForce] = await db
    .select({ count: count() })
    .from(agreements)
    .where(and(ofCommission, isInForceOn(date)));
  const year = sql<number>`extract(year from ${agreements.signedOn})::int`.mapWith(Number);
  const byYear = await db
    .select({ year, count: count() })
    .from(agreements)
    .where(signedUpTo)
    .groupBy(year)
    .orderBy(asc(year));
  const byType = await db
    .select({
      typeId: agreements.typeId,
      typeKey: catalogEntries.key,
      typeName: catalogEntries.name,
      count: count(),
    })
    .from(agreements)
    .leftJoin(catalogEntries, eq(catalogEntries.id, agreements.typeId))
    .where(signedUpTo)
    .groupBy(agreements.typeId, catalogEntries.key, catalogEntries.name, catalogEntries.position)
    .orderBy(desc(count()), asc(catalogEntries.position), asc(catalogEntries.name));

  let period: AgreementCounts["period"] = null;
  if (query.from && query.to) {
    const byManagement = await db
      .select({ management: agreements.management, count: count() })
      .from(agreements)
      .where(and(ofCommission, gte(agreements.signedOn, query.from), lte(agreements.signedOn, query.to)))
      .groupBy(agreements.management);
    const direct = byManagement.find((row) => row.management === "direct")?.count ?? 0;
    const accompanied = byManagement.find((row) => row.management === "accompanied")?.count ?? 0;
    const [progress] = await db
      .select({ count: countDistinct(agreementProgress.agreementId) })
      .from(agreementProgress)
      .innerJoin(agreements, eq(agreements.id, agreementProgress.agreementId))
      .innerJoin(sessions, eq(sessions.id, agreementProgress.sessionId))
      .where(and(ofCommission, gte(sessions.date, query.from), lte(sessions.date, query.to)));
    period = {
      from: query.from,
      to: query.to,
      signed: { total: direct + accompanied, direct, accompanied },
      withProgress: progress?.count ?? 0,
    };
  }

  return {
    commissionId: query.commissionId,
    date,
    signed: { since: query.since ?? signed?.first ?? null, count: signed?.count ?? 0 },
    inForce: { on: date, count: inForce?.count ?? 0 },
    signedByYear: byYear,
    signedByType: byType,
    period,
  };
}
