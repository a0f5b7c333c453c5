/**
 * Checks over the stored records: each finding has a stable code, a severity, a Spanish message and the record
 * to fix. The report pipeline adds period checks later; these are the ones about the records themselves.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, queryRows } from "../../platform/db/open.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { parseInput } from "../shared/resource.ts";

export const CHECK_CODES = [
  "near_duplicate_person",
  "near_duplicate_area",
  "near_duplicate_organisation",
  "resolution_number_gap",
  "resolution_number_out_of_sequence",
  "minutes_never_approved",
  "session_without_attendance",
  "activity_outside_programme_year",
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

export const ZFinding = z.object({
  code: z.enum(CHECK_CODES),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  record: z.object({ type: z.string(), id: z.string(), label: z.string() }),
  related: z.array(z.object({ type: z.string(), id: z.string(), label: z.string() })).default([]),
});
export type Finding = z.infer<typeof ZFinding>;

export const ZCheckQuery = z.object({
  commissionId: z.uuid().optional(),
  /** Names are near-duplicates from this trigram similarity (0–1) of their unaccented lowercase forms. */
  similarity: z.coerce.number().min(0.3).max(1).default(0.8),
});

export async function runChecks(ctx: UseCaseContext, rawQuery: unknown = {}): Promise<Finding[]> {
  authorize(ctx.actor, "reports.read");
  const query = parseInput(ZCheckQuery, rawQuery);
  const findings: Finding[] = [
    ...(await nearDuplicates(
      ctx.db,
      "people",
      "person",
      "near_duplicate_person",
      "personas",
      query.similarity,
    )),
    ...(await nearDuplicates(ctx.db, "areas", "area", "near_duplicate_area", "áreas", query.similarity)),
    ...(await nearDuplicates(
      ctx.db,
      "organisations",
      "organisation",
      "near_duplicate_organisation",
      "organismos",
      query.similarity,
    )),
    ...(await resolutionSequence(ctx.db, query.commissionId)),
    ...(await minutesNeverApproved(ctx.db, query.commissionId)),
    ...(await sessionsWithoutAttendance(ctx.db, query.commissionId)),
    ...(await activitiesOutsideProgrammeYear(ctx.db, query.commissionId)),
  ];
  const order = { error: 0, warning: 1, info: 2 } as const;
  return findings.sort((a, b) => order[a.severity] - order[b.severity] || a.code.localeCompare(b.code));
}

async function nearDuplicates(
  db: Db,
  table: "people" | "areas" | "organisations",
  type: string,
  code: CheckCode,
  noun: string,
  threshold: number,
): Promise<Finding[]> {
  // The GIN trigram index on vincula_unaccent(lower(name)) serves the % operator; similarity() ranks. An
  // organisation and its parent («INE» / «Consejo General del INE») are related, not duplicates.
  const notParent =
    table === "organisations"
      ? sql`and a.parent_id is distinct from b.id and b.parent_id is distinct from a.id`
      : sql``;
  const similar = await queryRows<{
    a_id: string;
    a_name: string;
    b_id: string;
    b_name: string;
    score: number;
  }>(
    db,
    sql`select a.id as a_id, a.name as a_name, b.id as b_id, b.name as b_name,
               similarity(vincula_unaccent(lower(a.name)), vincula_unaccent(lower(b.name))) as score
        from ${sql.identifier(table)} a
        join ${sql.identifier(table)} b
          on a.id < b.id
         and vincula_unaccent(lower(a.name)) % vincula_unaccent(lower(b.name))
        where similarity(vincula_unaccent(lower(a.name)), vincula_unaccent(lower(b.name))) >= ${threshold} ${notParent}
        order by score desc
        limit 500`,
  );
  // A record whose name is recorded as another record's alias is the same thing written twice.
  const aliased = await queryRows<{ a_id: string; a_name: string; b_id: string; b_name: string }>(
    db,
    sql`with alias as (
          select id, name, vincula_unaccent(lower(value)) as value
          from ${sql.identifier(table)}, jsonb_array_elements_text(aliases) as value
        )
        select alias.id as a_id, alias.name as a_name, b.id as b_id, b.name as b_name
        from alias join ${sql.identifier(table)} b
          on vincula_unaccent(lower(b.name)) = alias.value and b.id <> alias.id
        limit 500`,
  );
  return [
    ...aliased.map((row) => ({
      code,
      severity: "warning" as const,
      message: `«${row.b_name}» figura como registro propio y también como otra forma de escribir «${row.a_name}». Fusione ambos registros.`,
      record: { type, id: row.b_id, label: row.b_name },
      related: [{ type, id: row.a_id, label: row.a_name }],
    })),
    ...similar.map((row) => ({
      code,
      severity: "warning" as const,
      message: `Posible duplicado entre ${noun}: «${row.a_name}» y «${row.b_name}» (similitud ${Number(row.score).toFixed(2)}). Si son el mismo, fusione y guarde la otra forma como alias.`,
      record: { type, id: row.a_id, label: row.a_name },
      related: [{ type, id: row.b_id, label: row.b_name }],
    })),
  ];
}

