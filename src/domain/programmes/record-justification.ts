/** Sets or replaces why a strategic line or a programmed action has nothing to report in a quarter. */
import { and, eq } from "drizzle-orm";
import {
  justifications,
  programmedActions,
  strategicLines,
  workProgrammes,
} from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { guardDb, parseInput } from "../shared/resource.ts";
import { type RecordedJustification, ZRecordJustification } from "./programmes.schema.ts";

export async function recordJustification(
  { actor, db }: UseCaseContext,
  programmeId: string,
  rawInput: unknown,
): Promise<RecordedJustification> {
  authorize(actor, "records.write");
  if (!ZUuid.safeParse(programmeId).success) throw notFound("el programa de trabajo", programmeId);
  const input = parseInput(ZRecordJustification, rawInput);
  return inTransaction({ actor, db }, async (tx) => {
    const [programme] = await tx
      .select({ id: workProgrammes.id })
      .from(workProgrammes)
      .where(eq(workProgrammes.id, programmeId));
    if (!programme) throw notFound("el programa de trabajo", programmeId);

    let lineId = input.lineId;
    if (input.actionId !== undefined) {
      const [action] = await tx
        .select({ lineId: programmedActions.lineId })
        .from(programmedActions)
        .innerJoin(strategicLines, eq(strategicLines.id, programmedActions.lineId))
        .where(and(eq(programmedActions.id, input.actionId), eq(strategicLines.programmeId, programmeId)));
      if (!action) throw foreign("actionId", "la acción programada", input.actionId);
      if (lineId !== undefined && lineId !== action.lineId)
        throw new AppError(
          "inconsistent_reference",
          "La acción programada no pertenece a la línea indicada.",
          [{ path: "lineId", message: "no es la línea de la acción", value: lineId }],
        );
      lineId = action.lineId;
    } else if (lineId !== undefined) {
      const [line] = await tx
        .select({ id: strategicLines.id })
        .from(strategicLines)
        .where(and(eq(strategicLines.id, lineId), eq(strategicLines.programmeId, programmeId)));
      if (!line) throw foreign("lineId", "la línea estratégica", lineId);
    }

    const values = {
      lineId: lineId as string,
      actionId: input.actionId ?? null,
      quarter: input.quarter,
      text: input.text,
    };
    const [row] = await guardDb({ label: "la justificación" }, () =>
      tx
        .insert(justifications)
        .values(values)
        .onConflictDoUpdate({
          target: [justifications.lineId, justifications.actionId, justifications.quarter],
          set: { text: values.text },
        })
        .returning(),
    );
    const saved = row as typeof justifications.$inferSelect;
    return {
      id: saved.id,
      lineId: saved.lineId,
      actionId: saved.actionId,
      quarter: saved.quarter,
      text: saved.text,
    };
  });
}

function foreign(path: string, what: string, id: string): AppError {
  return new AppError("inconsistent_reference", `No existe ${what} «${id}» en este programa de trabajo.`, [
    { path, message: "no pertenece al programa", value: id },
  ]);
}
