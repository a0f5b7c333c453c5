/**
 * Walks the audit trail in order and finds the first entry that breaks it: one whose fields no longer match its
 * seal (altered, or moved to another place), one that does not follow the entry before it (an entry removed,
 * inserted or reordered before it), a gap in the numbering, or an end that is not the one `audit_head` recorded
 * (entries removed at the end). Seals are recomputed by the database with the trigger's own function, a page at a
 * time, in one snapshot; the entries' data never leaves the database.
 */
import type { Db } from "../../platform/db/open.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { GENESIS_HASH, readAuditHead, readSealedEntries, type SealedEntry } from "./audit.repository.ts";
import type { AuditProblem, AuditVerification } from "./audit.schema.ts";

const PAGE_SIZE = 5000;

export async function verifyAuditTrail(ctx: UseCaseContext): Promise<AuditVerification> {
  authorize(ctx.actor, "audit.read");
  return ctx.db.transaction(async (transaction) => walk(transaction as unknown as Db), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}

async function walk(db: Db): Promise<AuditVerification> {
  let previous: { id: number; hash: string } = { id: 0, hash: GENESIS_HASH };
  let entries = 0;
  for (;;) {
    const page = await readSealedEntries(db, previous.id, PAGE_SIZE);
    for (const entry of page) {
      const message = problemOf(entry, previous);
      if (message) return broken(entries, problem(entry, message));
      previous = { id: entry.id, hash: entry.hash };
      entries++;
    }
    if (page.length < PAGE_SIZE) break;
  }
  const head = await readAuditHead(db);
  const end = head ?? { lastId: 0, lastHash: GENESIS_HASH };
  if (!head && entries > 0)
    return broken(entries, {
      ...missing(previous.id),
      message: `Falta el sello final de la bitácora (tabla audit_head), que dice cuál debe ser la última entrada; la última que hay es la ${previous.id}.`,
    });
  if (end.lastId > previous.id)
    return broken(entries, {
      ...missing(end.lastId),
      message:
        end.lastId === previous.id + 1
          ? `Falta la entrada ${end.lastId}, la última: la bitácora termina en la ${previous.id}.`
          : `Faltan las entradas ${previous.id + 1} a ${end.lastId}, las últimas: la bitácora termina en la ${previous.id}.`,
    });
  if (end.lastId < previous.id || end.lastHash !== previous.hash)
    return broken(entries, {
      ...missing(end.lastId),
      message:
        end.lastId < previous.id
          ? `El sello final dice que la última entrada es la ${end.lastId}, pero hay hasta la ${previous.id}: se añadieron entradas fuera de la bitácora.`
          : `El sello final no coincide con el de la última entrada (${previous.id}): se alteró el sello final o se reescribió la bitácora.`,
    });
  return { ok: true, entries, headHash: previous.hash, problem: null };
}

/** What is wrong with `entry`, coming after `previous`; undefined when nothing is. */
function problemOf(entry: SealedEntry, previous: { id: number; hash: string }): string | undefined {
  if (entry.id !== previous.id + 1)
    return entry.id === previous.id + 2
      ? `Falta la entrada ${previous.id + 1}, anterior a esta: fue eliminada.`
      : `Faltan las entradas ${previous.id + 1} a ${entry.id - 1}, anteriores a esta: fueron eliminadas.`;
  if (entry.recomputed !== entry.hash)
    return "Su contenido no corresponde a su sello: la entrada fue alterada o cambió de lugar.";
  if (entry.prevHash !== previous.hash)
    return `No sigue a la entrada ${previous.id}: su sello previo es otro, así que se quitó, insertó o reordenó una entrada antes de ella.`;
  return undefined;
}

function problem(entry: SealedEntry, message: string): AuditProblem {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actor: entry.actor,
    table: entry.tableName,
    recordId: entry.recordId,
    message,
  };
}

const missing = (id: number) => ({ id, at: null, actor: null, table: null, recordId: null });

const broken = (entries: number, found: AuditProblem): AuditVerification => ({
  ok: false,
  entries,
  headHash: null,
  problem: found,
});
