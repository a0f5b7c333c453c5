/**
 * The report as HTML, in a sandboxed frame (docs/decisions/019): the file the API renders from the records and the
 * draft's paragraphs (GET /reports/:id/files/html), framed from Vincula only, with no scripts allowed in it — the
 * frame's sandbox grants nothing, and the report's own policy has no script source either.
 */
import { Box, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { apiUrl } from "../../api/client.ts";
import { OperationProgress } from "../../components/operation-progress.tsx";
import { useT } from "../../i18n/i18n.ts";
import type { Report } from "./api.ts";

export function ReportPreview({ report }: { report: Report }) {
  const t = useT();
  // A new address whenever the draft changes, so a saved paragraph shows at once.
  const source = apiUrl(`/reports/${report.id}/files/html`, { v: report.updatedAt });
  const [loaded, setLoaded] = useState<string | null>(null);
  const isLoading = loaded !== source;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {report.status === "approved" ? t("reports.preview.frozen") : t("reports.preview.intro")}
      </Text>
      {isLoading && <OperationProgress label={t("reports.preview.loading")} />}
      <Box
        component="iframe"
        key={source}
        src={source}
        title={t("reports.preview.title", { period: report.periodName })}
        sandbox=""
        onLoad={() => setLoaded(source)}
        data-testid="report-preview"
        w="100%"
        h="75vh"
        mih={480}
        bg="white"
        style={{ border: "1px solid var(--mantine-color-gray-4)", borderRadius: "var(--mantine-radius-sm)" }}
      />
    </Stack>
  );
}
