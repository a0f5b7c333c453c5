/**
 * All SQL of the dashboard: read-only aggregates over one commission. Each function is one query (the programme
 * tree reuses the programmes module's reader), so the page costs a fixed number of queries however many records.
 */
import { and, asc, eq, gte, ne, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../platform/db/open.ts";
import { agreements, commissions, sessions, workProgrammes } from "../../platform/db/schema.ts";
import { isInForceOn } from "../agreements/agreements.repository.ts";
import { withProgrammeTree } from "../programmes/programmes.repository.ts";
import type { Programme } from "../programmes/programmes.schema.ts";

export async function selectCommission(db: Db, commissionId: string) {
  const [row] = await db
    .select({ id: commissions.id, acronym: commissions.acronym, name: commissions.name })
    .from(commissions)
    .where(eq(commissions.id, commissionId));
  return row;
}

/** Sessions on or after `today`, cancelled ones left out (they will not take place), soonest first. */
export async function selectNextSessions(db: Db, commissionId: string, today: string, limit: number) {
  return db
    .select({
      id: sessions.id,
      key: sessions.key,
      kind: sessions.kind,
      number: sessions.number,
      date: sessions.date,
      startTime: sessions.startTime,
      modality: sessions.modality,
      place: sessions.place,
      status: sessions.status,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.commissionId, commissionId),
        gte(sessions.date, today),
        ne(sessions.status, "cancelled"),
      ),
    )
    .orderBy(asc(sessions.date), sql`${sessions.startTime} asc nulls last`, asc(sessions.number))
    .limit(limit);
}

/**
 * Agreements in force on `today` (decision 005, the same condition as `/agreements?inForceOn=`) whose validity
 * ends within `days` days from it, with their counterparts' names.
 */
export async function selectExpiringAgreements(db: Db, commissionId: string, today: string, days: number) {
  const conditions: SQL[] = [
    eq(agreements.commissionId, commissionId),
    isInForceOn(today),
    sql`not ${agreements.isIndefinite}`,
    sql`${agreements.validTo} <= ${today}::date + ${days}::integer`,
  ];
  return db
    .select({
      id: agreements.id,
      key: agreements.key,
      title: agreements.title,
      validTo: sql<string>`${agreements.validTo}::text`,
      daysLeft: sql<number>`(${agreements.validTo} - ${today}::date)::integer`,
      counterparts: sql<string[]>`coalesce((
        select jsonb_agg(o.name order by c.position, o.name)
        from agreement_counterparts c join organisations o on o.id = c.organisation_id
        where c.agreement_id = "agreements"."id"), '[]'::jsonb)`,
    })
    .from(agreements)
    .where(and(...conditions))
    .orderBy(asc(agreements.validTo), asc(agreements.key));
}

/** The year's work programme with its lines, actions and justifications, or undefined. */
export async function selectProgramme(db: Db, commissionId: string, year: number) {
  const rows = await db
    .select()
    .from(workProgrammes)
    .where(and(eq(workProgrammes.commissionId, commissionId), eq(workProgrammes.year, year)));
  if (rows.length === 0) return undefined;
  const [programme] = await withProgrammeTree(db, rows as Record<string, unknown>[]);
  return programme as unknown as Programme;
}

/** A held activity is one that took place: cancelled and rescheduled ones are not counted as work done. */
const HELD = sql`act.status = 'held'`;

/**
 * Which actions of the programme had a held activity in which quarter of `year`: an activity counts in every
 * quarter its span touches, as the period checks read it (check-report-period.ts).
 */
export async function selectActionQuarters(db: Db, programmeId: string, year: number) {
  return queryRows<{ action_id: string; quarter: number }>(
    db,
    sql`select distinct act.action_id, q.quarter::integer as quarter
        from activities act
        join programmed_actions pa on pa.id = act.action_id
        join strategic_lines sl on sl.id = pa.line_id
        cross join generate_series(1, 4) as q(quarter)
        where sl.programme_id = ${programmeId} and ${HELD}
          and act.start_date <= (make_date(${year}::integer, q.quarter * 3, 1) + interval '1 month - 1 day')::date
          and act.end_date >= make_date(${year}::integer, q.quarter * 3 - 2, 1)`,
  );
}

