/** Sesiones: every session of the commission, latest first. */
import { Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client.ts";
import type { Page, Session } from "../../api/types.ts";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { SessionTable } from "../session-table.tsx";

export default function SessionsPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const sessions = useQuery({
    queryKey: ["sessions", commission?.id],
    queryFn: () =>
      apiGet<Page<Session>>("/sessions", {
        commissionId: commission?.id,
        sort: "date",
        order: "desc",
        limit: 500,
      }),
  });
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t("sessions.title")}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t("sessions.intro")}
          </Text>
        </div>
        {sessions.data && (
          <Text size="sm" c="dimmed">
            {t("sessions.total", { count: sessions.data.total })}
          </Text>
        )}
      </Group>
      <Paper p={0}>
        {sessions.isPending ? (
          <PageLoader />
        ) : sessions.isError ? (
          <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : sessions.data.items.length === 0 ? (
          <Text p="lg" c="dimmed">
            {t("sessions.empty")}
          </Text>
        ) : (
          <SessionTable sessions={sessions.data.items} caption={t("sessions.title")} />
        )}
      </Paper>
    </Stack>
  );
}
