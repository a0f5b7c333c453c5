/**
 * Merging duplicates: the same counterpart or person written two ways («INE» and «Instituto Nacional
 * Electoral», which the checks report as near-duplicates) becomes one record. In one transaction every reference
 * to the duplicate (every foreign key of src/platform/db/schema.ts that points at its table) moves to the record
 * kept, the duplicate's name and aliases become aliases of the kept one, and the duplicate is deleted; the audit
 * trail records each of those changes under the actor. When moving a reference would break a unique constraint
 * (the same person twice in one session's attendance, the same organisation twice among an agreement's
 * counterparts) nothing changes: a 409 names the records to fix first. `dryRun` counts without changing anything,
 * so the interface can say how many references will move before asking for confirmation.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import {
  activities,
  activityCounterparts,
  activityParticipants,
  agreementCounterparts,
  attendance,
  memberships,
  organisations,
  people,
  resolutionVotes,
} from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { guardDb, parseInput } from "../shared/resource.ts";
import { organisationResource, personResource } from "./catalogs.resources.ts";

export const ZMergeInput = z.object({
  into: z.uuid({ message: "indique el identificador del registro que se conserva" }),
  dryRun: z.boolean().default(false),
});

export const ZMergeReference = z.object({
  table: z.string().describe("Tabla que cita al registro duplicado"),
  column: z.string(),
  count: z.number().int(),
});

/**
 * A column that references the merged table. `uniqueWith` are the other columns of a unique constraint (or
 * primary key) it belongs to: two rows that differ only in this column would collide once moved.
 */
type Reference = {
  table: PgTable;
  name: string;
  column: PgColumn;
  uniqueWith?: PgColumn[];
  /** Spanish, for the refusal: «la asistencia de una sesión». */
  conflictLabel?: string;
};

const ORGANISATION_REFERENCES: Reference[] = [
  { table: organisations, name: "organisations", column: organisations.parentId },
  {
    table: agreementCounterparts,
    name: "agreement_counterparts",
    column: agreementCounterparts.organisationId,
    uniqueWith: [agreementCounterparts.agreementId],
    conflictLabel: "las contrapartes de un convenio",
  },
  { table: activities, name: "activities", column: activities.followedBodyId },
  {
    table: activityCounterparts,
    name: "activity_counterparts",
    column: activityCounterparts.organisationId,
    uniqueWith: [activityCounterparts.activityId],
    conflictLabel: "las contrapartes de una actividad",
  },
];

const PERSON_REFERENCES: Reference[] = [
  { table: memberships, name: "memberships", column: memberships.personId },
  {
    table: attendance,
    name: "attendance",
    column: attendance.personId,
    uniqueWith: [attendance.sessionId, attendance.category, attendance.partyId, attendance.areaId],
    conflictLabel: "la asistencia de una sesión",
  },
  { table: attendance, name: "attendance", column: attendance.substitutePersonId },
  {
    table: resolutionVotes,
    name: "resolution_votes",
    column: resolutionVotes.personId,
    uniqueWith: [resolutionVotes.resolutionId],
    conflictLabel: "las votaciones de un acuerdo",
  },
  {
    table: activityParticipants,
    name: "activity_participants",
    column: activityParticipants.personId,
    uniqueWith: [activityParticipants.activityId],
    conflictLabel: "las personas participantes de una actividad",
  },
];

type Merged = { table: PgTable & { id: PgColumn; aliases: PgColumn; name: PgColumn }; label: string };

type MergeResult<T> = {
  kept: T;
  dryRun: boolean;
  references: z.infer<typeof ZMergeReference>[];
};

