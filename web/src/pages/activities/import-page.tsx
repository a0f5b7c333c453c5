/**
 * /actividades/importar — activities from an XLSX workbook: choose the file, upload it (with its progress) for a
 * check of every row (POST /activities/import?commit=false), read the preview with each row's errors, and only
 * when no row has one, «Importar N actividades» saves them all in one transaction (commit=true).
 */
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { apiDownload, apiUpload, type Progress } from "../../api/client.ts";
import { OperationProgress } from "../../components/operation-progress.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";

type ImportRow = {
  row: number;
  title: string;
  dates: string;
  kind: string;
  action: string;
  counterparts: string;
  errors: { column: string; message: string }[];
};
type ImportResult = {
  committed: boolean;
  total: number;
  valid: number;
  invalid: number;
  rows: ImportRow[];
  createdIds: string[];
};

/** A preview of thousands of rows shows the ones to fix first, and at most this many. */
const ROWS_SHOWN = 300;

export function ImportPage({ commissionId }: { commissionId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [running, setRunning] = useState<"check" | "commit" | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [templateError, setTemplateError] = useState<unknown>(null);

  const send = async (commit: boolean) => {
    if (!file) return;
    setRunning(commit ? "commit" : "check");
    setProgress(null);
    setError(null);
    try {
      const result = await apiUpload<ImportResult>("/activities/import", file, {
        query: { commissionId, commit: String(commit) },
        onProgress: setProgress,
      });
      if (commit) {
        setDone(result);
        setPreview(null);
        void queryClient.invalidateQueries({ queryKey: ["activities"] });
        void queryClient.invalidateQueries({ queryKey: ["activity-counts"] });
      } else setPreview(result);
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(null);
    }
  };

  const reset = () => {
    setFile(null);
    setPreview(null);
    setDone(null);
    setError(null);
  };

  const shown = preview
    ? [...preview.rows]
        .sort((a, b) => Number(b.errors.length > 0) - Number(a.errors.length > 0) || a.row - b.row)
        .slice(0, ROWS_SHOWN)
    : [];

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/actividades" size="sm">
          ← {t("activities.import.back")}
        </Anchor>
        <Title order={1} mt="xs">
          {t("activities.import.title")}
        </Title>
        <Text c="dimmed" size="sm" mt={4} maw={760}>
          {t("activities.import.intro")}
        </Text>
      </div>
      <Paper>
        <Stack gap="md">
          <Group align="flex-end" gap="sm">
            <FileInput
              label={t("activities.import.file")}
              placeholder={t("activities.import.filePlaceholder")}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(chosen) => {
                setFile(chosen);
                setPreview(null);
                setDone(null);
                setError(null);
              }}
              clearable
              clearButtonProps={{ "aria-label": t("activities.import.clearFile") }}
              w={360}
            />
            <Button
              onClick={() => void send(false)}
              disabled={!file || running !== null}
              loading={running === "check"}
            >
              {t("activities.import.check")}
            </Button>
            <Button
              variant="subtle"
              onClick={() =>
                void apiDownload("/activities/import-template", {
                  fallbackName: "plantilla-actividades.xlsx",
                }).catch(setTemplateError)
              }
            >
              {t("activities.import.template")}
            </Button>
          </Group>
          {templateError !== null && <ErrorNotice error={templateError} />}
          {running && (
            <OperationProgress
              label={t(running === "check" ? "activities.import.uploading" : "activities.import.saving")}
              progress={progress}
            />
          )}
          {error !== null && <ErrorNotice error={error} />}
          {done && (
            <Alert
              color="green"
              variant="light"
              role="status"
              title={
                done.valid === 1
                  ? t("activities.import.doneOne")
                  : t("activities.import.done", { count: done.valid })
              }
            >
              <Group gap="md">
                <Anchor component={Link} to="/actividades">
                  {t("activities.import.back")}
                </Anchor>
                <Button variant="subtle" size="compact-sm" onClick={reset}>
                  {t("activities.import.again")}
                </Button>
              </Group>
            </Alert>
          )}
        </Stack>
      </Paper>
      {preview && (
        <Paper>
          <Stack gap="md">
            <Group justify="space-between" align="flex-end">
              <div>
                <Title order={2}>{t("activities.import.preview")}</Title>
                <Text size="sm" data-testid="import-summary" role="status">
                  {t("activities.import.summary", {
                    total: preview.total,
                    valid: preview.valid,
                    invalid: preview.invalid,
                  })}
                </Text>
                {preview.invalid > 0 && (
                  <Text size="sm" c="red.9" fw={500}>
                    {t("activities.import.fix")}
                  </Text>
                )}
              </div>
              <Button
                onClick={() => void send(true)}
                disabled={preview.invalid > 0 || preview.valid === 0 || running !== null}
                loading={running === "commit"}
              >
                {preview.valid === 1
                  ? t("activities.import.commitOne")
                  : t("activities.import.commit", { count: preview.valid })}
              </Button>
            </Group>
            <Table.ScrollContainer minWidth={820}>
              <Table striped verticalSpacing="xs" data-testid="import-preview">
                <caption className="visually-hidden">{t("activities.import.preview")}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={60}>
                      {t("activities.import.col.row")}
                    </Table.Th>
                    <Table.Th scope="col" w={150}>
                      {t("activities.col.dates")}
                    </Table.Th>
                    <Table.Th scope="col" w={150}>
                      {t("activities.col.kind")}
                    </Table.Th>
                    <Table.Th scope="col" w={70}>
                      {t("activities.col.action")}
                    </Table.Th>
                    <Table.Th scope="col">{t("activities.col.title")}</Table.Th>
                    <Table.Th scope="col" w={320}>
                      {t("activities.import.col.errors")}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((row) => (
                    <Table.Tr key={row.row} data-invalid={row.errors.length > 0 || undefined}>
                      <Table.Td>{row.row}</Table.Td>
                      <Table.Td>{row.dates}</Table.Td>
                      <Table.Td>{row.kind}</Table.Td>
                      <Table.Td>{row.action}</Table.Td>
                      <Table.Td>{row.title}</Table.Td>
                      <Table.Td>
                        {row.errors.length === 0 ? (
                          <Text size="sm">✓ {t("activities.import.ok")}</Text>
                        ) : (
                          <List size="sm" spacing={2} c="red.9" data-testid="import-row-errors">
                            {row.errors.map((entry) => (
                              <List.Item key={`${entry.column}-${entry.message}`}>
                                <strong>{entry.column}</strong>: {entry.message}
                              </List.Item>
                            ))}
                          </List>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
