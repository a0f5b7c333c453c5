import { describe, expect, it } from "vitest";
import { sampleReport } from "../../tests/support/sample-report.ts";
import { DocumentError, plainText, type ReportDocument, resolveDocument, text } from "./report-document.ts";

describe("resolveDocument", () => {
  it("numbers tables per chapter and footnotes in order, and resolves table references", () => {
    const document = sampleReport();
    const resolution = resolveDocument(document);
    expect(Object.fromEntries(resolution.tableLabels)).toEqual({ direct: "Tabla 2.1", signed: "Tabla 2.2" });
    expect(resolution.footnotes).toHaveLength(1);
    const reference = document.blocks.find(
      (b) => b.kind === "paragraph" && b.content.some((i) => i.kind === "tableRef"),
    );
    expect(reference?.kind === "paragraph" && plainText(reference.content, resolution)).toBe(
      "Se gestionó la suscripción de dos convenios, de los cuales da cuenta la tabla 2.1.",
    );
  });

  it("refuses a reference to a table that does not exist, instead of printing a wrong number", () => {
    const document: ReportDocument = {
      ...sampleReport(),
      blocks: [{ kind: "paragraph", content: [text("Véase la "), { kind: "tableRef", tableId: "missing" }] }],
    };
    expect(() => resolveDocument(document)).toThrow(DocumentError);
  });
});
