/** What every command needs: the validated configuration, the database (migrated) and the local actor. */
import { join } from "node:path";
import type { UseCaseContext } from "../domain/shared/context.ts";
import { type Config, loadConfig } from "../platform/config.ts";
import type { Database } from "../platform/db/open.ts";
import type { LocalFileStore } from "../platform/files.ts";

export type Runtime = { config: Config; database: Database; files: LocalFileStore; context: UseCaseContext };

/** Exit codes of every command, documented in the README. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  invalidInput: 3,
  notFound: 4,
  findings: 5,
} as const;

export async function openRuntime(options: { migrate?: boolean } = {}): Promise<Runtime> {
  const config = loadConfig();
  // Loaded on demand so `--help` and usage errors answer at once.
  const { openDatabase } = await import("../platform/db/open.ts");
  const { LocalFileStore } = await import("../platform/files.ts");
  const database = config.databaseUrl
    ? await openDatabase({ kind: "postgres", url: config.databaseUrl })
    : await openDatabase({ kind: "pglite", dataDir: config.dataDir });
  if (options.migrate !== false) await database.migrate();
  const files = new LocalFileStore(join(config.dataDir, "files"));
  return {
    config,
    database,
    files,
    context: { actor: { kind: "local", name: config.actorName }, db: database.db },
  };
}

export function describeTarget(config: Config): string {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL en ${url.hostname}:${url.port || 5432}${url.pathname}`;
  }
  return `base embebida (PGlite) en ${join(config.dataDir, "pglite")}`;
}

/** The id of the commission with that key, or a not-found error (exit code 4). */
export async function commissionIdByKey(runtime: Runtime, key: string): Promise<string> {
  const { eq } = await import("drizzle-orm");
  const { commissions } = await import("../platform/db/schema.ts");
  const { AppError } = await import("../domain/shared/errors.ts");
  const found = await runtime.database.db.query.commissions.findFirst({ where: eq(commissions.key, key) });
  if (!found) throw new AppError("not_found", `No existe la comisión «${key}».`);
  return found.id;
}
