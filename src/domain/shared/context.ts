import type { Db } from "../../platform/db/open.ts";
import { AppError } from "./errors.ts";

/**
 * Who performs a use case. Accounts and roles arrive later (issue 4); until then the CLI and the API act as the
 * configured local actor, which may do everything.
 */
export type Actor = { kind: "local"; name: string } | { kind: "system"; name: string };

export type Permission = "read" | "write" | "import" | "admin";

/** What every use case receives: who acts and the database (or transaction) to act on. */
export type UseCaseContext = { actor: Actor; db: Db };

/** The one authorization check at the top of every use case. */
export function authorize(actor: Actor, permission: Permission): void {
  if (actor.kind === "local" || actor.kind === "system") return;
  throw new AppError("forbidden", `No tiene permiso para esta operación (${permission}).`);
}

/** Runs `work` in a transaction (or in the caller's, when already inside one). */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => work(tx as unknown as Db));
}
