/**
 * «Descargar DOCX» / «Descargar PDF»: the frozen bytes once approved, rendered from the records and the draft's
 * paragraphs before (GET /reports/:id/files/:format), with the progress of the rendering and the transfer.
 */
import { Button, Group, Stack } from "@mantine/core";
import { useState } from "react";
import { apiDownload, type Progress } from "../../api/client.ts";
import { OperationProgress } from "../../components/operation-progress.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import type { Report } from "./api.ts";
import { formatLabel } from "./shared.tsx";

const FORMATS = ["docx", "pdf"] as const;
type Format = (typeof FORMATS)[number];

export function ReportDownloads({ report }: { report: Report }) {
  const t = useT();
  const [running, setRunning] = useState<Format | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async (format: Format) => {
    setRunning(format);
    setProgress(null);
    setError(null);
    try {
      await apiDownload(`/reports/${report.id}/files/${format}`, {
        fallbackName: `informe-${report.period}.${format}`,
        onProgress: setProgress,
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(null);
    }
  };
  return (
    <Stack gap="xs" miw={280}>
      <Group gap="xs" justify="flex-end">
        {FORMATS.map((format) => (
          <Button
            key={format}
            variant={format === "docx" ? "filled" : "default"}
            loading={running === format}
            disabled={running !== null}
            onClick={() => void download(format)}
          >
            {t("reports.download", { format: formatLabel(format) })}
          </Button>
        ))}
      </Group>
      {running && (
        <OperationProgress
          label={t(report.status === "approved" ? "reports.downloading" : "reports.rendering", {
            format: formatLabel(running),
          })}
          progress={progress}
        />
      )}
      {error !== null && <ErrorNotice error={error} />}
    </Stack>
  );
}
