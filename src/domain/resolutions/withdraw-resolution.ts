/**
 * Withdraws (deletes) a resolution recorded by mistake. Numbers must not leave gaps, so only the last number of its
 * commission and year can be withdrawn; the counter goes back one, and the next adoption takes that number again.
 */
import { and, desc, eq } from "drizzle-orm";
import { resolutions } from "../../platform/db/schema.ts";
import { numberingScope } from "../numbering/numbering.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { guardDb } from "../shared/resource.ts";
import { lockCounter, releaseLastSequence } from "./resolutions.repository.ts";

export async function withdrawResolution({ actor, db }: UseCaseContext, id: string): Promise<void> {
  authorize(actor, "records.write");
  if (!ZUuid.safeParse(id).success) throw notFound("el acuerdo", id);
  await inTransaction({ actor, db }, async (tx) => {
    const [resolution] = await tx.select().from(resolutions).where(eq(resolutions.id, id));
    if (!resolution) throw notFound("el acuerdo", id);
    const scope = numberingScope.resolutions(resolution.commissionId);
    // Taken before reading the last number, so no adoption of the same year runs in between.
    const counter = await lockCounter(tx, scope, resolution.year);
    const [last] = await tx
      .select({ number: resolutions.number, seq: resolutions.seq })
      .from(resolutions)
      .where(
        and(eq(resolutions.commissionId, resolution.commissionId), eq(resolutions.year, resolution.year)),
      )
      .orderBy(desc(resolutions.seq))
      .limit(1);
    if (last?.seq !== resolution.seq)
      throw new AppError(
        "resolution_not_last",
        `Solo se puede retirar el último acuerdo de ${resolution.year}` +
          `${last ? ` (${last.number})` : ""}: retirar ${resolution.number} dejaría un hueco en la numeración.`,
      );
    if (counter !== undefined && counter !== resolution.seq)
      throw new AppError(
        "resolution_not_last",
        `El contador de acuerdos de ${resolution.year} ya va en ${counter}: retirar ${resolution.number} dejaría un hueco en la numeración.`,
      );
    await guardDb({ label: "el acuerdo" }, () => tx.delete(resolutions).where(eq(resolutions.id, id)));
    if (counter !== undefined) await releaseLastSequence(tx, scope, resolution.year);
  });
}
