/**
 * The minutes (minuta): the file, uploaded with its progress (POST /attachments, the bytes as they are) and then
 * named on the session (PATCH /sessions/:id `minutesAttachmentId`), downloadable by whoever may read records; and
 * their approval — the resolution of a later session that approved them (PUT /sessions/:id/minutes-approval),
 * which the technical secretariat records or undoes (DELETE).
 */
import { Anchor, Button, FileInput, Group, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { apiDelete, apiGet, apiPatch, apiPut, apiUpload, apiUrl, type Progress } from "../../api/client.ts";
import type { Page, Session } from "../../api/types.ts";
import { hasPermission, useMe } from "../../auth/auth.ts";
import { OperationProgress } from "../../components/operation-progress.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { recordPath } from "../../records.ts";
import { type Attachment, fetchAll, keys, type Resolution, type SessionRecord } from "./session-api.ts";

const kib = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("es-MX")} KiB`;

export function MinutesPanel({ session, canWrite }: { session: SessionRecord; canWrite: boolean }) {
  const t = useT();
  return (
    <Paper component="section" aria-labelledby="session-minutes">
      <Stack gap="lg">
        <Title order={2} id="session-minutes">
          {t("sessions.minutes.title")}
        </Title>
        <MinutesFile session={session} canWrite={canWrite} />
        <MinutesApproval session={session} canWrite={canWrite} />
      </Stack>
    </Paper>
  );
}

function MinutesFile({ session, canWrite }: { session: SessionRecord; canWrite: boolean }) {
  const t = useT();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const canDownload = hasPermission(me, "records.read");
  const attachmentId = session.minutesAttachmentId;
  const file = useQuery({
    queryKey: ["attachments", attachmentId],
    enabled: !!attachmentId && canDownload,
    queryFn: () => apiGet<Attachment>(`/attachments/${attachmentId}`),
  });
  const [progress, setProgress] = useState<Progress | null>(null);
  const upload = useMutation({
    mutationFn: async (chosen: File) => {
      setProgress(null);
      const attachment = await apiUpload<Attachment>("/attachments", chosen, {
        query: { filename: chosen.name },
        onProgress: setProgress,
      });
      return apiPatch<SessionRecord>(`/sessions/${session.id}`, { minutesAttachmentId: attachment.id });
    },
    onSuccess: (updated) => queryClient.setQueryData(keys.session(session.id), updated),
  });
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t("sessions.minutes.file")}
      </Title>
      {!attachmentId ? (
        <Text size="sm" c="dimmed">
          {t("sessions.minutes.noFile")}
        </Text>
      ) : !canDownload ? (
        <Text size="sm">{t("sessions.minutes.fileRegistered")}</Text>
      ) : file.isError ? (
        <ErrorNotice error={file.error} />
      ) : (
        <Group gap="sm">
          <Anchor
            href={apiUrl(`/attachments/${attachmentId}/content`)}
            download={file.data?.filename}
            size="sm"
            fw={600}
          >
            {t("sessions.minutes.download", { name: file.data?.filename ?? "…" })}
          </Anchor>
          {file.data && (
            <Text size="xs" c="dimmed">
              {kib(file.data.size)}
            </Text>
          )}
        </Group>
      )}
      {canWrite && (
        <FileInput
          label={t(attachmentId ? "sessions.minutes.replace" : "sessions.minutes.upload")}
          description={t("sessions.minutes.uploadHint")}
          placeholder={t("sessions.minutes.choose")}
          // Mantine's placeholder grey falls short of 4.5:1; the secondary text colour does not.
          styles={{ placeholder: { color: "var(--mantine-color-dimmed)" } }}
          accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          value={null}
          onChange={(chosen) => chosen && upload.mutate(chosen)}
          disabled={upload.isPending}
          maw={420}
          clearable={false}
        />
      )}
      {upload.isPending && <OperationProgress label={t("sessions.minutes.uploading")} progress={progress} />}
      {upload.isError && <ErrorNotice error={upload.error} />}
      {upload.isSuccess && (
        <Text size="sm" c="teal.9" role="status">
          {t("sessions.minutes.uploaded")}
        </Text>
      )}
    </Stack>
  );
}

function MinutesApproval({ session, canWrite }: { session: SessionRecord; canWrite: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const approvedBy = session.minutesApprovedByResolutionId;
  const approving = useQuery({
    queryKey: [...keys.resolutions, "one", approvedBy],
    enabled: !!approvedBy,
    queryFn: () => apiGet<Resolution>(`/resolutions/${approvedBy}`),
  });
  // Candidates: resolutions adopted in the commission's later sessions (the API checks the same).
  const candidates = useQuery({
    queryKey: [...keys.resolutions, "minutes-candidates", session.id],
    enabled: canWrite && !approvedBy,
    queryFn: async () => {
      const later = await apiGet<Page<Session>>("/sessions", {
        commissionId: session.commissionId,
        from: session.date,
        limit: 500,
      });
      const laterIds = new Set(later.items.filter((s) => s.id !== session.id).map((s) => s.id));
      const all = await fetchAll<Resolution>("/resolutions", {
        commissionId: session.commissionId,
        sort: "seq",
      });
      return all.filter((r) => laterIds.has(r.sessionId) && r.outcome === "adopted");
    },
  });
  const [chosen, setChosen] = useState("");
  const onSaved = (updated: SessionRecord) => {
    queryClient.setQueryData(keys.session(session.id), updated);
    setChosen("");
  };
  const approve = useMutation({
    mutationFn: () =>
      apiPut<SessionRecord>(`/sessions/${session.id}/minutes-approval`, { resolutionId: chosen }),
    onSuccess: onSaved,
  });
  const undo = useMutation({
    mutationFn: () => apiDelete<SessionRecord>(`/sessions/${session.id}/minutes-approval`),
    onSuccess: onSaved,
  });
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t("sessions.minutes.approval")}
      </Title>
      {approvedBy ? (
        <Group gap="sm">
          <Text size="sm">
            {t("sessions.minutes.approvedBy")}{" "}
            <Anchor
              component={Link}
              to={recordPath("resolution", approvedBy) as string}
              fw={600}
              underline="always"
            >
              {approving.data?.number ?? "…"}
            </Anchor>
            {approving.data ? ` — ${approving.data.title}` : ""}
          </Text>
          {canWrite && (
            <Button variant="default" size="xs" loading={undo.isPending} onClick={() => undo.mutate()}>
              {t("sessions.minutes.undo")}
            </Button>
          )}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t("sessions.minutes.notApproved")}
        </Text>
      )}
      {canWrite && !approvedBy && (
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t("sessions.minutes.approvingResolution")}
            value={chosen}
            onChange={(event) => setChosen(event.currentTarget.value)}
            data={[
              {
                value: "",
                label:
                  candidates.data?.length === 0
                    ? t("sessions.minutes.noCandidates")
                    : t("sessions.minutes.choose"),
              },
              ...(candidates.data ?? []).map((r) => ({
                value: r.id,
                label: `${r.number} — ${r.title.length > 80 ? `${r.title.slice(0, 80)}…` : r.title}`,
              })),
            ]}
            w={520}
            maw="100%"
          />
          <Button disabled={!chosen} loading={approve.isPending} onClick={() => approve.mutate()}>
            {t("sessions.minutes.approve")}
          </Button>
        </Group>
      )}
      {(approve.isError || undo.isError) && <ErrorNotice error={approve.error ?? undo.error} />}
    </Stack>
  );
}
