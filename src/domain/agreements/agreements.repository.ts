/** All SQL of the agreements module: child rows, the in-force condition and the reference checks. */
import { asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import {
  agreementAreas,
  agreementCounterparts,
  agreementDocuments,
  agreementProgress,
  agreementStageEvents,
  agreements,
  attachments,
  organisations,
  pertinenceOpinionAreas,
  pertinenceOpinions,
  sessions,
} from "../../platform/db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { groupChildren } from "../shared/resource.ts";
import type { StageEvent } from "./agreements.schema.ts";

export type AgreementDocument = { attachmentId: string; label: string };

type Row = Record<string, unknown>;

/**
 * In force on `date`: signed on or before it, its validity has begun and not ended, and it has not been
 * concluded, terminated or cancelled before that day (an ending dated `date` still counts, like `validTo`).
 */
export function isInForceOn(date: string): SQL {
  // A historical agreement recorded in force without its signing date (the demo's older agreements) counts.
  return sql`((${agreements.signedOn} is null and ${agreements.stage} = 'in_force' or ${agreements.signedOn} <= ${date})
    and (${agreements.validFrom} is null or ${agreements.validFrom} <= ${date})
    and (${agreements.isIndefinite} or ${agreements.validTo} is null or ${agreements.validTo} >= ${date})
    and (${agreements.stage} in ('signed', 'in_force')
      or exists (select 1 from ${agreementStageEvents} ending
                 where ending.agreement_id = ${agreements.id} and ending.stage = ${agreements.stage}
                   and ending.stage in ('concluded', 'terminated', 'cancelled') and ending.date >= ${date})))`;
}

/** The agreement has `organisationId` among its counterparts. */
export const hasCounterpart = (organisationId: string): SQL =>
  sql`exists (select 1 from ${agreementCounterparts} c
              where c.agreement_id = ${agreements.id} and c.organisation_id = ${organisationId})`;

/**
 * Some counterpart's name or acronym contains `text`, case- and accent-insensitively («cuauhtemoc» finds the
 * Alcaldía Cuauhtémoc).
 */
export const hasCounterpartNamed = (text: string): SQL => {
  const wanted = sql`'%' || vincula_unaccent(lower(${text})) || '%'`;
  return sql`exists (select 1 from ${agreementCounterparts} c join ${organisations} o on o.id = c.organisation_id
              where c.agreement_id = ${agreements.id}
                and (vincula_unaccent(lower(o.name)) like ${wanted}
                     or vincula_unaccent(lower(coalesce(o.acronym, ''))) like ${wanted}))`;
};

/** `areaId` is one of the agreement's responsible areas. */
export const hasArea = (areaId: string): SQL =>
  sql`exists (select 1 from ${agreementAreas} a where a.agreement_id = ${agreements.id} and a.area_id = ${areaId})`;

export async function loadStageEvents(db: Db, agreementId: string): Promise<StageEvent[]> {
  const rows = await db
    .select()
    .from(agreementStageEvents)
    .where(eq(agreementStageEvents.agreementId, agreementId))
    .orderBy(asc(agreementStageEvents.stage));
  return rows.map((row) => ({ stage: row.stage, date: row.date, note: row.note }));
}

export async function replaceStageEvents(db: Db, agreementId: string, events: StageEvent[]): Promise<void> {
  await db.delete(agreementStageEvents).where(eq(agreementStageEvents.agreementId, agreementId));
  if (events.length > 0)
    await db
      .insert(agreementStageEvents)
      .values(
        events.map((event) => ({ agreementId, stage: event.stage, date: event.date, note: event.note })),
      );
}

export async function replaceCounterparts(
  db: Db,
  agreementId: string,
  organisationIds: string[],
): Promise<void> {
  await db.delete(agreementCounterparts).where(eq(agreementCounterparts.agreementId, agreementId));
  if (organisationIds.length > 0)
    await db
      .insert(agreementCounterparts)
      .values(organisationIds.map((organisationId, position) => ({ agreementId, organisationId, position })));
}

export async function replaceAgreementAreas(db: Db, agreementId: string, areaIds: string[]): Promise<void> {
  await db.delete(agreementAreas).where(eq(agreementAreas.agreementId, agreementId));
  if (areaIds.length > 0)
    await db
      .insert(agreementAreas)
      .values(areaIds.map((areaId, position) => ({ agreementId, areaId, position })));
}

/**
 * Replaces the agreement's documents. Every attachment must exist: an unknown one is reported by its field
 * (`documents[0].attachmentId`) before anything is written, rather than as a bare foreign-key failure.
 */
export async function replaceAgreementDocuments(
  db: Db,
  agreementId: string,
  documents: AgreementDocument[],
): Promise<void> {
  if (documents.length > 0) {
    const found = await db
      .select({ id: attachments.id })
      .from(attachments)
      .where(
        inArray(
          attachments.id,
          documents.map((document) => document.attachmentId),
        ),
      );
    const known = new Set(found.map((row) => row.id));
    const details = documents.flatMap((document, index) =>
      known.has(document.attachmentId)
        ? []
        : [
            {
              path: `documents[${index}].attachmentId`,
              message: "no existe un archivo con ese identificador",
              value: document.attachmentId,
            },
          ],
    );
    if (details.length > 0) {
      const paths = details.map((detail) => detail.path);
      const message =
        paths.length === 1
          ? `El archivo indicado en ${paths[0]} no existe.`
          : `Los archivos indicados en ${paths.slice(0, -1).join(", ")} y ${paths.at(-1)} no existen.`;
      throw new AppError("reference_not_found", message, details);
    }
  }
  await db.delete(agreementDocuments).where(eq(agreementDocuments.agreementId, agreementId));
  if (documents.length > 0)
    await db.insert(agreementDocuments).values(
      documents.map((document) => ({
        agreementId,
        attachmentId: document.attachmentId,
        label: document.label,
      })),
    );
}

/** The documents of each agreement, by label and then attachment id. */
async function documentsByAgreement(db: Db, ids: string[]): Promise<Map<string, AgreementDocument[]>> {
  const groups = new Map<string, AgreementDocument[]>();
  if (ids.length === 0) return groups;
  const rows = await db
    .select()
    .from(agreementDocuments)
    .where(inArray(agreementDocuments.agreementId, ids))
    .orderBy(asc(agreementDocuments.label), asc(agreementDocuments.attachmentId));
  for (const row of rows)
    groups.set(row.agreementId, [
      ...(groups.get(row.agreementId) ?? []),
      { attachmentId: row.attachmentId, label: row.label },
    ]);
  return groups;
}

/** Adds counterpartIds, areaIds, stages (in stage order) and documents (by label) to agreement rows. */
export async function withAgreementChildren(db: Db, rows: Row[]): Promise<Row[]> {
  const ids = rows.map((row) => row.id as string);
  const counterparts = await groupChildren<{ organisationId: string }>(
    db,
    agreementCounterparts,
    agreementCounterparts.agreementId,
    ids,
    agreementCounterparts.position,
  );
  const areas = await groupChildren<{ areaId: string }>(
    db,
    agreementAreas,
    agreementAreas.agreementId,
    ids,
    agreementAreas.position,
  );
  const events = await groupChildren<{ stage: string; date: string; note: string | null }>(
    db,
    agreementStageEvents,
    agreementStageEvents.agreementId,
    ids,
    agreementStageEvents.stage,
  );
  const documents = await documentsByAgreement(db, ids);
  return rows.map((row) => {
    const id = row.id as string;
    return {
      ...row,
      counterpartIds: (counterparts.get(id) ?? []).map((c) => c.organisationId),
      areaIds: (areas.get(id) ?? []).map((a) => a.areaId),
      stages: (events.get(id) ?? []).map((e) => ({ stage: e.stage, date: e.date, note: e.note })),
      documents: documents.get(id) ?? [],
    };
  });
}

export async function replaceOpinionAreas(db: Db, opinionId: string, areaIds: string[]): Promise<void> {
  await db.delete(pertinenceOpinionAreas).where(eq(pertinenceOpinionAreas.opinionId, opinionId));
  if (areaIds.length > 0)
    await db
      .insert(pertinenceOpinionAreas)
      .values(areaIds.map((areaId, position) => ({ opinionId, areaId, position })));
}

export async function withOpinionAreas(db: Db, rows: Row[]): Promise<Row[]> {
  const areas = await groupChildren<{ areaId: string }>(
    db,
    pertinenceOpinionAreas,
    pertinenceOpinionAreas.opinionId,
    rows.map((row) => row.id as string),
    pertinenceOpinionAreas.position,
  );
  return rows.map((row) => ({ ...row, areaIds: (areas.get(row.id as string) ?? []).map((a) => a.areaId) }));
}

/** The agreement's commission, or reference_not_found. */
export async function agreementCommission(
  db: Db,
  agreementId: string,
  path = "agreementId",
): Promise<string> {
  const [row] = await db
    .select({ commissionId: agreements.commissionId })
    .from(agreements)
    .where(eq(agreements.id, agreementId));
  if (!row)
    throw new AppError("reference_not_found", "El convenio indicado no existe.", [
      { path, message: "no existe un convenio con ese identificador", value: agreementId },
    ]);
  return row.commissionId;
}

/** Refuses a record that points to an agreement of another commission. */
export async function assertAgreementOfCommission(
  db: Db,
  agreementId: string,
  commissionId: string,
  path = "agreementId",
): Promise<void> {
  if ((await agreementCommission(db, agreementId, path)) !== commissionId)
    throw new AppError("inconsistent_reference", "El convenio pertenece a otra comisión.", [
      { path, message: "el convenio es de otra comisión", value: agreementId },
    ]);
}

/** Refuses a parent that is the agreement itself, belongs to another commission or would close a cycle. */
export async function assertParentAgreement(
  db: Db,
  parentId: string,
  commissionId: string,
  agreementId: string | undefined,
): Promise<void> {
  await assertAgreementOfCommission(db, parentId, commissionId, "parentId");
  let current: string | null = parentId;
  for (let depth = 0; current && depth < 100; depth++) {
    if (current === agreementId)
      throw new AppError("validation_failed", "Un convenio no puede derivar de sí mismo.", [
        { path: "parentId", message: "formaría un ciclo de convenios derivados", value: parentId },
      ]);
    const [row]: { parentId: string | null }[] = await db
      .select({ parentId: agreements.parentId })
      .from(agreements)
      .where(eq(agreements.id, current));
    current = row?.parentId ?? null;
  }
}

/** The session's commission, or reference_not_found. */
export async function sessionCommission(db: Db, sessionId: string): Promise<string> {
  const [row] = await db
    .select({ commissionId: sessions.commissionId })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  if (!row)
    throw new AppError("reference_not_found", "La sesión indicada no existe.", [
      { path: "sessionId", message: "no existe una sesión con ese identificador", value: sessionId },
    ]);
  return row.commissionId;
}

/** Agreements with progress reports or opinions keep their history: they cannot be deleted. */
export async function assertAgreementDeletable(db: Db, agreementId: string): Promise<void> {
  const [progress] = await db
    .select({ id: agreementProgress.id })
    .from(agreementProgress)
    .where(eq(agreementProgress.agreementId, agreementId))
    .limit(1);
  const [opinion] = await db
    .select({ id: pertinenceOpinions.id })
    .from(pertinenceOpinions)
    .where(eq(pertinenceOpinions.agreementId, agreementId))
    .limit(1);
  if (progress || opinion)
    throw new AppError(
      "in_use",
      `No se puede eliminar el convenio: tiene ${progress ? "avances informados en sesiones" : "opiniones de pertinencia"}.`,
    );
}
