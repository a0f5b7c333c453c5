/**
 * «Exportar XLSX» / «Exportar CSV» for a list: the page passes the columns and the rows it shows (after its
 * filters), POST /api/v1/exports writes the file, and the download's progress shows while it comes.
 */
import { Button, Group } from "@mantine/core";
import { useState } from "react";
import { apiDownload, type Progress } from "../api/client.ts";
import { useT } from "../i18n/i18n.ts";
import { ErrorNotice } from "../layout/error-notice.tsx";
import { OperationProgress } from "./operation-progress.tsx";

/** A cell of an exported list: text, a number, a calendar date (YYYY-MM-DD) or nothing. */
export type ExportCell = string | number | { date: string } | null;
export type ExportColumn<Row> = { header: string; value: (row: Row) => ExportCell; width?: number };

type Format = "xlsx" | "csv";

export function ExportButtons<Row>({
  title,
  columns,
  rows,
  loadRows,
}: {
  /** The list's title: the sheet's name and the file's name. */
  title: string;
  columns: ExportColumn<Row>[];
  rows: readonly Row[];
  /** A paged list: every row it lists (all pages, with its filters), read when exporting; `rows` is the page. */
  loadRows?: () => Promise<readonly Row[]>;
}) {
  const t = useT();
  const [running, setRunning] = useState<Format | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (format: Format) => {
    setRunning(format);
    setProgress(null);
    setError(null);
    try {
      const listed = loadRows ? await loadRows() : rows;
      await apiDownload("/exports", {
        body: {
          format,
          title,
          columns: columns.map(({ header, width }) => ({ header, width })),
          rows: listed.map((row) => columns.map((column) => column.value(row))),
        },
        fallbackName: `lista.${format}`,
        onProgress: setProgress,
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(null);
    }
  };
  return (
    <>
      <Group gap="xs">
        {(["xlsx", "csv"] as const).map((format) => (
          <Button
            key={format}
            variant="default"
            size="xs"
            loading={running === format}
            disabled={running !== null || rows.length === 0}
            onClick={() => void run(format)}
          >
            {t(format === "xlsx" ? "export.xlsx" : "export.csv")}
          </Button>
        ))}
      </Group>
      {running && <OperationProgress label={t("export.running")} progress={progress} />}
      {error !== null && <ErrorNotice error={error} />}
    </>
  );
}
