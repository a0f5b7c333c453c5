/**
 * Checks of the records behind the report of a period. Each finding has a stable code, a severity, a message in
 * Spanish and the record to fix; findings of severity «error» are blocking (a report with them should not be
 * approved). The record-wide checks of `runChecks` (number gaps, minutes, near-duplicate names) are included,
 * restricted to what the period's report shows.
 */
import { z } from "zod";
import { type Finding, runChecks } from "../checks/run-checks.ts";
import { formatSpanishLongDate, type Period, parsePeriod } from "../shared/calendar.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { parseInput } from "../shared/resource.ts";
import { quarterName } from "../shared/spanish.ts";
import { collectReportFacts, type ReportFacts, ZReportFactsQuery } from "./collect-report-facts.ts";
import { sessionName } from "./compose-report.ts";
import type { ReportTemplate } from "./report-template.ts";
import { loadReportTemplate } from "./report-templates.ts";

export const PERIOD_CHECK_CODES = [
  "activity_partly_outside_period",
  "action_without_activity_or_justification",
  "session_without_attendance_in_period",
  "resolution_without_quorum",
  "agreement_signed_without_opinion",
  "opinion_without_issue_date",
] as const;

export type PeriodFinding = Omit<Finding, "code"> & {
  code: Finding["code"] | (typeof PERIOD_CHECK_CODES)[number];
  isBlocking: boolean;
};

export const ZPeriodCheckQuery = ZReportFactsQuery;

export async function checkReportPeriod(ctx: UseCaseContext, rawQuery: unknown): Promise<PeriodFinding[]> {
  authorize(ctx.actor, "reports.read");
  const query = parseInput(ZPeriodCheckQuery, rawQuery);
  const facts = await collectReportFacts(ctx, query);
  const findings: Omit<PeriodFinding, "isBlocking">[] = [
    ...activitiesPartlyOutside(facts),
    ...actionsWithoutContent(facts, await loadReportTemplate(ctx.db, facts.commission.id)),
    ...sessionsWithoutQuorumOrAttendance(facts),
    ...agreementsWithoutOpinion(facts),
    ...opinionsWithoutDate(facts),
  ];
  // Record-wide checks, kept where they concern what this report shows.
  const shownIds = new Set<string>([
    ...facts.sessions.map((s) => s.id),
    ...facts.resolutions.map((r) => r.id),
    ...facts.activities.flatMap((a) => [a.id, ...a.counterpartIds]),
    ...facts.agreements.signed.flatMap((a) => [a.id, ...a.counterpartIds]),
    ...facts.agreements.reported.flatMap((a) => [a.id, ...a.counterpartIds]),
  ]);
  for (const finding of await runChecks(ctx, { commissionId: facts.commission.id })) {
    const concerns = [finding.record, ...finding.related].some((record) => shownIds.has(record.id));
    if (concerns || finding.code === "near_duplicate_person" || finding.code === "near_duplicate_area")
      findings.push(finding);
  }
  return findings.map((finding) => ({ ...finding, isBlocking: finding.severity === "error" }));
}

const record = (type: string, id: string, label: string) => ({ type, id, label });

function activitiesPartlyOutside(facts: ReportFacts): Omit<PeriodFinding, "isBlocking">[] {
  const { from, to } = facts.period;
  return facts.activities
    .filter((a) => a.startDate < from || a.endDate > to)
    .map((a) => ({
      code: "activity_partly_outside_period" as const,
      severity: "warning" as const,
      message: `La actividad «${a.title}» tiene días fuera del periodo (${a.startDate} a ${a.endDate}); el informe solo debe contar los del periodo.`,
      record: record("activity", a.id, a.title),
      related: [],
    }));
}

/**
 * Every quarter of the period (one for a quarterly report, four for the annual one) in which an action is
 * programmed needs an activity in that quarter or a recorded justification. Parts whose template presents other
 * records (agreements, opinions, ceremonies) state their emptiness in the template's wording instead.
 */
