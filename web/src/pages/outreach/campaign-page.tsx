/**
 * /difusion/campanas/nueva?lista=… — a new draft; /difusion/campanas/:id — one campaign: its words (editable
 * while a draft) with the server's preview, the actions its status allows (test send, schedule, send now,
 * cancel, send again), the live progress of the current send, the sends' history and the activity it became.
 */
import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  TagsInput,
  Text,
  Title,
} from "@mantine/core";
import { TimeInput } from "@mantine/dates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { apiDelete, apiPatch, apiPost } from "../../api/client.ts";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { DateField } from "../../components/date-field.tsx";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { dateTime, longDate } from "../../format.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";
import ForbiddenPage from "../forbidden-page.tsx";
import NotFoundPage from "../not-found-page.tsx";
import {
  CampaignForm,
  type CampaignValues,
  campaignBody,
  campaignValuesOf,
  EMPTY_CAMPAIGN,
} from "./campaign-form.tsx";
import { CampaignProgressPanel } from "./campaign-progress.tsx";
import { CampaignStatusBadge, SectionHeader } from "./common.tsx";
import {
  CAMPAIGNS_KEY,
  type Campaign,
  type CampaignDetail,
  canWriteContacts,
  LISTS_KEY,
  type ListWithCounts,
  mexicoCityInstant,
  useCampaign,
  useCampaignPreview,
  useList,
  useMailStatus,
} from "./data.ts";
import { MessagePreview } from "./message-preview.tsx";

