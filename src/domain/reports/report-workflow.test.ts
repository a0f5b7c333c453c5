import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { smallDataset } from "../../../tests/support/dataset-fixture.ts";
import { uniqueKey, writeDirectly } from "../../../tests/support/factories.ts";
import { activities, commissions } from "../../platform/db/schema.ts";
import { LocalFileStore, sha256Hex } from "../../platform/files.ts";
import { importDataset, importDatasetText } from "../dataset/import-dataset.ts";
import { adoptResolution } from "../resolutions/adopt-resolution.ts";
import { addAgendaItem } from "../sessions/add-agenda-item.ts";
import { sessionResource } from "../sessions/sessions.resources.ts";
import {
  approveReport,
  createReportDraft,
  downloadReport,
  getReport,
  presentReport,
  updateReportDraft,
} from "./report-workflow.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../../../demo/cvoe-2021-q1.yaml"), "utf8");

describeEachEngine("a report from draft to frozen", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vincula-reports-"));
  const files = new LocalFileStore(dir);
  let commissionId: string;
  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    commissionId = (await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") }))
      ?.id as string;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is presented in a session, approved by a resolution of that session, and then never changes", async () => {
    const draft = await createReportDraft(t.context, { commissionId, period: "2021-Q1" });
    expect(draft.status).toBe("draft");
    await updateReportDraft(t.context, draft.id, {
      introduction: ["Este informe se presenta de conformidad con el artículo 57."],
    });

    // Approval needs a presentation first.
    const fourth = await sessionResource.create(t.context, {
      commissionId,
      kind: "ordinary",
      number: 4,
      date: "2021-04-23",
      modality: "remote",
      status: "held",
    });
    const resolution = await addAgendaItem(t.context, fourth.id, {
      kind: "resolution",
      title: "Aprobación del primer informe trimestral",
    });
    const adopted = await adoptResolution(t.context, {
      sessionId: fourth.id,
      agendaItemId: resolution.id,
      title: "Aprobación del primer informe trimestral de actividades 2021",
    });
    expect(adopted.number).toBe("CVOE/011/21");
    await expect(
      approveReport(t.context, files, draft.id, { resolutionId: adopted.id }),
    ).rejects.toMatchObject({
      code: "report_not_presented",
    });
    await presentReport(t.context, draft.id, { agendaItemId: resolution.id });
    const approved = await approveReport(t.context, files, draft.id, { resolutionId: adopted.id });
    expect(approved.status).toBe("approved");
    expect(approved.files.map((f) => f.format)).toEqual(["docx", "pdf", "html", "md"]);

    const before = await downloadReport(t.context, files, draft.id, "md");
    const text = new TextDecoder().decode(before.bytes);
    expect(text).toContain("CVOE/011/21");
    expect(text).toContain("Este informe se presenta de conformidad con el artículo 57.");
    expect(sha256Hex(before.bytes)).toBe(approved.files.find((f) => f.format === "md")?.sha256);
    const pdfBefore = await downloadReport(t.context, files, draft.id, "pdf");

    // The records change after approval: the approved files do not.
    await writeDirectly(t.context, (tx) =>
      tx
        .update(activities)
        .set({ title: "Título cambiado después de aprobar" })
        .where(eq(activities.commissionId, commissionId)),
    );
    const after = await downloadReport(t.context, files, draft.id, "md");
    expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(true);
    const pdfAfter = await downloadReport(t.context, files, draft.id, "pdf");
    expect(Buffer.from(pdfAfter.bytes).equals(Buffer.from(pdfBefore.bytes))).toBe(true);
    expect(new TextDecoder().decode(after.bytes)).not.toContain("Título cambiado");

    await expect(
      updateReportDraft(t.context, draft.id, { introduction: ["Otro texto"] }),
    ).rejects.toMatchObject({
      code: "report_frozen",
    });
    await expect(createReportDraft(t.context, { commissionId, period: "2021-Q1" })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("refuses to approve a report whose records have blocking findings, naming them", async () => {
    const suffix = uniqueKey("block");
    const d = smallDataset(suffix);
    d.sessions![0]!.attendance![0]!.present = false; // no quorum in the first session
    await importDataset(t.context, d);
    const id = (
      await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, `cx-${suffix}`) })
    )?.id as string;
    const later = await sessionResource.create(t.context, {
      commissionId: id,
      kind: "ordinary",
      number: 3,
      date: "2021-04-22",
      modality: "remote",
      status: "held",
    });
    const item = await addAgendaItem(t.context, later.id, {
      kind: "resolution",
      title: "Aprobación del informe",
    });
    const adopted = await adoptResolution(t.context, {
      sessionId: later.id,
      agendaItemId: item.id,
      title: "Aprobación del informe",
    });
    const draft = await createReportDraft(t.context, { commissionId: id, period: "2021-Q1" });
    await presentReport(t.context, draft.id, { agendaItemId: item.id });
    const error = await approveReport(t.context, files, draft.id, { resolutionId: adopted.id }).catch(
      (e) => e,
    );
    expect(error.code).toBe("report_has_blocking_findings");
    expect(error.details.map((d: { value: string }) => d.value)).toContain("resolution_without_quorum");
    expect((await getReport(t.context, draft.id)).status).toBe("presented");
  });
});
