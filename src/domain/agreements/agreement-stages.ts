/**
 * The life of an agreement: negotiation → pertinence opinion → signed → in force → concluded | terminated |
 * cancelled. Stages only move forward; the stage history, the signing date and the validity must tell one story.
 * Pure rules, shared by the CRUD use cases and change-agreement-stage.
 */
import type { ErrorDetail } from "../shared/errors.ts";
import type { AgreementStage, StageEvent } from "./agreements.schema.ts";

/** Position along the life of an agreement; the three endings share the last one. */
export const STAGE_RANK: Record<AgreementStage, number> = {
  negotiation: 0,
  pertinence_opinion: 1,
  signed: 2,
  in_force: 3,
  concluded: 4,
  terminated: 4,
  cancelled: 4,
};

export const STAGE_LABELS: Record<AgreementStage, string> = {
  negotiation: "en negociación",
  pertinence_opinion: "con opinión de pertinencia",
  signed: "firmado",
  in_force: "vigente",
  concluded: "concluido",
  terminated: "terminado anticipadamente",
  cancelled: "cancelado",
};

/** Stages that only a signed agreement can be in (cancelled may come before or after signing). */
const SIGNED_STAGES: ReadonlySet<AgreementStage> = new Set(["signed", "in_force", "concluded", "terminated"]);

export const isFinalStage = (stage: AgreementStage): boolean => STAGE_RANK[stage] === 4;

/** True when `to` lies ahead of `from` (a final stage goes nowhere). */
export const isForwardMove = (from: AgreementStage, to: AgreementStage): boolean =>
  !isFinalStage(from) && STAGE_RANK[to] > STAGE_RANK[from];

/** Whether reaching `stage` requires the agreement to have been signed first. */
export const requiresSigning = (stage: AgreementStage): boolean =>
  SIGNED_STAGES.has(stage) && stage !== "signed";

export type AgreementFacts = {
  stage: AgreementStage;
  signedOn: string | null;
  validFrom: string | null;
  validTo: string | null;
  isIndefinite: boolean;
  stages: StageEvent[];
};

/**
 * The stage history as it will be stored: the one sent, or the stored one; a signing date without a «signed»
 * event adds it, and a corrected signing date (`isSigningDateSent` without a history) moves the event.
 */
export function plannedStageEvents(options: {
  sent: StageEvent[] | undefined;
  stored: StageEvent[];
  signedOn: string | null;
  isSigningDateSent: boolean;
}): StageEvent[] {
  const base = options.sent ?? options.stored;
  if (!options.signedOn) return base;
  const signing = base.find((event) => event.stage === "signed");
  if (!signing) return [...base, { stage: "signed", date: options.signedOn }];
  if (options.sent === undefined && options.isSigningDateSent)
    return base.map((event) =>
      event.stage === "signed" ? { ...event, date: options.signedOn as string } : event,
    );
  return base;
}

/** Everything that makes the record contradict itself, one detail per field. */
export function agreementProblems(facts: AgreementFacts): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const { stage, signedOn } = facts;
  if (facts.validFrom && facts.validTo && facts.validTo < facts.validFrom)
    details.push({
      path: "validTo",
      message: `el fin de la vigencia no puede ser anterior a su inicio (${facts.validFrom})`,
      value: facts.validTo,
    });
  if (facts.isIndefinite && facts.validTo)
    details.push({
      path: "validTo",
      message: "un convenio de vigencia indefinida no tiene fecha de término",
      value: facts.validTo,
    });
  if (SIGNED_STAGES.has(stage) && !signedOn)
    details.push({
      path: "signedOn",
      message: `un convenio ${STAGE_LABELS[stage]} necesita su fecha de firma`,
    });
  if (STAGE_RANK[stage] < STAGE_RANK.signed && signedOn)
    details.push({
      path: "signedOn",
      message: `un convenio ${STAGE_LABELS[stage]} aún no tiene fecha de firma`,
      value: signedOn,
    });

  facts.stages.forEach((event, index) => {
    const isAhead =
      STAGE_RANK[event.stage] > STAGE_RANK[stage] || (isFinalStage(event.stage) && event.stage !== stage);
    if (isAhead)
      details.push({
        path: `stages[${index}].stage`,
        message: `la historia no puede incluir una etapa que el convenio no ha alcanzado (está ${STAGE_LABELS[stage]})`,
        value: event.stage,
      });
  });
  const ordered = facts.stages
    .map((event, index) => ({ event, index }))
    .sort((a, b) => STAGE_RANK[a.event.stage] - STAGE_RANK[b.event.stage]);
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1]?.event;
    const current = ordered[i];
    if (previous && current && current.event.date < previous.date)
      details.push({
        path: `stages[${current.index}].date`,
        message: `no puede ser anterior a la etapa previa (${STAGE_LABELS[previous.stage]}, ${previous.date})`,
        value: current.event.date,
      });
  }
  const signing = facts.stages.find((event) => event.stage === "signed");
  if (signing && signedOn && signing.date !== signedOn)
    details.push({
      path: "signedOn",
      message: `no coincide con la fecha de la etapa «firmado» (${signing.date})`,
      value: signedOn,
    });
  return details;
}
