import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { commissions, sessions } from "../../platform/db/schema.ts";
import { importDatasetText } from "../dataset/import-dataset.ts";
import { createReportDraft, presentReport } from "../reports/report-workflow.ts";
import { removeAgendaItem } from "./remove-agenda-item.ts";
import { listAgenda } from "./sessions.repository.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../../../demo/cvoe-2021-q1.yaml"), "utf8");

describeEachEngine("removing an agenda item", (t) => {
  it("is refused while a report presented in it refers to it", async () => {
    await importDatasetText(t.context, DEMO);
    const commission = await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") });
    const [session] = await t.context.db.select().from(sessions).where(eq(sessions.key, "2021-ord-3"));
    const sessionId = session?.id as string;
    const item = (await listAgenda(t.context.db, sessionId)).at(-1);
    const draft = await createReportDraft(t.context, { commissionId: commission?.id, period: "2021-Q1" });
    await presentReport(t.context, draft.id, { agendaItemId: item?.id });
    await expect(removeAgendaItem(t.context, sessionId, item?.id as string)).rejects.toMatchObject({
      code: "in_use",
      publicMessage: expect.stringContaining("se presentó el informe de 2021-Q1"),
    });
    expect((await listAgenda(t.context.db, sessionId)).map((i) => i.id)).toContain(item?.id);
  });
});
