/**
 * Sesiones: every session of the commission as a list (latest first) or a month calendar, the address to subscribe
 * to the calendar from a calendar application, and «Nueva sesión» for the technical secretariat. The view and the
 * month live in the address (`?vista=calendario&mes=2021-04`), so a reload or a shared link shows the same.
 */
import { Button, Group, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { apiGet } from "../../api/client.ts";
import type { Page, Session } from "../../api/types.ts";
import { hasPermission, useCurrentCommission, useMe } from "../../auth/auth.ts";
import { ExportButtons } from "../../components/export-buttons.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { SessionTable, useSessionExportColumns } from "../session-table.tsx";
import { currentMonth } from "./calendar-month.ts";
import { CalendarSubscription } from "./calendar-subscription.tsx";
import type { AgendaItem } from "./session-api.ts";
import { SessionCalendar } from "./session-calendar.tsx";

type View = "lista" | "calendario";

export function SessionsPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const [params, setParams] = useSearchParams();
  const view: View = params.get("vista") === "calendario" ? "calendario" : "lista";
  const month = /^\d{4}-\d{2}$/.test(params.get("mes") ?? "")
    ? (params.get("mes") as string)
    : currentMonth();
  const agendaItemId = params.get("punto");
  const exportColumns = useSessionExportColumns();
  const sessions = useQuery({
    queryKey: ["sessions", "list", commission?.id],
    enabled: view === "lista" && !agendaItemId,
    queryFn: () =>
      apiGet<Page<Session>>("/sessions", {
        commissionId: commission?.id,
        sort: "date",
        order: "desc",
        limit: 500,
      }),
  });
  const show = (next: { vista?: View; mes?: string }) =>
    setParams(
      (current) => {
        const merged = new URLSearchParams(current);
        if (next.vista) merged.set("vista", next.vista);
        if (next.mes) merged.set("mes", next.mes);
        if (merged.get("vista") === "lista") merged.delete("mes");
        return merged;
      },
      { replace: !next.vista },
    );
  if (agendaItemId) return <AgendaItemRedirect itemId={agendaItemId} />;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t("sessions.title")}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t(view === "lista" ? "sessions.intro" : "sessions.calendarIntro")}
          </Text>
        </div>
        {hasPermission(me, "records.write") && (
          <Button component={Link} to="/sesiones/nueva">
            {t("sessions.new")}
          </Button>
        )}
      </Group>
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t("sessions.view")}
          value={view}
          onChange={(value) => show({ vista: value as View })}
          data={[
            { value: "lista", label: t("sessions.view.list") },
            { value: "calendario", label: t("sessions.view.calendar") },
          ]}
        />
        {view === "lista" && sessions.data && (
          <Group gap="md">
            <Text size="sm" c="dimmed">
              {t("sessions.total", { count: sessions.data.total })}
            </Text>
            <ExportButtons title={t("sessions.title")} columns={exportColumns} rows={sessions.data.items} />
          </Group>
        )}
      </Group>
      {view === "calendario" ? (
        <SessionCalendar commissionId={commission?.id} month={month} onMonthChange={(mes) => show({ mes })} />
      ) : (
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
      )}
      {commission && <CalendarSubscription commissionKey={commission.key} />}
    </Stack>
  );
}

/** `/sesiones?punto=<id>`: the session of that agenda item, at the item. */
function AgendaItemRedirect({ itemId }: { itemId: string }) {
  const navigate = useNavigate();
  const item = useQuery({
    queryKey: ["agenda-item", itemId],
    queryFn: () => apiGet<AgendaItem>(`/agenda-items/${encodeURIComponent(itemId)}`),
  });
  useEffect(() => {
    if (item.data) void navigate(`/sesiones/${item.data.sessionId}#punto-${item.data.id}`, { replace: true });
  }, [item.data, navigate]);
  if (item.isError) return <ErrorNotice error={item.error} />;
  return <PageLoader />;
}
