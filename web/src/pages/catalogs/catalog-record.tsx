/**
 * One catalogue record: its form (edit, or create at …/nuevo), the API's refusals next to their fields, the
 * unsaved-changes guard, and for people and organisations «Fusionar con…». Read-only for roles without
 * «records.write».
 */
import {
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { apiPatch, apiPost } from "../../api/client.ts";
import { hasPermission, useMe } from "../../auth/auth.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";
import type { CatalogKind, CatalogRow, Field } from "./kinds.ts";
import { MergeDialog } from "./merge-dialog.tsx";
import { useCatalogList, useCatalogRecord } from "./queries.ts";

type Values = Record<string, unknown>;

/** A key from a name: «Instituto Nacional Electoral» → «instituto-nacional-electoral». */
const keyOf = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);

function initialValues(kind: CatalogKind, record: CatalogRow | undefined): Values {
  const values: Values = {};
  for (const field of kind.fields) {
    const stored = record?.[field.name];
    if (field.type === "aliases") values[field.name] = Array.isArray(stored) ? stored : [];
    else if (field.type === "number") values[field.name] = typeof stored === "number" ? stored : "";
    else if (field.type === "select" || field.type === "parent")
      values[field.name] =
        typeof stored === "string" ? stored : ((field.required ? field.options?.[0] : null) ?? null);
    else values[field.name] = typeof stored === "string" ? stored : "";
  }
  return values;
}

/** What the API receives: blanks of optional fields left out, required ones sent so the API names them. */
function payloadOf(kind: CatalogKind, values: Values, isNew: boolean): Values {
  const body: Values = {};
  for (const field of kind.fields) {
    if (field.createOnly && !isNew) continue;
    const value = values[field.name];
    if (field.type === "aliases") body[field.name] = value;
    else if (field.type === "number") {
      if (value !== "" && value !== undefined) body[field.name] = Number(value);
    } else if (typeof value === "string") {
      const trimmed = value.trim();
      if (trimmed || field.required) body[field.name] = trimmed;
    } else if (value !== null && value !== undefined) body[field.name] = value;
  }
  return body;
}

export function CatalogRecordPage({ kind, id }: { kind: CatalogKind; id?: string }) {
  const t = useT();
  const record = useCatalogRecord(kind, id);
  if (id && record.isPending) return <PageLoader />;
  if (id && record.isError) return <ErrorNotice error={record.error} onRetry={() => void record.refetch()} />;
  return <RecordForm key={id ?? "new"} kind={kind} record={record.data} t={t} />;
}

