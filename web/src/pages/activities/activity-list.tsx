/**
 * The activities of the commission with filters by line, action, kind, responsible area and period (a quarter
 * such as 2021-T1, or from/to dates), kept in the address (`?accion=…&periodo=2021-T1`) so a link from the
 * programme opens the list filtered. Pages of 50 from the API (a busy quarter has thousands); the export writes
 * every activity the filters select, all pages.
 */

import {
  Anchor,
  Badge,
  Button,
  Fieldset,
  Group,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { apiGet } from "../../api/client.ts";
import type { Page } from "../../api/types.ts";
import { DateField } from "../../components/date-field.tsx";
import { ExportButtons, type ExportColumn } from "../../components/export-buttons.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import {
  type ActionChoice,
  type Activity,
  type Area,
  allPages,
  type CatalogEntry,
  type Organisation,
  type Programme,
  quarterBounds,
} from "./data.ts";
import { activityDays } from "./dates.ts";

const PAGE_SIZE = 50;

const CONTROL_LABEL = {
  first: "activities.list.first",
  previous: "activities.list.previous",
  next: "activities.list.next",
  last: "activities.list.last",
} as const;

export const STATUS_TEXT = {
  held: "activities.status.held",
  cancelled: "activities.status.cancelled",
  rescheduled: "activities.status.rescheduled",
} as const;

/** The list's filters as the address says them. */
const PARAMS = {
  lineId: "linea",
  actionId: "accion",
  kindId: "tipo",
  areaId: "area",
  period: "periodo",
  from: "desde",
  to: "hasta",
  page: "pagina",
} as const;

type Lookups = {
  kinds: Map<string, CatalogEntry>;
  actions: Map<string, ActionChoice>;
  organisations: Map<string, Organisation>;
};

