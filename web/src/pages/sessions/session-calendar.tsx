/**
 * A month of sessions: a table of weeks (Sunday first, as calendars in Mexico are printed), each session on its
 * day with its name and status, linking to its page. «Mes anterior», «Hoy» and «Mes siguiente» change the month,
 * and so do Page Up and Page Down anywhere in the calendar; Tab goes from session to session.
 */
import { ActionIcon, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { KeyboardEvent } from "react";
import { Link } from "react-router";
import { apiGet } from "../../api/client.ts";
import type { Page, Session } from "../../api/types.ts";
import { today } from "../../format.ts";
import { useI18n } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { STATUS_COLOR } from "../session-table.tsx";
import { currentMonth, monthWeeks, shiftMonth } from "./calendar-month.ts";

export function SessionCalendar({
  commissionId,
  month,
  onMonthChange,
}: {
  commissionId: string | undefined;
  month: string;
  onMonthChange(month: string): void;
}) {
  const { t, language } = useI18n();
  const weeks = monthWeeks(month);
  const from = weeks[0]?.[0] as string;
  const to = weeks[weeks.length - 1]?.[6] as string;
  const sessions = useQuery({
    queryKey: ["sessions", "calendar", commissionId, from, to],
    enabled: !!commissionId,
    queryFn: () => apiGet<Page<Session>>("/sessions", { commissionId, from, to, sort: "date", limit: 500 }),
  });
  const byDay = new Map<string, Session[]>();
  for (const session of sessions.data?.items ?? [])
    byDay.set(session.date, [...(byDay.get(session.date) ?? []), session]);
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const monthName = new Intl.DateTimeFormat(language, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, monthNumber - 1, 1)));
  // «Abril de 2021»: only the first letter (CSS capitalize would write «Abril De 2021»).
  const monthTitle = monthName.charAt(0).toUpperCase() + monthName.slice(1);
  const weekday = (index: number, style: "long" | "short") =>
    new Intl.DateTimeFormat(language, { weekday: style, timeZone: "UTC" }).format(
      new Date(Date.UTC(2021, 0, 3 + index)),
    );
  const todayDate = today();
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "PageUp" || event.key === "PageDown") {
      event.preventDefault();
      onMonthChange(shiftMonth(month, event.key === "PageUp" ? -1 : 1));
    }
  };
  return (
    <Paper p="md" onKeyDown={onKeyDown} data-testid="session-calendar">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3" aria-live="polite">
            {monthTitle}
          </Title>
          <Group gap="xs">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t("sessions.calendar.previous")}
              onClick={() => onMonthChange(shiftMonth(month, -1))}
            >
              <span aria-hidden>‹</span>
            </ActionIcon>
            <Button variant="default" size="xs" h={34} onClick={() => onMonthChange(currentMonth())}>
              {t("sessions.calendar.today")}
            </Button>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t("sessions.calendar.next")}
              onClick={() => onMonthChange(shiftMonth(month, 1))}
            >
              <span aria-hidden>›</span>
            </ActionIcon>
          </Group>
        </Group>
        {sessions.isError && <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />}
        <table className="session-calendar" aria-busy={sessions.isPending}>
          <caption className="visually-hidden">
            {t("sessions.calendar.caption", { month: monthTitle })}
          </caption>
          <thead>
            <tr>
              {[0, 1, 2, 3, 4, 5, 6].map((index) => (
                <th key={index} scope="col">
                  <abbr title={weekday(index, "long")}>{weekday(index, "short")}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]}>
                {week.map((day) => {
                  const isOtherMonth = !day.startsWith(month);
                  const daySessions = byDay.get(day) ?? [];
                  return (
                    <td
                      key={day}
                      data-date={day}
                      className={isOtherMonth ? "other-month" : undefined}
                      aria-current={day === todayDate ? "date" : undefined}
                    >
                      <Text
                        size="xs"
                        fw={day === todayDate ? 700 : 500}
                        c={isOtherMonth ? "dimmed" : undefined}
                      >
                        {Number(day.slice(8))}
                      </Text>
                      <Stack gap={4} mt={4}>
                        {daySessions.map((session) => (
                          <Anchor
                            key={session.id}
                            component={Link}
                            to={`/sesiones/${session.id}`}
                            className="calendar-session"
                            size="xs"
                          >
                            <span className="visually-hidden">{`${session.dateText}: `}</span>
                            <Text span size="xs" fw={600} display="block" lh={1.25}>
                              {session.name}
                            </Text>
                            <Badge
                              color={STATUS_COLOR[session.status]}
                              variant="dot"
                              radius="sm"
                              size="xs"
                              c="dark.7"
                              mt={2}
                            >
                              {t(`status.${session.status}`)}
                            </Badge>
                          </Anchor>
                        ))}
                      </Stack>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <Text size="xs" c="dimmed">
          {t("sessions.calendar.keys")}
        </Text>
      </Stack>
    </Paper>
  );
}
