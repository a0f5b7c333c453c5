/** The «Inicio» page of a commission: what needs attention, computed from the records of a year. */
import { z } from "zod";
import { ZSessionKind, ZSessionModality, ZSessionStatus } from "../dataset/dataset.schema.ts";
import { ZPeriodFinding } from "../reports/check-report-period.ts";
import { ZCalendarDate, ZQuarter, ZUuid } from "../shared/primitives.ts";

/** How far ahead an agreement's end of validity makes it «por vencer». */
export const EXPIRY_HORIZON_DAYS = 90;
/** How many of the next sessions and of the findings the page shows. */
export const NEXT_SESSIONS_LIMIT = 5;
export const FINDINGS_LIMIT = 10;

export const ZDashboardQuery = z.object({
  commissionId: ZUuid,
  year: z.coerce
    .number({ message: "el año debe ser un número" })
    .int({ message: "el año debe ser un número entero" })
    .min(1900, { message: "el año debe estar entre 1900 y 2999" })
    .max(2999, { message: "el año debe estar entre 1900 y 2999" })
    .optional()
    .describe("Año del programa y de las cifras; por omisión, el de la fecha de referencia"),
  today: ZCalendarDate.optional().describe("Fecha de referencia; por omisión, hoy en la Ciudad de México"),
});
export type DashboardQuery = z.infer<typeof ZDashboardQuery>;

const ZRate = z.number().min(0).max(1).describe("Asistencias entre sesiones esperadas (0 a 1, 4 decimales)");

export const ZDashboardSession = z.object({
  id: ZUuid,
  key: z.string(),
  name: z.string().describe("«Tercera sesión ordinaria», como lo escribe el informe"),
  kind: ZSessionKind,
  number: z.number().int(),
  date: z.string(),
  startTime: z.string().nullable().describe("HH:MM"),
  modality: ZSessionModality,
  place: z.string().nullable(),
  status: ZSessionStatus,
});

export const ZExpiringAgreement = z.object({
  id: ZUuid,
  key: z.string(),
  title: z.string(),
  counterparts: z
    .array(z.string())
    .describe("Nombres de los organismos contraparte, en el orden en que se citan"),
  validTo: z.string().describe("Fin de la vigencia"),
  daysLeft: z.number().int().describe("Días de la fecha de referencia al fin de la vigencia (0: vence hoy)"),
});

export const ZQuarterProgress = z.object({
  quarter: ZQuarter,
  programmed: z.number().int().describe("Acciones programadas en el trimestre"),
  done: z.number().int().describe("De ellas, con al menos una actividad realizada en el trimestre"),
  justified: z.number().int().describe("De ellas, sin actividad pero con justificación del trimestre"),
  pending: z.number().int().describe("De ellas, sin actividad ni justificación"),
  doneOutsideProgramme: z
    .number()
    .int()
    .describe("Acciones no programadas en el trimestre que tuvieron actividades en él"),
  isLineJustified: z.boolean().describe("La línea tiene justificación propia para el trimestre"),
});

export const ZLineProgress = z.object({
  lineId: ZUuid,
  number: z.number().int(),
  title: z.string(),
  quarters: z.array(ZQuarterProgress).length(4),
});

export const ZLineActivities = z.object({
  lineId: ZUuid.nullable().describe("null: actividades sin acción del programa del año"),
  number: z.number().int().nullable(),
  title: z.string().nullable(),
  months: z.array(z.number().int()).length(12).describe("Actividades por mes de inicio, enero a diciembre"),
  total: z.number().int(),
});

export const ZMemberAttendance = z.object({
  personId: ZUuid,
  name: z.string(),
  role: z.string().describe("chair, member o technical_secretary (su integración en la comisión)"),
  expected: z.number().int(),
  attended: z.number().int(),
  rate: ZRate,
});

export const ZPartyAttendance = z.object({
  partyId: ZUuid,
  name: z.string(),
  acronym: z.string().nullable(),
  expected: z.number().int(),
  attended: z.number().int(),
  rate: ZRate,
});

export const ZDashboardFindings = z.object({
  period: z.string().describe("Trimestre revisado, p. ej. 2021-Q1"),
  total: z.number().int(),
  blocking: z.number().int().describe("Hallazgos de severidad «error», que impiden aprobar el informe"),
  bySeverity: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  items: z.array(ZPeriodFinding).describe(`Los primeros ${FINDINGS_LIMIT}, los de severidad «error» primero`),
});

export const ZDashboard = z.object({
  commission: z.object({ id: ZUuid, acronym: z.string(), name: z.string() }),
  year: z.number().int(),
  today: z.string(),
  nextSessions: z.array(ZDashboardSession),
  expiringAgreements: z.array(ZExpiringAgreement),
  programme: z.object({ id: ZUuid, title: z.string() }).nullable(),
  programmeProgress: z.array(ZLineProgress),
  activitiesByLineAndMonth: z.array(ZLineActivities),
  attendanceRates: z.object({
    sessionsHeld: z.number().int().describe("Sesiones celebradas del año hasta la fecha de referencia"),
    members: z.array(ZMemberAttendance),
    parties: z.array(ZPartyAttendance),
  }),
  findings: ZDashboardFindings.nullable().describe(
    "null cuando la cuenta no consulta informes («reports.read») o el año no tiene programa de trabajo",
  ),
});
export type Dashboard = z.infer<typeof ZDashboard>;
