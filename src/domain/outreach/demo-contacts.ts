/**
 * The demo's contacts: fictitious people (addresses at example.org and example.com, domains RFC 2606 reserves)
 * on the demo commission's two lists, each with its consent, so the outreach pages have something to show.
 * The dataset carries lists and campaigns but never contacts (docs/decisions/026), so `vincula serve --demo`
 * adds them after importing it, through the same import the pages use (demo/contactos-*.csv). The files give no
 * consent date: each consent is dated the day the demo is loaded, so the lists' retention period (36 months)
 * does not block the fictitious people at once.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { and, count, eq } from "drizzle-orm";
import { commissions, contacts, outreachLists } from "../../platform/db/schema.ts";
import { todayInMexicoCity } from "../shared/calendar.ts";
import type { UseCaseContext } from "../shared/context.ts";
import { importContacts } from "./import-contacts.ts";

export const DEMO_DIRECTORY = join(import.meta.dirname, "../../../demo");

/** The demo commission's lists and the file of fictitious contacts each gets. */
export const DEMO_CONTACT_FILES = [
  { listKey: "voto-chilango", file: "contactos-voto-chilango.csv" },
  { listKey: "red-observacion-iecm", file: "contactos-red-observacion.csv" },
] as const;

/**
 * Imports the demo contacts into each demo list that has none; a list that is missing or already has contacts is
 * left alone. Returns what was imported, per list key.
 */
export async function ensureDemoContacts(
  ctx: UseCaseContext,
  directory: string = DEMO_DIRECTORY,
): Promise<{ listKey: string; imported: number }[]> {
  const [commission] = await ctx.db
    .select({ id: commissions.id })
    .from(commissions)
    .where(eq(commissions.key, "cvoe"));
  if (!commission) return [];
  const imported: { listKey: string; imported: number }[] = [];
  for (const { listKey, file } of DEMO_CONTACT_FILES) {
    const [list] = await ctx.db
      .select({ id: outreachLists.id })
      .from(outreachLists)
      .where(and(eq(outreachLists.commissionId, commission.id), eq(outreachLists.key, listKey)));
    if (!list) continue;
    const [existing] = await ctx.db.select({ n: count() }).from(contacts).where(eq(contacts.listId, list.id));
    if (Number(existing?.n ?? 0) > 0) continue;
    const today = todayInMexicoCity();
    const text = await readFile(join(directory, file), "utf8");
    const result = await importContacts(ctx, {
      listId: list.id,
      bytes: new TextEncoder().encode(withConsentDate(text, today)),
      commit: true,
      today,
    });
    imported.push({ listKey, imported: result.imported });
  }
  return imported;
}

/** The CSV with a last column «fecha de consentimiento» holding `day` on every row (the files have no quoted line breaks). */
function withConsentDate(csv: string, day: string): string {
  const [header, ...rows] = csv.split(/\r?\n/).filter((line) => line.trim() !== "");
  return [`${header},fecha de consentimiento`, ...rows.map((row) => `${row},${day}`)].join("\n");
}
