/** Which migration a database has reached, named by its tag in migrations/meta/_journal.json («0006_accounts»). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { type Db, migrationsFolder } from "../../platform/db/open.ts";
import { AppError } from "../shared/errors.ts";
import { appliedMigrations } from "./backup.repository.ts";

const ZJournal = z.object({ entries: z.array(z.object({ tag: z.string(), when: z.number() })) });

export type Migration = { tag: string; when: number };

/** The migrations this Vincula knows, oldest first. */
export function knownMigrations(): Migration[] {
  const journal = ZJournal.parse(
    JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8")),
  );
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/** The tag of the last migration applied to `db` (drizzle records each by its journal timestamp). */
export async function databaseMigration(db: Db): Promise<string> {
  const applied = await appliedMigrations(db);
  const last = applied.at(-1);
  const known = knownMigrations();
  const found = last && known.find((migration) => migration.when === last.createdAt);
  if (!found)
    throw new AppError(
      "backup_incompatible",
      "La base de datos no está al día con esta versión de Vincula (sus migraciones no son las que esta versión conoce); ejecute «vincula migrate» con la versión que la creó.",
    );
  return found.tag;
}
