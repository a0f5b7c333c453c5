/**
 * The audit trail (GET /audit, «audit.read»): filters by table, record, actor and days, kept in the address so a
 * record's page can link to its history; pages of 50, newest first; each entry's fields before and after side by
 * side. «Verificar integridad» recomputes the chain of seals (GET /audit/verify).
 */

import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { apiGet } from "../../api/client.ts";
import type { Page } from "../../api/types.ts";
import { DateField } from "../../components/date-field.tsx";
import { ExportButtons } from "../../components/export-buttons.tsx";
import { dateTime } from "../../format.ts";
import { type MessageKey, useI18n } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";

type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  table: string;
  operation: "insert" | "update" | "delete";
  recordId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** A record's values for a spreadsheet cell: JSON, cut where a cell of an export must end (POST /exports). */
const exportJson = (values: Record<string, unknown> | null) => {
  if (!values) return null;
  const text = JSON.stringify(values);
  return text.length > 20_000 ? `${text.slice(0, 19_999)}…` : text;
};

type Verification = {
  ok: boolean;
  entries: number;
  headHash: string | null;
  problem: { id: number; message: string } | null;
};

const PAGE_SIZE = 50;
const FILTERS = ["table", "recordId", "actor", "from", "to"] as const;
type FilterName = (typeof FILTERS)[number];

/** The record kind (records.ts) stored in each table, for «open the record». */
const TABLE_TYPES: Record<string, string> = {
  people: "person",
  organisations: "organisation",
  areas: "area",
  parties: "party",
  catalog_entries: "catalog_entry",
  sessions: "session",
  agenda_items: "agenda_item",
  resolutions: "resolution",
  work_programmes: "work_programme",
  strategic_lines: "strategic_line",
  programmed_actions: "programmed_action",
  agreements: "agreement",
  agreement_progress: "agreement_progress",
  pertinence_opinions: "pertinence_opinion",
  activities: "activity",
  reports: "report",
  accounts: "account",
};

/** Columns the diff leaves out: the search vector and stamps every change touches. */
const HIDDEN = new Set(["search", "updated_at"]);

/** Rows of the trail grow when their changes open: their cells start at the top. */
const TOP = { verticalAlign: "top" } as const;

const OPERATION_COLOR = { insert: "teal", update: "blue", delete: "red" } as const;

const show = (value: unknown) =>
  value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);

/** The fields that differ between before and after (all of them for an insert or a delete). */
function changes(entry: AuditEntry): { field: string; before: string; after: string }[] {
  const names = new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})]);
  return [...names]
    .filter((name) => !HIDDEN.has(name))
    .filter((name) => JSON.stringify(entry.before?.[name]) !== JSON.stringify(entry.after?.[name]))
    .map((name) => ({
      field: name,
      before: entry.before ? show(entry.before[name]) : "—",
      after: entry.after ? show(entry.after[name]) : "—",
    }));
}

function EntryChanges({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const rows = changes(entry);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("audit.noChanges")}
      </Text>
    );
  return (
    <details>
      <summary>
        <Text span size="sm">
          {t("audit.showChanges", { count: rows.length })}
        </Text>
      </summary>
      <Table fz="xs" withTableBorder mt="xs" layout="fixed">
        <caption className="visually-hidden">
          {t(`audit.op.${entry.operation}` as MessageKey)} {entry.table} {entry.recordId}
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w="28%">
              {t("audit.field")}
            </Table.Th>
            <Table.Th scope="col">{t("audit.before")}</Table.Th>
            <Table.Th scope="col">{t("audit.after")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.field}>
              <Table.Td style={{ wordBreak: "break-word" }}>{row.field}</Table.Td>
              <Table.Td style={{ wordBreak: "break-word" }}>{row.before}</Table.Td>
              <Table.Td style={{ wordBreak: "break-word" }}>{row.after}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </details>
  );
}

/** «Verificar integridad» and, once asked, its result across the panel. */
function useVerification() {
  return useMutation({ mutationFn: () => apiGet<Verification>("/audit/verify") });
}

function VerificationResult({ verify }: { verify: ReturnType<typeof useVerification> }) {
  const { t } = useI18n();
  if (verify.isError) return <ErrorNotice error={verify.error} />;
  if (!verify.data) return null;
  return (
    <Alert
      color={verify.data.ok ? "teal" : "red"}
      variant="light"
      role="status"
      data-testid="audit-verification"
      mt="md"
    >
      <Text size="sm" style={{ overflowWrap: "anywhere" }}>
        {verify.data.ok
          ? t("audit.verifyOk", { entries: verify.data.entries, hash: verify.data.headHash ?? "—" })
          : t("audit.verifyBroken", {
              id: verify.data.problem?.id ?? "—",
              message: verify.data.problem?.message ?? "",
            })}
      </Text>
    </Alert>
  );
}

