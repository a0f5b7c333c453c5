/**
 * Issues a pertinence opinion: its official number (IECM/UTVOE/OP/01/2021) comes from the commission's pattern and
 * the numbering service, per commission and year of issue, inside the transaction that stores the opinion — so a
 * failed issue leaves neither a row nor a gap in the sequence.
 */
import { eq } from "drizzle-orm";
import { commissions, pertinenceOpinions } from "../../platform/db/schema.ts";
import { assignNumber, numberingScope } from "../numbering/numbering.ts";
import { yearOf } from "../shared/calendar.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import { guardDb, parseInput } from "../shared/resource.ts";
import { assertAgreementOfCommission, replaceOpinionAreas } from "./agreements.repository.ts";
import { pertinenceOpinionResource } from "./agreements.resources.ts";
import { type PertinenceOpinion, ZPertinenceOpinionIssue } from "./agreements.schema.ts";

export async function issuePertinenceOpinion(
  { actor, db }: UseCaseContext,
  rawInput: unknown,
): Promise<PertinenceOpinion> {
  authorize(actor, "records.write");
  const input = parseInput(ZPertinenceOpinionIssue, rawInput);
  return inTransaction({ actor, db }, async (tx) => {
    const [commission] = await tx
      .select({ acronym: commissions.acronym, pattern: commissions.opinionNumberPattern })
      .from(commissions)
      .where(eq(commissions.id, input.commissionId));
    if (!commission)
      throw new AppError("reference_not_found", "La comisión indicada no existe.", [
        {
          path: "commissionId",
          message: "no existe una comisión con ese identificador",
          value: input.commissionId,
        },
      ]);
    if (!commission.pattern)
      throw new AppError(
        "numbering_not_configured",
        `La comisión ${commission.acronym} no tiene patrón de numeración de opiniones de pertinencia; ` +
          "configúrelo (p. ej. IECM/UTVOE/OP/{seq:2}/{yyyy}) antes de emitirlas.",
      );
    if (input.agreementId) await assertAgreementOfCommission(tx, input.agreementId, input.commissionId);
    const year = yearOf(input.issuedOn);
    const { number, seq } = await assignNumber(tx, {
      scope: numberingScope.pertinenceOpinions(input.commissionId),
      year,
      pattern: commission.pattern,
      values: { acronym: commission.acronym },
    });
    const id = await guardDb({ label: "la opinión de pertinencia" }, async () => {
      const [row] = await tx
        .insert(pertinenceOpinions)
        .values({
          commissionId: input.commissionId,
          number,
          year,
          seq,
          agreementId: input.agreementId,
          subject: input.subject,
          outcome: input.outcome,
          issuedOn: input.issuedOn,
        })
        .returning({ id: pertinenceOpinions.id });
      await replaceOpinionAreas(tx, (row as { id: string }).id, input.areaIds);
      return (row as { id: string }).id;
    });
    return pertinenceOpinionResource.get({ actor, db: tx }, id);
  });
}