function actionsWithoutContent(
  facts: ReportFacts,
  template: ReportTemplate,
): Omit<PeriodFinding, "isBlocking">[] {
  const findings: Omit<PeriodFinding, "isBlocking">[] = [];
  for (const quarter of facts.period.quarters) {
    const { from, to } = parsePeriod(`${facts.period.year}-Q${quarter}`) as Period;
    const when = quarterName(quarter, facts.period.year);
    for (const line of facts.programme.lines) {
      const lineJustified = line.justifications.some((j) => j.quarter === quarter);
      for (const action of line.actions) {
        if (!action.quarters.includes(quarter)) continue;
        const hasActivity = facts.activities.some(
          (a) => a.actionId === action.id && a.startDate <= to && a.endDate >= from,
        );
        const isJustified = action.justifications.some((j) => j.quarter === quarter);
        const presentsOtherRecords = (template.parts[`${line.number}${action.letter}`] ?? []).some(
          (entry) => entry.presentation.kind !== "activities",
        );
        if (!hasActivity && !isJustified && !lineJustified && !presentsOtherRecords) {
          findings.push({
            code: "action_without_activity_or_justification",
            severity: "error",
            message: `La acción ${line.number}.${action.letter} está programada para el ${when} y no tiene actividades ni justificación registradas.`,
            record: record("programmed_action", action.id, `${line.number}.${action.letter} ${action.title}`),
            related: [],
          });
        }
      }
      if (line.actions.length === 0 && !lineJustified) {
        findings.push({
          code: "action_without_activity_or_justification",
          severity: "error",
          message: `La línea ${line.number} no tiene acciones ni justificación para el ${when}.`,
          record: record("strategic_line", line.id, `${line.number}. ${line.title}`),
          related: [],
        });
      }
    }
  }
  return findings;
}

function sessionsWithoutQuorumOrAttendance(facts: ReportFacts): Omit<PeriodFinding, "isBlocking">[] {
  const findings: Omit<PeriodFinding, "isBlocking">[] = [];
  for (const session of facts.sessions) {
    const label = `${sessionName(session)} del ${formatSpanishLongDate(session.date)}`;
    if (session.status === "held" && session.attendance.length === 0) {
      findings.push({
        code: "session_without_attendance_in_period",
        severity: "error",
        message: `La ${label.toLowerCase()} no tiene asistencia registrada.`,
        record: record("session", session.id, label),
        related: [],
      });
      continue;
    }
    const voters = facts.memberships.filter(
      (m) =>
        m.hasVotingRight &&
        m.personId !== null &&
        (m.startDate === null || m.startDate <= session.date) &&
        (m.endDate === null || m.endDate >= session.date),
    );
    const present = voters.filter((m) =>
      session.attendance.some((a) => a.personId === m.personId && a.isPresent),
    );
    if (session.resolutions.length > 0 && voters.length > 0 && present.length * 2 <= voters.length) {
      findings.push({
        code: "resolution_without_quorum",
        severity: "error",
        message: `En la ${label.toLowerCase()} se adoptaron ${session.resolutions.length} acuerdos con ${present.length} de ${voters.length} integrantes con voto presentes: no hay quórum.`,
        record: record("session", session.id, label),
        related: session.resolutions.map((r) => record("resolution", r.id, r.number)),
      });
    }
  }
  return findings;
}

function agreementsWithoutOpinion(facts: ReportFacts): Omit<PeriodFinding, "isBlocking">[] {
  const opined = new Set([...facts.opinions.inPeriod, ...facts.opinions.undated].map((o) => o.agreementId));
  return facts.agreements.signed
    .filter((a) => !opined.has(a.id))
    .map((a) => ({
      code: "agreement_signed_without_opinion" as const,
      severity: "warning" as const,
      message: `El convenio «${a.title}» se firmó sin una opinión de pertinencia registrada.`,
      record: record("agreement", a.id, a.title),
      related: [],
    }));
}

export const ZPeriodFinding = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  isBlocking: z.boolean(),
  message: z.string(),
  record: z.object({ type: z.string(), id: z.string(), label: z.string() }),
  related: z.array(z.object({ type: z.string(), id: z.string(), label: z.string() })),
});

/** Opinions without an issue date appear in every report of their year (decision 007) until the date is recorded. */
function opinionsWithoutDate(facts: ReportFacts): Omit<PeriodFinding, "isBlocking">[] {
  return facts.opinions.undated.map((o) => ({
    code: "opinion_without_issue_date" as const,
    severity: "warning" as const,
    message: `La opinión de pertinencia ${o.number} no tiene fecha de emisión: aparece en cada informe de ${facts.period.year} hasta que se registre.`,
    record: record("pertinence_opinion", o.id, o.number),
    related: [],
  }));
}
