/**
 * /difusion/arco — data-protection requests (access, rectification, cancellation, opposition): pending first by
 * deadline, each deadline with its days left (highlighted when five days or fewer remain, or it passed); a new
 * request; its resolution; and the export of everything Vincula holds about one person, by address, as JSON.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { apiDownload, apiPost } from "../../api/client.ts";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { DateField } from "../../components/date-field.tsx";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { longDate, today } from "../../format.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { SectionHeader } from "./common.tsx";
import {
  ARCO_KEY,
  ARCO_KINDS,
  ARCO_OUTCOMES,
  type ArcoKind,
  canWriteContacts,
  type DataProtectionRequest,
  daysLeft,
  NEAR_DEADLINE_DAYS,
  useDataProtectionRequests,
} from "./data.ts";

function DaysLeft({ request, now }: { request: DataProtectionRequest; now: string }) {
  const t = useT();
  if (request.status !== "received") return null;
  const days = daysLeft(request.deadlineOn, now);
  // Dark red (white text) once it passed, yellow (dark text) when near: both readable at AA contrast.
  const color = days < 0 ? "red.9" : days <= NEAR_DEADLINE_DAYS ? "yellow.4" : "gray";
  const label =
    days < 0
      ? t("outreach.arco.overdue", { count: -days })
      : days === 0
        ? t("outreach.arco.dueToday")
        : t("outreach.arco.daysLeft", { count: days });
  return (
    <Badge
      color={color}
      variant={color === "gray" ? "outline" : "filled"}
      autoContrast
      tt="none"
      radius="sm"
      data-testid="days-left"
    >
      {label}
    </Badge>
  );
}

const REQUEST_FIELDS = ["kind", "requesterEmail", "requesterName", "details", "receivedOn"];

function NewRequestForm({ commissionId, onDone }: { commissionId: string; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const initial = {
    kind: "access" as ArcoKind,
    requesterEmail: "",
    requesterName: "",
    details: "",
    receivedOn: today(),
  };
  const [values, setValues] = useState(initial);
  const create = useMutation({
    mutationFn: () =>
      apiPost<DataProtectionRequest>("/data-protection-requests", {
        commissionId,
        kind: values.kind,
        requesterEmail: values.requesterEmail,
        requesterName: values.requesterName.trim() || null,
        details: values.details.trim() || null,
        receivedOn: values.receivedOn,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ARCO_KEY });
      onDone();
    },
  });
  const errors = fieldErrors(create.error);
  const isDirty = JSON.stringify(values) !== JSON.stringify(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t("outreach.arco.new")}>
      <UnsavedChangesGuard when={isDirty && !create.isPending} />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("outreach.arco.kind")}
            data={ARCO_KINDS.map((kind) => ({ value: kind, label: t(`outreach.arcoKind.${kind}`) }))}
            value={values.kind}
            onChange={(kind) => kind && setValues({ ...values, kind: kind as ArcoKind })}
            allowDeselect={false}
            error={errors.kind}
            required
          />
          <DateField
            label={t("outreach.arco.receivedOn")}
            value={values.receivedOn}
            onChange={(receivedOn) => setValues({ ...values, receivedOn })}
            error={errors.receivedOn}
            required
          />
          <TextInput
            label={t("outreach.arco.email")}
            type="email"
            required
            value={values.requesterEmail}
            onChange={(event) => setValues({ ...values, requesterEmail: event.currentTarget.value })}
            error={errors.requesterEmail}
          />
          <TextInput
            label={t("outreach.arco.name")}
            value={values.requesterName}
            onChange={(event) => setValues({ ...values, requesterName: event.currentTarget.value })}
            error={errors.requesterName}
          />
        </SimpleGrid>
        <Textarea
          label={t("outreach.arco.details")}
          autosize
          minRows={3}
          value={values.details}
          onChange={(event) => setValues({ ...values, details: event.currentTarget.value })}
          error={errors.details}
        />
        <FormErrors error={create.error} fields={REQUEST_FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("form.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("outreach.arco.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ResolveForm({ request, onDone }: { request: DataProtectionRequest; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const initial = { status: "granted", outcome: "", resolvedOn: today() };
  const [values, setValues] = useState(initial);
  const resolve = useMutation({
    mutationFn: () =>
      apiPost<DataProtectionRequest>(`/data-protection-requests/${request.id}/resolution`, values),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ARCO_KEY });
      onDone();
    },
  });
  const errors = fieldErrors(resolve.error);
  const isDirty = JSON.stringify(values) !== JSON.stringify(initial);
  return (
    <form
      noValidate
      aria-label={t("outreach.arco.resolve")}
      onSubmit={(event) => {
        event.preventDefault();
        resolve.mutate();
      }}
    >
      <UnsavedChangesGuard when={isDirty && !resolve.isPending} />
      <Stack gap="md">
        <Text size="sm">
          {t("outreach.arco.resolveIntro", {
            kind: t(`outreach.arcoKind.${request.kind}`),
            email: request.requesterEmail,
            deadline: longDate(request.deadlineOn),
          })}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("outreach.arco.outcomeStatus")}
            data={ARCO_OUTCOMES.map((status) => ({
              value: status,
              label: t(`outreach.arcoStatus.${status}`),
            }))}
            value={values.status}
            onChange={(status) => status && setValues({ ...values, status })}
            allowDeselect={false}
            error={errors.status}
            required
          />
          <DateField
            label={t("outreach.arco.resolvedOn")}
            value={values.resolvedOn}
            onChange={(resolvedOn) => setValues({ ...values, resolvedOn })}
            error={errors.resolvedOn}
            required
          />
        </SimpleGrid>
        {values.status === "granted" &&
          (request.kind === "cancellation" || request.kind === "opposition") && (
            <Alert color="red" variant="light" data-testid="arco-effect">
              <Text size="sm" c="dark.9">
                {t(`outreach.arco.effect.${request.kind}`, { email: request.requesterEmail })}
              </Text>
            </Alert>
          )}
        <Textarea
          label={t("outreach.arco.outcome")}
          description={t("outreach.arco.outcomeHint")}
          required
          autosize
          minRows={3}
          value={values.outcome}
          onChange={(event) => setValues({ ...values, outcome: event.currentTarget.value })}
          error={errors.outcome}
        />
        <FormErrors error={resolve.error} fields={["status", "outcome", "resolvedOn"]} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("form.cancel")}
          </Button>
          <Button type="submit" loading={resolve.isPending}>
            {t("outreach.arco.resolveSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PersonExport() {
  const t = useT();
  const [email, setEmail] = useState("");
  const download = useMutation({
    mutationFn: () =>
      apiDownload("/personal-data", {
        query: { email: email.trim() },
        fallbackName: `datos-personales-${email.trim().replace(/[^\w.@-]/g, "_")}.json`,
      }),
  });
  return (
    <Paper>
      <form
        noValidate
        aria-label={t("outreach.export.title")}
        onSubmit={(event) => {
          event.preventDefault();
          download.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("outreach.export.title")}
          </Title>
          <Text size="sm">{t("outreach.export.intro")}</Text>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t("outreach.export.email")}
              type="email"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              w={320}
            />
            <Button
              type="submit"
              variant="default"
              disabled={email.trim() === ""}
              loading={download.isPending}
            >
              {t("outreach.export.submit")}
            </Button>
          </Group>
          {download.isSuccess && (
            <Text size="sm" c="teal.9" role="status">
              {t("outreach.export.done", { name: download.data.name })}
            </Text>
          )}
          {download.error !== null && <ErrorNotice error={download.error} />}
        </Stack>
      </form>
    </Paper>
  );
}

export function ArcoPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const requests = useDataProtectionRequests(commission?.id);
  const [adding, setAdding] = useState(false);
  const [resolving, setResolving] = useState<DataProtectionRequest | null>(null);
  const canWrite = canWriteContacts(me);
  const now = today();
  return (
    <Stack gap="lg">
      <SectionHeader
        title={t("outreach.arco.title")}
        intro={t("outreach.arco.intro")}
        actions={canWrite && <Button onClick={() => setAdding(true)}>{t("outreach.arco.new")}</Button>}
      />
      <Paper>
        {requests.isPending || !commission ? (
          <PageLoader />
        ) : requests.isError ? (
          <ErrorNotice error={requests.error} onRetry={() => void requests.refetch()} />
        ) : requests.data.length === 0 ? (
          <Text c="dimmed">{t("outreach.arco.empty")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped>
              <caption className="visually-hidden">{t("outreach.arco.caption")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("outreach.arco.kind")}</Table.Th>
                  <Table.Th scope="col">{t("outreach.arco.person")}</Table.Th>
                  <Table.Th scope="col">{t("outreach.arco.receivedOn")}</Table.Th>
                  <Table.Th scope="col">{t("outreach.arco.deadline")}</Table.Th>
                  <Table.Th scope="col">{t("outreach.arco.status")}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t("outreach.contacts.actions")}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {requests.data.map((request) => (
                  <Table.Tr key={request.id} data-email={request.requesterEmail}>
                    <Table.Td>{t(`outreach.arcoKind.${request.kind}`)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{request.requesterName ?? "—"}</Text>
                      <Text size="xs" c="dimmed">
                        {request.requesterEmail}
                      </Text>
                    </Table.Td>
                    <Table.Td>{longDate(request.receivedOn)}</Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <Text size="sm" data-testid="deadline">
                          {longDate(request.deadlineOn)}
                        </Text>
                        <DaysLeft request={request} now={now} />
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`outreach.arcoStatus.${request.status}`)}</Text>
                      {request.resolvedOn && (
                        <Text size="xs" c="dimmed">
                          {longDate(request.resolvedOn)}
                          {request.outcome ? ` — ${request.outcome}` : ""}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {canWrite && request.status === "received" && (
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => setResolving(request)}
                          aria-label={t("outreach.arco.resolveOne", { email: request.requesterEmail })}
                        >
                          {t("outreach.arco.resolve")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <PersonExport />
      <Modal
        closeButtonProps={{ "aria-label": t("outreach.closeDialog") }}
        opened={adding}
        onClose={() => setAdding(false)}
        title={t("outreach.arco.new")}
        size="lg"
      >
        {adding && commission && (
          <NewRequestForm commissionId={commission.id} onDone={() => setAdding(false)} />
        )}
      </Modal>
      <Modal
        closeButtonProps={{ "aria-label": t("outreach.closeDialog") }}
        opened={resolving !== null}
        onClose={() => setResolving(null)}
        title={t("outreach.arco.resolve")}
        size="lg"
      >
        {resolving && <ResolveForm request={resolving} onDone={() => setResolving(null)} />}
      </Modal>
    </Stack>
  );
}
