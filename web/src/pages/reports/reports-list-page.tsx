/**
 * /informes: the commission's reports (drafts, presented and approved) with their period, state and dates, the
 * approved ones with the sha256 of each frozen file, and — for those who may write reports — generating the
 * report of a quarter or of a year.
 */
import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { apiPost } from "../../api/client.ts";
import type { Commission } from "../../api/types.ts";
import { hasPermission, useCurrentCommission, useMe } from "../../auth/auth.ts";
import { ExportButtons, type ExportColumn } from "../../components/export-buttons.tsx";
import { FormErrors } from "../../components/form-errors.tsx";
import { OperationProgress } from "../../components/operation-progress.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { REPORTS_KEY, type Report, useReports } from "./api.ts";
import {
  capitalise,
  FrozenFiles,
  periodCode,
  STATUS_LABEL,
  StatusBadge,
  useShortDateTime,
} from "./shared.tsx";

const FIRST_YEAR = 2015;

function GenerateReport({ commission, reports }: { commission: Commission; reports: Report[] }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const thisYear = new Date().getFullYear();
  const latest = reports[0]?.period.slice(0, 4);
  const [kind, setKind] = useState<"quarter" | "year">("quarter");
  const [year, setYear] = useState(latest ?? String(thisYear));
  const [quarter, setQuarter] = useState("1");
  const period = kind === "quarter" ? `${year}-Q${quarter}` : year;
  const existing = reports.find((report) => report.period === period);
  const generate = useMutation({
    mutationFn: () => apiPost<Report>("/reports", { commissionId: commission.id, period }),
    onSuccess: async (report) => {
      await queryClient.invalidateQueries({ queryKey: REPORTS_KEY });
      void navigate(`/informes/${report.id}`);
    },
  });
  const years = Array.from({ length: thisYear - FIRST_YEAR + 2 }, (_, index) => String(thisYear + 1 - index));
  return (
    <Paper>
      <Stack gap="md">
        <div>
          <Title order={2}>{t("reports.generate.title")}</Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t("reports.generate.intro")}
          </Text>
        </div>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (existing) void navigate(`/informes/${existing.id}`);
            else generate.mutate();
          }}
        >
          <Group align="flex-end" gap="md">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="report-kind-label">
                {t("reports.generate.kind")}
              </Text>
              <SegmentedControl
                aria-labelledby="report-kind-label"
                value={kind}
                onChange={(value) => setKind(value as "quarter" | "year")}
                data={[
                  { value: "quarter", label: t("reports.generate.quarterly") },
                  { value: "year", label: t("reports.generate.annual") },
                ]}
              />
            </Stack>
            <NativeSelect
              label={t("reports.generate.year")}
              value={year}
              onChange={(event) => setYear(event.currentTarget.value)}
              data={years}
              w={110}
            />
            {kind === "quarter" && (
              <NativeSelect
                label={t("reports.generate.quarter")}
                value={quarter}
                onChange={(event) => setQuarter(event.currentTarget.value)}
                data={[1, 2, 3, 4].map((number) => ({
                  value: String(number),
                  label: t(`reports.quarter.${number as 1 | 2 | 3 | 4}`),
                }))}
                w={220}
              />
            )}
            <Button type="submit" loading={generate.isPending} variant={existing ? "default" : "filled"}>
              {existing
                ? t("reports.generate.open", { period: periodCode(period) })
                : t("reports.generate.submit", { period: periodCode(period) })}
            </Button>
          </Group>
        </form>
        {existing && (
          <Text size="sm" c="dimmed">
            {t("reports.generate.exists", { period: periodCode(period) })}
          </Text>
        )}
        {generate.isPending && <OperationProgress label={t("reports.generate.running")} />}
        <FormErrors error={generate.error} fields={[]} />
      </Stack>
    </Paper>
  );
}

