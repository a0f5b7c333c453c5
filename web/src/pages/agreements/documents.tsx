/**
 * The agreement's documents: files uploaded (POST /attachments, raw bytes with their progress) and linked to the
 * agreement with a label (PATCH /agreements/:id `documents`, the whole list); each downloads with its progress
 * (GET /attachments/:id/content). Uploading and linking is for the secretariat («records.write»).
 */
import { Button, FileInput, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { apiDownload, apiGet, apiPatch, apiUpload, type Progress } from "../../api/client.ts";
import { useMe } from "../../auth/auth.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { OperationProgress } from "../../components/operation-progress.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { AGREEMENTS_KEY, type Agreement, type Attachment, canWrite } from "./data.ts";

const kib = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("es-MX")} KiB`;

function UploadForm({ agreement, onDone }: { agreement: Agreement; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [label, setLabel] = useState("");
  const [progress, setProgress] = useState<Progress | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error("no file");
      setProgress(null);
      const attachment = await apiUpload<Attachment>("/attachments", file, {
        query: { filename: file.name },
        onProgress: setProgress,
      });
      return apiPatch<Agreement>(`/agreements/${encodeURIComponent(agreement.id)}`, {
        documents: [...agreement.documents, { attachmentId: attachment.id, label: label.trim() }],
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: AGREEMENTS_KEY });
      onDone();
    },
  });
  const errors = fieldErrors(upload.error);
  const labelError = Object.entries(errors).find(([path]) => path.endsWith(".label"))?.[1];
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!file || !label.trim());
    if (file && label.trim()) upload.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t("agreements.documents.upload")}>
      <UnsavedChangesGuard when={(!!file || label.trim() !== "") && !upload.isPending} />
      <Stack gap="sm">
        <FileInput
          label={t("agreements.documents.file")}
          description={t("agreements.documents.fileHint")}
          placeholder={t("agreements.documents.pick")}
          value={file}
          onChange={setFile}
          accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.txt"
          error={missing && !file ? t("agreements.documents.fileMissing") : undefined}
          required
          clearable
        />
        <TextInput
          label={t("agreements.documents.label")}
          placeholder={t("agreements.documents.labelHint")}
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          error={
            labelError ?? (missing && !label.trim() ? t("agreements.documents.labelMissing") : undefined)
          }
          required
        />
        {upload.isPending && (
          <OperationProgress label={t("agreements.documents.uploading")} progress={progress} />
        )}
        <FormErrors error={upload.error} fields={[]} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={upload.isPending}>
            {t("form.cancel")}
          </Button>
          <Button type="submit" loading={upload.isPending}>
            {t("agreements.documents.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function Documents({ agreement }: { agreement: Agreement }) {
  const t = useT();
  const me = useMe().data;
  const [isUploading, setUploading] = useState(false);
  const [downloading, setDownloading] = useState<{ id: string; progress: Progress | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const files = useQueries({
    queries: agreement.documents.map((document) => ({
      queryKey: ["attachments", document.attachmentId],
      queryFn: () => apiGet<Attachment>(`/attachments/${encodeURIComponent(document.attachmentId)}`),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const download = async (document: Agreement["documents"][number], filename: string | undefined) => {
    setError(null);
    setDownloading({ id: document.attachmentId, progress: null });
    try {
      await apiDownload(`/attachments/${encodeURIComponent(document.attachmentId)}/content`, {
        fallbackName: filename ?? document.label,
        onProgress: (progress) => setDownloading({ id: document.attachmentId, progress }),
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setDownloading(null);
    }
  };
  return (
    <Paper component="section" aria-labelledby="documents-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="documents-title">
            {t("agreements.documents.title")}
          </Title>
          {canWrite(me) && !isUploading && (
            <Button size="xs" variant="default" onClick={() => setUploading(true)}>
              {t("agreements.documents.upload")}
            </Button>
          )}
        </Group>
        {isUploading && <UploadForm agreement={agreement} onDone={() => setUploading(false)} />}
        {agreement.documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("agreements.documents.empty")}
          </Text>
        ) : (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
            {agreement.documents.map((document, index) => {
              const file = files[index]?.data;
              return (
                <li key={document.attachmentId}>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <div>
                      <Text size="sm" fw={600}>
                        {document.label}
                      </Text>
                      {file && (
                        <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                          {file.filename} · {kib(file.size)}
                        </Text>
                      )}
                    </div>
                    <Button
                      size="compact-xs"
                      variant="default"
                      loading={downloading?.id === document.attachmentId}
                      disabled={downloading !== null}
                      onClick={() => void download(document, file?.filename)}
                      aria-label={t("agreements.documents.downloadOne", { label: document.label })}
                    >
                      {t("agreements.documents.download")}
                    </Button>
                  </Group>
                </li>
              );
            })}
          </Stack>
        )}
        {downloading && (
          <OperationProgress label={t("agreements.documents.downloading")} progress={downloading.progress} />
        )}
        {error !== null && <ErrorNotice error={error} />}
      </Stack>
    </Paper>
  );
}
