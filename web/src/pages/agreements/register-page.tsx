/**
 * /convenios — the register: every agreement of the commission with its key, title, counterparts, type, stage,
 * responsible areas, signing date and validity; filtered by type, stage, area, counterpart (typed without
 * accents: the API folds them) and «vigentes al» a date (the API's inForceOn, docs/decisions/005); exported as
 * shown. The filters live in the address, so a filtered register can be shared and the back button keeps it.
 */
import {
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Navigate, useSearchParams } from "react-router";
import { apiGet } from "../../api/client.ts";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { DateField, parseDate } from "../../components/date-field.tsx";
import { ExportButtons, type ExportColumn } from "../../components/export-buttons.tsx";
import { longDate, shortDate } from "../../format.ts";
import { type Translate, useI18n } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { SectionHeader, StageBadge } from "./common.tsx";
import { type Agreement, type Lookups, STAGES, shortName, useAgreements, useLookups } from "./data.ts";

/** The address's parameters (Spanish, like the addresses) and the API filter each one sets. */
const PARAMS = {
  tipo: "typeId",
  etapa: "stage",
  area: "areaId",
  contraparte: "counterpart",
  vigentes: "inForceOn",
} as const;
type Param = keyof typeof PARAMS;

function validity(agreement: Agreement, t: Translate): string {
  if (agreement.isIndefinite)
    return agreement.validFrom
      ? t("agreements.validity.indefiniteFrom", { from: shortDate(agreement.validFrom) })
      : t("agreements.validity.indefinite");
  if (agreement.validFrom && agreement.validTo)
    return t("agreements.validity.range", {
      from: shortDate(agreement.validFrom),
      to: shortDate(agreement.validTo),
    });
  if (agreement.validTo) return t("agreements.validity.until", { to: shortDate(agreement.validTo) });
  if (agreement.validFrom) return t("agreements.validity.from", { from: shortDate(agreement.validFrom) });
  return t("agreements.validity.unknown");
}

const names = (ids: string[], map: Map<string, { name: string; acronym?: string | null }>) =>
  ids.map((id) => map.get(id)?.name ?? "—").join("; ");
const acronyms = (ids: string[], map: Map<string, { id: string; name: string; acronym?: string | null }>) =>
  ids.map((id) => shortName(map.get(id))).join(", ");

function exportColumns(t: Translate, lookups: Lookups): ExportColumn<Agreement>[] {
  return [
    { header: t("agreements.column.key"), value: (a) => a.key, width: 30 },
    { header: t("agreements.column.title"), value: (a) => a.title, width: 60 },
    {
      header: t("agreements.column.counterparts"),
      value: (a) => names(a.counterpartIds, lookups.organisation),
    },
    {
      header: t("agreements.column.type"),
      value: (a) => (a.typeId ? (lookups.type.get(a.typeId)?.name ?? null) : null),
    },
    { header: t("agreements.column.stage"), value: (a) => t(`agreements.stage.${a.stage}`) },
    { header: t("agreements.column.areas"), value: (a) => names(a.areaIds, lookups.area) || null },
    { header: t("agreements.column.signedOn"), value: (a) => (a.signedOn ? { date: a.signedOn } : null) },
    { header: t("agreements.column.validFrom"), value: (a) => (a.validFrom ? { date: a.validFrom } : null) },
    {
      header: t("agreements.column.validTo"),
      value: (a) =>
        a.isIndefinite ? t("agreements.validity.indefinite") : a.validTo ? { date: a.validTo } : null,
    },
  ];
}

/** /convenios?avance=… and ?dictamen=… (records.ts) open the page of the agreement they belong to. */
function RecordRedirect({ kind, id }: { kind: "avance" | "dictamen"; id: string }) {
  const path = kind === "avance" ? "/agreement-progress" : "/pertinence-opinions";
  const record = useQuery({
    queryKey: [path, id],
    queryFn: () => apiGet<{ agreementId: string | null }>(`${path}/${encodeURIComponent(id)}`),
  });
  if (record.isPending) return <PageLoader />;
  if (record.isError) return <ErrorNotice error={record.error} />;
  return (
    <Navigate to={record.data.agreementId ? `/convenios/${record.data.agreementId}` : "/convenios"} replace />
  );
}

