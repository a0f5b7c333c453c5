/**
 * Moves an agreement forward along its life (negotiation → pertinence opinion → signed → in force → concluded |
 * terminated | cancelled), recording the stage event with its date; signing sets `signedOn`. Going backwards,
 * staying, or leaving a final stage is refused with `agreement_stage_not_forward`; reaching in force, concluded
 * or terminated without a signature with `agreement_not_signed`.
 */
import { eq } from "drizzle-orm";
import { agreementStageEvents, agreements } from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { guardDb, parseInput } from "../shared/resource.ts";
import { isForwardMove, requiresSigning, STAGE_LABELS } from "./agreement-stages.ts";
import { loadStageEvents } from "./agreements.repository.ts";
import { agreementResource } from "./agreements.resources.ts";
import { type Agreement, ZAgreementStageChange } from "./agreements.schema.ts";

export async function changeAgreementStage(
  { actor, db }: UseCaseContext,
  agreementId: string,
  rawInput: unknown,
): Promise<Agreement> {
  authorize(actor, "records.write");
  if (!ZUuid.safeParse(agreementId).success) throw notFound("el convenio", agreementId);
  const input = parseInput(ZAgreementStageChange, rawInput);
  return inTransaction({ actor, db }, async (tx) => {
    // Lock the agreement so two concurrent changes cannot both pass the checks below.
    const [agreement] = await tx
      .select()
      .from(agreements)
      .where(eq(agreements.id, agreementId))
      .for("update");
    if (!agreement) throw notFound("el convenio", agreementId);
    const from = agreement.stage;
    if (!isForwardMove(from, input.stage))
      throw new AppError(
        "agreement_stage_not_forward",
        `El convenio está ${STAGE_LABELS[from]}; no puede pasar a «${STAGE_LABELS[input.stage]}»: ` +
          "las etapas solo avanzan (negociación → opinión de pertinencia → firma → vigencia → conclusión, " +
          "terminación o cancelación).",
      );
    if (requiresSigning(input.stage) && !agreement.signedOn)
      throw new AppError(
        "agreement_not_signed",
        `El convenio no tiene fecha de firma; regístrelo como firmado antes de marcarlo ${STAGE_LABELS[input.stage]}.`,
      );
    const events = await loadStageEvents(tx, agreementId);
    const latest = [...events.map((event) => event.date), agreement.signedOn ?? ""].sort().at(-1) ?? "";
    if (input.date < latest)
      throw new AppError("validation_failed", "La fecha es anterior a la última etapa registrada.", [
        { path: "date", message: `no puede ser anterior al ${latest}`, value: input.date },
      ]);
    await guardDb({ label: "el convenio" }, async () => {
      await tx
        .insert(agreementStageEvents)
        .values({ agreementId, stage: input.stage, date: input.date, note: input.note });
      await tx
        .update(agreements)
        .set({
          stage: input.stage,
          ...(input.stage === "signed" ? { signedOn: input.date } : {}),
          updatedAt: new Date(),
        })
        .where(eq(agreements.id, agreementId));
    });
    return agreementResource.get({ actor, db: tx }, agreementId);
  });
}