export function AuditLog() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""])) as Record<
    FilterName,
    string
  >;
  const offset = Number(params.get("desde") ?? 0) || 0;
  const [draft, setDraft] = useState(filters);
  const entries = useQuery({
    queryKey: ["audit", filters, offset],
    queryFn: () =>
      apiGet<Page<AuditEntry>>("/audit", {
        ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== "")),
        order: "desc",
        limit: PAGE_SIZE,
        offset,
      }),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, value]) => value.trim() !== "")));
  };
  const goTo = (next: number) => {
    const copy = new URLSearchParams(params);
    if (next > 0) copy.set("desde", String(next));
    else copy.delete("desde");
    setParams(copy);
  };
  const input = (name: FilterName, label: MessageKey, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={t(label)}
      value={draft[name]}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setDraft((current) => ({ ...current, [name]: value }));
      }}
      {...extra}
    />
  );
  const page = entries.data;
  const verify = useVerification();
  return (
    <Stack gap="lg">
      <Paper>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <Stack gap={4} maw={560}>
            <Title order={2}>{t("audit.title")}</Title>
            <Text size="sm" c="dimmed">
              {t("audit.intro")}
            </Text>
          </Stack>
          <Button variant="default" size="xs" loading={verify.isPending} onClick={() => verify.mutate()}>
            {t("audit.verify")}
          </Button>
        </Group>
        <VerificationResult verify={verify} />
        <form onSubmit={apply} aria-label={t("audit.filters")}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" mt="md">
            {input("table", "audit.filter.table", { placeholder: t("audit.filter.tableHelp") })}
            {input("recordId", "audit.filter.recordId")}
            {input("actor", "audit.filter.actor", { placeholder: t("audit.filter.actorHelp") })}
            {(["from", "to"] as const).map((name) => (
              <DateField
                key={name}
                label={t(`audit.filter.${name}`)}
                value={draft[name]}
                onChange={(date) => setDraft((current) => ({ ...current, [name]: date }))}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end" mt="sm" gap="sm">
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                setDraft({ table: "", recordId: "", actor: "", from: "", to: "" });
                setParams({});
              }}
            >
              {t("audit.filter.clear")}
            </Button>
            <Button type="submit" size="xs">
              {t("audit.filter.apply")}
            </Button>
          </Group>
        </form>
      </Paper>
      <Paper p={0}>
        {entries.isPending ? (
          <PageLoader />
        ) : entries.isError ? (
          <ErrorNotice error={entries.error} onRetry={() => void entries.refetch()} />
        ) : page && page.items.length === 0 ? (
          <Text p="lg" c="dimmed">
            {t("audit.empty")}
          </Text>
        ) : (
          page && (
            <>
              <Group justify="flex-end" px="md" pt="md">
                <ExportButtons
                  title={t("audit.title")}
                  rows={page.items}
                  columns={[
                    { header: t("audit.column.when"), value: (entry) => dateTime(entry.at), width: 18 },
                    { header: t("audit.column.who"), value: (entry) => entry.actor, width: 24 },
                    {
                      header: t("audit.column.what"),
                      value: (entry) =>
                        `${t(`audit.op.${entry.operation}` as MessageKey)} ${entry.table} ${entry.recordId}`,
                      width: 40,
                    },
                    { header: t("audit.before"), value: (entry) => exportJson(entry.before), width: 60 },
                    { header: t("audit.after"), value: (entry) => exportJson(entry.after), width: 60 },
                  ]}
                />
              </Group>
              <Table.ScrollContainer minWidth={860}>
                <Table striped verticalSpacing="sm">
                  <caption className="visually-hidden">{t("audit.title")}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col" w={150}>
                        {t("audit.column.when")}
                      </Table.Th>
                      <Table.Th scope="col" w={170}>
                        {t("audit.column.who")}
                      </Table.Th>
                      <Table.Th scope="col" w={250}>
                        {t("audit.column.what")}
                      </Table.Th>
                      <Table.Th scope="col">{t("audit.column.changes")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.items.map((entry) => {
                      const type = TABLE_TYPES[entry.table];
                      const path =
                        type && entry.operation !== "delete" ? recordPath(type, entry.recordId) : undefined;
                      return (
                        <Table.Tr key={entry.id} data-testid="audit-entry">
                          <Table.Td fz="sm" style={TOP}>
                            {dateTime(entry.at)}
                          </Table.Td>
                          <Table.Td fz="sm" style={{ ...TOP, wordBreak: "break-word" }}>
                            {entry.actor}
                          </Table.Td>
                          <Table.Td fz="sm" style={TOP}>
                            <Stack gap={2}>
                              <Group gap={6}>
                                <Badge
                                  variant="dot"
                                  color={OPERATION_COLOR[entry.operation]}
                                  c="dark.7"
                                  radius="sm"
                                >
                                  {t(`audit.op.${entry.operation}` as MessageKey)}
                                </Badge>
                                <Text size="sm" fw={600} span>
                                  {entry.table}
                                </Text>
                              </Group>
                              {path ? (
                                <Anchor
                                  component={Link}
                                  to={path}
                                  size="xs"
                                  style={{ wordBreak: "break-all" }}
                                >
                                  {entry.recordId}
                                </Anchor>
                              ) : (
                                <Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }}>
                                  {entry.recordId}
                                </Text>
                              )}
                            </Stack>
                          </Table.Td>
                          <Table.Td style={TOP}>
                            <EntryChanges entry={entry} />
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group justify="space-between" p="md">
                <Text size="sm" c="dimmed">
                  {t("audit.pageOf", {
                    from: page.offset + 1,
                    to: page.offset + page.items.length,
                    total: page.total,
                  })}
                </Text>
                <Group gap="xs">
                  <Button
                    variant="default"
                    size="xs"
                    disabled={offset === 0}
                    onClick={() => goTo(Math.max(0, offset - PAGE_SIZE))}
                  >
                    {t("audit.previous")}
                  </Button>
                  <Button
                    variant="default"
                    size="xs"
                    disabled={offset + PAGE_SIZE >= page.total}
                    onClick={() => goTo(offset + PAGE_SIZE)}
                  >
                    {t("audit.next")}
                  </Button>
                </Group>
              </Group>
            </>
          )
        )}
      </Paper>
    </Stack>
  );
}
