/** Agreements, pertinence opinions and agreement progress as resources (list, get, create, update, delete). */
import { eq, gte, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import {
  agreementAreas,
  agreementProgress,
  agreements,
  pertinenceOpinions,
  sessions,
} from "../../platform/db/schema.ts";
import { ZAgreementManagement, ZAgreementStage, ZOpinionOutcome } from "../dataset/dataset.schema.ts";
import { yearOf } from "../shared/calendar.ts";
import { AppError } from "../shared/errors.ts";
import { mergedRecord, pickColumns } from "../shared/patch.ts";
import { ZCalendarDate, ZUuid, ZYear } from "../shared/primitives.ts";
import { assertCatalogEntry } from "../shared/references.ts";
import { defineResource } from "../shared/resource.ts";
import { agreementProblems, plannedStageEvents } from "./agreement-stages.ts";
import {
  type AgreementDocument,
  agreementCommission,
  assertAgreementDeletable,
  assertAgreementOfCommission,
  assertParentAgreement,
  hasArea,
  hasCounterpart,
  hasCounterpartNamed,
  isInForceOn,
  loadStageEvents,
  replaceAgreementAreas,
  replaceAgreementDocuments,
  replaceCounterparts,
  replaceOpinionAreas,
  replaceStageEvents,
  sessionCommission,
  withAgreementChildren,
  withOpinionAreas,
} from "./agreements.repository.ts";
import {
  type AgreementStage,
  type StageEvent,
  ZAgreement,
  ZAgreementCreate,
  ZAgreementProgress,
  ZAgreementProgressCreate,
  ZAgreementProgressUpdate,
  ZAgreementUpdate,
  ZPertinenceOpinion,
  ZPertinenceOpinionIssue,
  ZPertinenceOpinionUpdate,
} from "./agreements.schema.ts";

type Row = Record<string, unknown>;

const AGREEMENT_COLUMNS = [
  "commissionId",
  "key",
  "title",
  "typeId",
  "object",
  "management",
  "stage",
  "signedOn",
  "validFrom",
  "validTo",
  "isIndefinite",
  "parentId",
  "resources",
  "ceremony",
] as const;

const nullable = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** Checks the agreement as it will be after the change, against itself and the records it points to. */
async function checkAgreement(db: Db, input: Row, existing?: Row): Promise<void> {
  const after = mergedRecord(input, existing);
  const stored = existing ? await loadStageEvents(db, existing.id as string) : [];
  const signedOn = nullable(after.signedOn);
  const stages = plannedStageEvents({
    sent: input.stages as StageEvent[] | undefined,
    stored,
    signedOn,
    isSigningDateSent: input.signedOn !== undefined,
  });
  const details = agreementProblems({
    stage: after.stage as AgreementStage,
    signedOn,
    validFrom: nullable(after.validFrom),
    validTo: nullable(after.validTo),
    isIndefinite: after.isIndefinite === true,
    stages,
  });
  if (details.length > 0)
    throw new AppError("validation_failed", "Los datos del convenio se contradicen.", details);
  if (typeof input.typeId === "string")
    await assertCatalogEntry(db, input.typeId, "agreement_type", "typeId");
  if (typeof input.parentId === "string")
    await assertParentAgreement(
      db,
      input.parentId,
      after.commissionId as string,
      existing?.id as string | undefined,
    );
}

export const agreementResource = defineResource({
  name: "agreement",
  plural: "agreements",
  label: "el convenio",
  tag: "Convenios",
  table: agreements,
  create: ZAgreementCreate,
  update: ZAgreementUpdate,
  output: ZAgreement,
  filters: {
    commissionId: { schema: ZUuid, where: (value: string) => eq(agreements.commissionId, value) },
    stage: { schema: ZAgreementStage, where: (value: AgreementStage) => eq(agreements.stage, value) },
    management: {
      schema: ZAgreementManagement,
      where: (value: "direct" | "accompanied") => eq(agreements.management, value),
    },
    typeId: { schema: ZUuid, where: (value: string) => eq(agreements.typeId, value) },
    areaId: { schema: ZUuid.describe("Área responsable"), where: hasArea },
    organisationId: { schema: ZUuid.describe("Organismo contraparte"), where: hasCounterpart },
    counterpart: {
      schema: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .describe("Contraparte: parte de su nombre o sus siglas, sin distinguir acentos ni mayúsculas"),
      where: hasCounterpartNamed,
    },
    signedFrom: {
      schema: ZCalendarDate.describe("Firmados desde esta fecha"),
      where: (value: string) => gte(agreements.signedOn, value),
    },
    signedTo: {
      schema: ZCalendarDate.describe("Firmados hasta esta fecha"),
      where: (value: string) => lte(agreements.signedOn, value),
    },
    inForceOn: { schema: ZCalendarDate.describe("Vigentes en esta fecha"), where: isInForceOn },
  },
  sort: {
    signedOn: agreements.signedOn,
    key: agreements.key,
    title: agreements.title,
    createdAt: agreements.createdAt,
  },
  defaultSort: "signedOn",
  isSearchable: true,
  toRow: async (db, input, existing) => {
    await checkAgreement(db, input, existing);
    return pickColumns(input, AGREEMENT_COLUMNS);
  },
  writeChildren: async (db, id, input, isUpdate) => {
    if (Array.isArray(input.counterpartIds))
      await replaceCounterparts(db, id, input.counterpartIds as string[]);
    if (Array.isArray(input.areaIds)) await replaceAgreementAreas(db, id, input.areaIds as string[]);
    if (Array.isArray(input.documents))
      await replaceAgreementDocuments(db, id, input.documents as AgreementDocument[]);
    if (isUpdate && input.stages === undefined && input.signedOn === undefined) return;
    const [row] = await db
      .select({ signedOn: agreements.signedOn })
      .from(agreements)
      .where(eq(agreements.id, id));
    const stages = plannedStageEvents({
      sent: input.stages as StageEvent[] | undefined,
      stored: isUpdate ? await loadStageEvents(db, id) : [],
      signedOn: row?.signedOn ?? null,
      isSigningDateSent: input.signedOn !== undefined,
    });
    await replaceStageEvents(db, id, stages);
  },
  readChildren: withAgreementChildren,
  beforeDelete: assertAgreementDeletable,
});

// ---------------------------------------------------------------------------------------------------------------

export const pertinenceOpinionResource = defineResource({
  name: "pertinence_opinion",
  plural: "pertinence-opinions",
  label: "la opinión de pertinencia",
  tag: "Opiniones de pertinencia",
  table: pertinenceOpinions,
  create: ZPertinenceOpinionIssue,
  update: ZPertinenceOpinionUpdate,
  output: ZPertinenceOpinion,
  filters: {
    commissionId: { schema: ZUuid, where: (value: string) => eq(pertinenceOpinions.commissionId, value) },
    agreementId: { schema: ZUuid, where: (value: string) => eq(pertinenceOpinions.agreementId, value) },
    outcome: {
      schema: ZOpinionOutcome,
      where: (value: "favourable" | "unfavourable") => eq(pertinenceOpinions.outcome, value),
    },
    year: {
      schema: z.coerce.number().pipe(ZYear),
      where: (value: number) => eq(pertinenceOpinions.year, value),
    },
  },
  sort: {
    issuedOn: pertinenceOpinions.issuedOn,
    seq: pertinenceOpinions.seq,
    createdAt: pertinenceOpinions.createdAt,
  },
  defaultSort: "issuedOn",
  isSearchable: true,
  toRow: async (db, input, existing) => {
    // Issuing assigns the number: that is issuePertinenceOpinion, never a plain insert.
    if (!existing) throw new Error("Pertinence opinions are created by issuePertinenceOpinion");
    if (typeof input.agreementId === "string")
      await assertAgreementOfCommission(db, input.agreementId, existing.commissionId as string);
    if (typeof input.issuedOn === "string" && yearOf(input.issuedOn) !== existing.year)
      throw new AppError(
        "validation_failed",
        "La fecha de emisión no puede cambiar de año: el número es de ese año.",
        [{ path: "issuedOn", message: `debe ser del año ${existing.year}`, value: input.issuedOn }],
      );
    return pickColumns(input, ["agreementId", "subject", "outcome", "issuedOn"]);
  },
  writeChildren: async (db, id, input) => {
    if (Array.isArray(input.areaIds)) await replaceOpinionAreas(db, id, input.areaIds as string[]);
  },
  readChildren: withOpinionAreas,
});

// ---------------------------------------------------------------------------------------------------------------

const progressInSessions = (condition: ReturnType<typeof sql>) =>
  sql`exists (select 1 from ${sessions} s where s.id = ${agreementProgress.sessionId} and ${condition})`;

export const agreementProgressResource = defineResource({
  name: "agreement_progress",
  plural: "agreement-progress",
  label: "el avance del convenio",
  tag: "Avances de convenios",
  table: agreementProgress,
  create: ZAgreementProgressCreate,
  update: ZAgreementProgressUpdate,
  output: ZAgreementProgress,
  commissionOf: async (db, row) =>
    (await db.query.agreements.findFirst({ where: eq(agreements.id, row.agreementId as string) }))
      ?.commissionId ?? null,
  // An area liaison reports the progress of the agreements of its area.
  areasOf: async (db, row) =>
    (
      await db
        .select({ areaId: agreementAreas.areaId })
        .from(agreementAreas)
        .where(eq(agreementAreas.agreementId, row.agreementId as string))
    ).map((r) => r.areaId),
  filters: {
    agreementId: { schema: ZUuid, where: (value: string) => eq(agreementProgress.agreementId, value) },
    sessionId: { schema: ZUuid, where: (value: string) => eq(agreementProgress.sessionId, value) },
    areaId: { schema: ZUuid, where: (value: string) => eq(agreementProgress.areaId, value) },
    commissionId: {
      schema: ZUuid,
      where: (value: string) =>
        sql`exists (select 1 from ${agreements} a where a.id = ${agreementProgress.agreementId} and a.commission_id = ${value})`,
    },
    from: {
      schema: ZCalendarDate.describe("Informados en sesiones desde esta fecha"),
      where: (value: string) => progressInSessions(sql`s.date >= ${value}`),
    },
    to: {
      schema: ZCalendarDate.describe("Informados en sesiones hasta esta fecha"),
      where: (value: string) => progressInSessions(sql`s.date <= ${value}`),
    },
  },
  sort: { agreementId: agreementProgress.agreementId, sessionId: agreementProgress.sessionId },
  defaultSort: "agreementId",
  isSearchable: true,
  toRow: async (db, input, existing) => {
    if (!existing) {
      const commissionId = await agreementCommission(db, input.agreementId as string);
      if ((await sessionCommission(db, input.sessionId as string)) !== commissionId)
        throw new AppError("inconsistent_reference", "La sesión es de otra comisión que el convenio.", [
          { path: "sessionId", message: "la sesión es de otra comisión", value: input.sessionId },
        ]);
    }
    return input;
  },
});