function uniqueAliases(keptName: string, candidates: string[]): string[] {
  const seen = new Set([keptName.trim().toLowerCase()]);
  const out: string[] = [];
  for (const alias of candidates) {
    const text = alias.trim();
    if (!text || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
  }
  return out;
}

async function merge(
  ctx: UseCaseContext,
  merged: Merged,
  references: Reference[],
  duplicateId: string,
  rawInput: unknown,
): Promise<{ keptId: string; dryRun: boolean; references: z.infer<typeof ZMergeReference>[] }> {
  authorize(ctx.actor, "records.write");
  const input = parseInput(ZMergeInput, rawInput);
  if (!z.uuid().safeParse(duplicateId).success) throw notFound(merged.label, duplicateId);
  if (input.into === duplicateId)
    throw new AppError(
      "conflict",
      `No se puede fusionar ${merged.label} consigo mismo: elija otro registro.`,
      [{ path: "into", message: "es el mismo registro", value: input.into }],
    );
  const { table } = merged;
  const run = async (tx: Db) => {
    const load = async (id: string) =>
      (
        (await tx
          .select()
          .from(table as PgTable)
          .where(eq(table.id, id))) as { id: string; name: string; aliases: string[] }[]
      )[0];
    const duplicate = await load(duplicateId);
    if (!duplicate) throw notFound(merged.label, duplicateId);
    const kept = await load(input.into);
    if (!kept)
      throw new AppError("reference_not_found", `No existe ${merged.label} que se conservaría.`, [
        { path: "into", message: "no existe ese registro", value: input.into },
      ]);

    const counts: z.infer<typeof ZMergeReference>[] = [];
    for (const reference of references) {
      const [row] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(reference.table)
        .where(eq(reference.column, duplicateId));
      counts.push({ table: reference.name, column: reference.column.name, count: Number(row?.n ?? 0) });
      if (!reference.uniqueWith) continue;
      // A row citing the duplicate collides with one citing the kept record that agrees on the other columns.
      const other = sql.raw('"other"');
      const sameRest = reference.uniqueWith.map(
        (column) => sql`${other}.${sql.identifier(column.name)} is not distinct from ${column}`,
      );
      const [clash] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(reference.table)
        .where(
          and(
            eq(reference.column, duplicateId),
            sql`exists (select 1 from ${reference.table} as ${other} where ${other}.${sql.identifier(reference.column.name)} = ${input.into} and ${and(...sameRest)})`,
          ),
        );
      const clashes = Number(clash?.n ?? 0);
      if (clashes > 0)
        throw new AppError(
          "conflict",
          `No se puede fusionar: «${duplicate.name}» y «${kept.name}» aparecen juntos en ${reference.conflictLabel} ` +
            `(${clashes} ${clashes === 1 ? "caso" : "casos"}). Quite una de las dos menciones y vuelva a intentarlo; no se cambió nada.`,
          [{ path: "into", message: `ambos aparecen en ${reference.conflictLabel}`, value: input.into }],
        );
    }
    if (input.dryRun) return counts;

    for (const reference of references) {
      // A record citing its own table (an organisation's parent): the kept record is handled below, it
      // cannot become its own parent.
      const where =
        reference.table === table
          ? and(eq(reference.column, duplicateId), ne(table.id, input.into))
          : eq(reference.column, duplicateId);
      await guardDb({ label: merged.label }, () =>
        tx
          .update(reference.table)
          .set({ [propertyOf(reference)]: input.into } as never)
          .where(where),
      );
    }
    const aliases = uniqueAliases(kept.name, [...kept.aliases, duplicate.name, ...duplicate.aliases]);
    const keptChanges: Record<string, unknown> = { aliases, updatedAt: new Date() };
    if (table === organisations) {
      const keptRow = (await tx.select().from(organisations).where(eq(organisations.id, kept.id)))[0];
      const dupRow = (await tx.select().from(organisations).where(eq(organisations.id, duplicate.id)))[0];
      if (keptRow?.parentId === duplicate.id)
        keptChanges.parentId = dupRow?.parentId === kept.id ? null : (dupRow?.parentId ?? null);
      // The duplicate's acronym is one more way the organisation is written.
      if (dupRow?.acronym && dupRow.acronym !== keptRow?.acronym)
        keptChanges.aliases = uniqueAliases(kept.name, [...aliases, dupRow.acronym]);
    }
    await tx
      .update(table)
      .set(keptChanges as never)
      .where(eq(table.id, kept.id));
    await guardDb({ label: merged.label }, () => tx.delete(table).where(eq(table.id, duplicate.id)));
    return counts;
  };
  const counts = input.dryRun ? await run(ctx.db) : await inTransaction(ctx, run);
  return { keptId: input.into, dryRun: input.dryRun, references: counts.filter((c) => c.count > 0) };
}

/** The drizzle property name of a reference's column (the update's key). */
function propertyOf(reference: Reference): string {
  const columns = (reference.table as unknown as Record<string, unknown>) ?? {};
  for (const [property, value] of Object.entries(columns)) if (value === reference.column) return property;
  throw new Error(`no property for ${reference.name}.${reference.column.name}`);
}

export async function mergeOrganisation(
  ctx: UseCaseContext,
  duplicateId: string,
  rawInput: unknown,
): Promise<MergeResult<Awaited<ReturnType<typeof organisationResource.get>>>> {
  const result = await merge(
    ctx,
    { table: organisations, label: "el organismo" },
    ORGANISATION_REFERENCES,
    duplicateId,
    rawInput,
  );
  return { ...result, kept: await organisationResource.get(ctx, result.keptId) };
}

export async function mergePerson(
  ctx: UseCaseContext,
  duplicateId: string,
  rawInput: unknown,
): Promise<MergeResult<Awaited<ReturnType<typeof personResource.get>>>> {
  const result = await merge(
    ctx,
    { table: people, label: "la persona" },
    PERSON_REFERENCES,
    duplicateId,
    rawInput,
  );
  return { ...result, kept: await personResource.get(ctx, result.keptId) };
}

/** Ids of rows that cite `id` through any reference (used by tests to check nothing is left behind). */
export async function countReferences(db: Db, kind: "organisation" | "person", id: string): Promise<number> {
  let total = 0;
  for (const reference of kind === "organisation" ? ORGANISATION_REFERENCES : PERSON_REFERENCES) {
    const [row] = await db
      .select({ n: sql<number>`count(*)` })
      .from(reference.table)
      .where(inArray(reference.column, [id]));
    total += Number(row?.n ?? 0);
  }
  return total;
}
