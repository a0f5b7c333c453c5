import { describe, expect, it } from "vitest";
import { sampleReport } from "../../tests/support/sample-report.ts";
import {
  cell,
  DocumentError,
  layOutTable,
  plainText,
  type ReportDocument,
  resolveDocument,
  type TableSlot,
  text,
} from "./report-document.ts";

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

describe("layOutTable", () => {
  const columns = [{ header: "A" }, { header: "B" }, { header: "C" }];

  it("fills each row's cells into the columns not covered from above", () => {
    const spanning = { ...cell("b1"), rowSpan: 3 };
    const rows = [[cell("a1"), spanning, cell("c1")], [cell("a2"), cell("c2")], [cell("a3")]];
    const layout = layOutTable({ id: "t", columns, rows }).map((slots) => slots.map(describeSlot));
    expect(layout).toEqual([
      ["a1", "b1 ×3", "c1"],
      ["a2", "covered", "c2"],
      ["a3", "covered", "empty"],
    ]);
  });

  it("stops a span at the last row and refuses a row with more cells than free columns", () => {
    const lastRow = layOutTable({ id: "t", columns, rows: [[cell("a"), { ...cell("b"), rowSpan: 5 }]] });
    expect(lastRow[0]?.[1]).toMatchObject({ kind: "cell", rowSpan: 1 });
    const rows = [
      [{ ...cell("a"), rowSpan: 2 }, cell("b"), cell("c")],
      [cell("a2"), cell("b2"), cell("c2")],
    ];
    expect(() => layOutTable({ id: "t", columns, rows })).toThrow(DocumentError);
  });
});

function describeSlot(slot: TableSlot): string {
  if (slot.kind !== "cell") return slot.kind;
  const first = slot.cell.paragraphs[0]?.[0];
  const text = first?.kind === "text" ? first.text : "";
  return slot.rowSpan > 1 ? `${text} ×${slot.rowSpan}` : text;
}