export function NewCampaignPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const [search] = useSearchParams();
  const listId = search.get("lista") ?? "";
  const { list, ...lists } = useList(commission?.id, listId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (values: CampaignValues) =>
      apiPost<Campaign>("/campaigns", { listId, ...campaignBody(values) }),
    onSuccess: async (campaign) => {
      await queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY });
      void navigate(`/difusion/campanas/${campaign.id}`);
    },
  });
  if (!canWriteContacts(me)) return <ForbiddenPage />;
  if (lists.isError) return <ErrorNotice error={lists.error} />;
  if (lists.isPending || !commission) return <PageLoader />;
  if (!list) return <NotFoundPage />;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/difusion/listas/${list.id}?pestana=campanas`} size="sm">
        {t("outreach.campaign.backToList", { name: list.name })}
      </Anchor>
      <SectionHeader
        title={t("outreach.campaigns.new")}
        intro={t("outreach.campaigns.newIntro", { name: list.name })}
      />
      <Paper>
        <CampaignForm
          commissionId={commission.id}
          initial={EMPTY_CAMPAIGN}
          isNew
          isSaving={create.isPending || create.isSuccess}
          error={create.error}
          onSubmit={(values) => create.mutate(values)}
          onCancel={() => navigate(`/difusion/listas/${list.id}?pestana=campanas`)}
        />
      </Paper>
    </Stack>
  );
}

/** A yes/no question before an action that cannot be undone. */
function Confirm({
  opened,
  title,
  children,
  confirmLabel,
  color,
  isPending,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  isPending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("outreach.closeDialog") }}
      opened={opened}
      onClose={onClose}
      title={title}
      centered
    >
      <Stack gap="md">
        {children}
        {error !== null && error !== undefined && <ErrorNotice error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={isPending}>
            {t("form.cancel")}
          </Button>
          <Button color={color} loading={isPending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function TestSend({ campaign, mailConfigured }: { campaign: Campaign; mailConfigured: boolean }) {
  const t = useT();
  const [to, setTo] = useState<string[]>([]);
  const send = useMutation({
    mutationFn: () => apiPost<{ sent: number }>(`/campaigns/${campaign.id}/test`, { to }),
  });
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t("outreach.test.title")}
      </Title>
      <Group align="flex-end" gap="sm">
        <TagsInput
          label={t("outreach.test.to")}
          description={t("outreach.test.toHint")}
          value={to}
          onChange={setTo}
          maxTags={5}
          splitChars={[",", " ", ";"]}
          error={fieldErrors(send.error).to}
          w={420}
          disabled={!mailConfigured}
        />
        <Button
          variant="default"
          disabled={!mailConfigured || to.length === 0}
          loading={send.isPending}
          onClick={() => send.mutate()}
        >
          {t("outreach.test.send")}
        </Button>
      </Group>
      {!mailConfigured && (
        <Text size="xs" c="dimmed">
          {t("outreach.test.unavailable")}
        </Text>
      )}
      {send.isSuccess && (
        <Text size="sm" c="teal.9" role="status">
          {t("outreach.test.sent", { count: send.data.sent })}
        </Text>
      )}
      <FormErrors error={send.error} fields={["to"]} />
    </Stack>
  );
}

function Schedule({ campaign, mailConfigured }: { campaign: Campaign; mailConfigured: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [date, setDate] = useState("");
  const [time, setTime] = useState("09:00");
  const refresh = () => queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY });
  const schedule = useMutation({
    mutationFn: () =>
      apiPost<Campaign>(`/campaigns/${campaign.id}/schedule`, { at: mexicoCityInstant(date, time) ?? "" }),
    onSuccess: refresh,
  });
  const unschedule = useMutation({
    mutationFn: () => apiDelete<Campaign>(`/campaigns/${campaign.id}/schedule`),
    onSuccess: refresh,
  });
  if (campaign.status === "scheduled" && campaign.scheduledAt)
    return (
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t("outreach.schedule.title")}
        </Title>
        <Group gap="sm">
          <Text size="sm" data-testid="campaign-scheduled-at">
            {t("outreach.schedule.at", { at: dateTime(campaign.scheduledAt) })}
          </Text>
          <Button
            variant="default"
            size="xs"
            loading={unschedule.isPending}
            onClick={() => unschedule.mutate()}
          >
            {t("outreach.schedule.remove")}
          </Button>
        </Group>
        {unschedule.error !== null && <ErrorNotice error={unschedule.error} />}
      </Stack>
    );
  const errors = fieldErrors(schedule.error);
  return (
    <form
      noValidate
      aria-label={t("outreach.schedule.title")}
      onSubmit={(event) => {
        event.preventDefault();
        schedule.mutate();
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t("outreach.schedule.title")}
        </Title>
        <Group align="flex-end" gap="sm">
          <DateField
            label={t("outreach.schedule.date")}
            value={date}
            onChange={setDate}
            error={errors.at}
            disabled={!mailConfigured}
            w={180}
          />
          <TimeInput
            label={t("outreach.schedule.time")}
            description={t("outreach.schedule.timeHint")}
            value={time}
            onChange={(event) => setTime(event.currentTarget.value)}
            disabled={!mailConfigured}
            w={180}
          />
          <Button
            type="submit"
            variant="default"
            disabled={!mailConfigured || !date}
            loading={schedule.isPending}
          >
            {t("outreach.schedule.submit")}
          </Button>
        </Group>
        {!mailConfigured && (
          <Text size="xs" c="dimmed">
            {t("outreach.schedule.unavailable")}
          </Text>
        )}
        <FormErrors error={schedule.error} fields={["at"]} />
      </Stack>
    </form>
  );
}

type Pending = "start" | "again" | "cancel" | null;

function Actions({
  campaign,
  list,
  mailConfigured,
}: {
  campaign: Campaign;
  list: ListWithCounts | undefined;
  mailConfigured: boolean;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<Pending>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY });
    await queryClient.invalidateQueries({ queryKey: LISTS_KEY });
  };
  const start = useMutation({
    mutationFn: () => apiPost<Campaign & { deliveries: number }>(`/campaigns/${campaign.id}/start`),
    onSuccess: async () => {
      setAsking(null);
      await refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: () => apiPost<Campaign>(`/campaigns/${campaign.id}/cancel`),
    onSuccess: async () => {
      setAsking(null);
      await refresh();
    },
  });
  const subscribed = (list?.subscribedCount ?? 0).toLocaleString("es-MX");
  const canStart = campaign.status === "draft" || campaign.status === "scheduled";
  const canCancel = canStart || campaign.status === "sending";
  const close = () => {
    setAsking(null);
    start.reset();
    cancel.reset();
  };
  return (
    <Stack gap="md">
      {campaign.status !== "cancelled" && <TestSend campaign={campaign} mailConfigured={mailConfigured} />}
      {canStart && <Schedule campaign={campaign} mailConfigured={mailConfigured} />}
      <Group gap="sm">
        {canStart && <Button onClick={() => setAsking("start")}>{t("outreach.send.now")}</Button>}
        {campaign.status === "sent" && (
          <Button onClick={() => setAsking("again")}>{t("outreach.send.again")}</Button>
        )}
        {canCancel && (
          <Button color="red" variant="light" onClick={() => setAsking("cancel")}>
            {t("outreach.send.cancel")}
          </Button>
        )}
      </Group>
      <Confirm
        opened={asking === "start" || asking === "again"}
        title={asking === "again" ? t("outreach.send.againTitle") : t("outreach.send.nowTitle")}
        confirmLabel={asking === "again" ? t("outreach.send.againConfirm") : t("outreach.send.nowConfirm")}
        isPending={start.isPending}
        error={start.error}
        onConfirm={() => start.mutate()}
        onClose={close}
      >
        <Text size="sm" data-testid="send-confirmation">
          {t("outreach.send.nowBody", { count: subscribed, list: list?.name ?? "" })}
        </Text>
        {!mailConfigured && (
          <Text size="sm">
            {t("outreach.mail.commandBefore")} <Code>vincula campaign send --id {campaign.id}</Code>
          </Text>
        )}
      </Confirm>
      <Confirm
        opened={asking === "cancel"}
        title={t("outreach.send.cancelTitle")}
        confirmLabel={t("outreach.send.cancelConfirm")}
        color="red"
        isPending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancel.mutate()}
        onClose={close}
      >
        <Text size="sm">
          {campaign.status === "sending" ? t("outreach.send.cancelSending") : t("outreach.send.cancelBody")}
        </Text>
      </Confirm>
    </Stack>
  );
}

function Sends({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  if (campaign.sends.length === 0) return null;
  const number = (value: number | null) => (value === null ? "—" : value.toLocaleString("es-MX"));
  return (
    <Paper>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("outreach.sends.title")}
        </Title>
        <Table.ScrollContainer minWidth={700}>
          <Table withTableBorder fz="sm">
            <caption className="visually-hidden">{t("outreach.sends.title")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("outreach.sends.number")}</Table.Th>
                <Table.Th scope="col">{t("outreach.sends.sentOn")}</Table.Th>
                <Table.Th scope="col">{t("outreach.sends.started")}</Table.Th>
                <Table.Th scope="col">{t("outreach.sends.finished")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("outreach.sends.delivered")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("outreach.sends.failed")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaign.sends.map((send) => (
                <Table.Tr key={send.number}>
                  <Table.Td>{send.number}</Table.Td>
                  <Table.Td data-testid="send-date">{longDate(send.sentOn)}</Table.Td>
                  <Table.Td>{dateTime(send.startedAt)}</Table.Td>
                  <Table.Td>
                    {send.finishedAt ? dateTime(send.finishedAt) : t("outreach.sends.running")}
                  </Table.Td>
                  <Table.Td ta="right">{number(send.delivered)}</Table.Td>
                  <Table.Td ta="right">{number(send.failed)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

function Preview({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const preview = useCampaignPreview(campaign.id, campaign.updatedAt);
  return (
    <Paper>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("outreach.preview.title")}
        </Title>
        <Text size="xs" c="dimmed">
          {t("outreach.preview.intro")}
        </Text>
        {preview.isPending ? (
          <PageLoader />
        ) : preview.isError ? (
          <ErrorNotice error={preview.error} onRetry={() => void preview.refetch()} />
        ) : (
          <MessagePreview preview={preview.data} />
        )}
      </Stack>
    </Paper>
  );
}

export function CampaignPage() {
  const t = useT();
  const { id = "" } = useParams();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const campaign = useCampaign(id);
  const { list } = useList(commission?.id, campaign.data?.listId);
  const mail = useMailStatus();
  const queryClient = useQueryClient();
  const canWrite = canWriteContacts(me);
  const update = useMutation({
    mutationFn: (values: CampaignValues) => apiPatch<Campaign>(`/campaigns/${id}`, campaignBody(values)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY }),
  });
  if (campaign.isError) return <ErrorNotice error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (campaign.isPending || !commission) return <PageLoader />;
  const current = campaign.data;
  const mailConfigured = mail.data?.configured ?? true;
  const activity = current.activityId ? recordPath("activity", current.activityId) : undefined;
  // A draft reads top to bottom: words, preview, then send; afterwards what can be done comes first.
  const isDraft = current.status === "draft";
  const actions = canWrite && (
    <Paper>
      <Actions campaign={current} list={list} mailConfigured={mailConfigured} />
    </Paper>
  );
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/difusion/listas/${current.listId}?pestana=campanas`} size="sm">
        {t("outreach.campaign.backToList", { name: list?.name ?? t("outreach.campaign.theList") })}
      </Anchor>
      <SectionHeader title={current.subject} actions={<CampaignStatusBadge status={current.status} />} />
      {mail.data && !mail.data.configured && (
        <Alert
          color="orange"
          variant="light"
          title={
            // The light variant's title colour is too pale on its background; the text stays dark.
            <Text span fw={700} size="sm" c="dark.9">
              {t("outreach.mail.title")}
            </Text>
          }
        >
          <Text size="sm">
            {t("outreach.mail.commandBefore")} <Code>vincula campaign send --id {current.id}</Code>
          </Text>
          <Text size="sm" mt={4}>
            {t("outreach.mail.who")}
          </Text>
        </Alert>
      )}
      {(current.status === "sending" || current.sends.length > 0) && (
        <CampaignProgressPanel
          campaignId={current.id}
          status={current.status}
          onChange={() => void queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY })}
        />
      )}
      <Sends campaign={current} />
      {activity && (
        <Text size="sm">
          <Anchor component={Link} to={activity}>
            {t("outreach.campaign.activity")}
          </Anchor>
        </Text>
      )}
      {isDraft && canWrite ? (
        <Paper>
          <CampaignForm
            key={`${current.id}-${current.updatedAt}`}
            commissionId={commission.id}
            initial={campaignValuesOf(current)}
            isNew={false}
            isSaving={update.isPending}
            error={update.error}
            onSubmit={(values) => update.mutate(values)}
          />
          {update.isSuccess && !update.isPending && (
            <Text size="sm" c="teal.9" role="status" mt="sm">
              {t("outreach.campaign.saved")}
            </Text>
          )}
        </Paper>
      ) : (
        <Paper>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t("outreach.campaign.reportTitle")}
            </Text>
            <Text size="sm">
              {current.reportTitle ?? t("outreach.campaign.reportTitleDefault", { subject: current.subject })}
            </Text>
          </Stack>
        </Paper>
      )}
      {isDraft && <Preview campaign={current} />}
      {actions}
      {!isDraft && <Preview campaign={current} />}
    </Stack>
  );
}
