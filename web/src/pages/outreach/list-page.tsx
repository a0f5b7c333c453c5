/**
 * /difusion/listas/:id — one list: what it is for, its counts, and four tabs (?pestana=): its contacts, the
 * import of a file, its campaigns and the log of who read its contacts.
 */
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import { Link, useParams, useSearchParams } from "react-router";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import NotFoundPage from "../not-found-page.tsx";
import { CampaignsTab } from "./campaigns-tab.tsx";
import { SectionHeader } from "./common.tsx";
import { ContactsTab } from "./contacts-tab.tsx";
import { canWriteContacts, useList } from "./data.ts";
import { ImportTab } from "./import-tab.tsx";
import { ReadsTab } from "./reads-tab.tsx";

const TABS = ["contactos", "importar", "campanas", "consultas"] as const;
type Tab = (typeof TABS)[number];

export function ListPage() {
  const t = useT();
  const { id = "" } = useParams();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const { list, ...lists } = useList(commission?.id, id);
  const [search, setSearch] = useSearchParams();
  const canWrite = canWriteContacts(me);
  const tabs = TABS.filter((tab) => tab !== "importar" || canWrite);
  const asked = search.get("pestana") as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : "contactos";
  if (lists.isError) return <ErrorNotice error={lists.error} onRetry={() => void lists.refetch()} />;
  if (lists.isPending || !commission) return <PageLoader />;
  if (!list) return <NotFoundPage />;
  const number = (value: number) => value.toLocaleString("es-MX");
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/difusion" size="sm">
        {t("outreach.lists.back")}
      </Anchor>
      <SectionHeader
        title={list.name}
        intro={list.description ?? undefined}
        actions={
          canWrite && (
            <Button variant="default" component={Link} to={`/difusion/listas/${list.id}/editar`}>
              {t("outreach.list.edit")}
            </Button>
          )
        }
      />
      <Paper>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          <div>
            <Text size="xs" c="dimmed">
              {t("outreach.list.purpose")}
            </Text>
            <Text size="sm">{list.purpose}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t("outreach.lists.subscribed")}
            </Text>
            <Text size="sm" data-testid="list-subscribed">
              {t("outreach.list.counts", {
                subscribed: number(list.subscribedCount),
                total: number(list.contactCount),
              })}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t("outreach.list.retention")}
            </Text>
            <Text size="sm">{t("outreach.list.months", { count: list.retentionMonths })}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t("outreach.list.notice")}
            </Text>
            <Text size="sm">{list.privacyNoticeVersion}</Text>
          </div>
        </SimpleGrid>
      </Paper>
      <Tabs
        value={tab}
        onChange={(value) => value && setSearch({ pestana: value }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t("outreach.list.tabs")} mb="md">
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name} fw={500}>
              {t(`outreach.tab.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="contactos">
          <ContactsTab list={list} canWrite={canWrite} />
        </Tabs.Panel>
        {canWrite && (
          <Tabs.Panel value="importar">
            <ImportTab list={list} onDone={() => setSearch({ pestana: "contactos" })} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="campanas">
          <Group justify="flex-end" mb="sm">
            {canWrite && (
              <Button component={Link} to={`/difusion/campanas/nueva?lista=${list.id}`}>
                {t("outreach.campaigns.new")}
              </Button>
            )}
          </Group>
          <CampaignsTab listId={list.id} />
        </Tabs.Panel>
        <Tabs.Panel value="consultas">
          <ReadsTab listId={list.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