function ReportsTable({ reports }: { reports: Report[] }) {
  const t = useT();
  const date = useShortDateTime();
  const columns: ExportColumn<Report>[] = [
    { header: t("reports.list.period"), value: (r) => capitalise(r.periodName), width: 28 },
    { header: t("reports.list.code"), value: (r) => periodCode(r.period), width: 10 },
    { header: t("reports.list.status"), value: (r) => t(STATUS_LABEL[r.status]), width: 12 },
    {
      header: t("reports.list.presented"),
      value: (r) => (r.presentation ? `${r.presentation.sessionName}, ${r.presentation.dateText}` : null),
      width: 44,
    },
    { header: t("reports.list.approvedBy"), value: (r) => r.approval?.number ?? null, width: 16 },
    { header: t("reports.list.updated"), value: (r) => date(r.updatedAt), width: 20 },
  ];
  return (
    <Paper>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2}>{t("reports.list.title")}</Title>
          <ExportButtons title={t("reports.list.title")} columns={columns} rows={reports} />
        </Group>
        {reports.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("reports.list.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <caption className="visually-hidden">{t("reports.list.title")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("reports.list.period")}</Table.Th>
                  <Table.Th scope="col">{t("reports.list.status")}</Table.Th>
                  <Table.Th scope="col">{t("reports.list.presented")}</Table.Th>
                  <Table.Th scope="col">{t("reports.list.approvedBy")}</Table.Th>
                  <Table.Th scope="col">{t("reports.list.created")}</Table.Th>
                  <Table.Th scope="col">{t("reports.list.updated")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reports.map((report) => (
                  <Table.Tr key={report.id}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Anchor component={Link} to={`/informes/${report.id}`} fw={500}>
                        {capitalise(report.periodName)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {periodCode(report.period)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={report.status} />
                    </Table.Td>
                    <Table.Td>
                      {report.presentation ? (
                        <>
                          <Text size="sm">{report.presentation.sessionName}</Text>
                          <Text size="xs" c="dimmed">
                            {report.presentation.dateText}
                          </Text>
                        </>
                      ) : (
                        "—"
                      )}
                    </Table.Td>
                    <Table.Td>{report.approval?.number ?? "—"}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{date(report.createdAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {date(report.approvedAt ?? report.updatedAt)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

function ApprovedReports({ reports }: { reports: Report[] }) {
  const t = useT();
  const date = useShortDateTime();
  return (
    <Paper>
      <Stack gap="md">
        <div>
          <Title order={2}>{t("reports.approved.title")}</Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t("reports.approved.intro")}
          </Text>
        </div>
        {reports.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("reports.approved.empty")}
          </Text>
        ) : (
          reports.map((report) => (
            <Stack key={report.id} gap="xs" data-testid={`approved-${report.period}`}>
              <Group gap="xs" justify="space-between">
                <Title order={3}>
                  <Anchor component={Link} to={`/informes/${report.id}`} inherit>
                    {capitalise(report.periodName)}
                  </Anchor>
                </Title>
                <Text size="sm" c="dimmed">
                  {t("reports.approved.by", {
                    number: report.approval?.number ?? "—",
                    date: date(report.approvedAt),
                  })}
                </Text>
              </Group>
              <FrozenFiles
                files={report.files}
                caption={t("reports.files.caption", { period: report.periodName })}
              />
            </Stack>
          ))
        )}
      </Stack>
    </Paper>
  );
}

export default function ReportsListPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me);
  const reports = useReports(commission.data?.id);
  const items = reports.data?.items ?? [];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t("reports.title")}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t("reports.intro")}
        </Text>
      </div>
      {commission.isPending || (!!commission.data && reports.isPending) ? (
        <PageLoader />
      ) : commission.isError ? (
        <ErrorNotice error={commission.error} onRetry={() => void commission.refetch()} />
      ) : reports.isError ? (
        <ErrorNotice error={reports.error} onRetry={() => void reports.refetch()} />
      ) : (
        <>
          {hasPermission(me, "reports.write") && commission.data && (
            <GenerateReport commission={commission.data} reports={items} />
          )}
          <ReportsTable reports={items} />
          <ApprovedReports reports={items.filter((report) => report.status === "approved")} />
        </>
      )}
    </Stack>
  );
}