export function ActivityList({
  commissionId,
  programmes,
  actions,
  kinds,
  areas,
  organisations,
}: {
  commissionId: string;
  programmes: Programme[];
  actions: ActionChoice[];
  kinds: CatalogEntry[];
  areas: Area[];
  organisations: Organisation[];
}) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const read = (name: keyof typeof PARAMS) => params.get(PARAMS[name]) ?? "";
  const filters = {
    lineId: read("lineId"),
    actionId: read("actionId"),
    kindId: read("kindId"),
    areaId: read("areaId"),
    period: read("period"),
    from: read("from"),
    to: read("to"),
  };
  const page = Math.max(1, Number(read("page")) || 1);
  const bounds = quarterBounds(filters.period);
  const query = {
    commissionId,
    lineId: filters.lineId || undefined,
    actionId: filters.actionId || undefined,
    kindId: filters.kindId || undefined,
    areaId: filters.areaId || undefined,
    from: bounds?.from ?? (filters.from || undefined),
    to: bounds?.to ?? (filters.to || undefined),
    sort: "startDate",
    order: "desc",
  };
  const list = useQuery({
    queryKey: ["activities", "list", query, page],
    queryFn: () =>
      apiGet<Page<Activity>>("/activities", { ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const setFilter = (changes: Partial<Record<keyof typeof PARAMS, string | null>>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [name, value] of Object.entries(changes)) {
          const param = PARAMS[name as keyof typeof PARAMS];
          if (value) next.set(param, value);
          else next.delete(param);
        }
        if (!("page" in changes)) next.delete(PARAMS.page);
        return next;
      },
      { replace: true },
    );

  const lookups: Lookups = useMemo(
    () => ({
      kinds: new Map(kinds.map((kind) => [kind.id, kind])),
      actions: new Map(actions.map((action) => [action.id, action])),
      organisations: new Map(organisations.map((organisation) => [organisation.id, organisation])),
    }),
    [kinds, actions, organisations],
  );
  const severalYears = programmes.length > 1;
  const lineOptions = programmes.flatMap((programme) =>
    programme.lines.map((line) => ({
      value: line.id,
      label: `${severalYears ? `${programme.year} · ` : ""}${line.number}. ${line.title}`,
    })),
  );
  const actionOptions = actions
    .filter((action) => !filters.lineId || action.line.id === filters.lineId)
    .map((action) => ({
      value: action.id,
      label: `${severalYears ? `${action.year} · ` : ""}${action.code} — ${action.title}`,
    }));
  const periodOptions = programmes.flatMap((programme) =>
    [1, 2, 3, 4].map((quarter) => ({
      value: `${programme.year}-T${quarter}`,
      label: `${programme.year}-T${quarter}`,
    })),
  );

  const kindName = (activity: Activity) => lookups.kinds.get(activity.kindId)?.name ?? "";
  const actionCode = (activity: Activity) =>
    activity.actionId ? (lookups.actions.get(activity.actionId)?.code ?? "") : "";
  const counterpartNames = (activity: Activity) =>
    activity.counterpartIds
      .map((id) => {
        const organisation = lookups.organisations.get(id);
        return organisation?.acronym ?? organisation?.name ?? "";
      })
      .join("; ");
  const statusText = (activity: Activity) => t(STATUS_TEXT[activity.status]);
  const exportColumns: ExportColumn<Activity>[] = [
    { header: t("activities.col.dates"), value: activityDays, width: 24 },
    { header: t("activities.list.from"), value: (a) => ({ date: a.startDate }), width: 12 },
    { header: t("activities.list.to"), value: (a) => ({ date: a.endDate }), width: 12 },
    { header: t("activities.col.kind"), value: kindName, width: 24 },
    { header: t("activities.col.action"), value: actionCode, width: 8 },
    { header: t("activities.col.title"), value: (a) => a.title, width: 50 },
    { header: t("activities.col.counterparts"), value: counterpartNames, width: 36 },
    { header: t("activities.col.status"), value: statusText, width: 14 },
    { header: t("activities.col.key"), value: (a) => a.key, width: 24 },
  ];
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const hasFilters = Object.values(filters).some((value) => value !== "");

  return (
    <Paper>
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>{t("activities.list.title")}</Title>
            {list.data && (
              <Text size="sm" c="dimmed" data-testid="activities-total">
                {list.data.total === 1
                  ? t("activities.list.totalOne")
                  : t("activities.list.total", { count: list.data.total.toLocaleString("es-MX") })}
              </Text>
            )}
          </div>
          <ExportButtons
            title={t("activities.export.title")}
            columns={exportColumns}
            rows={list.data?.items ?? []}
            loadRows={() => allPages<Activity>("/activities", query)}
          />
        </Group>
        <Fieldset
          variant="unstyled"
          legend={<span className="visually-hidden">{t("activities.list.filters")}</span>}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <Select
              label={t("activities.list.line")}
              placeholder={t("activities.list.all")}
              data={lineOptions}
              value={filters.lineId || null}
              onChange={(value) => setFilter({ lineId: value, actionId: null })}
              clearable
              searchable
            />
            <Select
              label={t("activities.list.action")}
              placeholder={t("activities.list.all")}
              data={actionOptions}
              value={filters.actionId || null}
              onChange={(value) => setFilter({ actionId: value })}
              clearable
              searchable
            />
            <Select
              label={t("activities.list.kind")}
              placeholder={t("activities.list.allKinds")}
              data={kinds.map((kind) => ({ value: kind.id, label: kind.name }))}
              value={filters.kindId || null}
              onChange={(value) => setFilter({ kindId: value })}
              clearable
              searchable
            />
            <Select
              label={t("activities.list.area")}
              placeholder={t("activities.list.all")}
              data={areas.map((area) => ({ value: area.id, label: area.acronym ?? area.name }))}
              value={filters.areaId || null}
              onChange={(value) => setFilter({ areaId: value })}
              clearable
              searchable
            />
            <Select
              label={t("activities.list.period")}
              placeholder={t("activities.list.anyPeriod")}
              data={periodOptions}
              value={filters.period || null}
              onChange={(value) => setFilter({ period: value, from: null, to: null })}
              clearable
            />
            <DateField
              label={t("activities.list.from")}
              value={bounds?.from ?? filters.from}
              onChange={(date) => setFilter({ from: date, period: null })}
            />
            <DateField
              label={t("activities.list.to")}
              value={bounds?.to ?? filters.to}
              onChange={(date) => setFilter({ to: date, period: null })}
            />
            <Group align="flex-end">
              <Button
                variant="subtle"
                disabled={!hasFilters}
                onClick={() => setParams(new URLSearchParams(), { replace: true })}
              >
                {t("activities.list.clear")}
              </Button>
            </Group>
          </SimpleGrid>
        </Fieldset>
        {list.isPending ? (
          <PageLoader />
        ) : list.isError ? (
          <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Text c="dimmed">{t("activities.list.empty")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="activities-table">
              <caption className="visually-hidden">{t("activities.list.title")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={150}>
                    {t("activities.col.dates")}
                  </Table.Th>
                  <Table.Th scope="col" w={170}>
                    {t("activities.col.kind")}
                  </Table.Th>
                  <Table.Th scope="col" w={70}>
                    {t("activities.col.action")}
                  </Table.Th>
                  <Table.Th scope="col">{t("activities.col.title")}</Table.Th>
                  <Table.Th scope="col" w={200}>
                    {t("activities.col.counterparts")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((activity) => (
                  <Table.Tr key={activity.id}>
                    <Table.Td>{activityDays(activity)}</Table.Td>
                    <Table.Td>{kindName(activity)}</Table.Td>
                    <Table.Td>{actionCode(activity)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/actividades/${activity.id}`} size="sm">
                        {activity.title}
                      </Anchor>
                      {activity.status !== "held" && (
                        <Badge ml="xs" size="sm" variant="light" color="gray">
                          {statusText(activity)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{counterpartNames(activity)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {pages > 1 && (
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t("activities.list.page", { page, pages })}
            </Text>
            <Pagination
              total={pages}
              value={page}
              onChange={(next) => setFilter({ page: String(next) })}
              aria-label={t("activities.list.pages")}
              getItemProps={(item) => ({ "aria-label": t("activities.list.goTo", { page: item }) })}
              getControlProps={(control) => ({ "aria-label": t(CONTROL_LABEL[control]) })}
              size="sm"
            />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
