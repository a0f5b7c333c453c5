/** SQL of the work programme tree: lines, actions, their areas and justifications. */
import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import {
  justifications,
  programmedActionAreas,
  programmedActions,
  strategicLines,
} from "../../platform/db/schema.ts";
import { groupChildren } from "../shared/resource.ts";
import type { ZProgrammedActionInput, ZStrategicLineInput } from "./programmes.schema.ts";

type LineInput = z.infer<typeof ZStrategicLineInput>;
type ActionInput = z.infer<typeof ZProgrammedActionInput>;
type Row = Record<string, unknown>;

/**
 * Makes the stored tree equal to `lines`. Lines are matched by number and actions by letter, so their ids (which
 * activities reference) survive an edit; lines and actions no longer listed are deleted (refused by the database
 * while activities still point at them). Justifications are replaced.
 */
export async function syncProgrammeTree(tx: Db, programmeId: string, lines: LineInput[]): Promise<void> {
  const stored = await tx.select().from(strategicLines).where(eq(strategicLines.programmeId, programmeId));
  const wanted = new Set(lines.map((line) => line.number));
  const gone = stored.filter((line) => !wanted.has(line.number)).map((line) => line.id);
  if (gone.length > 0) await tx.delete(strategicLines).where(inArray(strategicLines.id, gone));
  const idByNumber = new Map(stored.map((line) => [line.number, line.id]));

  for (const line of lines) {
    let lineId = idByNumber.get(line.number);
    if (lineId) {
      await tx.update(strategicLines).set({ title: line.title }).where(eq(strategicLines.id, lineId));
    } else {
      const [inserted] = await tx
        .insert(strategicLines)
        .values({ programmeId, number: line.number, title: line.title })
        .returning({ id: strategicLines.id });
      lineId = (inserted as { id: string }).id;
    }
    const actionIds = await syncActions(tx, lineId, line.actions);

    await tx.delete(justifications).where(eq(justifications.lineId, lineId));
    const rows = [
      ...line.justifications.map((j) => ({ lineId, actionId: null, quarter: j.quarter, text: j.text })),
      ...line.actions.flatMap((action) =>
        action.justifications.map((j) => ({
          lineId,
          actionId: actionIds.get(action.letter) as string,
          quarter: j.quarter,
          text: j.text,
        })),
      ),
    ];
    if (rows.length > 0) await tx.insert(justifications).values(rows);
  }
}

async function syncActions(tx: Db, lineId: string, actions: ActionInput[]): Promise<Map<string, string>> {
  const stored = await tx.select().from(programmedActions).where(eq(programmedActions.lineId, lineId));
  const wanted = new Set(actions.map((action) => action.letter));
  const gone = stored.filter((action) => !wanted.has(action.letter)).map((action) => action.id);
  if (gone.length > 0) await tx.delete(programmedActions).where(inArray(programmedActions.id, gone));
  const ids = new Map(stored.map((action) => [action.letter, action.id]));

  for (const action of actions) {
    const values = { title: action.title, quarters: [...action.quarters].sort() };
    let actionId = ids.get(action.letter);
    if (actionId) {
      await tx.update(programmedActions).set(values).where(eq(programmedActions.id, actionId));
      await tx.delete(programmedActionAreas).where(eq(programmedActionAreas.actionId, actionId));
    } else {
      const [inserted] = await tx
        .insert(programmedActions)
        .values({ lineId, letter: action.letter, ...values })
        .returning({ id: programmedActions.id });
      actionId = (inserted as { id: string }).id;
      ids.set(action.letter, actionId);
    }
    if (action.areaIds.length > 0) {
      const id = actionId;
      await tx
        .insert(programmedActionAreas)
        .values(action.areaIds.map((areaId, position) => ({ actionId: id, areaId, position })));
    }
  }
  return ids;
}

const presentJustification = (row: Row) => ({ id: row.id, quarter: row.quarter, text: row.text });

/** Adds `lines` (with actions, areas and justifications) to programme rows. */
export async function withProgrammeTree(db: Db, programmes: Row[]): Promise<Row[]> {
  const lineGroups = await groupChildren<Row>(
    db,
    strategicLines,
    strategicLines.programmeId,
    programmes.map((p) => p.id as string),
    strategicLines.number,
  );
  const lineIds = [...lineGroups.values()].flat().map((line) => line.id as string);
  const [actionGroups, justificationGroups] = await Promise.all([
    groupChildren<Row>(db, programmedActions, programmedActions.lineId, lineIds, programmedActions.letter),
    groupChildren<Row>(db, justifications, justifications.lineId, lineIds, justifications.quarter),
  ]);
  const actionIds = [...actionGroups.values()].flat().map((action) => action.id as string);
  const areaGroups = await groupChildren<Row>(
    db,
    programmedActionAreas,
    programmedActionAreas.actionId,
    actionIds,
    programmedActionAreas.position,
  );

  return programmes.map((programme) => ({
    ...programme,
    lines: (lineGroups.get(programme.id as string) ?? []).map((line) => {
      const lineJustifications = justificationGroups.get(line.id as string) ?? [];
      return {
        id: line.id,
        number: line.number,
        title: line.title,
        justifications: lineJustifications.filter((j) => j.actionId === null).map(presentJustification),
        actions: (actionGroups.get(line.id as string) ?? []).map((action) => ({
          id: action.id,
          letter: action.letter,
          title: action.title,
          quarters: action.quarters,
          areaIds: (areaGroups.get(action.id as string) ?? []).map((area) => area.areaId),
          justifications: lineJustifications
            .filter((j) => j.actionId === action.id)
            .map(presentJustification),
        })),
      };
    }),
  }));
}
