/** All SQL of the activities module: child rows, date and organisation conditions, reference checks. */
import { asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import {
  activities,
  activityAttachments,
  activityCounterparts,
  activityDates,
  activityParticipants,
  attachments,
  programmedActionAreas,
  programmedActions,
  strategicLines,
  workProgrammes,
} from "../../platform/db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { groupChildren } from "../shared/resource.ts";

type Row = Record<string, unknown>;

/**
 * Some day of the activity lies in [from, to]: a continuous activity overlaps the period; one held on separate
 * dates has one of them inside it (two sessions on either side of a quarter do not make it part of the quarter).
 */
export function hasDayWithin(from: string, to: string): SQL {
  return sql`(${activities.startDate} <= ${to} and ${activities.endDate} >= ${from}
    and (${activities.isContinuous}
      or exists (select 1 from ${activityDates} d
                 where d.activity_id = ${activities.id} and d.date >= ${from} and d.date <= ${to})))`;
}

/** The organisation is a counterpart of the activity or the body whose session it followed. */
export const involvesOrganisation = (organisationId: string): SQL =>
  sql`(${activities.followedBodyId} = ${organisationId}
    or exists (select 1 from ${activityCounterparts} c
               where c.activity_id = ${activities.id} and c.organisation_id = ${organisationId}))`;

/** The activity's programmed action belongs to the strategic line. */
export const ofStrategicLine = (lineId: string): SQL =>
  sql`exists (select 1 from ${programmedActions} a
              where a.id = ${activities.actionId} and a.line_id = ${lineId})`;

/** The area is one of those responsible for the activity's programmed action. */
export const ofActionArea = (areaId: string): SQL =>
  sql`exists (select 1 from ${programmedActionAreas} r
              where r.action_id = ${activities.actionId} and r.area_id = ${areaId})`;

export async function replaceDates(db: Db, activityId: string, dates: string[]): Promise<void> {
  await db.delete(activityDates).where(eq(activityDates.activityId, activityId));
  if (dates.length > 0) await db.insert(activityDates).values(dates.map((date) => ({ activityId, date })));
}

export async function replaceActivityCounterparts(
  db: Db,
  activityId: string,
  organisationIds: string[],
): Promise<void> {
  await db.delete(activityCounterparts).where(eq(activityCounterparts.activityId, activityId));
  if (organisationIds.length > 0)
    await db
      .insert(activityCounterparts)
      .values(organisationIds.map((organisationId, position) => ({ activityId, organisationId, position })));
}

export async function replaceParticipants(
  db: Db,
  activityId: string,
  participants: { personId: string; role?: string }[],
): Promise<void> {
  await db.delete(activityParticipants).where(eq(activityParticipants.activityId, activityId));
  if (participants.length > 0)
    await db
      .insert(activityParticipants)
      .values(
        participants.map((p, position) => ({ activityId, personId: p.personId, role: p.role, position })),
      );
}

export async function replaceActivityAttachments(
  db: Db,
  activityId: string,
  attachmentIds: string[],
): Promise<void> {
  await db.delete(activityAttachments).where(eq(activityAttachments.activityId, activityId));
  if (attachmentIds.length > 0)
    await db
      .insert(activityAttachments)
      .values(attachmentIds.map((attachmentId) => ({ activityId, attachmentId })));
}

/** Adds dates, span, counterpartIds, participants and attachmentIds to activity rows. */
export async function withActivityChildren(db: Db, rows: Row[]): Promise<Row[]> {
  const ids = rows.map((row) => row.id as string);
  const dates = await groupChildren<{ date: string }>(
    db,
    activityDates,
    activityDates.activityId,
    ids,
    activityDates.date,
  );
  const counterparts = await groupChildren<{ organisationId: string }>(
    db,
    activityCounterparts,
    activityCounterparts.activityId,
    ids,
    activityCounterparts.position,
  );
  const participants = await groupChildren<{ personId: string; role: string | null }>(
    db,
    activityParticipants,
    activityParticipants.activityId,
    ids,
    activityParticipants.position,
  );
  const files = new Map<string, string[]>();
  if (ids.length > 0) {
    const links = await db
      .select({ activityId: activityAttachments.activityId, attachmentId: activityAttachments.attachmentId })
      .from(activityAttachments)
      .innerJoin(attachments, eq(attachments.id, activityAttachments.attachmentId))
      .where(inArray(activityAttachments.activityId, ids))
      .orderBy(asc(attachments.createdAt), asc(attachments.id));
    for (const link of links)
      files.set(link.activityId, [...(files.get(link.activityId) ?? []), link.attachmentId]);
  }
  return rows.map((row) => {
    const id = row.id as string;
    return {
      ...row,
      dates: (dates.get(id) ?? []).map((d) => d.date),
      span: row.isContinuous ? { from: row.startDate, to: row.endDate } : null,
      counterpartIds: (counterparts.get(id) ?? []).map((c) => c.organisationId),
      participants: (participants.get(id) ?? []).map((p) => ({ personId: p.personId, role: p.role })),
      attachmentIds: files.get(id) ?? [],
    };
  });
}

/** The programmed action belongs to a work programme of the activity's commission. */
export async function assertActionOfCommission(
  db: Db,
  actionId: string,
  commissionId: string,
): Promise<void> {
  const [found] = await db
    .select({ commissionId: workProgrammes.commissionId })
    .from(programmedActions)
    .innerJoin(strategicLines, eq(strategicLines.id, programmedActions.lineId))
    .innerJoin(workProgrammes, eq(workProgrammes.id, strategicLines.programmeId))
    .where(eq(programmedActions.id, actionId));
  if (!found)
    throw new AppError("reference_not_found", "La acción programada indicada no existe.", [
      { path: "actionId", message: "no existe una acción programada con ese identificador", value: actionId },
    ]);
  if (found.commissionId !== commissionId)
    throw new AppError("inconsistent_reference", "La acción programada es del programa de otra comisión.", [
      { path: "actionId", message: "la acción es de otra comisión", value: actionId },
    ]);
}
