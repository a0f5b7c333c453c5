/** Test data builders: each test makes its own records, with unique keys, through the use cases. */
import { randomUUID } from "node:crypto";
import { activityResource } from "../../src/domain/activities/activities.resources.ts";
import { agreementResource } from "../../src/domain/agreements/agreements.resources.ts";
import {
  areaResource,
  catalogEntryResource,
  organisationResource,
  partyResource,
  personResource,
} from "../../src/domain/catalogs/catalogs.resources.ts";
import {
  commissionResource,
  membershipResource,
} from "../../src/domain/commissions/commissions.resources.ts";
import { sessionResource } from "../../src/domain/sessions/sessions.resources.ts";
import { inTransaction, type UseCaseContext } from "../../src/domain/shared/context.ts";
import type { Db } from "../../src/platform/db/open.ts";
import { institutions } from "../../src/platform/db/schema.ts";

export const uniqueKey = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * Writes rows directly, not through a use case: in a transaction that names the test's actor, as the audit
 * trigger requires of every write (a write without one raises).
 */
export function writeDirectly<T>(ctx: UseCaseContext, work: (tx: Db) => Promise<T>): Promise<T> {
  return inTransaction(ctx, work);
}

/** The deployment's institution (one per database; created once). */
export async function ensureInstitution(ctx: UseCaseContext): Promise<{ id: string }> {
  const existing = await ctx.db.query.institutions.findFirst();
  if (existing) return existing;
  const [row] = await writeDirectly(ctx, (tx) =>
    tx
      .insert(institutions)
      .values({ key: "iecm", name: "Instituto Electoral de la Ciudad de México", acronym: "IECM" })
      .onConflictDoNothing()
      .returning(),
  );
  return row ?? (await ctx.db.query.institutions.findFirst())!;
}

// ---------------------------------------------------------------------------------------------------------------
// Catalogue records, commissions, memberships, sessions (through their use cases)

let serial = 0;
/** A number unique in this test process (session numbers, positions). */
export const nextSerial = () => ++serial;

export async function buildPerson(ctx: UseCaseContext, overrides: Record<string, unknown> = {}) {
  return personResource.create(ctx, { key: uniqueKey("persona"), name: "Erika Estrada Ruiz", ...overrides });
}

export async function buildParty(ctx: UseCaseContext, overrides: Record<string, unknown> = {}) {
  return partyResource.create(ctx, {
    key: uniqueKey("partido"),
    name: "Partido Acción Nacional",
    ...overrides,
  });
}

export async function buildArea(ctx: UseCaseContext, overrides: Record<string, unknown> = {}) {
  await ensureInstitution(ctx);
  return areaResource.create(ctx, {
    key: uniqueKey("area"),
    name: "Unidad Técnica de Vinculación con Organismos Externos",
    kind: "technical_unit",
    ...overrides,
  });
}

/** A permanent commission numbering its resolutions {acronym}/{seq:3}/{yy} (CVOE/001/21). */
export async function buildCommission(ctx: UseCaseContext, overrides: Record<string, unknown> = {}) {
  await ensureInstitution(ctx);
  return commissionResource.create(ctx, {
    key: uniqueKey("cvoe"),
    name: "Comisión Permanente de Vinculación con Organismos Externos",
    acronym: "CVOE",
    kind: "permanent",
    resolutionNumberPattern: "{acronym}/{seq:3}/{yy}",
    ...overrides,
  });
}

/** A member with voting right of `commissionId` (a new person unless `personId` is given). */
export async function buildMembership(
  ctx: UseCaseContext,
  commissionId: string,
  overrides: Record<string, unknown> = {},
) {
  const personId = (overrides.personId as string | undefined) ?? (await buildPerson(ctx)).id;
  return membershipResource.create(ctx, {
    commissionId,
    personId,
    role: "member",
    hasVotingRight: true,
    ...overrides,
  });
}

/** A held ordinary session of `commissionId`, with a number unique in the process. */
export async function buildSession(
  ctx: UseCaseContext,
  commissionId: string,
  overrides: Record<string, unknown> = {},
) {
  return sessionResource.create(ctx, {
    commissionId,
    kind: "ordinary",
    number: nextSerial(),
    date: "2021-01-21",
    startTime: "11:00",
    modality: "remote",
    status: "held",
    ...overrides,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Organisations, catalogue entries, agreements, activities

export async function buildOrganisation(ctx: UseCaseContext, overrides: Record<string, unknown> = {}) {
  return organisationResource.create(ctx, {
    key: uniqueKey("organismo"),
    name: "Tribunal Electoral de la Ciudad de México",
    acronym: "TECDMX",
    kind: "court",
    sector: "public",
    ...overrides,
  });
}

export async function buildCatalogEntry(
  ctx: UseCaseContext,
  catalog: "activity_kind" | "agreement_type",
  overrides: Record<string, unknown> = {},
) {
  return catalogEntryResource.create(ctx, {
    catalog,
    key: uniqueKey(catalog === "activity_kind" ? "actividad" : "convenio"),
    name: catalog === "activity_kind" ? "Nota ejecutiva" : "Convenio de colaboración",
    ...overrides,
  });
}

/** An agreement of `commissionId` in force since its signing (a new counterpart unless one is given). */
export async function buildAgreement(
  ctx: UseCaseContext,
  commissionId: string,
  overrides: Record<string, unknown> = {},
) {
  const counterpartIds = (overrides.counterpartIds as string[] | undefined) ?? [
    (await buildOrganisation(ctx)).id,
  ];
  return agreementResource.create(ctx, {
    commissionId,
    key: uniqueKey("convenio"),
    title: "Convenio de colaboración entre el IECM y el TECDMX",
    counterpartIds,
    management: "direct",
    stage: "in_force",
    signedOn: "2021-03-08",
    ...overrides,
  });
}

/** A held activity of `commissionId` on one date (a new kind unless `kindId` is given). */
export async function buildActivity(
  ctx: UseCaseContext,
  commissionId: string,
  overrides: Record<string, unknown> = {},
) {
  const kindId =
    (overrides.kindId as string | undefined) ?? (await buildCatalogEntry(ctx, "activity_kind")).id;
  return activityResource.create(ctx, {
    commissionId,
    key: uniqueKey("actividad"),
    kindId,
    title: "Nota ejecutiva de la sesión del Consejo General del INE",
    dates: ["2021-01-22"],
    ...overrides,
  });
}
