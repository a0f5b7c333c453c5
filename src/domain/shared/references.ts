/** Checks on references that a foreign key alone cannot make. */
import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import { catalogEntries } from "../../platform/db/schema.ts";
import { AppError } from "./errors.ts";

/** Refuses a catalogue entry of another catalogue (the foreign key only proves that it exists). */
export async function assertCatalogEntry(
  db: Db,
  id: string,
  catalog: "agreement_type" | "activity_kind",
  path: string,
): Promise<void> {
  const [row] = await db
    .select({ catalog: catalogEntries.catalog })
    .from(catalogEntries)
    .where(eq(catalogEntries.id, id));
  if (!row || row.catalog !== catalog)
    throw new AppError("reference_not_found", "La entrada de catálogo indicada no existe.", [
      { path, message: `no existe en el catálogo ${catalog}`, value: id },
    ]);
}
