/**
 * Official identifiers (CVOE/001/21, IECM/UTVOE/OP/01/2021) from a pattern per scope and a sequence per scope and
 * year. `assignNumber` must run inside the transaction that adopts the record: the counter row is locked until
 * that transaction ends, so concurrent adoptions get consecutive numbers and a rolled-back one leaves no gap.
 * Historical numbers (imports) are parsed back with the same pattern and checked.
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../platform/db/open.ts";
import { AppError } from "../shared/errors.ts";

export type NumberingValues = { acronym?: string };

const TOKEN = /\{(acronym|seq(?::(\d))?|yy|yyyy)\}/g;

/** Formats a number: `{acronym}/{seq:3}/{yy}` with acronym CVOE, seq 1, year 2021 → CVOE/001/21. */
export function formatNumber(
  pattern: string,
  seq: number,
  year: number,
  values: NumberingValues = {},
): string {
  return pattern.replace(TOKEN, (_, token: string, width?: string) => {
    if (token === "acronym") return values.acronym ?? "";
    if (token === "yy") return String(year % 100).padStart(2, "0");
    if (token === "yyyy") return String(year);
    return String(seq).padStart(width ? Number(width) : 1, "0");
  });
}

/** Parses a number written with `pattern`; undefined when it does not match. */
export function parseNumber(
  pattern: string,
  value: string,
  values: NumberingValues = {},
): { seq: number; year: number | undefined; yy: number | undefined } | undefined {
  const groups: string[] = [];
  let regex = "";
  let last = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    regex += escapeRegex(pattern.slice(last, match.index));
    const token = match[1] as string;
    if (token === "acronym") regex += escapeRegex(values.acronym ?? "");
    else {
      groups.push(token.startsWith("seq") ? "seq" : token);
      const width = match[2];
      regex +=
        token === "yy" ? "(\\d{2})" : token === "yyyy" ? "(\\d{4})" : width ? `(\\d{${width},})` : "(\\d+)";
    }
    last = (match.index ?? 0) + match[0].length;
  }
  regex += escapeRegex(pattern.slice(last));
  const found = new RegExp(`^${regex}$`).exec(value);
  if (!found) return undefined;
  const result: { seq: number; year: number | undefined; yy: number | undefined } = {
    seq: 0,
    year: undefined,
    yy: undefined,
  };
  groups.forEach((name, index) => {
    const n = Number(found[index + 1]);
    if (name === "seq") result.seq = n;
    else if (name === "yyyy") result.year = n;
    else result.yy = n;
  });
  return result.seq > 0 ? result : undefined;
}

/** True when a parsed number belongs to `year`. */
export function numberMatchesYear(
  parsed: { year: number | undefined; yy: number | undefined },
  year: number,
): boolean {
  if (parsed.year !== undefined && parsed.year !== year) return false;
  if (parsed.yy !== undefined && parsed.yy !== year % 100) return false;
  return true;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Checks that a pattern has exactly one sequence token. */
export function isValidPattern(pattern: string): boolean {
  return [...pattern.matchAll(TOKEN)].filter((m) => (m[1] as string).startsWith("seq")).length === 1;
}

/** Takes the next sequence of (scope, year). Call inside the adopting transaction. */
export async function nextSequence(tx: Db, scope: string, year: number): Promise<number> {
  const rows = await queryRows<{ last_seq: number }>(
    tx,
    sql`insert into numbering_counters (scope, year, last_seq) values (${scope}, ${year}, 1)
        on conflict (scope, year) do update set last_seq = numbering_counters.last_seq + 1
        returning last_seq`,
  );
  return Number(rows[0]?.last_seq);
}

/** After importing historical numbers: the counter continues after the highest one. */
export async function raiseSequence(tx: Db, scope: string, year: number, atLeast: number): Promise<void> {
  await tx.execute(
    sql`insert into numbering_counters (scope, year, last_seq) values (${scope}, ${year}, ${atLeast})
        on conflict (scope, year) do update set last_seq = greatest(numbering_counters.last_seq, excluded.last_seq)`,
  );
}

/** Assigns the next official number of a scope in a year, formatted with the scope's pattern. */
export async function assignNumber(
  tx: Db,
  options: { scope: string; year: number; pattern: string; values?: NumberingValues },
): Promise<{ number: string; seq: number }> {
  if (!isValidPattern(options.pattern)) {
    throw new AppError(
      "validation_failed",
      `El patrón de numeración «${options.pattern}» necesita un único {seq}.`,
    );
  }
  const seq = await nextSequence(tx, options.scope, options.year);
  return { number: formatNumber(options.pattern, seq, options.year, options.values), seq };
}

/** Scope names, so every caller numbers the same way. */
export const numberingScope = {
  resolutions: (commissionId: string) => `resolution:${commissionId}`,
  pertinenceOpinions: (commissionId: string) => `pertinence_opinion:${commissionId}`,
};
