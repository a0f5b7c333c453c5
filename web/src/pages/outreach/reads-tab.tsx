/**
 * Who read the list's contacts and when (GET /outreach-lists/:id/reads, newest first): the account, what was
 * read (the contacts' table, one contact, one person's export), the filters used and how many rows came back.
 * The page's own filter narrows the rows shown by person or by what was read.
 */
import { Pagination, Paper, Select, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { dateTime } from "../../format.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { CONTACTS_PAGE, useReads } from "./data.ts";

const READ_PURPOSES = ["contacts", "contact", "person-export"] as const;

/** «status: subscribed, q: ana» — the filters a read used, as typed. */
const filtersText = (filters: Record<string, unknown>) =>
  Object.entries(filters)
    .filter(([name, value]) => value !== undefined && value !== null && name !== "limit")
    .map(([name, value]) => `${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");

export function ReadsTab({ listId }: { listId: string }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [actor, setActor] = useState<string | null>(null);
  const reads = useReads(listId, (page - 1) * CONTACTS_PAGE);
  if (reads.isPending) return <PageLoader />;
  if (reads.isError) return <ErrorNotice error={reads.error} onRetry={() => void reads.refetch()} />;
  const actors = [...new Set(reads.data.items.map((read) => read.actor))];
  const shown = reads.data.items.filter((read) => !actor || read.actor === actor);
  const pages = Math.max(1, Math.ceil(reads.data.total / CONTACTS_PAGE));
  return (
    <Paper>
      <Stack gap="sm">
        <Text size="sm">{t("outreach.reads.intro")}</Text>
        <Select
          label={t("outreach.reads.actor")}
          placeholder={t("outreach.filters.any")}
          data={actors}
          value={actor}
          onChange={setActor}
          clearable
          clearButtonProps={{ "aria-label": t("outreach.filters.clear") }}
          w={260}
        />
        <Text size="sm" role="status">
          {t("outreach.reads.count", { count: reads.data.total.toLocaleString("es-MX") })}
        </Text>
        {shown.length > 0 && (
          <Table.ScrollContainer minWidth={700}>
            <Table striped fz="sm">
              <caption className="visually-hidden">{t("outreach.tab.consultas")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("outreach.reads.at")}</Table.Th>
                  <Table.Th scope="col">{t("outreach.reads.actor")}</Table.Th>
                  <Table.Th scope="col">{t("outreach.reads.purpose")}</Table.Th>
                  <Table.Th scope="col">{t("outreach.reads.filters")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("outreach.reads.rows")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((read) => (
                  <Table.Tr key={read.id}>
                    <Table.Td>{dateTime(read.at)}</Table.Td>
                    <Table.Td>{read.actor}</Table.Td>
                    <Table.Td>
                      {(READ_PURPOSES as readonly string[]).includes(read.purpose)
                        ? t(`outreach.readPurpose.${read.purpose as (typeof READ_PURPOSES)[number]}`)
                        : read.purpose}
                    </Table.Td>
                    <Table.Td>{filtersText(read.filters) || "—"}</Table.Td>
                    <Table.Td ta="right">{read.rowCount.toLocaleString("es-MX")}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {pages > 1 && (
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            getControlProps={(control) => ({ "aria-label": t(`outreach.page.${control}`) })}
            getItemProps={(number) => ({ "aria-label": t("outreach.page.number", { number }) })}
          />
        )}
      </Stack>
    </Paper>
  );
}
