/** The deployment's institution: one per deployment, owner of areas and commissions. */
import { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import { institutions } from "../../platform/db/schema.ts";
import { ZDatasetInstitution } from "../dataset/dataset.schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/resource.ts";

export const ZInstitution = ZDatasetInstitution.extend({ id: z.uuid() });
export type Institution = z.infer<typeof ZInstitution>;

/** The institution every area and commission belongs to; a clear error while none is configured. */
export async function requireInstitution(db: Db): Promise<{ id: string }> {
  const institution = await db.query.institutions.findFirst();
  if (!institution) {
    throw new AppError(
      "institution_missing",
      "Todavía no hay institución configurada: defínala con PUT /api/v1/institution o importe un conjunto de datos.",
    );
  }
  return institution;
}

export async function getInstitution({ actor, db }: UseCaseContext): Promise<Institution> {
  authorize(actor, "catalogs.read");
  const institution = await db.query.institutions.findFirst();
  if (!institution) throw new AppError("not_found", "Todavía no hay institución configurada.");
  return { id: institution.id, key: institution.key, name: institution.name, acronym: institution.acronym };
}

/** Creates the institution, or renames it (its key stays). */
export async function setInstitution({ actor, db }: UseCaseContext, rawInput: unknown): Promise<Institution> {
  authorize(actor, "accounts.manage");
  const input = parseInput(ZDatasetInstitution, rawInput);
  const [row] = await inTransaction({ actor, db }, async (tx) =>
    (await tx.query.institutions.findFirst())
      ? tx
          .update(institutions)
          .set({ name: input.name, acronym: input.acronym, updatedAt: new Date() })
          .returning()
      : tx.insert(institutions).values(input).returning(),
  );
  const saved = row as typeof institutions.$inferSelect;
  return { id: saved.id, key: saved.key, name: saved.name, acronym: saved.acronym };
}
