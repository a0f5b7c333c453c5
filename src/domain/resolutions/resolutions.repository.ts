/** SQL of resolutions: the rules that tie them to their session, votes, and the counter of their year. */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../platform/db/open.ts";
import { agendaItems, memberships, people, resolutionVotes } from "../../platform/db/schema.ts";
import { AppError, type ErrorDetail } from "../shared/errors.ts";
import type { Vote } from "./resolutions.schema.ts";

type Row = Record<string, unknown>;

/** An agenda item given for a resolution must be an item of the resolution's session. */
export async function checkAgendaItem(tx: Db, sessionId: string, agendaItemId: string): Promise<void> {
  const [item] = await tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.id, agendaItemId), eq(agendaItems.sessionId, sessionId)));
  if (!item)
    throw new AppError(
      "inconsistent_reference",
      "El punto del orden del día no es de la sesión del acuerdo.",
      [{ path: "agendaItemId", message: "no es un punto de esta sesión", value: agendaItemId }],
    );
}

/** Every voter must hold a membership with voting right in the commission on the session's date. */
export async function checkVoters(tx: Db, commissionId: string, date: string, votes: Vote[]): Promise<void> {
  if (votes.length === 0) return;
  const voters = await tx
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(
      and(
        eq(memberships.commissionId, commissionId),
        eq(memberships.hasVotingRight, true),
        inArray(
          memberships.personId,
          votes.map((vote) => vote.personId),
        ),
        or(isNull(memberships.startDate), lte(memberships.startDate, date)),
        or(isNull(memberships.endDate), gte(memberships.endDate, date)),
      ),
    );
  const entitled = new Set(voters.map((voter) => voter.personId));
  const details: ErrorDetail[] = [];
  votes.forEach((vote, index) => {
    if (!entitled.has(vote.personId))
      details.push({
        path: `votes[${index}].personId`,
        message: `no integraba la comisión con derecho a voto el ${date}`,
        value: vote.personId,
      });
  });
  if (details.length > 0)
    throw new AppError(
      "inconsistent_reference",
      "Solo votan las personas integrantes con derecho a voto.",
      details,
    );
}

/** Replaces the votes of a resolution. */
export async function writeVotes(tx: Db, resolutionId: string, votes: Vote[]): Promise<void> {
  await tx.delete(resolutionVotes).where(eq(resolutionVotes.resolutionId, resolutionId));
  if (votes.length > 0)
    await tx
      .insert(resolutionVotes)
      .values(votes.map((vote) => ({ resolutionId, personId: vote.personId, vote: vote.vote })));
}

/** Adds `votes` (ordered by the voter's name) to resolution rows. */
export async function withVotes(db: Db, rows: Row[]): Promise<Row[]> {
  const ids = rows.map((row) => row.id as string);
  if (ids.length === 0) return rows;
  const votes = await db
    .select({
      resolutionId: resolutionVotes.resolutionId,
      personId: resolutionVotes.personId,
      vote: resolutionVotes.vote,
    })
    .from(resolutionVotes)
    .innerJoin(people, eq(people.id, resolutionVotes.personId))
    .where(inArray(resolutionVotes.resolutionId, ids))
    .orderBy(asc(people.name), asc(people.id));
  return rows.map((row) => ({
    ...row,
    votes: votes
      .filter((vote) => vote.resolutionId === row.id)
      .map((vote) => ({ personId: vote.personId, vote: vote.vote })),
  }));
}

/** Locks the counter of (scope, year) until the transaction ends and returns its last sequence. */
export async function lockCounter(tx: Db, scope: string, year: number): Promise<number | undefined> {
  const rows = await queryRows<{ last_seq: number }>(
    tx,
    sql`select last_seq from numbering_counters where scope = ${scope} and year = ${year} for update`,
  );
  return rows[0] ? Number(rows[0].last_seq) : undefined;
}

/** Gives back the last number of (scope, year): the next adoption takes it again, so no gap is left. */
export async function releaseLastSequence(tx: Db, scope: string, year: number): Promise<void> {
  await tx.execute(
    sql`update numbering_counters set last_seq = last_seq - 1 where scope = ${scope} and year = ${year}`,
  );
}
