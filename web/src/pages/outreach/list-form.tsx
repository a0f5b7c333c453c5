/**
 * A contact list's fields: a new list (/difusion/listas/nueva, POST /outreach-lists) and its correction
 * (/difusion/listas/:id/editar, PATCH), where the list can also be deleted with everything on it.
 */
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { apiDelete, apiPatch, apiPost } from "../../api/client.ts";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import ForbiddenPage from "../forbidden-page.tsx";
import NotFoundPage from "../not-found-page.tsx";
import { SectionHeader } from "./common.tsx";
import { canWriteContacts, LISTS_KEY, type OutreachList, useList } from "./data.ts";

type ListValues = {
  key: string;
  name: string;
  description: string;
  purpose: string;
  retentionMonths: number | "";
  privacyNoticeVersion: string;
};

const EMPTY: ListValues = {
  key: "",
  name: "",
  description: "",
  purpose: "",
  retentionMonths: 24,
  privacyNoticeVersion: "",
};

const valuesOf = (list: OutreachList): ListValues => ({
  key: list.key,
  name: list.name,
  description: list.description ?? "",
  purpose: list.purpose,
  retentionMonths: list.retentionMonths,
  privacyNoticeVersion: list.privacyNoticeVersion,
});

const FIELDS = ["key", "name", "description", "purpose", "retentionMonths", "privacyNoticeVersion"];

function bodyOf(values: ListValues): Record<string, unknown> {
  return {
    key: values.key,
    name: values.name,
    description: values.description.trim() === "" ? null : values.description,
    purpose: values.purpose,
    retentionMonths: values.retentionMonths === "" ? undefined : values.retentionMonths,
    privacyNoticeVersion: values.privacyNoticeVersion,
  };
}

function ListForm({
  initial,
  isNew,
  isSaving,
  error,
  onSubmit,
  onCancel,
}: {
  initial: ListValues;
  isNew: boolean;
  isSaving: boolean;
  error: unknown;
  onSubmit: (values: ListValues) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [values, setValues] = useState(initial);
  const isDirty = JSON.stringify(values) !== JSON.stringify(initial);
  const errors = fieldErrors(error);
  const text = (name: "key" | "name" | "description" | "purpose" | "privacyNoticeVersion") => ({
    value: values[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
    },
    error: errors[name],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={isNew ? t("outreach.lists.new") : t("outreach.list.edit")}>
      <UnsavedChangesGuard when={isDirty && !isSaving} />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <TextInput label={t("outreach.list.name")} required {...text("name")} />
          <TextInput
            label={t("outreach.list.key")}
            description={t("outreach.list.keyHint")}
            required
            {...text("key")}
          />
        </SimpleGrid>
        <Textarea
          label={t("outreach.list.purpose")}
          description={t("outreach.list.purposeHint")}
          required
          autosize
          minRows={2}
          {...text("purpose")}
        />
        <Textarea label={t("outreach.list.description")} autosize minRows={2} {...text("description")} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <NumberInput
            label={t("outreach.list.retentionMonths")}
            description={t("outreach.list.retentionHint")}
            required
            min={1}
            max={1200}
            allowDecimal={false}
            value={values.retentionMonths}
            onChange={(value) =>
              setValues((current) => ({
                ...current,
                retentionMonths: typeof value === "number" ? value : "",
              }))
            }
            error={errors.retentionMonths}
          />
          <TextInput
            label={t("outreach.list.notice")}
            description={t("outreach.list.noticeHint")}
            required
            {...text("privacyNoticeVersion")}
          />
        </SimpleGrid>
        <FormErrors error={error} fields={FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={isSaving}>
            {t("form.cancel")}
          </Button>
          <Button type="submit" loading={isSaving} disabled={!isNew && !isDirty}>
            {isNew ? t("outreach.lists.create") : t("form.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function NewListPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (values: ListValues) =>
      apiPost<OutreachList>("/outreach-lists", { ...bodyOf(values), commissionId: commission?.id }),
    onSuccess: async (list) => {
      await queryClient.invalidateQueries({ queryKey: LISTS_KEY });
      void navigate(`/difusion/listas/${list.id}`);
    },
  });
  if (!canWriteContacts(me)) return <ForbiddenPage />;
  return (
    <Stack gap="lg">
      <SectionHeader title={t("outreach.lists.new")} intro={t("outreach.lists.newIntro")} />
      <Paper>
        {!commission ? (
          <PageLoader />
        ) : (
          <ListForm
            initial={EMPTY}
            isNew
            isSaving={create.isPending || create.isSuccess}
            error={create.error}
            onSubmit={(values) => create.mutate(values)}
            onCancel={() => navigate("/difusion")}
          />
        )}
      </Paper>
    </Stack>
  );
}

export function EditListPage() {
  const t = useT();
  const { id } = useParams();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const { list, ...lists } = useList(commission?.id, id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const update = useMutation({
    mutationFn: (values: ListValues) => apiPatch<OutreachList>(`/outreach-lists/${id}`, bodyOf(values)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: LISTS_KEY });
      void navigate(`/difusion/listas/${id}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => apiDelete(`/outreach-lists/${id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: LISTS_KEY });
      void navigate("/difusion");
    },
  });
  if (!canWriteContacts(me)) return <ForbiddenPage />;
  if (lists.isError) return <ErrorNotice error={lists.error} onRetry={() => void lists.refetch()} />;
  if (lists.isPending || !commission) return <PageLoader />;
  if (!list) return <NotFoundPage />;
  return (
    <Stack gap="lg">
      <SectionHeader
        title={t("outreach.list.editTitle", { name: list.name })}
        actions={
          <Button color="red" variant="light" onClick={() => setConfirmDelete(true)}>
            {t("outreach.list.delete")}
          </Button>
        }
      />
      <Paper>
        <ListForm
          initial={valuesOf(list)}
          isNew={false}
          isSaving={update.isPending || update.isSuccess}
          error={update.error}
          onSubmit={(values) => update.mutate(values)}
          onCancel={() => navigate(`/difusion/listas/${id}`)}
        />
      </Paper>
      <Modal
        closeButtonProps={{ "aria-label": t("outreach.closeDialog") }}
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t("outreach.list.deleteTitle", { name: list.name })}
        centered
      >
        <Stack gap="md">
          <Text size="sm">
            {t("outreach.list.deleteBody", { count: list.contactCount.toLocaleString("es-MX") })}
          </Text>
          {remove.error !== null && <ErrorNotice error={remove.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {t("form.cancel")}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t("outreach.list.deleteConfirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
