/** Commissions (their numbering patterns and validity) and their integration over time (memberships). */
import { z } from "zod";
import {
  ZCommissionKind,
  ZDatasetCommission,
  ZDatasetMembership,
  ZMembershipRole,
} from "../dataset/dataset.schema.ts";
import { isValidPattern } from "../numbering/numbering.ts";
import { ZCalendarDate, ZName, ZUuid } from "../shared/primitives.ts";

const ZStamps = { id: ZUuid, createdAt: z.string(), updatedAt: z.string() };

/** A numbering pattern with exactly one sequence token: `{acronym}/{seq:3}/{yy}`. */
export const ZNumberPattern = ZName.refine(isValidPattern, {
  message: "el patrón necesita exactamente un {seq} (p. ej. {acronym}/{seq:3}/{yy})",
});

export const ZCommissionCreate = ZDatasetCommission.omit({ technicalArea: true, numbering: true }).extend({
  technicalAreaId: ZUuid.optional().describe("Área que lleva la secretaría técnica"),
  resolutionNumberPattern: ZNumberPattern.describe(
    "Patrón de numeración de acuerdos, p. ej. {acronym}/{seq:3}/{yy}",
  ),
  opinionNumberPattern: ZNumberPattern.optional().describe("p. ej. IECM/UTVOE/OP/{seq:2}/{yyyy}"),
});

/** PATCH: every field optional; `null` clears an optional one. */
export const ZCommissionUpdate = ZCommissionCreate.extend({
  validFrom: ZCalendarDate.nullable(),
  validTo: ZCalendarDate.nullable(),
  technicalAreaId: ZUuid.nullable(),
  opinionNumberPattern: ZNumberPattern.nullable(),
}).partial();

export const ZCommission = ZCommissionCreate.extend({
  ...ZStamps,
  institutionId: ZUuid,
  kind: ZCommissionKind,
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  technicalAreaId: z.string().nullable(),
  resolutionNumberPattern: z.string(),
  opinionNumberPattern: z.string().nullable(),
});
export type Commission = z.infer<typeof ZCommission>;

export const ZMembershipCreate = ZDatasetMembership.omit({
  person: true,
  votingRight: true,
  onBehalfOf: true,
  from: true,
  to: true,
}).extend({
  commissionId: ZUuid,
  personId: ZUuid.optional().describe("Persona integrante (opcional solo para representaciones de partido)"),
  hasVotingRight: z
    .boolean()
    .describe("Derecho a voto (las representaciones de partido tienen voz sin voto)"),
  onBehalfOfPartyId: ZUuid.optional().describe("Partido representado"),
  startDate: ZCalendarDate.optional(),
  endDate: ZCalendarDate.optional(),
});

/** PATCH: the commission never changes; `null` clears an optional field. */
export const ZMembershipUpdate = ZMembershipCreate.omit({ commissionId: true })
  .extend({
    personId: ZUuid.nullable(),
    onBehalfOfPartyId: ZUuid.nullable(),
    startDate: ZCalendarDate.nullable(),
    endDate: ZCalendarDate.nullable(),
    designatedBy: ZName.nullable(),
  })
  .partial();

export const ZMembership = ZMembershipCreate.extend({
  ...ZStamps,
  role: ZMembershipRole,
  personId: z.string().nullable(),
  onBehalfOfPartyId: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  designatedBy: z.string().nullable(),
});
export type Membership = z.infer<typeof ZMembership>;
