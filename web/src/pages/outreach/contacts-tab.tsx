/**
 * The list's contacts, a page of 50 at a time with filters by status, country, tag and text. Every read is
 * logged by the server, so the filters apply when the person asks («Buscar»), not on each keystroke. The
 * secretariat adds a contact with its consent and, per contact, changes its status, rectifies its data and
 * records a new consent.
 */
import {
  Badge,
  Button,
  Divider,
  Group,
  Modal,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { apiGet, apiPatch, apiPost } from "../../api/client.ts";
import { DateField } from "../../components/date-field.tsx";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { longDate, today } from "../../format.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { ContactStatusBadge } from "./common.tsx";
import {
  CONTACT_STATUSES,
  CONTACTS_PAGE,
  type Contact,
  type ContactFilters,
  type ContactStatus,
  type ContactWithConsents,
  LISTS_KEY,
  type OutreachList,
  useContacts,
} from "./data.ts";

const EMPTY_FILTERS: ContactFilters = {};

function FiltersForm({ onApply }: { onApply: (filters: ContactFilters) => void }) {
  const t = useT();
  const [status, setStatus] = useState<string | null>(null);
  const [country, setCountry] = useState("");
  const [tag, setTag] = useState("");
  const [q, setQ] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = (value: string) => (value.trim() === "" ? undefined : value.trim());
    onApply({
      status: status ?? undefined,
      country: clean(country)?.toUpperCase(),
      tag: clean(tag),
      q: clean(q),
    });
  };
  return (
    <form onSubmit={submit} aria-label={t("outreach.contacts.filters")}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t("outreach.contact.status")}
          placeholder={t("outreach.filters.any")}
          data={CONTACT_STATUSES.map((value) => ({ value, label: t(`outreach.contactStatus.${value}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          clearButtonProps={{ "aria-label": t("outreach.filters.clear") }}
          w={180}
        />
        <TextInput
          label={t("outreach.contact.country")}
          placeholder={t("outreach.filters.countryHint")}
          value={country}
          onChange={(event) => setCountry(event.currentTarget.value)}
          maxLength={2}
          w={110}
        />
        <TextInput
          label={t("outreach.contact.tag")}
          value={tag}
          onChange={(e) => setTag(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          label={t("outreach.filters.search")}
          placeholder={t("outreach.filters.searchHint")}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          w={240}
        />
        <Button type="submit" variant="default">
          {t("outreach.filters.apply")}
        </Button>
      </Group>
    </form>
  );
}

type ContactValues = {
  name: string;
  email: string;
  country: string;
  city: string;
  language: string;
  tags: string[];
};

const contactValuesOf = (contact: Contact): ContactValues => ({
  name: contact.name ?? "",
  email: contact.email,
  country: contact.country ?? "",
  city: contact.city ?? "",
  language: contact.language ?? "",
  tags: contact.tags,
});

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** The person's fields, shared by the new contact's form and the rectification. */
function ContactFields({
  values,
  onChange,
  errors,
  prefix = "",
}: {
  values: ContactValues;
  onChange: (values: ContactValues) => void;
  errors: Record<string, string>;
  prefix?: string;
}) {
  const t = useT();
  const text = (name: "name" | "email" | "country" | "city" | "language") => ({
    value: values[name],
    onChange: (event: { currentTarget: { value: string } }) =>
      onChange({ ...values, [name]: event.currentTarget.value }),
    error: errors[`${prefix}${name}`],
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label={t("outreach.contact.name")} {...text("name")} />
      <TextInput label={t("outreach.contact.email")} type="email" required {...text("email")} />
      <TextInput
        label={t("outreach.contact.country")}
        description={t("outreach.contact.countryHint")}
        {...text("country")}
      />
      <TextInput label={t("outreach.contact.city")} {...text("city")} />
      <TextInput
        label={t("outreach.contact.language")}
        description={t("outreach.contact.languageHint")}
        {...text("language")}
      />
      <TagsInput
        label={t("outreach.contact.tags")}
        description={t("outreach.contact.tagsHint")}
        value={values.tags}
        onChange={(tags) => onChange({ ...values, tags })}
        error={errors[`${prefix}tags`]}
      />
    </SimpleGrid>
  );
}

type ConsentValues = { givenOn: string; source: string; privacyNoticeVersion: string; purposes: string[] };

function ConsentFields({
  values,
  onChange,
  errors,
  prefix,
}: {
  values: ConsentValues;
  onChange: (values: ConsentValues) => void;
  errors: Record<string, string>;
  prefix: string;
}) {
  const t = useT();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <DateField
        label={t("outreach.consent.givenOn")}
        required
        value={values.givenOn}
        onChange={(givenOn) => onChange({ ...values, givenOn })}
        error={errors[`${prefix}givenOn`]}
      />
      <TextInput
        label={t("outreach.consent.source")}
        description={t("outreach.consent.sourceHint")}
        required
        value={values.source}
        onChange={(event) => onChange({ ...values, source: event.currentTarget.value })}
        error={errors[`${prefix}source`]}
      />
      <TextInput
        label={t("outreach.consent.notice")}
        value={values.privacyNoticeVersion}
        onChange={(event) => onChange({ ...values, privacyNoticeVersion: event.currentTarget.value })}
        error={errors[`${prefix}privacyNoticeVersion`]}
      />
      <TagsInput
        label={t("outreach.consent.purposes")}
        description={t("outreach.contact.tagsHint")}
        value={values.purposes}
        onChange={(purposes) => onChange({ ...values, purposes })}
        error={errors[`${prefix}purposes`]}
      />
    </SimpleGrid>
  );
}

const consentBody = (values: ConsentValues) => ({
  givenOn: values.givenOn,
  source: values.source,
  privacyNoticeVersion: orNull(values.privacyNoticeVersion) ?? undefined,
  purposes: values.purposes.length > 0 ? values.purposes : undefined,
});

function freshConsent(list: OutreachList): ConsentValues {
  return {
    givenOn: today(),
    source: "",
    privacyNoticeVersion: list.privacyNoticeVersion,
    purposes: [list.purpose],
  };
}

const CONTACT_FIELDS = ["name", "email", "country", "city", "language", "tags"];
const CONSENT_FIELDS = ["givenOn", "source", "privacyNoticeVersion", "purposes"];

function NewContactForm({ list, onDone }: { list: OutreachList; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const initialContact: ContactValues = {
    name: "",
    email: "",
    country: "",
    city: "",
    language: "",
    tags: [],
  };
  const [contact, setContact] = useState(initialContact);
  const [consent, setConsent] = useState(() => freshConsent(list));
  const create = useMutation({
    mutationFn: () =>
      apiPost<Contact>(`/outreach-lists/${list.id}/contacts`, {
        name: orNull(contact.name),
        email: contact.email,
        country: orNull(contact.country),
        city: orNull(contact.city),
        language: orNull(contact.language),
        tags: contact.tags,
        consent: consentBody(consent),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: LISTS_KEY });
      onDone();
    },
  });
  const errors = fieldErrors(create.error);
  const isDirty = JSON.stringify(contact) !== JSON.stringify(initialContact);
  return (
    <form
      noValidate
      aria-label={t("outreach.contacts.add")}
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <UnsavedChangesGuard when={isDirty && !create.isPending} />
      <Stack gap="md">
        <ContactFields values={contact} onChange={setContact} errors={errors} />
        <Title order={3} size="h5">
          {t("outreach.consent.title")}
        </Title>
        <ConsentFields values={consent} onChange={setConsent} errors={errors} prefix="consent." />
        <FormErrors
          error={create.error}
          fields={[...CONTACT_FIELDS, ...CONSENT_FIELDS.map((name) => `consent.${name}`)]}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("form.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("outreach.contacts.addSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One contact (GET /contacts/:id, a logged read): status, rectification and consents. */
function ContactPanel({ list, contactId }: { list: OutreachList; contactId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const contact = useQuery({
    queryKey: [...LISTS_KEY, list.id, "contact", contactId],
    queryFn: () => apiGet<ContactWithConsents>(`/contacts/${contactId}`),
    refetchOnWindowFocus: false,
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: [...LISTS_KEY] });
  };
  const [status, setStatus] = useState<ContactStatus | null>(null);
  const changeStatus = useMutation({
    mutationFn: (next: ContactStatus) => apiPost<Contact>(`/contacts/${contactId}/status`, { status: next }),
    onSuccess: refresh,
  });
  const [values, setValues] = useState<ContactValues | null>(null);
  const rectify = useMutation({
    mutationFn: (next: ContactValues) =>
      apiPatch<Contact>(`/contacts/${contactId}`, {
        name: orNull(next.name),
        email: next.email,
        country: orNull(next.country),
        city: orNull(next.city),
        language: orNull(next.language),
        tags: next.tags,
      }),
    onSuccess: async () => {
      setValues(null);
      await refresh();
    },
  });
  const [consent, setConsent] = useState(() => freshConsent(list));
  const addConsent = useMutation({
    mutationFn: () => apiPost(`/contacts/${contactId}/consents`, consentBody(consent)),
    onSuccess: async () => {
      setConsent(freshConsent(list));
      await refresh();
    },
  });
  if (contact.isPending) return <PageLoader />;
  if (contact.isError) return <ErrorNotice error={contact.error} />;
  const current = contact.data;
  const initial = contactValuesOf(current);
  const shown = values ?? initial;
  const isDirty = values !== null && JSON.stringify(values) !== JSON.stringify(initial);
  return (
    <Stack gap="lg">
      <UnsavedChangesGuard when={isDirty && !rectify.isPending} />
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t("outreach.contact.status")}
        </Title>
        <Group gap="sm" align="flex-end">
          <ContactStatusBadge status={current.status} />
          <Select
            label={t("outreach.contact.newStatus")}
            data={CONTACT_STATUSES.filter((value) => value !== current.status).map((value) => ({
              value,
              label: t(`outreach.contactStatus.${value}`),
            }))}
            value={status}
            onChange={(value) => setStatus(value as ContactStatus | null)}
            w={200}
          />
          <Button
            variant="default"
            disabled={!status}
            loading={changeStatus.isPending}
            onClick={() => status && changeStatus.mutate(status, { onSuccess: () => setStatus(null) })}
          >
            {t("outreach.contact.changeStatus")}
          </Button>
        </Group>
        {changeStatus.error !== null && <ErrorNotice error={changeStatus.error} />}
      </Stack>
      <Divider />
      <form
        noValidate
        aria-label={t("outreach.contact.rectify")}
        onSubmit={(event) => {
          event.preventDefault();
          rectify.mutate(shown);
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t("outreach.contact.rectify")}
          </Title>
          <ContactFields values={shown} onChange={setValues} errors={fieldErrors(rectify.error)} />
          <FormErrors error={rectify.error} fields={CONTACT_FIELDS} />
          <Group justify="flex-end">
            <Button type="submit" variant="default" disabled={!isDirty} loading={rectify.isPending}>
              {t("outreach.contact.rectifySubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
      <Divider />
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("outreach.consent.history")}
        </Title>
        <Table withTableBorder fz="sm">
          <caption className="visually-hidden">{t("outreach.consent.history")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("outreach.consent.givenOn")}</Table.Th>
              <Table.Th scope="col">{t("outreach.consent.source")}</Table.Th>
              <Table.Th scope="col">{t("outreach.consent.notice")}</Table.Th>
              <Table.Th scope="col">{t("outreach.consent.purposes")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {current.consents.map((given) => (
              <Table.Tr key={given.id}>
                <Table.Td>{longDate(given.givenOn)}</Table.Td>
                <Table.Td>{given.source}</Table.Td>
                <Table.Td>{given.privacyNoticeVersion}</Table.Td>
                <Table.Td>{given.purposes.join("; ")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <form
          noValidate
          aria-label={t("outreach.consent.add")}
          onSubmit={(event) => {
            event.preventDefault();
            addConsent.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm" fw={500}>
              {t("outreach.consent.add")}
            </Text>
            <ConsentFields
              values={consent}
              onChange={setConsent}
              errors={fieldErrors(addConsent.error)}
              prefix=""
            />
            <FormErrors error={addConsent.error} fields={CONSENT_FIELDS} />
            <Group justify="flex-end">
              <Button type="submit" variant="default" loading={addConsent.isPending}>
                {t("outreach.consent.addSubmit")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Stack>
  );
}

export function ContactsTab({ list, canWrite }: { list: OutreachList; canWrite: boolean }) {
  const t = useT();
  const [filters, setFilters] = useState<ContactFilters>(EMPTY_FILTERS);
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [opened, setOpened] = useState<Contact | null>(null);
  const contacts = useContacts(list.id, filters, (page - 1) * CONTACTS_PAGE);
  const pages = contacts.data ? Math.max(1, Math.ceil(contacts.data.total / CONTACTS_PAGE)) : 1;
  return (
    <Stack gap="md">
      <Paper>
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
          <FiltersForm
            onApply={(next) => {
              setFilters(next);
              setPage(1);
            }}
          />
          {canWrite && <Button onClick={() => setAdding(true)}>{t("outreach.contacts.add")}</Button>}
        </Group>
        <Text size="xs" c="dimmed" mt="sm">
          {t("outreach.contacts.logged")}
        </Text>
      </Paper>
      <Paper>
        {contacts.isPending ? (
          <PageLoader />
        ) : contacts.isError ? (
          <ErrorNotice error={contacts.error} onRetry={() => void contacts.refetch()} />
        ) : (
          <Stack gap="sm">
            <Text size="sm" data-testid="contacts-count" role="status">
              {t("outreach.contacts.count", { count: contacts.data.total.toLocaleString("es-MX") })}
            </Text>
            {contacts.data.items.length > 0 && (
              <Table.ScrollContainer minWidth={860}>
                <Table striped highlightOnHover>
                  <caption className="visually-hidden">{t("outreach.contacts.caption")}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("outreach.contact.name")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.email")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.country")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.city")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.language")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.tags")}</Table.Th>
                      <Table.Th scope="col">{t("outreach.contact.status")}</Table.Th>
                      <Table.Th scope="col">
                        <span className="visually-hidden">{t("outreach.contacts.actions")}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {contacts.data.items.map((contact) => (
                      <Table.Tr key={contact.id} data-email={contact.email}>
                        <Table.Td>{contact.name ?? "—"}</Table.Td>
                        <Table.Td>{contact.email}</Table.Td>
                        <Table.Td>{contact.country ?? "—"}</Table.Td>
                        <Table.Td>{contact.city ?? "—"}</Table.Td>
                        <Table.Td>{contact.language ?? "—"}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {contact.tags.map((tag) => (
                              <Badge key={tag} variant="outline" color="gray" size="sm" radius="sm" tt="none">
                                {tag}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <ContactStatusBadge status={contact.status} />
                        </Table.Td>
                        <Table.Td>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => setOpened(contact)}
                            aria-label={t("outreach.contacts.open", { email: contact.email })}
                          >
                            {canWrite ? t("outreach.contacts.manage") : t("outreach.contacts.view")}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {pages > 1 && (
              <Pagination
                total={pages}
                value={page}
                onChange={setPage}
                getControlProps={(control) => ({ "aria-label": t(`outreach.page.${control}`) })}
                getItemProps={(number) => ({ "aria-label": t("outreach.page.number", { number }) })}
              />
            )}
          </Stack>
        )}
      </Paper>
      <Modal
        closeButtonProps={{ "aria-label": t("outreach.closeDialog") }}
        opened={adding}
        onClose={() => setAdding(false)}
        title={t("outreach.contacts.add")}
        size="xl"
      >
        {adding && <NewContactForm list={list} onDone={() => setAdding(false)} />}
      </Modal>
      <Modal
        closeButtonProps={{ "aria-label": t("outreach.closeDialog") }}
        opened={opened !== null}
        onClose={() => setOpened(null)}
        title={opened ? t("outreach.contact.title", { email: opened.email }) : ""}
        size="xl"
      >
        {opened &&
          (canWrite ? (
            <ContactPanel list={list} contactId={opened.id} />
          ) : (
            <Text size="sm">{opened.email}</Text>
          ))}
      </Modal>
    </Stack>
  );
}
