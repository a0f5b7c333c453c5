/** The resolutions a commission adopted (acuerdos), as the public portal lists them. */
import { sessionName } from "../reports/compose-report.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import type { Page } from "../shared/primitives.ts";
import { parseInput } from "../shared/resource.ts";
import { findCommission, selectAdoptedResolutions } from "./transparency.repository.ts";
import { type PublicResolution, ZPublicResolutionsQuery } from "./transparency.schema.ts";

/** Adopted resolutions only (never rejected or withdrawn ones), by session date and number. */
export async function listAdoptedResolutions(
  ctx: UseCaseContext,
  rawQuery: unknown,
): Promise<Page<PublicResolution>> {
  authorize(ctx.actor, "public.read");
  const query = parseInput(ZPublicResolutionsQuery, rawQuery ?? {});
  const commission = query.commission ? await findCommission(ctx.db, query.commission) : undefined;
  const { rows, total } = await selectAdoptedResolutions(ctx.db, {
    commissionId: commission?.id,
    year: query.year,
    limit: query.limit,
    offset: query.offset,
  });
  return {
    items: rows.map((row) => ({
      id: row.id,
      commission: row.commission,
      number: row.number,
      date: row.session.date,
      title: row.title,
      session: { id: row.session.id, name: sessionName(row.session), date: row.session.date },
    })),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}