function RecordForm({
  kind,
  record,
  t,
}: {
  kind: CatalogKind;
  record: CatalogRow | undefined;
  t: ReturnType<typeof useT>;
}) {
  const me = useMe().data;
  const canWrite = hasPermission(me, "records.write");
  const isNew = !record;
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<Values>(() => initialValues(kind, record));
  const [values, setValues] = useState<Values>(saved);
  const [keyTouched, setKeyTouched] = useState(!isNew);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { merged?: string } | null)?.merged
      ? t("catalogs.merge.done", { name: (location.state as { merged: string }).merged })
      : null,
  );
  const [createdId, setCreatedId] = useState<string | null>(null);
  const [merging, setMerging] = useState(false);
  const isDirty = JSON.stringify(values) !== JSON.stringify(saved);
  const needsParents = kind.fields.some((field) => field.type === "parent");
  const organisations = useCatalogList({ ...kind, api: "/organisations" }, needsParents);

  const save = useMutation({
    mutationFn: (body: Values) =>
      isNew
        ? apiPost<CatalogRow>(kind.api, body)
        : apiPatch<CatalogRow>(`${kind.api}/${encodeURIComponent(record.id)}`, body),
    onSuccess: async (row) => {
      setSaved(values);
      queryClient.setQueryData(["catalog-record", kind.api, row.id], row);
      await queryClient.invalidateQueries({ queryKey: ["catalogs", kind.api] });
      if (isNew) setCreatedId(row.id);
      else setNotice(t("form.saved"));
    },
  });
  // Navigate once the saved values are rendered, so the guard no longer sees unsaved changes.
  useEffect(() => {
    if (createdId && !isDirty)
      void navigate(recordPath(kind.type, createdId) ?? "/catalogos", { replace: true });
  }, [createdId, isDirty, navigate, kind.type]);

  const errors = fieldErrors(save.error);
  const set = (name: string, value: unknown) => {
    setNotice(null);
    setValues((current) => {
      const next = { ...current, [name]: value };
      if (name === "name" && !keyTouched && typeof value === "string") next.key = keyOf(value);
      return next;
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(payloadOf(kind, values, isNew));
  };
  const listTitle = t(kind.title);
  const heading = isNew ? t(kind.newLabel) : (record?.name ?? "");
  const fieldNames = kind.fields.map((field) => field.name);
  const parentOptions = useMemo(
    () =>
      (organisations.data?.items ?? [])
        .filter((row) => row.id !== record?.id)
        .map((row) => ({ value: row.id, label: row.name })),
    [organisations.data, record?.id],
  );

  const control = (field: Field) => {
    const common = {
      label: t(field.label),
      description: field.help ? t(field.help) : undefined,
      error:
        errors[field.name] ?? Object.entries(errors).find(([path]) => path.startsWith(`${field.name}[`))?.[1],
      disabled: !canWrite || (field.createOnly && !isNew),
      withAsterisk: field.required,
    };
    const value = values[field.name];
    switch (field.type) {
      case "aliases":
        return (
          <TagsInput
            {...common}
            value={value as string[]}
            onChange={(next) => set(field.name, next)}
            clearable
            splitChars={[]}
          />
        );
      case "number":
        return (
          <NumberInput
            {...common}
            value={value as number | string}
            onChange={(next) => set(field.name, next)}
            min={0}
            allowDecimal={false}
          />
        );
      case "select":
        return (
          <Select
            {...common}
            data={(field.options ?? []).map((option) => ({
              value: option,
              label: field.optionLabel?.(option, t) ?? option,
            }))}
            value={(value as string | null) ?? null}
            onChange={(next) => set(field.name, next)}
            clearable={!field.required}
            allowDeselect={!field.required}
          />
        );
      case "parent":
        return needsParents ? (
          <Select
            {...common}
            data={parentOptions}
            value={(value as string | null) ?? null}
            onChange={(next) => set(field.name, next)}
            searchable
            clearable
            limit={50}
          />
        ) : null;
      case "textarea":
        return (
          <Textarea
            {...common}
            value={value as string}
            onChange={(event) => set(field.name, event.currentTarget.value)}
            autosize
            minRows={2}
          />
        );
      default:
        return (
          <TextInput
            {...common}
            value={value as string}
            onChange={(event) => {
              if (field.name === "key") setKeyTouched(true);
              set(field.name, event.currentTarget.value);
            }}
          />
        );
    }
  };

  const wide = (field: Field) =>
    field.type === "aliases" || field.type === "textarea" || field.name === "name";
  return (
    <Stack gap="lg">
      <UnsavedChangesGuard when={isDirty && canWrite} />
      <div>
        <Anchor component={Link} to={`/catalogos/${kind.segment}`} size="sm">
          {t("catalogs.back", { list: listTitle })}
        </Anchor>
        <Group justify="space-between" align="flex-end" mt="xs">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {listTitle}
            </Text>
            <Title order={1}>{heading}</Title>
          </div>
          <Group gap="sm">
            {!isNew && hasPermission(me, "audit.read") && (
              <Button
                variant="subtle"
                component={Link}
                to={`/administracion/bitacora?table=${kind.table}&recordId=${record?.id}`}
              >
                {t("audit.history")}
              </Button>
            )}
            {!isNew && canWrite && kind.canMerge && (
              <Button variant="default" onClick={() => setMerging(true)}>
                {t("catalogs.merge.open")}
              </Button>
            )}
          </Group>
        </Group>
      </div>
      {notice && (
        <Alert
          color="teal"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel={t("catalogs.dismiss")}
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      {!canWrite && (
        <Alert color="gray" variant="light">
          {t("catalogs.readOnly")}
        </Alert>
      )}
      <Paper component="form" onSubmit={submit} noValidate aria-labelledby="catalog-form-title">
        <Stack gap="md">
          <Title order={2} id="catalog-form-title">
            {t("catalogs.edit")}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="md">
            {kind.fields.map((field) => (
              <div key={field.name} style={wide(field) ? { gridColumn: "1 / -1" } : undefined}>
                {control(field)}
              </div>
            ))}
          </SimpleGrid>
          <FormErrors error={save.error} fields={fieldNames} />
          {canWrite && (
            <Group justify="flex-end">
              <Button
                variant="default"
                disabled={!isDirty || save.isPending}
                onClick={() => {
                  setValues(saved);
                  save.reset();
                }}
              >
                {t("form.cancel")}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!isNew && !isDirty}>
                {isNew ? t("catalogs.create") : t("form.save")}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      {merging && record && (
        <MergeDialog
          kind={kind}
          duplicate={{ id: record.id, label: record.name }}
          onClose={() => setMerging(false)}
        />
      )}
    </Stack>
  );
}
