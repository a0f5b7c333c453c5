/** /difusion — the commission's contact lists with their counts, retention and privacy-notice version. */
import { Anchor, Button, Paper, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { SectionHeader } from "./common.tsx";
import { canWriteContacts, useLists } from "./data.ts";

export function ListsPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const lists = useLists(commission?.id);
  const number = (value: number) => value.toLocaleString("es-MX");
  return (
    <Stack gap="lg">
      <SectionHeader
        title={t("outreach.title")}
        intro={t("outreach.lists.intro")}
        actions={
          canWriteContacts(me) && (
            <Button component={Link} to="/difusion/listas/nueva">
              {t("outreach.lists.new")}
            </Button>
          )
        }
      />
      <Paper>
        {lists.isPending ? (
          <PageLoader />
        ) : lists.isError ? (
          <ErrorNotice error={lists.error} onRetry={() => void lists.refetch()} />
        ) : lists.data.length === 0 ? (
          <Text c="dimmed">{t("outreach.lists.empty")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover>
              <caption className="visually-hidden">{t("outreach.lists.caption")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("outreach.list.name")}</Table.Th>
                  <Table.Th scope="col">{t("outreach.list.key")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("outreach.lists.subscribed")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("outreach.lists.unsubscribed")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("outreach.lists.bounced")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("outreach.lists.blocked")}
                  </Table.Th>
                  <Table.Th scope="col">{t("outreach.list.retention")}</Table.Th>
                  <Table.Th scope="col">{t("outreach.list.notice")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lists.data.map((list) => (
                  <Table.Tr key={list.id} data-key={list.key}>
                    <Table.Td>
                      <Anchor component={Link} to={`/difusion/listas/${list.id}`}>
                        {list.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{list.key}</Table.Td>
                    <Table.Td ta="right">{number(list.subscribedCount)}</Table.Td>
                    <Table.Td ta="right">{number(list.unsubscribedCount)}</Table.Td>
                    <Table.Td ta="right">{number(list.bouncedCount)}</Table.Td>
                    <Table.Td ta="right">{number(list.blockedCount)}</Table.Td>
                    <Table.Td>{t("outreach.list.months", { count: list.retentionMonths })}</Table.Td>
                    <Table.Td>{list.privacyNoticeVersion}</Table.Td>
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
