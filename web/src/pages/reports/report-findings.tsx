/**
 * The findings of the checks of the report's period (GET /reports/checks), grouped by severity, each with a link
 * to the record to fix (recordPath). Errors block the approval: the page says so.
 */
import { Alert, Anchor, Box, Group, List, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";
import { type PeriodFinding, type Report, useReportFindings } from "./api.ts";

const SEVERITIES = ["error", "warning", "info"] as const;
/** A bar beside each finding; the group's heading says the severity in words. */
const SEVERITY_COLOR = { error: "red.7", warning: "orange.6", info: "blue.6" } as const;
const GROUP_TITLE = {
  error: "reports.findings.errors",
  warning: "reports.findings.warnings",
  info: "reports.findings.notices",
} as const;

function FindingItem({ finding }: { finding: PeriodFinding }) {
  const t = useT();
  const path = recordPath(finding.record.type, finding.record.id);
  return (
    <List.Item>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Box
          w={4}
          mih={40}
          bg={SEVERITY_COLOR[finding.severity]}
          style={{ alignSelf: "stretch", borderRadius: 2 }}
          aria-hidden
        />
        <Stack gap={2}>
          <Text size="sm">{finding.message}</Text>
          {path ? (
            <Anchor component={Link} to={path} size="sm">
              {t("reports.findings.fix", { label: finding.record.label })}
            </Anchor>
          ) : (
            <Text size="xs" c="dimmed">
              {finding.record.label}
            </Text>
          )}
        </Stack>
      </Group>
    </List.Item>
  );
}

export function useFindingCount(report: Report) {
  return useReportFindings(report).data?.items.length;
}

export function ReportFindings({ report }: { report: Report }) {
  const t = useT();
  const findings = useReportFindings(report);
  if (report.status === "approved") return <Text size="sm">{t("reports.findings.approved")}</Text>;
  if (findings.isPending) return <PageLoader />;
  if (findings.isError) return <ErrorNotice error={findings.error} onRetry={() => void findings.refetch()} />;
  const items = findings.data.items;
  const blocking = items.filter((finding) => finding.isBlocking).length;
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t("reports.findings.intro", { period: report.periodName })}
      </Text>
      {blocking > 0 ? (
        <Alert
          color="red"
          variant="light"
          title={t("reports.findings.blockingTitle", { count: blocking })}
          styles={{ title: { color: "var(--mantine-color-red-9)" } }}
        >
          {t("reports.findings.blockingBody")}
        </Alert>
      ) : (
        <Alert
          color="green"
          variant="light"
          title={t("reports.findings.noneBlocking")}
          styles={{ title: { color: "var(--mantine-color-dark-8)" } }}
        >
          {items.length > 0 ? t("reports.findings.reviewRest") : t("reports.findings.none")}
        </Alert>
      )}
      {SEVERITIES.map((severity) => {
        const group = items.filter((finding) => finding.severity === severity);
        if (group.length === 0) return null;
        return (
          <Stack key={severity} gap="sm" data-testid={`findings-${severity}`}>
            <Title order={2} size="h4">
              {t(GROUP_TITLE[severity])} ({group.length})
            </Title>
            <List spacing="md" listStyleType="none" p={0}>
              {group.map((finding) => (
                <FindingItem
                  key={`${finding.code}-${finding.record.id}-${finding.message}`}
                  finding={finding}
                />
              ))}
            </List>
          </Stack>
        );
      })}
    </Stack>
  );
}
