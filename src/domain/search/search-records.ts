/**
 * One accent-insensitive Spanish full-text search over every record (the `search_documents` view over each
 * table's GIN-indexed `search` column): «vinculacion» finds «Vinculación», «convenios» finds «convenio».
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "../../platform/db/open.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { parseInput } from "../shared/resource.ts";

export const RECORD_TYPES = [
  "person",
  "organisation",
  "area",
  "commission",
  "strategic_line",
  "programmed_action",
  "agenda_item",
  "resolution",
  "agreement",
  "pertinence_opinion",
  "agreement_progress",
  "activity",
] as const;

export const ZSearchQuery = z.object({
  q: z.string().trim().min(2, { message: "escriba al menos 2 caracteres" }).max(200),
  type: z.enum(RECORD_TYPES).optional(),
  commissionId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZSearchHit = z.object({
  type: z.enum(RECORD_TYPES),
  id: z.string(),
  commissionId: z.string().nullable(),
  title: z.string(),
  snippet: z.string().describe("Fragmento con las coincidencias entre «…»"),
  rank: z.number(),
});
export type SearchHit = z.infer<typeof ZSearchHit>;

export async function searchRecords(ctx: UseCaseContext, rawQuery: unknown): Promise<SearchHit[]> {
  authorize(ctx.actor, "records.read");
  const query = parseInput(ZSearchQuery, rawQuery);
  const rows = await queryRows<{
    record_type: SearchHit["type"];
    record_id: string;
    commission_id: string | null;
    title: string;
    snippet: string;
    rank: number;
  }>(
    ctx.db,
    sql`with q as (select websearch_to_tsquery('es_unaccent', ${query.q}) as query),
        hits as (
          -- Normalisation 1 divides by 1 + log(length): among equal matches, names and titles come first.
          select d.record_type, d.record_id, d.commission_id, d.title, d.body, ts_rank(d.search, q.query, 1) as rank
          from search_documents d, q
          where d.search @@ q.query
            and (${query.type ?? null}::text is null or d.record_type = ${query.type ?? null}::text)
            and (${query.commissionId ?? null}::uuid is null or d.commission_id = ${query.commissionId ?? null}::uuid)
          order by rank desc, d.title
          limit ${query.limit}
        )
        select record_type, record_id, commission_id, title, rank,
               ts_headline('es_unaccent', body, q.query,
                 'StartSel=«, StopSel=», MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "') as snippet
        from hits, q
        order by rank desc, title`,
  );
  return rows.map((row) => ({
    type: row.record_type,
    id: row.record_id,
    commissionId: row.commission_id,
    title: row.title,
    snippet: row.snippet,
    rank: Number(row.rank),
  }));
}
