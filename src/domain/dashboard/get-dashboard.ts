/**
 * The «Inicio» page of a commission (issue 5): next sessions, agreements about to expire, the work programme's
 * progress per line and quarter, activities per line and month, attendance rates of the year and the findings of
 * the current quarter's checks. Read-only; every figure is computed from the records.
 */
import { checkReportPeriod, type PeriodFinding } from "../reports/check-report-period.ts";
import { sessionName } from "../reports/compose-report.ts";
import { quarterOf, todayInMexicoCity, yearOf } from "../shared/calendar.ts";
import { authorize, can, type UseCaseContext } from "../shared/context.ts";
import { notFound } from "../shared/errors.ts";
import { parseInput } from "../shared/resource.ts";
import {
  countHeldSessions,
  selectActionQuarters,
  selectActivitiesByLineAndMonth,
  selectCommission,
  selectExpiringAgreements,
  selectMemberAttendance,
  selectNextSessions,
  selectPartyAttendance,
  selectProgramme,
} from "./dashboard.repository.ts";
import {
  type Dashboard,
  EXPIRY_HORIZON_DAYS,
  FINDINGS_LIMIT,
  NEXT_SESSIONS_LIMIT,
  ZDashboardQuery,
} from "./dashboard.schema.ts";

const QUARTERS = [1, 2, 3, 4] as const;
const rate = (attended: number, expected: number) =>
  expected === 0 ? 0 : Math.round((attended / expected) * 10_000) / 10_000;

/** `now` fixes «today» when the query does not (tests). */
export async function getDashboard(
  ctx: UseCaseContext,
  rawQuery: unknown,
  now: Date = new Date(),
): Promise<Dashboard> {
  authorize(ctx.actor, "records.read");
  const query = parseInput(ZDashboardQuery, rawQuery ?? {});
  authorize(ctx.actor, "records.read", { commissionId: query.commissionId });
  const today = query.today ?? todayInMexicoCity(now);
  const year = query.year ?? yearOf(today);
  const commission = await selectCommission(ctx.db, query.commissionId);
  if (!commission) throw notFound("la comisión", query.commissionId);
  // Attendance counts the sessions held so far: the whole year once it is over, none of a year still to come.
  const until = year < yearOf(today) ? `${year}-12-31` : today;

  const [nextSessions, expiring, programme, sessionsHeld, members, parties] = await Promise.all([
    selectNextSessions(ctx.db, commission.id, today, NEXT_SESSIONS_LIMIT),
    selectExpiringAgreements(ctx.db, commission.id, today, EXPIRY_HORIZON_DAYS),
    selectProgramme(ctx.db, commission.id, year),
    countHeldSessions(ctx.db, commission.id, year, until),
    selectMemberAttendance(ctx.db, commission.id, year, until),
    selectPartyAttendance(ctx.db, commission.id, year, until),
  ]);
  const [actionQuarters, activityCounts] = await Promise.all([
    programme ? selectActionQuarters(ctx.db, programme.id, year) : [],
    selectActivitiesByLineAndMonth(ctx.db, commission.id, programme?.id, year),
  ]);

  // Progress: each action programmed in a quarter is done (a held activity in it), else justified (its own or
  // its line's justification for that quarter), else pending; so programmed = done + justified + pending.
  const doneIn = new Set(actionQuarters.map((row) => `${row.action_id}/${row.quarter}`));
  const programmeProgress = (programme?.lines ?? []).map((line) => ({
    lineId: line.id,
    number: line.number,
    title: line.title,
    quarters: QUARTERS.map((quarter) => {
      const isLineJustified = line.justifications.some((j) => j.quarter === quarter);
      const counts = { programmed: 0, done: 0, justified: 0, pending: 0, doneOutsideProgramme: 0 };
      for (const action of line.actions) {
        const isDone = doneIn.has(`${action.id}/${quarter}`);
        if (!action.quarters.includes(quarter)) {
          if (isDone) counts.doneOutsideProgramme++;
          continue;
        }
        counts.programmed++;
        if (isDone) counts.done++;
        else if (isLineJustified || action.justifications.some((j) => j.quarter === quarter))
          counts.justified++;
        else counts.pending++;
      }
      return { quarter, ...counts, isLineJustified };
    }),
  }));

  // Every line of the programme, even without activities, then those outside it when there are any.
  const byLine = new Map<string | null, number[]>();
  for (const row of activityCounts) {
    const months = byLine.get(row.line_id) ?? new Array<number>(12).fill(0);
    months[row.month - 1] = (months[row.month - 1] ?? 0) + row.count;
    byLine.set(row.line_id, months);
  }
  const lineRows = (programme?.lines ?? []).map((line) => ({
    lineId: line.id as string | null,
    number: line.number as number | null,
    title: line.title as string | null,
    months: byLine.get(line.id) ?? new Array<number>(12).fill(0),
  }));
  const outside = byLine.get(null);
  if (outside) lineRows.push({ lineId: null, number: null, title: null, months: outside });
  const activitiesByLineAndMonth = lineRows.map((row) => ({
    ...row,
    total: row.months.reduce((sum, count) => sum + count, 0),
  }));

  return {
    commission,
    year,
    today,
    nextSessions: nextSessions.map((session) => ({
      ...session,
      name: sessionName(session),
      // `time` columns read back as HH:MM:SS; the API speaks HH:MM.
      startTime: session.startTime ? session.startTime.slice(0, 5) : null,
    })),
    expiringAgreements: expiring.map((agreement) => ({ ...agreement, daysLeft: Number(agreement.daysLeft) })),
    programme: programme ? { id: programme.id, title: programme.title } : null,
    programmeProgress,
    activitiesByLineAndMonth,
    attendanceRates: {
      sessionsHeld,
      members: members.map((row) => ({
        personId: row.person_id,
        name: row.name,
        role: row.role,
        expected: row.expected,
        attended: row.attended,
        rate: rate(row.attended, row.expected),
      })),
      parties: parties.map((row) => ({
        partyId: row.party_id,
        name: row.name,
        acronym: row.acronym,
        expected: row.expected,
        attended: row.attended,
        rate: rate(row.attended, row.expected),
      })),
    },
    findings: programme ? await currentFindings(ctx, commission.id, year, today) : null,
  };
}

/**
 * The period checks of the report (check-report-period.ts) for the quarter of `today` — the last quarter of a past
 * year, the first of a year to come — when the actor may read reports in the commission; the checks need the
 * year's programme, which the caller has found.
 */
async function currentFindings(ctx: UseCaseContext, commissionId: string, year: number, today: string) {
  if (!can(ctx.actor, "reports.read", { commissionId })) return null;
  const todayYear = yearOf(today);
  const quarter = year === todayYear ? quarterOf(today) : year < todayYear ? 4 : 1;
  const period = `${year}-Q${quarter}`;
  const findings = await checkReportPeriod(ctx, { commissionId, period });
  const order: Record<PeriodFinding["severity"], number> = { error: 0, warning: 1, info: 2 };
  const sorted = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => order[a.finding.severity] - order[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding);
  const count = (severity: PeriodFinding["severity"]) =>
    findings.filter((f) => f.severity === severity).length;
  return {
    period,
    total: findings.length,
    blocking: findings.filter((f) => f.isBlocking).length,
    bySeverity: { error: count("error"), warning: count("warning"), info: count("info") },
    items: sorted.slice(0, FINDINGS_LIMIT),
  };
}
