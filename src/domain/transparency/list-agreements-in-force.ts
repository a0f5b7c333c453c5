/** The agreements in force on a date, as the public portal lists them (docs/decisions/005 says what counts). */
import { and, eq, type SQL } from "drizzle-orm";
import { agreements } from "../../platform/db/schema.ts";
import { isInForceOn } from "../agreements/agreements.repository.ts";
import { todayInMexicoCity } from "../shared/calendar.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { parseInput } from "../shared/resource.ts";
import { type AgreementWithNames, findCommission, selectAgreements } from "./transparency.repository.ts";
import { type PublicAgreement, ZAgreementsInForceQuery } from "./transparency.schema.ts";

export function presentPublicAgreement(row: AgreementWithNames): PublicAgreement {
  return {
    id: row.id,
    commission: { key: row.commission.key, acronym: row.commission.acronym },
    key: row.key,
    title: row.title,
    type: row.typeName,
    object: row.object,
    counterparts: row.counterparts.map((counterpart) => counterpart.name),
    areas: row.areas,
    management: row.management,
    stage: row.stage,
    signedOn: row.signedOn,
    validFrom: row.validFrom,
    validTo: row.validTo,
    isIndefinite: row.isIndefinite,
  };
}

/** In force on `date` (default: today in Mexico City) by the same condition as `/agreements?inForceOn=`. */
export async function listAgreementsInForce(
  ctx: UseCaseContext,
  rawQuery: unknown,
  now: Date = new Date(),
): Promise<{ date: string; items: PublicAgreement[] }> {
  authorize(ctx.actor, "public.read");
  const query = parseInput(ZAgreementsInForceQuery, rawQuery ?? {});
  const date = query.date ?? todayInMexicoCity(now);
  const conditions: SQL[] = [isInForceOn(date)];
  if (query.commission)
    conditions.push(eq(agreements.commissionId, (await findCommission(ctx.db, query.commission)).id));
  const rows = await selectAgreements(ctx.db, and(...conditions) as SQL);
  return { date, items: rows.map(presentPublicAgreement) };
}
