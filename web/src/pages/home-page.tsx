/**
 * Inicio: the next sessions; for roles that read the records, the figures of the year (pages/dashboard/); for
 * roles that read reports, the findings of the checks.
 */
import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { apiGet } from "../api/client.ts";
import type { Commission, Finding, Page, Session } from "../api/types.ts";
import { hasPermission, useCurrentCommission, useMe } from "../auth/auth.ts";
import { today } from "../format.ts";
import { useT } from "../i18n/i18n.ts";
import { ErrorNotice } from "../layout/error-notice.tsx";
import { PageLoader } from "../layout/page-loader.tsx";
import { DashboardFigures, useDashboardYear, YearSelect } from "./dashboard/dashboard.tsx";
import { SessionTable } from "./session-table.tsx";

/** Filled, dark shades: white text on them keeps AA contrast. */
const SEVERITY_COLOR = { error: "red.8", warning: "orange.9", info: "blue.8" } as const;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function NextSessions({ commission }: { commission: Commission | null | undefined }) {
  const t = useT();
  const sessions = useQuery({
    queryKey: ["sessions", "home", commission?.id],
    queryFn: async () => {
      const upcoming = await apiGet<Page<Session>>("/sessions", {
        commissionId: commission?.id,
        from: today(),
        sort: "date",
        limit: 5,
      });
      if (upcoming.items.length > 0) return { upcoming: upcoming.items, recent: [] };
      // None ahead: the latest held, so the page still tells where the commission stands.
      const recent = await apiGet<Page<Session>>("/sessions", {
        commissionId: commission?.id,
        sort: "date",
        order: "desc",
        limit: 3,
      });
      return { upcoming: [], recent: recent.items };
    },
  });
  return (
    <Paper>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2}>{t("home.upcoming")}</Title>
          <Anchor component={Link} to="/sesiones" size="sm">
            {t("home.allSessions")}
          </Anchor>
        </Group>
        {sessions.isPending ? (
          <PageLoader />
        ) : sessions.isError ? (
          <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : sessions.data.upcoming.length > 0 ? (
          <SessionTable sessions={sessions.data.upcoming} caption={t("home.upcoming")} />
        ) : (
          <>
            <Text c="dimmed" size="sm">
              {t("home.noUpcoming")}
            </Text>
            {sessions.data.recent.length > 0 && (
              <>
                <Title order={3}>{t("home.recent")}</Title>
                <SessionTable sessions={sessions.data.recent} caption={t("home.recent")} />
              </>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Findings({ commission }: { commission: Commission | null | undefined }) {
  const t = useT();
  const findings = useQuery({
    queryKey: ["checks", commission?.id],
    queryFn: () => apiGet<{ items: Finding[] }>("/checks", { commissionId: commission?.id }),
  });
  const items = [...(findings.data?.items ?? [])].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  return (
    <Paper>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2}>{t("home.findings")}</Title>
          {findings.data && (
            <Text size="sm" c="dimmed">
              {t("home.findingsCount", { count: items.length })}
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t("home.findingsIntro")}
        </Text>
        {findings.isPending ? (
          <PageLoader />
        ) : findings.isError ? (
          <ErrorNotice error={findings.error} onRetry={() => void findings.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm">{t("home.noFindings")}</Text>
        ) : (
          <List spacing="sm" listStyleType="none" p={0}>
            {items.map((finding) => (
              <List.Item key={`${finding.code}-${finding.record.id}-${finding.message}`}>
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <Badge color={SEVERITY_COLOR[finding.severity]} variant="filled" radius="sm" miw={104}>
                    {t(`severity.${finding.severity}`)}
                  </Badge>
                  <Text size="sm">{finding.message}</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

export default function HomePage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me);
  const readsRecords = hasPermission(me, "records.read");
  const { years, year, setYear } = useDashboardYear(readsRecords ? commission.data : null);
  if (commission.isPending && commission.fetchStatus !== "idle") return <PageLoader />;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t("home.title")}</Title>
          {commission.data && (
            <Text c="dimmed" size="sm" mt={4}>
              {year !== undefined ? t("dashboard.yearHint", { year }) : commission.data.name}
            </Text>
          )}
        </div>
        {years.data && year !== undefined && (
          <YearSelect years={years.data.years} value={year} onChange={setYear} />
        )}
      </Group>
      {years.isError && <ErrorNotice error={years.error} onRetry={() => void years.refetch()} />}
      {commission.data && readsRecords && year !== undefined ? (
        <DashboardFigures
          commission={commission.data}
          year={year}
          before={<NextSessions commission={commission.data} />}
          beside={hasPermission(me, "reports.read") && <Findings commission={commission.data} />}
        />
      ) : (
        hasPermission(me, "sessions.read") && <NextSessions commission={commission.data} />
      )}
    </Stack>
  );
}