/**
 * Held activities that start in `year`, per strategic line of the year's programme (null: no action of it) and
 * month. An activity spanning several months counts once, in the month it starts: the chart counts activities,
 * not activity-days, and a continuous activity of a whole quarter would otherwise count three times.
 */
export async function selectActivitiesByLineAndMonth(
  db: Db,
  commissionId: string,
  programmeId: string | undefined,
  year: number,
) {
  const ofProgramme = programmeId ? sql`sl.programme_id = ${programmeId}` : sql`false`;
  return queryRows<{ line_id: string | null; month: number; count: number }>(
    db,
    sql`select sl.id as line_id, extract(month from act.start_date)::integer as month, count(*)::integer as count
        from activities act
        left join programmed_actions pa on pa.id = act.action_id
        left join strategic_lines sl on sl.id = pa.line_id and ${ofProgramme}
        where act.commission_id = ${commissionId} and ${HELD}
          and act.start_date between make_date(${year}::integer, 1, 1) and make_date(${year}::integer, 12, 31)
        group by 1, 2`,
  );
}

/** Sessions held from 1 January of the year to `until` (the reference date, or 31 December). */
function heldSessions(commissionId: string, year: number, until: string): SQL {
  return sql`s.commission_id = ${commissionId} and s.status = 'held'
    and s.date >= make_date(${year}::integer, 1, 1) and s.date <= ${until}::date`;
}

export async function countHeldSessions(db: Db, commissionId: string, year: number, until: string) {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::integer as count from sessions s where ${heldSessions(commissionId, year, until)}`,
  );
  return row?.count ?? 0;
}

/**
 * Attendance of the commission's members and technical secretary in the held sessions. A person is expected at a
 * session when its attendance list names them (present or absent), and attended it when the line says present.
 * Their role is that of their latest integration in the commission, or the list's category lacking one.
 */
export async function selectMemberAttendance(db: Db, commissionId: string, year: number, until: string) {
  return queryRows<{
    person_id: string;
    name: string;
    role: string;
    expected: number;
    attended: number;
  }>(
    db,
    sql`select att.person_id, p.name,
               coalesce((select m.role::text from memberships m
                         where m.commission_id = ${commissionId} and m.person_id = att.person_id
                           and m.role in ('chair', 'member', 'technical_secretary')
                         order by m.start_date desc nulls last limit 1),
                        (array_agg(att.category::text order by s.date desc))[1]) as role,
               count(*)::integer as expected,
               (count(*) filter (where att.is_present))::integer as attended
        from attendance att
        join sessions s on s.id = att.session_id
        join people p on p.id = att.person_id
        where ${heldSessions(commissionId, year, until)}
          and att.category in ('member', 'technical_secretary')
        group by att.person_id, p.name
        order by min(att.position), p.name`,
  );
}

/**
 * Attendance of each party's representation in the held sessions: expected when the list names the party,
 * attended when the line says present or names who attended in the representative's place.
 */
export async function selectPartyAttendance(db: Db, commissionId: string, year: number, until: string) {
  return queryRows<{
    party_id: string;
    name: string;
    acronym: string | null;
    expected: number;
    attended: number;
  }>(
    db,
    sql`select att.party_id, pa.name, pa.acronym,
               count(*)::integer as expected,
               (count(*) filter (where att.is_present or att.substitute_person_id is not null))::integer as attended
        from attendance att
        join sessions s on s.id = att.session_id
        join parties pa on pa.id = att.party_id
        where ${heldSessions(commissionId, year, until)}
          and att.category = 'party_representative'
        group by att.party_id, pa.name, pa.acronym, pa.position
        order by pa.position, min(att.position), pa.name`,
  );
}
