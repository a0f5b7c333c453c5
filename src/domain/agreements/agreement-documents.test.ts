import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildAgreement, buildCommission } from "../../../tests/support/factories.ts";
import { minimalPdf } from "../../../tests/support/files.ts";
import { LocalFileStore } from "../../platform/files.ts";
import { uploadAttachment } from "../attachments/upload-attachment.ts";
import { AppError } from "../shared/errors.ts";
import { agreementResource } from "./agreements.resources.ts";

describeEachEngine("agreement documents", (t) => {
  const filesDir = mkdtempSync(join(tmpdir(), "vincula-files-"));
  const limits = { files: new LocalFileStore(filesDir), maxUploadBytes: 1024 * 1024 };
  let commissionId: string;
  beforeAll(async () => {
    commissionId = (await buildCommission(t.context)).id;
  });
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

  const upload = (text: string, filename: string) =>
    uploadAttachment(t.context, limits, { bytes: minimalPdf(text), filename });

  it("stores the documents of an agreement, keeps them on a PATCH without them and clears them with []", async () => {
    const signed = await upload("Convenio firmado", "convenio-firmado.pdf");
    const annex = await upload("Anexo tecnico", "anexo-tecnico.pdf");
    const created = await buildAgreement(t.context, commissionId, {
      documents: [
        { attachmentId: signed.id, label: "Convenio firmado" },
        { attachmentId: annex.id, label: "  Anexo técnico " },
      ],
    });
    // Read back by label, trimmed.
    const expected = [
      { attachmentId: annex.id, label: "Anexo técnico" },
      { attachmentId: signed.id, label: "Convenio firmado" },
    ];
    expect(created.documents).toEqual(expected);
    expect((await agreementResource.get(t.context, created.id)).documents).toEqual(expected);
    const listed = await agreementResource.list(t.context, { commissionId });
    expect(listed.items.find((a) => a.id === created.id)?.documents).toEqual(expected);

    const retitled = await agreementResource.update(t.context, created.id, { title: "Convenio general" });
    expect(retitled.documents).toEqual(expected);

    const replaced = await agreementResource.update(t.context, created.id, {
      documents: [{ attachmentId: signed.id, label: "Convenio firmado" }],
    });
    expect(replaced.documents).toEqual([{ attachmentId: signed.id, label: "Convenio firmado" }]);

    const cleared = await agreementResource.update(t.context, created.id, { documents: [] });
    expect(cleared.documents).toEqual([]);
    expect((await agreementResource.get(t.context, created.id)).documents).toEqual([]);
  });

  it("defaults to no documents", async () => {
    const agreement = await buildAgreement(t.context, commissionId);
    expect(agreement.documents).toEqual([]);
  });

  it("refuses an unknown attachment by its field and leaves the agreement unchanged", async () => {
    const signed = await upload("Convenio firmado", "firmado.pdf");
    const agreement = await buildAgreement(t.context, commissionId, {
      documents: [{ attachmentId: signed.id, label: "Convenio firmado" }],
    });
    const unknown = randomUUID();

    const error = await agreementResource
      .update(t.context, agreement.id, {
        title: "Título que no debe guardarse",
        documents: [{ attachmentId: unknown, label: "Anexo técnico" }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "reference_not_found",
      details: [{ path: "documents[0].attachmentId", value: unknown }],
    });
    expect((error as AppError).publicMessage).toContain("documents[0].attachmentId");
    expect(await agreementResource.get(t.context, agreement.id)).toEqual(agreement);

    // On create, nothing is stored either.
    const key = `convenio-sin-archivo-${unknown.slice(0, 8)}`;
    await expect(
      buildAgreement(t.context, commissionId, {
        key,
        documents: [
          { attachmentId: signed.id, label: "Convenio firmado" },
          { attachmentId: unknown, label: "Anexo técnico" },
        ],
      }),
    ).rejects.toMatchObject({
      code: "reference_not_found",
      details: [{ path: "documents[1].attachmentId" }],
    });
    const after = await agreementResource.list(t.context, { commissionId, limit: 500 });
    expect(after.items.map((a) => a.key)).not.toContain(key);
  });

  it("validates labels and refuses the same file twice", async () => {
    const signed = await upload("Convenio firmado", "repetido.pdf");
    await expect(
      buildAgreement(t.context, commissionId, {
        documents: [
          { attachmentId: signed.id, label: "Convenio firmado" },
          { attachmentId: signed.id, label: "Anexo técnico" },
        ],
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "documents[1].attachmentId" }],
    });
    await expect(
      buildAgreement(t.context, commissionId, {
        documents: [{ attachmentId: signed.id, label: "   " }],
      }),
    ).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "documents[0].label" }] });
    await expect(
      buildAgreement(t.context, commissionId, {
        documents: [{ attachmentId: signed.id, label: "x".repeat(201) }],
      }),
    ).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "documents[0].label" }] });
  });
});
