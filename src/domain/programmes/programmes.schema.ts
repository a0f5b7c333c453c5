/** The annual work programme (PAT) of a commission: strategic lines, lettered actions and justifications. */
import { z } from "zod";
import {
  ZDatasetJustification,
  ZDatasetProgramme,
  ZDatasetProgrammedAction,
  ZDatasetStrategicLine,
} from "../dataset/dataset.schema.ts";
import { ZLongText, ZName, ZQuarter, ZUuid, ZYear } from "../shared/primitives.ts";

/** A superRefine check that flags every item whose key already appeared earlier in the list. */
function uniqueBy<T>(key: (item: T) => unknown, path: (index: number) => PropertyKey[], message: string) {
  return (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    list.forEach((item, index) => {
      if (seen.has(key(item))) ctx.addIssue({ code: "custom", path: path(index), message });
      seen.add(key(item));
    });
  };
}

const ZJustifications = z.array(ZDatasetJustification).superRefine(
  uniqueBy(
    (j) => j.quarter,
    (i) => [i, "quarter"],
    "ya hay una justificación para ese trimestre",
  ),
);

export const ZProgrammedActionInput = ZDatasetProgrammedAction.omit({
  areas: true,
  justifications: true,
}).extend({
  quarters: z
    .array(ZQuarter)
    .default([])
    .superRefine(
      uniqueBy(
        (q) => q,
        (i) => [i],
        "trimestre repetido",
      ),
    ),
  areaIds: z
    .array(ZUuid)
    .default([])
    .describe("Áreas responsables, en orden")
    .superRefine(
      uniqueBy(
        (id) => id,
        (i) => [i],
        "área repetida",
      ),
    ),
  justifications: ZJustifications.default([]),
});

export const ZStrategicLineInput = ZDatasetStrategicLine.omit({ actions: true, justifications: true }).extend(
  {
    actions: z
      .array(ZProgrammedActionInput)
      .default([])
      .superRefine(
        uniqueBy(
          (a) => a.letter,
          (i) => [i, "letter"],
          "letra repetida en la línea",
        ),
      ),
    justifications: ZJustifications.default([]),
  },
);

const ZLines = z
  .array(ZStrategicLineInput)
  .describe(
    "El árbol completo: al modificar, sustituye líneas, acciones y justificaciones (las identifica por número y letra)",
  )
  .superRefine(
    uniqueBy(
      (l) => l.number,
      (i) => [i, "number"],
      "número de línea repetido",
    ),
  );

export const ZProgrammeCreate = ZDatasetProgramme.omit({ lines: true }).extend({
  commissionId: ZUuid,
  lines: ZLines.default([]),
});

/** PATCH: `lines`, when sent, is the whole tree; absent, the tree is left as it is. */
export const ZProgrammeUpdate = ZProgrammeCreate.omit({ commissionId: true })
  .extend({ lines: ZLines, approvedBy: ZName.nullable(), ratifiedBy: ZName.nullable() })
  .partial();

/** A year in a query string. */
export const ZYearFilter = z.coerce.number().pipe(ZYear);

export const ZJustification = z.object({ id: ZUuid, quarter: ZQuarter, text: z.string() });

export const ZProgrammedAction = z.object({
  id: ZUuid,
  letter: z.string(),
  title: z.string(),
  quarters: z.array(ZQuarter),
  areaIds: z.array(ZUuid),
  justifications: z.array(ZJustification),
});

export const ZStrategicLine = z.object({
  id: ZUuid,
  number: z.number().int(),
  title: z.string(),
  actions: z.array(ZProgrammedAction),
  justifications: z.array(ZJustification),
});

export const ZProgramme = z.object({
  id: ZUuid,
  commissionId: ZUuid,
  year: z.number().int(),
  title: z.string(),
  approvedBy: z.string().nullable(),
  ratifiedBy: z.string().nullable(),
  lines: z.array(ZStrategicLine),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Programme = z.infer<typeof ZProgramme>;

/** Sets the justification of one line (no actionId) or one action for a quarter. */
export const ZRecordJustification = z
  .object({
    lineId: ZUuid.optional().describe("Línea estratégica (o bien actionId)"),
    actionId: ZUuid.optional().describe("Acción programada (o bien lineId)"),
    quarter: ZQuarter,
    text: ZLongText.min(1, { message: "la justificación no puede estar vacía" }),
  })
  .refine((input) => input.lineId !== undefined || input.actionId !== undefined, {
    message: "indique la línea (lineId) o la acción (actionId)",
    path: ["lineId"],
  });

export const ZRecordedJustification = ZJustification.extend({
  lineId: ZUuid,
  actionId: ZUuid.nullable(),
});
export type RecordedJustification = z.infer<typeof ZRecordedJustification>;
