/**
 * Import contacts from a CSV or XLSX file: the file is sent as it is for a preview (`commit=false`: nothing
 * saved), which lists the rows that would be saved and every rejected row with its reasons; «Importar» sends it
 * again with `commit=true`, saving the valid rows in one transaction (docs/outreach.md, «Import columns»).
 */
import { Alert, Button, FileInput, Group, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiUpload, type Progress } from "../../api/client.ts";
import { OperationProgress } from "../../components/operation-progress.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { type ImportResult, LISTS_KEY, type OutreachList } from "./data.ts";

const COLUMNS =
  "nombre, correo*, país, ciudad, idioma, etiquetas, fecha de consentimiento*, fuente del consentimiento*, versión del aviso, finalidades";

export function ImportTab({ list, onDone }: { list: OutreachList; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [committed, setCommitted] = useState<ImportResult | null>(null);
  const send = (commit: boolean) => {
    if (!file) throw new Error("no file");
    setProgress(null);
    return apiUpload<ImportResult>(`/outreach-lists/${list.id}/contacts/import`, file, {
      query: { commit },
      onProgress: setProgress,
    });
  };
  const preview = useMutation({ mutationFn: () => send(false) });
  const commit = useMutation({
    mutationFn: () => send(true),
    onSuccess: async (result) => {
      setCommitted(result);
      await queryClient.invalidateQueries({ queryKey: LISTS_KEY });
    },
  });
  const result = preview.data;
  return (
    <Stack gap="md">
      <Paper>
        <Stack gap="sm">
          <Text size="sm">{t("outreach.import.intro")}</Text>
          <Text size="xs" c="dimmed">
            {t("outreach.import.columns", { columns: COLUMNS })}
          </Text>
          <Group align="flex-end" gap="sm">
            <FileInput
              label={t("outreach.import.file")}
              placeholder={t("outreach.import.choose")}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(next) => {
                setFile(next);
                preview.reset();
                commit.reset();
                setCommitted(null);
              }}
              clearable
              clearButtonProps={{ "aria-label": t("outreach.import.clear") }}
              w={360}
            />
            <Button
              variant="default"
              disabled={!file}
              loading={preview.isPending}
              onClick={() => preview.mutate()}
            >
              {t("outreach.import.check")}
            </Button>
          </Group>
          {(preview.isPending || commit.isPending) && (
            <OperationProgress
              label={commit.isPending ? t("outreach.import.saving") : t("outreach.import.checking")}
              progress={progress}
            />
          )}
          {preview.error !== null && <ErrorNotice error={preview.error} />}
        </Stack>
      </Paper>
      {committed && (
        <Alert
          color="teal"
          variant="light"
          role="status"
          title={
            <Text span fw={700} size="sm" c="dark.9">
              {t("outreach.import.done")}
            </Text>
          }
        >
          <Stack gap="xs">
            <Text size="sm">
              {t("outreach.import.doneBody", { imported: committed.imported, rejected: committed.rejected })}
            </Text>
            <Group>
              <Button size="xs" variant="default" onClick={onDone}>
                {t("outreach.import.seeContacts")}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {result && !committed && (
        <Paper>
          <Stack gap="md">
            <Title order={2} size="h4">
              {t("outreach.import.result")}
            </Title>
            <Text size="sm" data-testid="import-summary" role="status">
              {t("outreach.import.summary", {
                total: result.total,
                valid: result.valid,
                rejected: result.rejected,
              })}
            </Text>
            {result.rejections.length > 0 && (
              <Table.ScrollContainer minWidth={600}>
                <Table withTableBorder fz="sm" captionSide="top">
                  <caption>
                    <Text fw={600} ta="left" size="sm">
                      {t("outreach.import.rejected")}
                    </Text>
                  </caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("outreach.import.row")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.email")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.import.reasons")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.rejections.map((rejection) => (
                      <Table.Tr key={rejection.row} data-row={rejection.row}>
                        <Table.Td>{rejection.row}</Table.Td>
                        <Table.Td>{rejection.email || "—"}</Table.Td>
                        <Table.Td>
                          <List size="sm" spacing={2}>
                            {rejection.reasons.map((reason) => (
                              <List.Item key={`${reason.column}-${reason.message}`}>
                                {reason.column ? `${reason.column}: ` : ""}
                                {reason.message}
                              </List.Item>
                            ))}
                          </List>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {result.preview.length > 0 && (
              <Table.ScrollContainer minWidth={700}>
                <Table withTableBorder striped fz="sm" captionSide="top">
                  <caption>
                    <Text fw={600} ta="left" size="sm">
                      {t("outreach.import.accepted", { shown: result.preview.length, valid: result.valid })}
                    </Text>
                  </caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("outreach.import.row")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.name")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.email")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.country")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.city")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.language")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.tags")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.preview.map((row) => (
                      <Table.Tr key={row.row}>
                        <Table.Td>{row.row}</Table.Td>
                        <Table.Td>{row.name ?? "—"}</Table.Td>
                        <Table.Td>{row.email}</Table.Td>
                        <Table.Td>{row.country ?? "—"}</Table.Td>
                        <Table.Td>{row.city ?? "—"}</Table.Td>
                        <Table.Td>{row.language ?? "—"}</Table.Td>
                        <Table.Td>{row.tags.join("; ")}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {commit.error !== null && <ErrorNotice error={commit.error} />}
            <Group justify="flex-end">
              <Button
                disabled={result.valid === 0}
                loading={commit.isPending}
                onClick={() => commit.mutate()}
              >
                {t("outreach.import.confirm", { count: result.valid })}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
