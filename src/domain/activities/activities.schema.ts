/**
 * Liaison activities: held on one or more calendar dates, or continuously over a span; with counterparts,
 * participants, the body whose session was followed, and the reason when not held as planned.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ZActivityStatus, ZDatasetActivity } from "../dataset/dataset.schema.ts";
import { duplicateIssues, patchOf, zDistinctList } from "../shared/patch.ts";
import { ZCalendarDate, ZKey, ZLongText, ZName, ZUuid } from "../shared/primitives.ts";

const ZStamps = { id: ZUuid, createdAt: z.string(), updatedAt: z.string() };

export const ZActivitySpan = z
  .object({ from: ZCalendarDate, to: ZCalendarDate })
  .superRefine((span, ctx) => {
    if (span.to < span.from)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `no puede ser anterior al inicio (${span.from})`,
      });
  })
  .describe("Periodo de una actividad continua (p. ej. una compilación semanal)");

const ZParticipants = z
  .array(z.object({ personId: ZUuid, role: ZName.optional().describe("p. ej. «ponente», «moderadora»") }))
  .superRefine((list, ctx) => {
    const people = list.map((participant) => participant.personId);
    for (const issue of duplicateIssues(people, (i) => [i, "personId"], "persona repetida"))
      ctx.addIssue(issue);
  });

/** The fields, without the rules that span several of them (so PATCH can reuse them). */
const ZActivityFields = z
  .object(ZDatasetActivity.shape)
  .omit({ kind: true, action: true, counterparts: true, participants: true, followedBody: true })
  .extend({
    commissionId: ZUuid,
    key: ZKey.optional().describe(
      "Clave única en la comisión; si se omite, se genera con la fecha y el título (p. ej. 2021-02-11-taller-de-observacion-3f2c1a)",
    ),
    kindId: ZUuid.describe("Tipo de actividad (catálogo activity_kind)"),
    actionId: ZUuid.optional().describe("Acción programada del programa anual de trabajo"),
    dates: zDistinctList(ZCalendarDate, "fecha repetida")
      .default([])
      .describe("Días en que se realizó (una o más fechas distintas); o bien `span`"),
    span: ZActivitySpan.optional(),
    counterpartIds: zDistinctList(ZUuid, "organismo repetido")
      .default([])
      .describe("Organismos con los que se realizó"),
    participants: ZParticipants.default([]).describe("Personas que participaron y su papel"),
    followedBodyId: ZUuid.optional().describe("Órgano cuya sesión se siguió (notas ejecutivas)"),
    attachmentIds: zDistinctList(ZUuid, "archivo repetido")
      .default([])
      .describe("Evidencias (archivos subidos)"),
  });

type IssueSink = { addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void };

function checkWhen(activity: { dates?: string[]; span?: unknown }, ctx: IssueSink, isCreate: boolean): void {
  const hasDates = (activity.dates?.length ?? 0) > 0;
  if (hasDates && activity.span !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["span"],
      message: "indique fechas (dates) o un periodo (span), no ambos",
    });
  if (isCreate && !hasDates && activity.span === undefined)
    ctx.addIssue({
      code: "custom",
      path: ["dates"],
      message: "una actividad necesita al menos una fecha o un periodo (span)",
    });
  if (!isCreate && activity.dates !== undefined && !hasDates)
    ctx.addIssue({
      code: "custom",
      path: ["dates"],
      message: "indique al menos una fecha (o un periodo en span)",
    });
}

export const ZActivityCreate = ZActivityFields.superRefine((activity, ctx) => {
  checkWhen(activity, ctx, true);
  if (activity.status !== "held" && !activity.statusReason)
    ctx.addIssue({
      code: "custom",
      path: ["statusReason"],
      message: "diga por qué la actividad no se realizó como estaba prevista",
    });
});

/** PATCH: the commission never changes; `null` clears an optional field; a list that is sent replaces the stored one. */
export const ZActivityUpdate = patchOf(
  ZActivityFields.omit({ commissionId: true }).extend({
    actionId: ZUuid.nullable(),
    description: ZLongText.nullable(),
    followedBodyId: ZUuid.nullable(),
    audience: ZLongText.nullable(),
    quantity: z.number().int().min(0).max(1_000_000_000).nullable(),
    statusReason: ZLongText.nullable(),
  }),
).superRefine((activity, ctx) => checkWhen(activity as { dates?: string[]; span?: unknown }, ctx, false));

export const ZActivity = z.object({
  ...ZStamps,
  commissionId: ZUuid,
  key: z.string(),
  actionId: z.string().nullable(),
  kindId: ZUuid,
  title: z.string(),
  description: z.string().nullable(),
  dates: z.array(z.string()).describe("Días de la actividad (vacío si es continua)"),
  span: z.object({ from: z.string(), to: z.string() }).nullable(),
  startDate: z.string().describe("Primer día (derivado de dates o span)"),
  endDate: z.string().describe("Último día (derivado de dates o span)"),
  isContinuous: z.boolean(),
  counterpartIds: z.array(z.string()),
  participants: z.array(z.object({ personId: z.string(), role: z.string().nullable() })),
  followedBodyId: z.string().nullable(),
  audience: z.string().nullable(),
  quantity: z.number().int().nullable(),
  status: ZActivityStatus,
  statusReason: z.string().nullable(),
  attachmentIds: z.array(z.string()),
});
export type Activity = z.infer<typeof ZActivity>;

/** «2021-02-11-taller-de-observacion-3f2c1a»: a key for an activity recorded without one (quick entry, imports). */
export function newActivityKey(startDate: string, title: string): string {
  const slug = title
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 48)
    .replace(/-$/, "");
  return [startDate, slug, randomUUID().slice(0, 6)].filter(Boolean).join("-");
}