async function resolutionSequence(db: Db, commissionId: string | undefined): Promise<Finding[]> {
  const rows = await queryRows<{
    id: string;
    number: string;
    seq: number;
    year: number;
    commission_id: string;
    date: string;
    acronym: string;
    pattern: string;
  }>(
    db,
    sql`select r.id, r.number, r.seq, r.year, r.commission_id, s.date::text as date, c.acronym, c.resolution_number_pattern as pattern
        from resolutions r join sessions s on s.id = r.session_id join commissions c on c.id = r.commission_id
        where (${commissionId ?? null}::uuid is null or r.commission_id = ${commissionId ?? null}::uuid)
        order by r.commission_id, r.year, r.seq`,
  );
  const findings: Finding[] = [];
  const groups = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.commission_id}:${row.year}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const group of groups.values()) {
    for (let i = 1; i < group.length; i++) {
      const previous = group[i - 1]!;
      const current = group[i]!;
      if (current.seq > previous.seq + 1) {
        const missing = current.seq - previous.seq - 1;
        findings.push({
          code: "resolution_number_gap",
          severity: "warning",
          message: `Faltan ${missing} ${missing === 1 ? "número" : "números"} de acuerdo entre ${previous.number} y ${current.number}.`,
          record: { type: "resolution", id: current.id, label: current.number },
          related: [{ type: "resolution", id: previous.id, label: previous.number }],
        });
      }
      if (current.date < previous.date) {
        findings.push({
          code: "resolution_number_out_of_sequence",
          severity: "error",
          message: `El acuerdo ${current.number} se adoptó el ${current.date}, antes que ${previous.number} (${previous.date}): los números no siguen el orden de adopción.`,
          record: { type: "resolution", id: current.id, label: current.number },
          related: [{ type: "resolution", id: previous.id, label: previous.number }],
        });
      }
    }
    const first = group[0]!;
    if (first.seq > 1) {
      findings.push({
        code: "resolution_number_gap",
        severity: "info",
        message: `El primer acuerdo registrado de ${first.year} es ${first.number}; faltan los anteriores.`,
        record: { type: "resolution", id: first.id, label: first.number },
        related: [],
      });
    }
  }
  return findings;
}

async function minutesNeverApproved(db: Db, commissionId: string | undefined): Promise<Finding[]> {
  // Minutes are approved at a later session: only sessions followed by another held session can be overdue.
  const rows = await queryRows<{ id: string; key: string; date: string; next_date: string }>(
    db,
    sql`select s.id, s.key, s.date::text as date, min(n.date)::text as next_date
        from sessions s
        join sessions n on n.commission_id = s.commission_id and n.date > s.date and n.status = 'held'
        where s.status = 'held' and s.minutes_approved_by_resolution_id is null
          and (${commissionId ?? null}::uuid is null or s.commission_id = ${commissionId ?? null}::uuid)
        group by s.id, s.key, s.date
        order by s.date`,
  );
  return rows.map((row) => ({
    code: "minutes_never_approved",
    severity: "warning" as const,
    message: `La minuta de la sesión del ${row.date} no se ha aprobado, aunque ya hubo sesión el ${row.next_date}.`,
    record: { type: "session", id: row.id, label: row.key },
    related: [],
  }));
}

async function sessionsWithoutAttendance(db: Db, commissionId: string | undefined): Promise<Finding[]> {
  const rows = await queryRows<{ id: string; key: string; date: string }>(
    db,
    sql`select s.id, s.key, s.date::text as date from sessions s
        where s.status = 'held' and not exists (select 1 from attendance a where a.session_id = s.id)
          and (${commissionId ?? null}::uuid is null or s.commission_id = ${commissionId ?? null}::uuid)
        order by s.date`,
  );
  return rows.map((row) => ({
    code: "session_without_attendance",
    severity: "error" as const,
    message: `La sesión del ${row.date} se celebró pero no tiene asistencia registrada.`,
    record: { type: "session", id: row.id, label: row.key },
    related: [],
  }));
}

async function activitiesOutsideProgrammeYear(db: Db, commissionId: string | undefined): Promise<Finding[]> {
  const rows = await queryRows<{
    id: string;
    title: string;
    start_date: string;
    end_date: string;
    year: number;
  }>(
    db,
    sql`select a.id, a.title, a.start_date::text as start_date, a.end_date::text as end_date, p.year
        from activities a
        join programmed_actions pa on pa.id = a.action_id
        join strategic_lines l on l.id = pa.line_id
        join work_programmes p on p.id = l.programme_id
        where (extract(year from a.start_date) <> p.year or extract(year from a.end_date) <> p.year)
          and (${commissionId ?? null}::uuid is null or a.commission_id = ${commissionId ?? null}::uuid)
        order by a.start_date`,
  );
  return rows.map((row) => ({
    code: "activity_outside_programme_year",
    severity: "error" as const,
    message: `La actividad «${row.title}» (${row.start_date}${row.end_date !== row.start_date ? ` a ${row.end_date}` : ""}) está fuera del año de su programa (${row.year}).`,
    record: { type: "activity", id: row.id, label: row.title },
    related: [],
  }));
}
