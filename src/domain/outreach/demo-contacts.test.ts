import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { contactConsents, contacts, outreachLists } from "../../platform/db/schema.ts";
import { importDatasetText } from "../dataset/import-dataset.ts";
import { todayInMexicoCity } from "../shared/calendar.ts";
import { applyRetention } from "./apply-retention.ts";
import { DEMO_DIRECTORY, ensureDemoContacts } from "./demo-contacts.ts";

describeEachEngine("the demo's contacts", (t) => {
  beforeAll(async () => {
    await importDatasetText(t.context, await readFile(join(DEMO_DIRECTORY, "cvoe-2021-q1.yaml"), "utf8"));
  }, 120_000);

  it("fills the two demo lists once, every contact fictitious and with its consent", async () => {
    expect(await ensureDemoContacts(t.context)).toEqual([
      { listKey: "voto-chilango", imported: 40 },
      { listKey: "red-observacion-iecm", imported: 25 },
    ]);
    const rows = await t.context.db
      .select({
        list: outreachLists.key,
        email: contacts.email,
        status: contacts.status,
        consents: sql<number>`(select count(*)::int from ${contactConsents} where ${contactConsents.contactId} = ${contacts.id})`,
        latestConsent: sql<string>`(select max(${contactConsents.givenOn})::text from ${contactConsents} where ${contactConsents.contactId} = ${contacts.id})`,
      })
      .from(contacts)
      .innerJoin(outreachLists, eq(outreachLists.id, contacts.listId));
    const perList = (key: string) => rows.filter((row) => row.list === key).length;
    expect([perList("voto-chilango"), perList("red-observacion-iecm")]).toEqual([40, 25]);
    // RFC 2606 reserves example.org and example.com: no real person can be written to.
    expect(rows.filter((row) => !/@example\.(org|com)$/.test(row.email))).toEqual([]);
    expect(rows.filter((row) => Number(row.consents) < 1)).toEqual([]);
    expect(rows.every((row) => row.status === "subscribed")).toBe(true);
    // Consents are dated the day the demo is loaded, so the lists' retention blocks nobody yet.
    expect(new Set(rows.map((row) => row.latestConsent))).toEqual(new Set([todayInMexicoCity()]));
    expect(await applyRetention(t.context, todayInMexicoCity())).toEqual({ blocked: 0, deleted: 0 });

    // A second start finds the lists filled and leaves them as they are.
    expect(await ensureDemoContacts(t.context)).toEqual([]);
    const [after] = await t.context.db.select({ n: sql<number>`count(*)::int` }).from(contacts);
    expect(Number(after?.n)).toBe(65);
  });
});
