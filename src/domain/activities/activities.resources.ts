/** Liaison activities as a resource; first and last day are derived from the dates or the span. */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { activities, programmedActionAreas } from "../../platform/db/schema.ts";
import { ZActivityStatus } from "../dataset/dataset.schema.ts";
import { AppError } from "../shared/errors.ts";
import { mergedRecord, pickColumns } from "../shared/patch.ts";
import { ZCalendarDate, ZUuid } from "../shared/primitives.ts";
import { assertCatalogEntry } from "../shared/references.ts";
import { defineResource } from "../shared/resource.ts";
import {
  assertActionOfCommission,
  hasDayWithin,
  involvesOrganisation,
  ofActionArea,
  ofStrategicLine,
  replaceActivityAttachments,
  replaceActivityCounterparts,
  replaceDates,
  replaceParticipants,
  withActivityChildren,
} from "./activities.repository.ts";
import { newActivityKey, ZActivity, ZActivityCreate, ZActivityUpdate } from "./activities.schema.ts";

type Row = Record<string, unknown>;

const ACTIVITY_COLUMNS = [
  "commissionId",
  "key",
  "actionId",
  "kindId",
  "title",
  "description",
  "followedBodyId",
  "audience",
  "quantity",
  "status",
  "statusReason",
] as const;

/** First and last day, and whether it is continuous, from the dates or the span that were sent. */
function derivedDays(input: Row): Row {
  const span = input.span as { from: string; to: string } | undefined;
  if (span) return { startDate: span.from, endDate: span.to, isContinuous: true };
  const dates = input.dates as string[] | undefined;
  if (dates && dates.length > 0) {
    const sorted = [...dates].sort();
    return { startDate: sorted[0], endDate: sorted.at(-1), isContinuous: false };
  }
  return {};
}

const ZDayBounds = z
  .object({
    from: ZCalendarDate.optional().describe("Con algún día desde esta fecha"),
    to: ZCalendarDate.optional().describe("Con algún día hasta esta fecha"),
  })
  .superRefine((bounds, ctx) => {
    if (bounds.from && bounds.to && bounds.to < bounds.from)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `no puede ser anterior a from (${bounds.from})`,
      });
  });

/** The activities resource; its `from`/`to` filter lists an activity when one of its days lies in the period. */
export const activityResource = defineResource({
  name: "activity",
  plural: "activities",
  label: "la actividad",
  tag: "Actividades de vinculación",
  table: activities,
  create: ZActivityCreate,
  update: ZActivityUpdate,
  output: ZActivity,
  // An area liaison records the activities of the programmed actions of its area.
  areasOf: async (db, row) =>
    row.actionId
      ? (
          await db
            .select({ areaId: programmedActionAreas.areaId })
            .from(programmedActionAreas)
            .where(eq(programmedActionAreas.actionId, row.actionId as string))
        ).map((r) => r.areaId)
      : [],
  filters: {
    commissionId: { schema: ZUuid, where: (value: string) => eq(activities.commissionId, value) },
    actionId: { schema: ZUuid, where: (value: string) => eq(activities.actionId, value) },
    lineId: {
      schema: ZUuid.describe("Línea estratégica de la acción programada"),
      where: ofStrategicLine,
    },
    areaId: {
      schema: ZUuid.describe("Área responsable de la acción programada"),
      where: ofActionArea,
    },
    kindId: { schema: ZUuid, where: (value: string) => eq(activities.kindId, value) },
    organisationId: {
      schema: ZUuid.describe("Organismo contraparte u órgano seguido"),
      where: involvesOrganisation,
    },
    status: {
      schema: ZActivityStatus,
      where: (value: "held" | "cancelled" | "rescheduled") => eq(activities.status, value),
    },
    period: {
      fields: ZDayBounds,
      where: ({ from, to }: z.infer<typeof ZDayBounds>) =>
        hasDayWithin(from ?? "1900-01-01", to ?? "2999-12-31"),
    },
  },
  sort: {
    startDate: activities.startDate,
    endDate: activities.endDate,
    title: activities.title,
    key: activities.key,
    createdAt: activities.createdAt,
  },
  defaultSort: "startDate",
  isSearchable: true,
  toRow: async (db, input, existing) => {
    const after = mergedRecord(input, existing);
    if (after.status !== "held" && !after.statusReason)
      throw new AppError("validation_failed", "Falta el motivo.", [
        {
          path: "statusReason",
          message: "diga por qué la actividad no se realizó como estaba prevista",
          value: after.status,
        },
      ]);
    if (typeof input.kindId === "string")
      await assertCatalogEntry(db, input.kindId, "activity_kind", "kindId");
    if (typeof input.actionId === "string")
      await assertActionOfCommission(db, input.actionId, after.commissionId as string);
    const days = derivedDays(input);
    const key =
      existing === undefined && input.key === undefined
        ? { key: newActivityKey(String(days.startDate ?? ""), String(input.title ?? "")) }
        : {};
    return { ...pickColumns(input, ACTIVITY_COLUMNS), ...days, ...key };
  },
  writeChildren: async (db, id, input) => {
    if (input.span !== undefined) await replaceDates(db, id, []);
    else if (Array.isArray(input.dates)) await replaceDates(db, id, input.dates as string[]);
    if (Array.isArray(input.counterpartIds))
      await replaceActivityCounterparts(db, id, input.counterpartIds as string[]);
    if (Array.isArray(input.participants))
      await replaceParticipants(db, id, input.participants as { personId: string; role?: string }[]);
    if (Array.isArray(input.attachmentIds))
      await replaceActivityAttachments(db, id, input.attachmentIds as string[]);
  },
  readChildren: withActivityChildren,
});
