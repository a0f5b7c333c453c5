/**
 * Acuerdos: the commission's resolutions in the order of their numbers, filtered by year (on the server), session
 * and text (in the page: number, title and text, without regard to accents or case), exported as shown. The
 * filters live in the address (`?año=2021&sesion=…&texto=…`); the year starts at the latest with sessions.
 */
import {
  Anchor,
  Badge,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { apiGet } from "../../api/client.ts";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { ExportButtons, type ExportColumn } from "../../components/export-buttons.tsx";
import { shortDate } from "../../format.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";
import {
  type AgendaItem,
  byId,
  fetchAll,
  keys,
  type Resolution,
  type SessionRecord,
} from "../sessions/session-api.ts";

/** Sessions of this many distinct sessions at most have their agenda read for the «Punto» column. */
const MAX_AGENDAS = 40;

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export function ResolutionsPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const [params, setParams] = useSearchParams();
  // The filters live in the page's state, copied into the address (shareable, kept on reload): two quick changes
  // must both stay, and react-router's setter may still hold the address of the render before.
  const [filters, setFilters] = useState(() => ({
    año: params.get("año") ?? "",
    sesion: params.get("sesion") ?? "",
    texto: params.get("texto") ?? "",
  }));
  useEffect(() => {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) if (value) next.set(name, value);
    setParams(next, { replace: true });
  }, [filters, setParams]);
  const sessions = useQuery({
    queryKey: [...keys.sessions, "all", commission?.id],
    enabled: !!commission,
    queryFn: () => fetchAll<SessionRecord>("/sessions", { commissionId: commission?.id, sort: "date" }),
  });
  const years = [...new Set((sessions.data ?? []).map((session) => session.year))].sort((a, b) => b - a);
  const yearParam = filters.año;
  const year = yearParam === "todos" ? null : Number(yearParam) || years[0] || null;
  const sessionFilter = filters.sesion;
  const text = filters.texto;
  const resolutions = useQuery({
    queryKey: [...keys.resolutions, "list", commission?.id, year],
    enabled: !!commission && sessions.isSuccess,
    queryFn: () =>
      fetchAll<Resolution>("/resolutions", {
        commissionId: commission?.id,
        year: year ?? undefined,
        sort: "seq",
      }),
  });
  const sessionById = byId(sessions.data);
  const wanted = fold(text.trim());
  const rows = (resolutions.data ?? [])
    .filter((resolution) => !sessionFilter || resolution.sessionId === sessionFilter)
    .filter(
      (resolution) =>
        !wanted || fold(`${resolution.number} ${resolution.title} ${resolution.text ?? ""}`).includes(wanted),
    )
    .sort((a, b) => a.year - b.year || a.seq - b.seq);
  const sessionIds = [...new Set(rows.map((resolution) => resolution.sessionId))];
  const agendas = useQueries({
    queries: (sessionIds.length <= MAX_AGENDAS ? sessionIds : []).map((id) => ({
      queryKey: keys.agenda(id),
      queryFn: () => apiGet<{ items: AgendaItem[] }>(`/sessions/${id}/agenda-items`),
    })),
  });
  const itemById = byId(agendas.flatMap((agenda) => agenda.data?.items ?? []));
  const pointOf = (resolution: Resolution) =>
    resolution.agendaItemId ? (itemById.get(resolution.agendaItemId)?.position ?? null) : null;
  const setFilter = (name: keyof typeof filters, value: string) =>
    setFilters((current) => ({ ...current, [name]: value, ...(name === "año" ? { sesion: "" } : {}) }));
  const yearSessions = (sessions.data ?? []).filter((session) => year === null || session.year === year);
  const columns: ExportColumn<Resolution>[] = [
    { header: t("resolutions.column.number"), value: (r) => r.number, width: 16 },
    {
      header: t("resolutions.column.date"),
      value: (r) => {
        const date = sessionById.get(r.sessionId)?.date;
        return date ? { date } : null;
      },
      width: 12,
    },
    { header: t("resolutions.column.title"), value: (r) => r.title, width: 70 },
    {
      header: t("resolutions.column.session"),
      value: (r) => sessionById.get(r.sessionId)?.name ?? "",
      width: 30,
    },
    { header: t("resolutions.column.point"), value: (r) => pointOf(r), width: 8 },
  ];
  const title = year ? t("resolutions.titleYear", { year }) : t("resolutions.title");
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t("resolutions.title")}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t("resolutions.intro")}
        </Text>
      </div>
      <Paper>
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t("resolutions.filter.year")}
            value={year === null ? "todos" : String(year)}
            onChange={(event) => setFilter("año", event.currentTarget.value)}
            data={[
              ...years.map((value) => ({ value: String(value), label: String(value) })),
              { value: "todos", label: t("resolutions.filter.allYears") },
            ]}
            w={160}
          />
          <NativeSelect
            label={t("resolutions.filter.session")}
            value={sessionFilter}
            onChange={(event) => setFilter("sesion", event.currentTarget.value)}
            data={[
              { value: "", label: t("resolutions.filter.allSessions") },
              ...yearSessions.map((session) => ({
                value: session.id,
                label: `${session.name} (${shortDate(session.date)})`,
              })),
            ]}
            w={320}
          />
          <TextInput
            type="search"
            label={t("resolutions.filter.text")}
            placeholder={t("resolutions.filter.textPlaceholder")}
            value={text}
            onChange={(event) => setFilter("texto", event.currentTarget.value)}
            style={{ flex: 1, minWidth: 220 }}
          />
        </Group>
      </Paper>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status">
          {resolutions.data ? t("resolutions.count", { count: rows.length }) : ""}
        </Text>
        <ExportButtons title={title} columns={columns} rows={rows} />
      </Group>
      <Paper p={0}>
        {sessions.isPending || resolutions.isPending ? (
          <PageLoader />
        ) : sessions.isError || resolutions.isError ? (
          <ErrorNotice
            error={sessions.error ?? resolutions.error}
            onRetry={() => void resolutions.refetch()}
          />
        ) : rows.length === 0 ? (
          <Text p="lg" c="dimmed">
            {t("resolutions.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover>
              <caption className="visually-hidden">{title}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={130}>
                    {t("resolutions.column.number")}
                  </Table.Th>
                  <Table.Th scope="col" w={110}>
                    {t("resolutions.column.date")}
                  </Table.Th>
                  <Table.Th scope="col">{t("resolutions.column.title")}</Table.Th>
                  <Table.Th scope="col" w={210}>
                    {t("resolutions.column.session")}
                  </Table.Th>
                  <Table.Th scope="col" w={70}>
                    {t("resolutions.column.point")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((resolution) => {
                  const session = sessionById.get(resolution.sessionId);
                  return (
                    <Table.Tr key={resolution.id}>
                      <Table.Td className="nowrap">
                        <Anchor
                          component={Link}
                          to={recordPath("resolution", resolution.id) as string}
                          fw={600}
                          size="sm"
                        >
                          {resolution.number}
                        </Anchor>
                        {resolution.outcome !== "adopted" && (
                          <Badge ml={6} size="xs" variant="outline" color="gray" c="dark.6">
                            {t(`resolutions.outcome.${resolution.outcome}`)}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td fz="sm" className="nowrap">
                        {session ? shortDate(session.date) : "—"}
                      </Table.Td>
                      <Table.Td fz="sm">{resolution.title}</Table.Td>
                      <Table.Td fz="sm">
                        {session ? (
                          <Anchor component={Link} to={recordPath("session", session.id) as string} size="sm">
                            {session.name}
                          </Anchor>
                        ) : (
                          "—"
                        )}
                      </Table.Td>
                      <Table.Td fz="sm">{pointOf(resolution) ?? "—"}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
