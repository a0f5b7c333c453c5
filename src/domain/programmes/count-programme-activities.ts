/**
 * How many held activities each action of a work programme has per quarter of its year: what the programme page
 * shows beside the programmed quarters. An activity counts in every quarter its days touch, as the dashboard and
 * the period checks read it; cancelled and rescheduled ones are not work done.
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "../../platform/db/open.ts";
import { workProgrammes } from "../../platform/db/schema.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { notFound } from "../shared/errors.ts";
import { ZQuarter, ZUuid } from "../shared/primitives.ts";

export const ZProgrammeActivityCounts = z.object({
  programmeId: ZUuid,
  year: z.number().int(),
  items: z.array(
    z.object({
      actionId: ZUuid,
      quarter: ZQuarter,
      held: z.number().int().describe("Actividades realizadas de la acción con algún día en el trimestre"),
    }),
  ),
});
export type ProgrammeActivityCounts = z.infer<typeof ZProgrammeActivityCounts>;

export async function countProgrammeActivities(
  { actor, db }: UseCaseContext,
  programmeId: string,
): Promise<ProgrammeActivityCounts> {
  authorize(actor, "records.read");
  if (!ZUuid.safeParse(programmeId).success) throw notFound("el programa de trabajo", programmeId);
  const [programme] = await db
    .select({ id: workProgrammes.id, year: workProgrammes.year, commissionId: workProgrammes.commissionId })
    .from(workProgrammes)
    .where(eq(workProgrammes.id, programmeId));
  if (!programme) throw notFound("el programa de trabajo", programmeId);
  authorize(actor, "records.read", { commissionId: programme.commissionId });
  const rows = await queryRows<{ action_id: string; quarter: number; held: number | string }>(
    db,
    sql`select act.action_id, q.quarter::integer as quarter, count(*)::integer as held
        from activities act
        join programmed_actions pa on pa.id = act.action_id
        join strategic_lines sl on sl.id = pa.line_id
        cross join generate_series(1, 4) as q(quarter)
        where sl.programme_id = ${programmeId} and act.status = 'held'
          and act.start_date <= (make_date(${programme.year}::integer, q.quarter * 3, 1) + interval '1 month - 1 day')::date
          and act.end_date >= make_date(${programme.year}::integer, q.quarter * 3 - 2, 1)
        group by act.action_id, q.quarter
        order by act.action_id, q.quarter`,
  );
  return {
    programmeId,
    year: programme.year,
    items: rows.map((row) => ({ actionId: row.action_id, quarter: row.quarter, held: Number(row.held) })),
  };
}
