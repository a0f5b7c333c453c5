/** Sessions of a commission, their agenda, attendance and the approval of their minutes. */
import { z } from "zod";
import {
  ZAgendaItemKind,
  ZAttendanceCategory,
  ZDatasetAgendaItem,
  ZDatasetAttendance,
  ZDatasetSession,
  ZSessionKind,
  ZSessionModality,
  ZSessionStatus,
} from "../dataset/dataset.schema.ts";
import { ZCalendarDate, ZKey, ZName, ZTimeOfDay, ZUuid } from "../shared/primitives.ts";

export const ZSessionCreate = ZDatasetSession.omit({
  agenda: true,
  attendance: true,
  minutesApprovedBy: true,
}).extend({
  commissionId: ZUuid,
  key: ZKey.optional().describe("Clave estable; por omisión <año>-<tipo>-<número>"),
  status: ZSessionStatus.default("scheduled"),
});

/**
 * PATCH: the commission never changes; `null` clears an optional field; the year follows the date. The minutes'
 * file is an attachment uploaded first (POST /attachments), then named here.
 */
export const ZSessionUpdate = ZSessionCreate.omit({ commissionId: true })
  .extend({
    key: ZKey,
    status: ZSessionStatus,
    startTime: ZTimeOfDay.nullable(),
    place: ZName.nullable(),
    link: z.url().nullable(),
    minutesAttachmentId: ZUuid.nullable().describe(
      "Archivo de la minuta (subido antes con POST /attachments)",
    ),
  })
  .partial();

export const ZSession = z.object({
  id: ZUuid,
  commissionId: ZUuid,
  key: z.string(),
  kind: ZSessionKind,
  number: z.number().int(),
  name: z.string().describe("Nombre derivado del tipo y el número: «Primera sesión ordinaria»"),
  year: z.number().int().describe("Año de la fecha de la sesión"),
  date: z.string(),
  dateText: z.string().describe("La fecha con su día de la semana: «jueves 21 de enero de 2021»"),
  startTime: z.string().nullable(),
  modality: ZSessionModality,
  place: z.string().nullable(),
  link: z.string().nullable(),
  status: ZSessionStatus,
  minutesApprovedByResolutionId: z.string().nullable().describe("Acuerdo que aprobó la minuta"),
  minutesAttachmentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Session = z.infer<typeof ZSession>;

export const ZSessionListFilters = {
  from: ZCalendarDate.describe("Sesiones desde esta fecha (inclusive)"),
  to: ZCalendarDate.describe("Sesiones hasta esta fecha (inclusive)"),
};

// ---------------------------------------------------------------------------------------------------------------
// Agenda

export const ZAgendaItemCreate = ZDatasetAgendaItem.omit({ agreement: true }).extend({
  agreementId: ZUuid.optional().describe("Convenio del que trata el punto"),
  position: z
    .number()
    .int()
    .min(1, { message: "la posición empieza en 1" })
    .optional()
    .describe("Posición (desde 1); por omisión, al final"),
});

export const ZAgendaItemUpdate = ZAgendaItemCreate.omit({ position: true })
  .extend({ series: ZKey.nullable(), agreementId: ZUuid.nullable() })
  .partial();

export const ZAgendaItem = z.object({
  id: ZUuid,
  sessionId: ZUuid,
  position: z.number().int(),
  kind: ZAgendaItemKind,
  title: z.string(),
  series: z.string().nullable(),
  agreementId: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof ZAgendaItem>;

export const ZAgendaOrder = z.object({
  itemIds: z
    .array(ZUuid)
    .describe("Todos los puntos del orden del día, en el orden nuevo")
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id))
          ctx.addIssue({ code: "custom", path: [index], message: "punto repetido", input: id });
        seen.add(id);
      });
    }),
});

// ---------------------------------------------------------------------------------------------------------------
// Attendance

/** Who each category names: what a line of the attendance list needs. */
const REQUIRED_BY_CATEGORY = {
  member: [["personId", "la persona integrante"]],
  technical_secretary: [["personId", "la persona titular de la secretaría técnica"]],
  party_representative: [["partyId", "el partido representado"]],
  // The area is what the attendance table shows; its head may be unknown (the dataset rule is the same).
  invited_official: [["areaId", "el área que representa"]],
} as const satisfies Record<z.infer<typeof ZAttendanceCategory>, ReadonlyArray<readonly [string, string]>>;

export const ZAttendanceEntry = ZDatasetAttendance.omit({
  person: true,
  party: true,
  area: true,
  substitute: true,
  present: true,
})
  .extend({
    personId: ZUuid.optional(),
    partyId: ZUuid.optional(),
    areaId: ZUuid.optional(),
    isPresent: z.boolean(),
    substitutePersonId: ZUuid.optional().describe("Quien asistió en su lugar"),
  })
  .superRefine((entry, ctx) => {
    for (const [field, what] of REQUIRED_BY_CATEGORY[entry.category]) {
      if (entry[field] === undefined)
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `la categoría ${entry.category} necesita ${what} (${field})`,
        });
    }
  });
export type AttendanceEntry = z.infer<typeof ZAttendanceEntry>;

export const ZAttendanceList = z.object({
  entries: z
    .array(ZAttendanceEntry)
    .max(500)
    .describe("La lista completa, en el orden en que se presenta")
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        const participant = [entry.category, entry.personId, entry.partyId, entry.areaId].join("|");
        if (seen.has(participant))
          ctx.addIssue({ code: "custom", path: [index], message: "esta participación ya está en la lista" });
        seen.add(participant);
      });
    }),
});

export const ZAttendance = z.object({
  id: ZUuid,
  position: z.number().int(),
  category: ZAttendanceCategory,
  personId: z.string().nullable(),
  partyId: z.string().nullable(),
  areaId: z.string().nullable(),
  capacity: z.string().nullable(),
  isPresent: z.boolean(),
  substitutePersonId: z.string().nullable(),
});
export type Attendance = z.infer<typeof ZAttendance>;

// ---------------------------------------------------------------------------------------------------------------
// Minutes

export const ZMinutesApproval = z.object({
  resolutionId: ZUuid.describe(
    "Acuerdo que aprobó la minuta (de la misma comisión, en una sesión posterior)",
  ),
});
