/** The list's campaigns, newest first: subject, status, when created, scheduled or sent, and people reached. */
import { Anchor, Paper, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { dateTime } from "../../format.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { CampaignStatusBadge } from "./common.tsx";
import { useListCampaigns } from "./data.ts";

export function CampaignsTab({ listId }: { listId: string }) {
  const t = useT();
  const campaigns = useListCampaigns(listId);
  if (campaigns.isPending) return <PageLoader />;
  if (campaigns.isError)
    return <ErrorNotice error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  if (campaigns.data.length === 0)
    return (
      <Paper>
        <Text c="dimmed">{t("outreach.campaigns.empty")}</Text>
      </Paper>
    );
  return (
    <Paper>
      <Table.ScrollContainer minWidth={700}>
        <Table striped highlightOnHover>
          <caption className="visually-hidden">{t("outreach.tab.campanas")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("outreach.campaign.subject")}</Table.Th>
              <Table.Th scope="col">{t("outreach.campaign.status")}</Table.Th>
              <Table.Th scope="col">{t("outreach.campaigns.when")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("outreach.campaign.reached")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.data.map((campaign) => (
              <Table.Tr key={campaign.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/difusion/campanas/${campaign.id}`}>
                    {campaign.subject}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <CampaignStatusBadge status={campaign.status} />
                </Table.Td>
                <Table.Td>
                  {dateTime(
                    campaign.sentAt ?? campaign.scheduledAt ?? campaign.startedAt ?? campaign.createdAt,
                  )}
                </Table.Td>
                <Table.Td ta="right">{campaign.recipientCount.toLocaleString("es-MX")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