export function RegisterPage() {
  const { t, language } = useI18n();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const lookups = useLookups(commission?.id);
  const [params, setParams] = useSearchParams();
  const [counterpart, setCounterpart] = useState(params.get("contraparte") ?? "");

  const setParam = (name: Param, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const setCounterpartParam = useDebouncedCallback(
    (value: string) => setParam("contraparte", value.trim() || null),
    300,
  );

  const filters = Object.fromEntries(
    (Object.keys(PARAMS) as Param[]).map((name) => [PARAMS[name], params.get(name) || undefined]),
  );
  const inForceOn = params.get("vigentes") ?? "";
  const isDate = parseDate(inForceOn) !== null;
  if (!isDate) filters.inForceOn = undefined;
  const agreements = useAgreements(commission?.id, filters);
  const isFiltered = Object.values(filters).some(Boolean);

  const redirect = (["avance", "dictamen"] as const).find((kind) => params.get(kind));
  if (redirect) return <RecordRedirect kind={redirect} id={params.get(redirect) as string} />;

  const rows = agreements.data?.items ?? [];
  const exportTitle = isDate
    ? t("agreements.register.exportTitleOn", { date: inForceOn })
    : t("agreements.register.exportTitle");

  return (
    <Stack gap="lg">
      <SectionHeader title={t("agreements.title")} intro={t("agreements.register.intro")} />
      <Paper role="search" aria-label={t("agreements.filters.label")}>
        <SimpleGrid cols={{ base: 1, sm: 3, lg: 5 }} spacing="sm">
          <Select
            label={t("agreements.filters.stage")}
            placeholder={t("agreements.filters.any")}
            data={STAGES.map((stage) => ({ value: stage, label: t(`agreements.stage.${stage}`) }))}
            value={params.get("etapa")}
            onChange={(value) => setParam("etapa", value)}
            clearable
          />
          <Select
            label={t("agreements.filters.type")}
            placeholder={t("agreements.filters.any")}
            data={lookups.types.map((type) => ({ value: type.id, label: type.name }))}
            value={params.get("tipo")}
            onChange={(value) => setParam("tipo", value)}
            clearable
            searchable
          />
          <Select
            label={t("agreements.filters.area")}
            placeholder={t("agreements.filters.any")}
            data={lookups.areas.map((area) => ({
              value: area.id,
              label: area.acronym ? `${area.acronym} — ${area.name}` : area.name,
            }))}
            value={params.get("area")}
            onChange={(value) => setParam("area", value)}
            clearable
            searchable
          />
          <TextInput
            label={t("agreements.filters.counterpart")}
            placeholder={t("agreements.filters.counterpartHint")}
            value={counterpart}
            onChange={(event) => {
              setCounterpart(event.currentTarget.value);
              setCounterpartParam(event.currentTarget.value);
            }}
          />
          <DateField
            label={t("agreements.filters.inForceOn")}
            value={isDate ? inForceOn : ""}
            onChange={(value) => setParam("vigentes", value || null)}
          />
        </SimpleGrid>
        {isFiltered && (
          <Group mt="sm" justify="flex-end">
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                setCounterpart("");
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t("agreements.filters.clear")}
            </Button>
          </Group>
        )}
      </Paper>

      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed" role="status" aria-live="polite" data-testid="register-count">
          {agreements.data &&
            (isDate
              ? t("agreements.register.countOn", {
                  count: agreements.data.total,
                  date: longDate(inForceOn, language),
                })
              : t("agreements.register.count", { count: agreements.data.total }))}
          {agreements.data && agreements.data.total > rows.length && (
            <> {t("agreements.register.truncated", { shown: rows.length })}</>
          )}
        </Text>
        <ExportButtons title={exportTitle} columns={exportColumns(t, lookups)} rows={rows} />
      </Group>

      <Paper p={0}>
        {agreements.isPending || lookups.isPending ? (
          <PageLoader />
        ) : agreements.isError ? (
          <ErrorNotice error={agreements.error} onRetry={() => void agreements.refetch()} />
        ) : rows.length === 0 ? (
          <Text p="lg" c="dimmed">
            {isFiltered ? t("agreements.register.noMatch") : t("agreements.register.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table striped highlightOnHover verticalSpacing="xs" fz="sm">
              <caption className="visually-hidden">{t("agreements.register.caption")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w="32%">
                    {t("agreements.column.title")}
                  </Table.Th>
                  <Table.Th scope="col">{t("agreements.column.counterparts")}</Table.Th>
                  <Table.Th scope="col">{t("agreements.column.type")}</Table.Th>
                  <Table.Th scope="col">{t("agreements.column.stage")}</Table.Th>
                  <Table.Th scope="col">{t("agreements.column.areas")}</Table.Th>
                  <Table.Th scope="col">{t("agreements.column.signedOn")}</Table.Th>
                  <Table.Th scope="col">{t("agreements.column.validity")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((agreement) => (
                  <Table.Tr key={agreement.id} data-key={agreement.key}>
                    <Table.Td>
                      <Anchor component={Link} to={`/convenios/${agreement.id}`} fw={600} size="sm">
                        {agreement.title}
                      </Anchor>
                      <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                        {agreement.key}
                      </Text>
                    </Table.Td>
                    <Table.Td>{acronyms(agreement.counterpartIds, lookups.organisation)}</Table.Td>
                    <Table.Td>{agreement.typeId ? lookups.type.get(agreement.typeId)?.name : "—"}</Table.Td>
                    <Table.Td>
                      <StageBadge stage={agreement.stage} />
                    </Table.Td>
                    <Table.Td>{acronyms(agreement.areaIds, lookups.area) || "—"}</Table.Td>
                    <Table.Td className="nowrap">
                      {agreement.signedOn ? shortDate(agreement.signedOn) : "—"}
                    </Table.Td>
                    <Table.Td>{validity(agreement, t)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
