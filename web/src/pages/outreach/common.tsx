/** Pieces every Difusión page shares: the heading with the section's two views, and the status badges. */
import { Box, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { ViewLinks } from "../../components/view-links.tsx";
import { useT } from "../../i18n/i18n.ts";
import type { CampaignStatus, ContactStatus } from "./data.ts";

const VIEWS = [
  { path: "/difusion", label: "outreach.view.lists" },
  { path: "/difusion/arco", label: "outreach.view.arco" },
] as const;

/** The h1, its introduction, and links to the section's views (the current one marked). */
export function SectionHeader({
  title,
  intro,
  actions,
}: {
  title: string;
  intro?: string;
  actions?: ReactNode;
}) {
  const t = useT();
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{title}</Title>
          {intro && (
            <Text c="dimmed" size="sm" mt={4}>
              {intro}
            </Text>
          )}
        </div>
        {actions}
      </Group>
      <ViewLinks views={VIEWS} label={t("outreach.view.label")} />
    </Stack>
  );
}

const CONTACT_COLOR: Record<ContactStatus, string> = {
  subscribed: "teal",
  unsubscribed: "gray",
  bounced: "orange",
  blocked: "red",
};

/** A status in words after a coloured dot: the words carry the meaning (and the contrast), the colour helps the eye. */
function DotLabel({ color, label, testId }: { color: string; label: string; testId?: string }) {
  return (
    <Group gap={6} wrap="nowrap" component="span" style={{ display: "inline-flex" }}>
      <Box
        component="span"
        w={8}
        h={8}
        bg={`${color}.6`}
        style={{ borderRadius: "50%", flexShrink: 0 }}
        aria-hidden
      />
      <Text span size="sm" data-testid={testId}>
        {label}
      </Text>
    </Group>
  );
}

export function ContactStatusBadge({ status }: { status: ContactStatus }) {
  const t = useT();
  return <DotLabel color={CONTACT_COLOR[status]} label={t(`outreach.contactStatus.${status}`)} />;
}

const CAMPAIGN_COLOR: Record<CampaignStatus, string> = {
  draft: "gray",
  scheduled: "indigo",
  sending: "blue",
  sent: "teal",
  cancelled: "red",
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const t = useT();
  return (
    <DotLabel
      color={CAMPAIGN_COLOR[status]}
      label={t(`outreach.campaignStatus.${status}`)}
      testId="campaign-status"
    />
  );
}
