/** All SQL of the transparency module: read-only queries over public records, joined with the names they show. */
import { and, asc, count, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import {
  agreementAreas,
  agreementCounterparts,
  agreements,
  areas,
  attachments,
  catalogEntries,
  commissions,
  organisations,
  reportFiles,
  reports,
  resolutions,
  sessions,
} from "../../platform/db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";

export type CommissionRow = {
  id: string;
  key: string;
  acronym: string;
  name: string;
  technicalAreaId: string | null;
};

const commissionColumns = {
  id: commissions.id,
  key: commissions.key,
  acronym: commissions.acronym,
  name: commissions.name,
  technicalAreaId: commissions.technicalAreaId,
};

/** The commission named by its key (`cvoe`) or its id, or not_found. */
export async function findCommission(db: Db, reference: string): Promise<CommissionRow> {
  const where = ZUuid.safeParse(reference).success
    ? eq(commissions.id, reference)
    : eq(commissions.key, reference);
  const [row] = await db.select(commissionColumns).from(commissions).where(where);
  if (!row) throw new AppError("not_found", `No existe la comisión «${reference}».`);
  return row;
}

export async function selectSessions(db: Db, filter: { commissionId?: string; from?: string; to?: string }) {
  const conditions: SQL[] = [];
  if (filter.commissionId) conditions.push(eq(sessions.commissionId, filter.commissionId));
  if (filter.from) conditions.push(sql`${sessions.date} >= ${filter.from}`);
  if (filter.to) conditions.push(sql`${sessions.date} <= ${filter.to}`);
  return db
    .select({
      id: sessions.id,
      kind: sessions.kind,
      number: sessions.number,
      date: sessions.date,
      startTime: sessions.startTime,
      modality: sessions.modality,
      place: sessions.place,
      status: sessions.status,
      updatedAt: sessions.updatedAt,
      commission: { key: commissions.key, acronym: commissions.acronym, name: commissions.name },
    })
    .from(sessions)
    .innerJoin(commissions, eq(commissions.id, sessions.commissionId))
    .where(and(...conditions))
    .orderBy(asc(sessions.date), asc(sessions.startTime), asc(commissions.acronym), asc(sessions.number));
}

/** Resolutions with outcome «adopted», in the order of their sessions and numbers. */
export async function selectAdoptedResolutions(
  db: Db,
  filter: { commissionId?: string; year?: number; limit: number; offset: number },
) {
  const conditions: SQL[] = [eq(resolutions.outcome, "adopted")];
  if (filter.commissionId) conditions.push(eq(resolutions.commissionId, filter.commissionId));
  if (filter.year !== undefined) conditions.push(eq(resolutions.year, filter.year));
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: resolutions.id,
        number: resolutions.number,
        title: resolutions.title,
        commission: { key: commissions.key, acronym: commissions.acronym },
        session: { id: sessions.id, kind: sessions.kind, number: sessions.number, date: sessions.date },
      })
      .from(resolutions)
      .innerJoin(sessions, eq(sessions.id, resolutions.sessionId))
      .innerJoin(commissions, eq(commissions.id, resolutions.commissionId))
      .where(where)
      .orderBy(asc(sessions.date), asc(commissions.acronym), asc(resolutions.year), asc(resolutions.seq))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: count() }).from(resolutions).where(where),
  ]);
  return { rows, total: Number(totals[0]?.total ?? 0) };
}

/** Approved reports only (a draft or a presented report is never public), with the resolution that approved them. */
export async function selectApprovedReports(
  db: Db,
  filter: { commissionId?: string; year?: number; id?: string },
) {
  const conditions: SQL[] = [eq(reports.status, "approved")];
  if (filter.commissionId) conditions.push(eq(reports.commissionId, filter.commissionId));
  if (filter.year !== undefined) conditions.push(sql`left(${reports.period}, 4) = ${String(filter.year)}`);
  if (filter.id) conditions.push(eq(reports.id, filter.id));
  return db
    .select({
      id: reports.id,
      period: reports.period,
      approvedAt: reports.approvedAt,
      commission: { key: commissions.key, acronym: commissions.acronym, name: commissions.name },
      resolution: { number: resolutions.number },
      session: { kind: sessions.kind, number: sessions.number, date: sessions.date },
    })
    .from(reports)
    .innerJoin(commissions, eq(commissions.id, reports.commissionId))
    .leftJoin(resolutions, eq(resolutions.id, reports.approvedByResolutionId))
    .leftJoin(sessions, eq(sessions.id, resolutions.sessionId))
    .where(and(...conditions))
    .orderBy(asc(commissions.acronym), asc(reports.period));
}

/** The frozen files of the given reports: format, sha256 and size from the attachments that hold them. */
export async function selectReportFiles(db: Db, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return db
    .select({
      reportId: reportFiles.reportId,
      format: reportFiles.format,
      sha256: attachments.sha256,
      size: attachments.size,
    })
    .from(reportFiles)
    .innerJoin(attachments, eq(attachments.id, reportFiles.attachmentId))
    .where(inArray(reportFiles.reportId, reportIds));
}

export type AgreementWithNames = Awaited<ReturnType<typeof selectAgreements>>[number];

/**
 * Agreements matching `where`, ordered by signing date and title, with the names of their type, counterparts
 * (and each counterpart's sector) and areas.
 */
export async function selectAgreements(db: Db, where: SQL) {
  const rows = await db
    .select({
      id: agreements.id,
      key: agreements.key,
      title: agreements.title,
      object: agreements.object,
      management: agreements.management,
      stage: agreements.stage,
      signedOn: agreements.signedOn,
      validFrom: agreements.validFrom,
      validTo: agreements.validTo,
      isIndefinite: agreements.isIndefinite,
      resources: agreements.resources,
      updatedAt: agreements.updatedAt,
      typeName: catalogEntries.name,
      commission: { id: commissions.id, key: commissions.key, acronym: commissions.acronym },
    })
    .from(agreements)
    .innerJoin(commissions, eq(commissions.id, agreements.commissionId))
    .leftJoin(catalogEntries, eq(catalogEntries.id, agreements.typeId))
    .where(where)
    .orderBy(sql`${agreements.signedOn} asc nulls last`, asc(agreements.title), asc(agreements.id));
  const ids = rows.map((row) => row.id);
  const [counterparts, responsibleAreas] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({
              agreementId: agreementCounterparts.agreementId,
              name: organisations.name,
              sector: organisations.sector,
            })
            .from(agreementCounterparts)
            .innerJoin(organisations, eq(organisations.id, agreementCounterparts.organisationId))
            .where(inArray(agreementCounterparts.agreementId, ids))
            .orderBy(asc(agreementCounterparts.position)),
          db
            .select({ agreementId: agreementAreas.agreementId, name: areas.name })
            .from(agreementAreas)
            .innerJoin(areas, eq(areas.id, agreementAreas.areaId))
            .where(inArray(agreementAreas.agreementId, ids))
            .orderBy(asc(agreementAreas.position)),
        ]);
  return rows.map((row) => ({
    ...row,
    counterparts: counterparts
      .filter((c) => c.agreementId === row.id)
      .map((c) => ({ name: c.name, sector: c.sector })),
    areas: responsibleAreas.filter((a) => a.agreementId === row.id).map((a) => a.name),
  }));
}

/** The name of an internal area (the commission's technical area), or null. */
export async function areaName(db: Db, areaId: string | null): Promise<string | null> {
  if (!areaId) return null;
  const [row] = await db.select({ name: areas.name }).from(areas).where(eq(areas.id, areaId));
  return row?.name ?? null;
}
