/**
 * «Fusionar con…»: choose the record kept, see how many references will move (a dry run of the merge), confirm.
 * POST /organisations/:id/merge or /people/:id/merge; the duplicate is deleted and the page goes to the kept one.
 */
import {
  Alert,
  Button,
  type ComboboxItem,
  Group,
  List,
  Modal,
  type OptionsFilter,
  Select,
  Stack,
  Text,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { apiPost } from "../../api/client.ts";
import { type MessageKey, useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { recordPath } from "../../records.ts";
import { type CatalogKind, fold } from "./kinds.ts";
import { CHECKS_KEY, useCatalogList } from "./queries.ts";

type MergeResult = {
  kept: { id: string; name: string };
  dryRun: boolean;
  references: { table: string; column: string; count: number }[];
};

const accentInsensitive: OptionsFilter = ({ options, search }) => {
  const needle = fold(search.trim());
  return (options as ComboboxItem[]).filter((option) => fold(option.label).includes(needle));
};

export function MergeDialog({
  kind,
  duplicate,
  initialTarget,
  onClose,
}: {
  kind: CatalogKind;
  duplicate: { id: string; label: string };
  initialTarget?: { id: string; label: string };
  onClose: () => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const records = useCatalogList(kind);
  const [targetId, setTargetId] = useState<string | null>(initialTarget?.id ?? null);
  const path = `${kind.api}/${encodeURIComponent(duplicate.id)}/merge`;
  const preview = useQuery({
    queryKey: ["merge-preview", kind.api, duplicate.id, targetId],
    enabled: targetId !== null,
    queryFn: () => apiPost<MergeResult>(path, { into: targetId, dryRun: true }),
    retry: false,
    gcTime: 0,
  });
  const merge = useMutation({
    mutationFn: () => apiPost<MergeResult>(path, { into: targetId }),
    onSuccess: async (result) => {
      queryClient.removeQueries({ queryKey: ["catalog-record", kind.api, duplicate.id] });
      queryClient.setQueryData(["catalog-record", kind.api, result.kept.id], result.kept);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["catalogs"] }),
        queryClient.invalidateQueries({ queryKey: CHECKS_KEY }),
        queryClient.invalidateQueries({ queryKey: ["checks"] }),
        queryClient.invalidateQueries({ queryKey: ["search"] }),
      ]);
      onClose();
      void navigate(recordPath(kind.type, result.kept.id) ?? "/catalogos", {
        state: { merged: duplicate.label },
      });
    },
  });
  const options = (records.data?.items ?? [])
    .filter((row) => row.id !== duplicate.id)
    .map((row) => ({ value: row.id, label: row.name }));
  if (initialTarget && !options.some((option) => option.value === initialTarget.id))
    options.push({ value: initialTarget.id, label: initialTarget.label });
  const target = options.find((option) => option.value === targetId);
  const moving = preview.data?.references.reduce((sum, reference) => sum + reference.count, 0) ?? 0;
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("catalogs.merge.title", { name: duplicate.label })}
      size="lg"
      centered
    >
      <Stack gap="md">
        <Text size="sm">{t("catalogs.merge.intro", { name: duplicate.label })}</Text>
        <Select
          label={t("catalogs.merge.target")}
          placeholder={t("catalogs.merge.targetPlaceholder")}
          data={options}
          value={targetId}
          onChange={setTargetId}
          searchable
          filter={accentInsensitive}
          nothingFoundMessage={t("catalogs.merge.nothing")}
          limit={50}
          comboboxProps={{ withinPortal: false }}
        />
        {targetId !== null &&
          (preview.isPending ? (
            <Text size="sm" c="dimmed" role="status">
              {t("catalogs.merge.counting")}
            </Text>
          ) : preview.isError ? (
            <ErrorNotice error={preview.error} />
          ) : moving === 0 ? (
            <Alert variant="light" color="blue" data-testid="merge-summary">
              {t("catalogs.merge.noReferences", { name: duplicate.label })}
            </Alert>
          ) : (
            <Alert variant="light" color="blue" data-testid="merge-summary">
              <Text size="sm" fw={600}>
                {t(moving === 1 ? "catalogs.merge.summaryOne" : "catalogs.merge.summary", {
                  count: moving,
                  target: target?.label ?? "",
                })}
              </Text>
              <List size="sm" mt={4}>
                {preview.data.references.map((reference) => (
                  <List.Item key={`${reference.table}.${reference.column}`}>
                    {reference.count} {t(`catalogs.ref.${reference.table}.${reference.column}` as MessageKey)}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ))}
        {merge.isError && <ErrorNotice error={merge.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("catalogs.merge.cancel")}
          </Button>
          <Button
            color="red"
            disabled={targetId === null || !preview.isSuccess}
            loading={merge.isPending}
            onClick={() => merge.mutate()}
          >
            {t("catalogs.merge.confirm", { name: duplicate.label })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
