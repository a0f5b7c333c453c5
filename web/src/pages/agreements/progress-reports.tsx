/**
 * The progress reported on the agreement, session by session (GET /agreement-progress): the session it was
 * presented in, the area that reported it and the text. The secretariat, and an area liaison on its own area's
 * agreements, add one (POST /agreement-progress); nobody else sees the form.
 */
import { Button, Group, Paper, Select, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { apiGet, apiPost } from "../../api/client.ts";
import type { Page } from "../../api/types.ts";
import { useMe } from "../../auth/auth.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import {
  type Agreement,
  type AgreementProgress,
  canReportProgress,
  type Lookups,
  shortName,
} from "./data.ts";

const progressKey = (agreementId: string) => ["agreement-progress", agreementId] as const;

function ProgressForm({
  agreement,
  lookups,
  onDone,
}: {
  agreement: Agreement;
  lookups: Lookups;
  onDone: () => void;
}) {
  const t = useT();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const ownArea = me?.roles.find(
    (role) => role.role === "area_liaison" && role.areaId && agreement.areaIds.includes(role.areaId),
  )?.areaId;
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [areaId, setAreaId] = useState<string | null>(ownArea ?? agreement.areaIds[0] ?? null);
  const [text, setText] = useState("");
  const add = useMutation({
    mutationFn: () =>
      apiPost<AgreementProgress>("/agreement-progress", {
        agreementId: agreement.id,
        sessionId: sessionId ?? "",
        ...(areaId ? { areaId } : {}),
        ...(text.trim() ? { text: text.trim() } : {}),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["agreement-progress"] });
      onDone();
    },
  });
  const errors = fieldErrors(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const areaChoices = ownArea
    ? [ownArea]
    : agreement.areaIds.length > 0
      ? agreement.areaIds
      : lookups.areas.map((a) => a.id);
  return (
    <form onSubmit={submit} noValidate aria-label={t("agreements.progress.add")}>
      <UnsavedChangesGuard when={(!!sessionId || text.trim() !== "") && !add.isPending} />
      <Stack gap="sm">
        <Group grow align="flex-start">
          <Select
            label={t("agreements.progress.session")}
            placeholder={t("agreements.progress.pickSession")}
            data={lookups.sessions.map((session) => ({
              value: session.id,
              label: `${session.name} (${session.dateText})`,
            }))}
            value={sessionId}
            onChange={setSessionId}
            error={errors.sessionId}
            required
            searchable
          />
          <Select
            label={t("agreements.progress.area")}
            data={areaChoices.map((id) => ({ value: id, label: lookups.area.get(id)?.name ?? id }))}
            value={areaId}
            onChange={setAreaId}
            error={errors.areaId}
            clearable={!ownArea}
            allowDeselect={!ownArea}
          />
        </Group>
        <Textarea
          label={t("agreements.progress.text")}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={errors.text}
          autosize
          minRows={3}
        />
        <FormErrors error={add.error} fields={["sessionId", "areaId", "text"]} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("form.cancel")}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t("agreements.progress.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ProgressReports({ agreement, lookups }: { agreement: Agreement; lookups: Lookups }) {
  const t = useT();
  const me = useMe().data;
  const [isAdding, setAdding] = useState(false);
  const progress = useQuery({
    queryKey: progressKey(agreement.id),
    queryFn: () =>
      apiGet<Page<AgreementProgress>>("/agreement-progress", { agreementId: agreement.id, limit: 500 }),
  });
  const mayAdd = canReportProgress(me, agreement);
  const sessionDate = (id: string) => lookups.session.get(id)?.date ?? "";
  const rows = [...(progress.data?.items ?? [])].sort((a, b) =>
    sessionDate(a.sessionId).localeCompare(sessionDate(b.sessionId)),
  );
  return (
    <Paper component="section" aria-labelledby="progress-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="progress-title">
            {t("agreements.progress.title")}
          </Title>
          {mayAdd && !isAdding && (
            <Button size="xs" variant="default" onClick={() => setAdding(true)}>
              {t("agreements.progress.add")}
            </Button>
          )}
        </Group>
        {isAdding && <ProgressForm agreement={agreement} lookups={lookups} onDone={() => setAdding(false)} />}
        {progress.isPending ? (
          <PageLoader />
        ) : progress.isError ? (
          <ErrorNotice error={progress.error} onRetry={() => void progress.refetch()} />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("agreements.progress.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped fz="sm" verticalSpacing="xs">
              <caption className="visually-hidden">{t("agreements.progress.title")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w="35%">
                    {t("agreements.progress.session")}
                  </Table.Th>
                  <Table.Th scope="col">{t("agreements.progress.area")}</Table.Th>
                  <Table.Th scope="col">{t("agreements.progress.text")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => {
                  const session = lookups.session.get(row.sessionId);
                  return (
                    <Table.Tr key={row.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {session?.name ?? "—"}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {session?.dateText}
                        </Text>
                      </Table.Td>
                      <Table.Td>{row.areaId ? shortName(lookups.area.get(row.areaId)) : "—"}</Table.Td>
                      <Table.Td>{row.text ?? t("agreements.progress.noText")}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
