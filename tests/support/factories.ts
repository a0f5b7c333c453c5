/** Test data builders: each test makes its own records, with unique keys, through the use cases. */
import { randomUUID } from "node:crypto";
import type { UseCaseContext } from "../../src/domain/shared/context.ts";
import { institutions } from "../../src/platform/db/schema.ts";

export const uniqueKey = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** The deployment's institution (one per database; created once). */
export async function ensureInstitution(ctx: UseCaseContext): Promise<{ id: string }> {
  const existing = await ctx.db.query.institutions.findFirst();
  if (existing) return existing;
  const [row] = await ctx.db
    .insert(institutions)
    .values({ key: "iecm", name: "Instituto Electoral de la Ciudad de México", acronym: "IECM" })
    .onConflictDoNothing()
    .returning();
  return row ?? (await ctx.db.query.institutions.findFirst())!;
}
