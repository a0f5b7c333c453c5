/**
 * /informes/:id: a report — its state (presentation, approval, frozen files with their sha256), the downloads,
 * and tabs for the preview, the findings of the period's checks, the draft's paragraphs (reports.write) and
 * the presentation and approval (reports.approve). An approved report is read-only.
 */
import { Anchor, Badge, Group, Paper, Stack, Tabs, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client.ts";
import { hasPermission, useMe } from "../../auth/auth.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import NotFoundPage from "../not-found-page.tsx";
import { type Report, useReport } from "./api.ts";
import { ReportDownloads } from "./report-downloads.tsx";
import { ReportFindings, useFindingCount } from "./report-findings.tsx";
import { ReportPreview } from "./report-preview.tsx";
import { ReportTexts } from "./report-texts.tsx";
import { ReportWorkflow } from "./report-workflow.tsx";
import { FrozenFiles, periodCode, StatusBadge, useShortDateTime } from "./shared.tsx";

function ReportState({ report }: { report: Report }) {
  const t = useT();
  const date = useShortDateTime();
  return (
    <Paper>
      <Stack gap="sm">
        <Group gap="xl" align="flex-start">
          <Stack gap={2}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t("reports.state.status")}
            </Text>
            <StatusBadge status={report.status} />
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t("reports.state.presented")}
            </Text>
            <Text size="sm">
              {report.presentation
                ? t("reports.state.presentedIn", {
                    session: report.presentation.sessionName,
                    date: report.presentation.dateText,
                    position: report.presentation.position,
                  })
                : t("reports.state.notYet")}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t("reports.state.approved")}
            </Text>
            <Text size="sm">
              {report.approval
                ? t("reports.state.approvedBy", {
                    number: report.approval.number,
                    date: date(report.approvedAt),
                  })
                : t("reports.state.notYet")}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t("reports.state.updated")}
            </Text>
            <Text size="sm">{date(report.updatedAt)}</Text>
          </Stack>
        </Group>
        {report.status === "approved" && (
          <Stack gap="xs" mt="xs">
            <Title order={2} size="h4">
              {t("reports.state.frozenFiles")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("reports.state.frozenIntro")}
            </Text>
            <FrozenFiles
              files={report.files}
              caption={t("reports.files.caption", { period: report.periodName })}
            />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function ReportView({ report }: { report: Report }) {
  const t = useT();
  const me = useMe().data;
  const [tab, setTab] = useState<string | null>("preview");
  const findingCount = useFindingCount(report);
  const isFrozen = report.status === "approved";
  const mayEdit = !isFrozen && hasPermission(me, "reports.write");
  const mayApprove = !isFrozen && hasPermission(me, "reports.approve");
  // Once approved only the preview remains: a tab that is gone falls back to it.
  const tabs = [
    "preview",
    ...(isFrozen ? [] : ["findings"]),
    ...(mayEdit ? ["texts"] : []),
    ...(mayApprove ? ["workflow"] : []),
  ];
  const activeTab = tab && tabs.includes(tab) ? tab : "preview";
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/informes" size="sm">
        {t("reports.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t("reports.report.title", { period: report.periodName })}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t("reports.report.subtitle", { code: periodCode(report.period) })}
          </Text>
        </div>
        <ReportDownloads report={report} />
      </Group>
      <ReportState report={report} />
      <Paper>
        <Tabs value={activeTab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="preview">{t("reports.tabs.preview")}</Tabs.Tab>
            {!isFrozen && (
              <Tabs.Tab
                value="findings"
                rightSection={
                  findingCount !== undefined ? (
                    <Badge size="sm" variant="light" color="gray" c="dark.7" aria-hidden>
                      {findingCount}
                    </Badge>
                  ) : undefined
                }
              >
                {t("reports.tabs.findings")}
              </Tabs.Tab>
            )}
            {mayEdit && <Tabs.Tab value="texts">{t("reports.tabs.texts")}</Tabs.Tab>}
            {mayApprove && <Tabs.Tab value="workflow">{t("reports.tabs.workflow")}</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="preview">
            <ReportPreview report={report} />
          </Tabs.Panel>
          {!isFrozen && (
            <Tabs.Panel value="findings">
              <ReportFindings report={report} />
            </Tabs.Panel>
          )}
          {mayEdit && (
            <Tabs.Panel value="texts">
              <ReportTexts report={report} />
            </Tabs.Panel>
          )}
          {mayApprove && (
            <Tabs.Panel value="workflow">
              <ReportWorkflow report={report} />
            </Tabs.Panel>
          )}
        </Tabs>
      </Paper>
    </Stack>
  );
}

export default function ReportPage() {
  const { id = "" } = useParams();
  const report = useReport(id);
  if (report.isPending) return <PageLoader />;
  if (report.isError) {
    if (report.error instanceof ApiError && report.error.status === 404) return <NotFoundPage />;
    return <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />;
  }
  return <ReportView report={report.data} />;
}
