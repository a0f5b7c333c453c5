/** Commissions and memberships as CRUD resources, with the rules that span several fields. */
import { and, eq, gt, gte, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import {
  activities,
  agreements,
  commissions,
  memberships,
  sessions,
  workProgrammes,
} from "../../platform/db/schema.ts";
import { requireInstitution } from "../catalogs/institution.ts";
import { ZCommissionKind, ZMembershipRole } from "../dataset/dataset.schema.ts";
import { AppError, type ErrorDetail } from "../shared/errors.ts";
import { ZCalendarDate, ZUuid } from "../shared/primitives.ts";
import { defineResource } from "../shared/resource.ts";
import {
  ZCommission,
  ZCommissionCreate,
  ZCommissionUpdate,
  ZMembership,
  ZMembershipCreate,
  ZMembershipUpdate,
} from "./commissions.schema.ts";

type Row = Record<string, unknown>;

/** The record as it will be after the change: stored values overridden by the ones sent. */
function merged(input: Row, existing: Row | undefined): Row {
  const out: Row = { ...existing };
  for (const [name, value] of Object.entries(input)) if (value !== undefined) out[name] = value;
  return out;
}

function refuseIfAny(details: ErrorDetail[], message: string): void {
  if (details.length > 0) throw new AppError("validation_failed", message, details);
}

function checkPeriod(details: ErrorDetail[], from: unknown, to: unknown, path: string): void {
  if (typeof from === "string" && typeof to === "string" && to < from)
    details.push({ path, message: `no puede ser anterior al inicio (${from})`, value: to });
}

/** Narrowing a commission's validity must not leave any of its sessions outside it. */
async function checkSessionsWithin(db: Db, commissionId: string, from: unknown, to: unknown): Promise<void> {
  const outside = [
    typeof from === "string" ? lt(sessions.date, from) : undefined,
    typeof to === "string" ? gt(sessions.date, to) : undefined,
  ].filter((condition) => condition !== undefined);
  if (outside.length === 0) return;
  const [session] = await db
    .select({ date: sessions.date })
    .from(sessions)
    .where(and(eq(sessions.commissionId, commissionId), or(...outside)))
    .limit(1);
  if (session)
    throw new AppError("validation_failed", "La vigencia nueva dejaría fuera sesiones de la comisión.", [
      {
        path: typeof from === "string" && session.date < from ? "validFrom" : "validTo",
        message: `hay una sesión el ${session.date}`,
      },
    ]);
}

export const commissionResource = defineResource({
  name: "commission",
  plural: "commissions",
  label: "la comisión",
  tag: "Comisiones",
  table: commissions,
  create: ZCommissionCreate,
  update: ZCommissionUpdate,
  output: ZCommission,
  access: { read: "catalogs.read", write: "accounts.manage" },
  filters: {
    kind: { schema: ZCommissionKind, where: (value: string) => eq(commissions.kind, value as never) },
    activeOn: {
      schema: ZCalendarDate.describe("Vigente en esta fecha"),
      where: (value: string) =>
        and(
          or(isNull(commissions.validFrom), lte(commissions.validFrom, value)),
          or(isNull(commissions.validTo), gte(commissions.validTo, value)),
        ),
    },
  },
  sort: {
    name: commissions.name,
    acronym: commissions.acronym,
    validFrom: commissions.validFrom,
    createdAt: commissions.createdAt,
  },
  defaultSort: "name",
  isSearchable: true,
  toRow: async (db, input, existing) => {
    const after = merged(input, existing);
    const details: ErrorDetail[] = [];
    checkPeriod(details, after.validFrom, after.validTo, "validTo");
    refuseIfAny(details, "La vigencia de la comisión no es válida.");
    if (existing) {
      await checkSessionsWithin(db, existing.id as string, after.validFrom, after.validTo);
      return input;
    }
    // A commission belongs to the deployment's institution (one per deployment).
    const institution = await requireInstitution(db);
    return { ...input, institutionId: institution.id };
  },
  beforeDelete: async (db, id) => {
    // Memberships go with the commission; its records (sessions, programmes, agreements…) must not.
    const checks = [
      { table: sessions, column: sessions.commissionId, what: "sesiones" },
      { table: workProgrammes, column: workProgrammes.commissionId, what: "programas de trabajo" },
      { table: agreements, column: agreements.commissionId, what: "convenios" },
      { table: activities, column: activities.commissionId, what: "actividades" },
    ];
    for (const check of checks) {
      const found = await db
        .select({ id: check.table.id })
        .from(check.table)
        .where(eq(check.column, id))
        .limit(1);
      if (found.length > 0)
        throw new AppError(
          "in_use",
          `No se puede eliminar la comisión: tiene ${check.what} registradas. Elimínelas primero.`,
        );
    }
  },
});

/** Roles whose membership is held by a named person. */
const PERSONAL_ROLES = new Set(["chair", "member", "technical_secretary"]);

export const membershipResource = defineResource({
  name: "membership",
  plural: "memberships",
  label: "la integración",
  tag: "Integración de comisiones",
  table: memberships,
  create: ZMembershipCreate,
  update: ZMembershipUpdate,
  output: ZMembership,
  access: { read: "catalogs.read" },
  filters: {
    commissionId: { schema: ZUuid, where: (value: string) => eq(memberships.commissionId, value) },
    personId: { schema: ZUuid, where: (value: string) => eq(memberships.personId, value) },
    role: { schema: ZMembershipRole, where: (value: string) => eq(memberships.role, value as never) },
    activeOn: {
      schema: ZCalendarDate.describe("Integración vigente en esta fecha"),
      where: (value: string) =>
        and(
          or(isNull(memberships.startDate), lte(memberships.startDate, value)),
          or(isNull(memberships.endDate), gte(memberships.endDate, value)),
        ),
    },
  },
  sort: {
    startDate: memberships.startDate,
    role: memberships.role,
    createdAt: memberships.createdAt,
  },
  defaultSort: "startDate",
  toRow: (_db, input, existing) => {
    const after = merged(input, existing);
    const details: ErrorDetail[] = [];
    const role = String(after.role);
    if (PERSONAL_ROLES.has(role) && !after.personId)
      details.push({ path: "personId", message: `el rol ${role} necesita la persona (personId)` });
    if (role === "party_representative") {
      if (!after.onBehalfOfPartyId)
        details.push({
          path: "onBehalfOfPartyId",
          message: "una representación de partido necesita el partido (onBehalfOfPartyId)",
        });
      if (after.hasVotingRight === true)
        details.push({
          path: "hasVotingRight",
          message: "las representaciones de partido tienen voz pero no voto",
          value: true,
        });
    }
    if (!after.personId && !after.onBehalfOfPartyId && details.length === 0)
      details.push({ path: "personId", message: "se necesita la persona o el partido representado" });
    checkPeriod(details, after.startDate, after.endDate, "endDate");
    refuseIfAny(details, "La integración no es válida.");
    return input;
  },
});
