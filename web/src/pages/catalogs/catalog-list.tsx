/**
 * One catalogue as a list: a text filter (accents and case ignored), the export of what it shows, «Nuevo …» for
 * those who may write, and, for people, organisations and areas, the near-duplicates the checks found with a
 * one-click merge proposal.
 */
import { Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { hasPermission, useMe } from "../../auth/auth.ts";
import { ExportButtons } from "../../components/export-buttons.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";
import { DuplicateFindings } from "./duplicate-findings.tsx";
import { type CatalogKind, type CatalogRow, fold } from "./kinds.ts";
import { useCatalogList } from "./queries.ts";

export function CatalogList({ kind }: { kind: CatalogKind }) {
  const t = useT();
  const me = useMe().data;
  const canWrite = hasPermission(me, "records.write");
  const records = useCatalogList(kind);
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    const needle = fold(filter.trim());
    const items = records.data?.items ?? [];
    return needle ? items.filter((row) => fold(kind.haystack(row)).includes(needle)) : items;
  }, [records.data, filter, kind]);
  const title = t(kind.title);
  return (
    <Stack gap="lg">
      {kind.duplicateCode && hasPermission(me, "reports.read") && (
        <DuplicateFindings kind={kind} canMerge={canWrite && !!kind.canMerge} />
      )}
      <Paper p={0}>
        <Stack gap={0}>
          <Group justify="space-between" align="flex-end" p="lg" pb="md" wrap="wrap" gap="md">
            <Stack gap={4}>
              <Title order={2}>{title}</Title>
              {records.data && (
                <Text size="sm" c="dimmed" aria-live="polite">
                  {t("catalogs.count", { shown: shown.length, total: records.data.total })}
                </Text>
              )}
            </Stack>
            <Group gap="sm" align="flex-end">
              <ExportButtons
                title={title}
                columns={kind.columns.map((column) => ({
                  header: t(column.label),
                  value: (row: CatalogRow) => column.value(row, t),
                }))}
                rows={shown}
              />
              {canWrite && (
                <Button component={Link} to={`/catalogos/${kind.segment}/nuevo`} size="xs">
                  {t(kind.newLabel)}
                </Button>
              )}
            </Group>
          </Group>
          <TextInput
            px="lg"
            pb="md"
            label={t("catalogs.filter")}
            placeholder={t("catalogs.filterPlaceholder")}
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
            maw={480}
            type="search"
          />
          {records.isPending ? (
            <PageLoader />
          ) : records.isError ? (
            <ErrorNotice error={records.error} onRetry={() => void records.refetch()} />
          ) : shown.length === 0 ? (
            <Text px="lg" pb="lg" c="dimmed">
              {t("catalogs.empty")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover>
                <caption className="visually-hidden">{title}</caption>
                <Table.Thead>
                  <Table.Tr>
                    {kind.columns.map((column) => (
                      <Table.Th key={column.label} scope="col">
                        {t(column.label)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((row) => (
                    <Table.Tr key={row.id}>
                      {kind.columns.map((column) => (
                        <Table.Td key={column.label}>
                          {column.label === "catalogs.column.name" ? (
                            <Anchor component={Link} to={recordPath(kind.type, row.id) ?? "#"} fw={600}>
                              {row.name}
                            </Anchor>
                          ) : (
                            column.value(row, t)
                          )}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
