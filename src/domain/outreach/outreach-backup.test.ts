/** Contacts survive a backup and its restore: the consent check (deferred to commit) lets the restore through. */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { afterAll, expect, it } from "vitest";
import { describeEachEngine, openTestDatabase } from "../../../tests/support/databases.ts";
import { buildCommission, uniqueKey } from "../../../tests/support/factories.ts";
import { contactConsents, contacts } from "../../platform/db/schema.ts";
import { LocalFileStore } from "../../platform/files.ts";
import { createBackup } from "../backup/create-backup.ts";
import { restoreBackup } from "../backup/restore-backup.ts";
import { createContact } from "./contacts.ts";
import { createOutreachList } from "./lists.ts";

const dir = mkdtempSync(join(tmpdir(), "vincula-outreach-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachEngine("outreach in a backup", (t) => {
  it("restores lists, contacts and consents", { timeout: 120_000 }, async () => {
    const list = await createOutreachList(t.context, {
      commissionId: (await buildCommission(t.context)).id,
      key: uniqueKey("voto"),
      name: "Voto Chilango",
      purpose: "Informar",
      retentionMonths: 36,
      privacyNoticeVersion: "2021-01",
    });
    for (const email of ["ana@example.com", "luis@example.com"])
      await createContact(t.context, list.id, {
        email,
        consent: { givenOn: "2021-01-10", source: "formulario web" },
      });
    const file = join(dir, `${t.engine}.tar.gz`);
    const output = createWriteStream(file);
    await createBackup(t.context, {
      files: new LocalFileStore(join(dir, "files")),
      output,
      engine: t.engine,
    });
    await finished(output);
    const target = await openTestDatabase(t.engine);
    try {
      await restoreBackup(
        { actor: { kind: "system", name: "test" }, db: target.database.db },
        { files: new LocalFileStore(join(dir, `files-${t.engine}`)), open: () => createReadStream(file) },
      );
      expect(await target.database.db.select().from(contacts)).toHaveLength(2);
      expect(await target.database.db.select().from(contactConsents)).toHaveLength(2);
    } finally {
      await target.drop();
    }
  });
});
