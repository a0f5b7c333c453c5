/** The transparency page, without an account: /api/v1/public/* (sessions, resolutions, reports, agreements). */
import {
  Anchor,
  Box,
  Button,
  Container,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { apiGet, apiUrl } from "../api/client.ts";
import type { ApprovedReport, PublicAgreement, PublicResolution, PublicSession } from "../api/types.ts";
import { ExportButtons, type ExportColumn } from "../components/export-buttons.tsx";
import { longDate, shortDate } from "../format.ts";
import { useI18n } from "../i18n/i18n.ts";
import { ErrorNotice } from "../layout/error-notice.tsx";
import { PageLoader } from "../layout/page-loader.tsx";
import { SessionTable, useSessionExportColumns } from "./session-table.tsx";

/** A section of the page: its list, or why there is none; `exportColumns` adds «Exportar XLSX/CSV» of the list. */
function Section<T>({
  title,
  query,
  empty,
  children,
  actions,
  exportColumns,
}: {
  title: string;
  query: { isPending: boolean; isError: boolean; error: unknown; data?: T[]; refetch(): unknown };
  empty: string;
  children: (items: T[]) => ReactNode;
  actions?: ReactNode;
  exportColumns?: ExportColumn<T>[];
}) {
  return (
    <Paper component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={2}>{title}</Title>
          <Group gap="md">
            {actions}
            {exportColumns && query.data && query.data.length > 0 && (
              <ExportButtons title={title} columns={exportColumns} rows={query.data} />
            )}
          </Group>
        </Group>
        {query.isPending ? (
          <PageLoader />
        ) : query.isError ? (
          <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        ) : !query.data || query.data.length === 0 ? (
          <Text c="dimmed" size="sm">
            {empty}
          </Text>
        ) : (
          children(query.data)
        )}
      </Stack>
    </Paper>
  );
}

export default function PublicPage() {
  const { t, language } = useI18n();
  const sessionColumns = useSessionExportColumns();
  const sessions = useQuery({
    queryKey: ["public", "sessions"],
    queryFn: async () => (await apiGet<{ items: PublicSession[] }>("/public/sessions")).items,
  });
  const resolutions = useQuery({
    queryKey: ["public", "resolutions"],
    queryFn: async () =>
      (await apiGet<{ items: PublicResolution[] }>("/public/resolutions", { limit: 100 })).items,
  });
  const reports = useQuery({
    queryKey: ["public", "reports"],
    queryFn: async () => (await apiGet<{ items: ApprovedReport[] }>("/public/reports")).items,
  });
  const agreements = useQuery({
    queryKey: ["public", "agreements"],
    queryFn: () => apiGet<{ date: string; items: PublicAgreement[] }>("/public/agreements/in-force"),
  });
  const agreementItems = { ...agreements, data: agreements.data?.items };

  return (
    <Box mih="100vh">
      <Box component="header" bg="white" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size="lg" py="md">
          <Group justify="space-between">
            <Text c="institutional.7" fw={700} fz="xl">
              {t("app.name")}
            </Text>
            <Button component={Link} to="/entrar" variant="default" size="sm">
              {t("public.signIn")}
            </Button>
          </Group>
        </Container>
      </Box>
      <Container size="lg" py="xl" component="main">
        <Stack gap="lg">
          <div>
            <Title order={1}>{t("public.title")}</Title>
            <Text c="dimmed" mt={4}>
              {t("public.intro")}
            </Text>
          </div>
          <Section
            title={t("public.sessions")}
            query={sessions}
            empty={t("public.noSessions")}
            exportColumns={sessionColumns}
            actions={
              <Anchor href={apiUrl("/public/sessions.ics")} size="sm">
                {t("public.calendarLink")}
              </Anchor>
            }
          >
            {(items) => <SessionTable sessions={items} caption={t("public.sessions")} linkNames={false} />}
          </Section>
          <Section
            title={t("public.resolutions")}
            query={resolutions}
            empty={t("public.noResolutions")}
            exportColumns={[
              { header: t("public.column.number"), value: (row) => row.number, width: 14 },
              { header: t("public.column.title"), value: (row) => row.title, width: 60 },
              { header: t("public.column.session"), value: (row) => row.session.name, width: 30 },
              { header: t("sessions.column.date"), value: (row) => ({ date: row.date }), width: 12 },
            ]}
          >
            {(items) => (
              <Table.ScrollContainer minWidth={640}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("public.column.number")}</Table.Th>
                      <Table.Th scope="col">{t("public.column.title")}</Table.Th>
                      <Table.Th scope="col">{t("public.column.session")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((resolution) => (
                      <Table.Tr key={resolution.id}>
                        <Table.Td className="nowrap" fw={600}>
                          {resolution.number}
                        </Table.Td>
                        <Table.Td>{resolution.title}</Table.Td>
                        <Table.Td className="nowrap">
                          {resolution.session.name}
                          <Text size="xs" c="dimmed">
                            {shortDate(resolution.session.date)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Section>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Section title={t("public.reports")} query={reports} empty={t("public.noReports")}>
              {(items) => (
                <Stack gap="sm">
                  {items.map((report) => (
                    <Box key={report.id}>
                      <Text fw={600}>
                        {report.commission.acronym}: {report.periodName}
                      </Text>
                      {report.approvedBy && (
                        <Text size="sm" c="dimmed">
                          {t("public.approvedByText", {
                            number: report.approvedBy.number,
                            session: report.approvedBy.sessionName,
                          })}
                        </Text>
                      )}
                      <Group gap="xs" mt={4}>
                        {report.files.map((file) => (
                          <Anchor
                            key={file.format}
                            size="sm"
                            href={apiUrl(`/public/reports/${report.id}/files/${file.format}`)}
                          >
                            {t("public.download", { format: file.format.toUpperCase() })}
                          </Anchor>
                        ))}
                      </Group>
                    </Box>
                  ))}
                </Stack>
              )}
            </Section>
            <Section
              title={
                agreements.data
                  ? t("public.agreementsOn", { date: longDate(agreements.data.date, language) })
                  : t("public.agreements")
              }
              query={agreementItems}
              empty={t("public.noAgreements")}
              exportColumns={[
                { header: t("public.column.agreement"), value: (row) => row.title, width: 60 },
                {
                  header: t("public.column.counterparts"),
                  value: (row) => row.counterparts.join(", "),
                  width: 40,
                },
                {
                  header: t("public.column.validTo"),
                  value: (row) => (row.validTo ? { date: row.validTo } : t("public.undefinedValidity")),
                  width: 14,
                },
              ]}
            >
              {(items) => (
                <Table.ScrollContainer minWidth={420} mah={420}>
                  <Table striped stickyHeader>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t("public.column.agreement")}</Table.Th>
                        <Table.Th scope="col">{t("public.column.validTo")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.map((agreement) => (
                        <Table.Tr key={agreement.id}>
                          <Table.Td>
                            <Text size="sm" fw={600}>
                              {agreement.counterparts.join(", ") || agreement.title}
                            </Text>
                            <Text size="xs" c="dimmed" lineClamp={2}>
                              {agreement.title}
                            </Text>
                          </Table.Td>
                          <Table.Td className="nowrap">
                            {agreement.validTo ? shortDate(agreement.validTo) : t("public.undefinedValidity")}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Section>
          </SimpleGrid>
        </Stack>
      </Container>
    </Box>
  );
}
