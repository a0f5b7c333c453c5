/**
 * Retention (docs/decisions/022): a contact whose latest consent is older than its list's retention period is
 * blocked (no longer sent anything, kept only to answer for its treatment); a contact blocked for longer than the
 * grace period is deleted with its consents and deliveries. Run by every `vincula serve` at start and daily
 * (campaign-dispatcher.ts `startDailyRetention`), or by hand (`vincula contacts apply-retention`); idempotent.
 */
import { type SQL, sql } from "drizzle-orm";
import { queryRows } from "../../platform/db/open.ts";
import { isValidCalendarDate } from "../shared/calendar.ts";
import { authorize, commissionsWhere, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";

/** Days a blocked contact is kept before it is deleted. */
export const BLOCKED_GRACE_DAYS = 90;

export async function applyRetention(
  ctx: UseCaseContext,
  today: string,
  graceDays: number = BLOCKED_GRACE_DAYS,
): Promise<{ blocked: number; deleted: number }> {
  authorize(ctx.actor, "contacts.write");
  if (!isValidCalendarDate(today) || !Number.isInteger(graceDays) || graceDays < 0)
    throw new AppError("validation_failed", "La fecha o el periodo de gracia no son válidos.");
  // The lists of the commissions where the actor holds «contacts.write» (all of them for administrators, the
  // shell and Vincula itself).
  const allowed = commissionsWhere(ctx.actor, "contacts.write");
  if (allowed?.length === 0) return { blocked: 0, deleted: 0 };
  const inScope = (listColumn: SQL) =>
    allowed
      ? sql`${listColumn} in (select id from outreach_lists where commission_id in (${sql.join(
          allowed.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}))`
      : sql`true`;
  return inTransaction(ctx, async (tx) => {
    // Deleted first, so that a contact blocked by this run is kept for the whole grace period.
    const deleted = await queryRows<{ id: string }>(
      tx,
      sql`delete from contacts
           where status = 'blocked' and ${inScope(sql.raw("list_id"))}
             and status_changed_at < (${today}::date - ${graceDays}::int)::timestamp at time zone 'America/Mexico_City'
          returning id`,
    );
    const blocked = await queryRows<{ id: string }>(
      tx,
      sql`update contacts c set status = 'blocked', status_changed_at = now(), updated_at = now()
            from outreach_lists l
           where l.id = c.list_id and c.status <> 'blocked' and ${inScope(sql.raw("c.list_id"))}
             and (select max(given_on) from contact_consents k where k.contact_id = c.id)
                 + make_interval(months => l.retention_months) < ${today}::date
          returning c.id`,
    );
    return { blocked: blocked.length, deleted: deleted.length };
  });
}
