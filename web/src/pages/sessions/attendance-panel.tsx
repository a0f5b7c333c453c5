/**
 * The attendance list as a grid: one row per participant — the commission's integration on the session's date
 * (GET /memberships), plus whoever the saved list names besides (invited officials) — and one column per state:
 * «Asistió», «Envió suplente» (then the person who came, `substitutePersonId`) and «No asistió». One click (or the
 * arrow keys, the cells of a row being one radio group) sets a row; «Guardar asistencia» sends the whole list
 * (PUT /sessions/:id/attendance, which replaces it in one transaction). Totals per state, and whether the members
 * with a vote present are more than half (the rule of the report's quorum check).
 */
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";
import { apiGet, apiPut } from "../../api/client.ts";
import { FormErrors } from "../../components/form-errors.tsx";
import { type Translate, useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { useAreas, useMemberships, useParties, usePeople } from "./catalog-queries.ts";
import {
  type Area,
  type AttendanceCategory,
  type AttendanceEntry,
  byId,
  isActiveOn,
  keys,
  type Membership,
  type SessionRecord,
} from "./session-api.ts";

type State = "present" | "substitute" | "absent";
const STATES: State[] = ["present", "substitute", "absent"];

type Row = {
  key: string;
  category: AttendanceCategory;
  personId: string | null;
  partyId: string | null;
  areaId: string | null;
  capacity: string | null;
  role: Membership["role"] | null;
};
type Mark = { state: State | null; substitutePersonId: string | null };

const rowKey = (entry: Pick<Row, "category" | "personId" | "partyId" | "areaId">) =>
  [entry.category, entry.personId ?? "", entry.partyId ?? "", entry.areaId ?? ""].join("|");

const stateOf = (entry: AttendanceEntry): State =>
  entry.substitutePersonId ? "substitute" : entry.isPresent ? "present" : "absent";

const ROLE_ORDER: Record<Membership["role"], number> = {
  chair: 0,
  member: 1,
  technical_secretary: 2,
  party_representative: 3,
  guest: 4,
};

/** The rows: the saved list in its order, then the integration of the day that it does not name yet. */
function buildRows(saved: AttendanceEntry[], memberships: Membership[], date: string): Row[] {
  const rows = new Map<string, Row>();
  const roleOf = new Map<string, Membership["role"]>();
  const fromMemberships: Row[] = memberships
    .filter((membership) => membership.role !== "guest" && isActiveOn(membership, date))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
    .map((membership) => {
      const row: Row =
        membership.role === "party_representative"
          ? {
              key: "",
              category: "party_representative",
              personId: null,
              partyId: membership.onBehalfOfPartyId,
              areaId: null,
              capacity: null,
              role: membership.role,
            }
          : {
              key: "",
              category: membership.role === "technical_secretary" ? "technical_secretary" : "member",
              personId: membership.personId,
              partyId: null,
              areaId: null,
              capacity: null,
              role: membership.role,
            };
      row.key = rowKey(row);
      roleOf.set(row.key, membership.role);
      return row;
    });
  for (const entry of saved) {
    const key = rowKey(entry);
    rows.set(key, { ...entry, key, role: roleOf.get(key) ?? null });
  }
  for (const row of fromMemberships) if (!rows.has(row.key)) rows.set(row.key, row);
  return [...rows.values()];
}

function marksOf(saved: AttendanceEntry[]): Record<string, Mark> {
  return Object.fromEntries(
    saved.map((entry) => [
      rowKey(entry),
      { state: stateOf(entry), substitutePersonId: entry.substitutePersonId },
    ]),
  );
}

const sameMarks = (a: Record<string, Mark>, b: Record<string, Mark>) => {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of names) {
    const left = a[name] ?? { state: null, substitutePersonId: null };
    const right = b[name] ?? { state: null, substitutePersonId: null };
    if (left.state !== right.state) return false;
    if (left.state === "substitute" && left.substitutePersonId !== right.substitutePersonId) return false;
  }
  return true;
};

function roleLabel(row: Row, t: Translate): string {
  if (row.category === "invited_official") {
    const invited = t("sessions.attendance.role.invited");
    return row.capacity ? `${invited} (${row.capacity})` : invited;
  }
  if (row.category === "party_representative") return t("sessions.attendance.role.party");
  if (row.category === "technical_secretary") return t("sessions.attendance.role.technical_secretary");
  return t(row.role === "chair" ? "sessions.attendance.role.chair" : "sessions.attendance.role.member");
}

export function AttendancePanel({
  session,
  canWrite,
  onDirty,
}: {
  session: SessionRecord;
  canWrite: boolean;
  onDirty(isDirty: boolean): void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const attendance = useQuery({
    queryKey: keys.attendance(session.id),
    queryFn: () => apiGet<{ entries: AttendanceEntry[] }>(`/sessions/${session.id}/attendance`),
  });
  const memberships = useMemberships(session.commissionId);
  const people = usePeople();
  const parties = useParties();
  const areas = useAreas();
  const saved = attendance.data?.entries;
  const savedMarks = useMemo(() => marksOf(saved ?? []), [saved]);
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [missingSubstitute, setMissingSubstitute] = useState<Set<string>>(new Set());
  const [savedNotice, setSavedNotice] = useState(false);
  // Invited officials added in the page, and rows taken off the list, until saved.
  const [added, setAdded] = useState<Row[]>([]);
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const reset = useCallback(() => {
    setMarks(savedMarks);
    setAdded([]);
    setRemoved(new Set());
  }, [savedMarks]);
  useEffect(() => reset(), [reset]);
  const isDirty = !sameMarks(marks, savedMarks) || added.length > 0 || removed.size > 0;
  useEffect(() => onDirty(isDirty), [isDirty, onDirty]);

  const rows = useMemo(() => {
    const listed = buildRows(saved ?? [], memberships.data ?? [], session.date);
    const keys = new Set(listed.map((row) => row.key));
    return [...listed, ...added.filter((row) => !keys.has(row.key))].filter((row) => !removed.has(row.key));
  }, [saved, memberships.data, session.date, added, removed]);
  const personById = byId(people.data);
  const partyById = byId(parties.data);
  const areaById = byId(areas.data);
  const nameOf = (row: Row) => {
    if (row.category === "party_representative") {
      const party = row.partyId ? partyById.get(row.partyId) : undefined;
      return party ? `${party.name}${party.acronym ? ` (${party.acronym})` : ""}` : "—";
    }
    const person = row.personId ? personById.get(row.personId)?.name : undefined;
    if (row.category === "invited_official") {
      const area = row.areaId ? areaById.get(row.areaId) : undefined;
      return [person, area?.acronym ?? area?.name].filter(Boolean).join(" — ") || "—";
    }
    return person ?? "—";
  };

  const save = useMutation({
    mutationFn: (entries: unknown[]) =>
      apiPut<{ entries: AttendanceEntry[] }>(`/sessions/${session.id}/attendance`, { entries }),
    onSuccess: (result) => {
      setAdded([]);
      setRemoved(new Set());
      queryClient.setQueryData(keys.attendance(session.id), result);
      setSavedNotice(true);
    },
  });
  const submit = () => {
    const missing = new Set(
      rows
        .filter((row) => marks[row.key]?.state === "substitute" && !marks[row.key]?.substitutePersonId)
        .map((row) => row.key),
    );
    setMissingSubstitute(missing);
    if (missing.size > 0) return;
    const entries = rows.flatMap((row) => {
      const mark = marks[row.key];
      if (!mark?.state) return [];
      return [
        {
          category: row.category,
          ...(row.personId ? { personId: row.personId } : {}),
          ...(row.partyId ? { partyId: row.partyId } : {}),
          ...(row.areaId ? { areaId: row.areaId } : {}),
          ...(row.capacity ? { capacity: row.capacity } : {}),
          isPresent: mark.state === "present",
          ...(mark.state === "substitute" && mark.substitutePersonId
            ? { substitutePersonId: mark.substitutePersonId }
            : {}),
        },
      ];
    });
    save.mutate(entries);
  };
  const setMark = (key: string, mark: Mark) => {
    setSavedNotice(false);
    setMarks((current) => ({ ...current, [key]: mark }));
    if (mark.state !== "substitute" || mark.substitutePersonId)
      setMissingSubstitute((current) => {
        if (!current.has(key)) return current;
        const next = new Set(current);
        next.delete(key);
        return next;
      });
  };

  const totals = Object.fromEntries(
    STATES.map((state) => [state, rows.filter((row) => marks[row.key]?.state === state).length]),
  ) as Record<State, number>;
  const unset = rows.filter((row) => !marks[row.key]?.state).length;
  const voters = new Set(
    (memberships.data ?? [])
      .filter((m) => m.hasVotingRight && m.personId && isActiveOn(m, session.date))
      .map((m) => m.personId as string),
  );
  const votersPresent = rows.filter(
    (row) =>
      row.category === "member" &&
      row.personId &&
      voters.has(row.personId) &&
      marks[row.key]?.state === "present",
  ).length;
  const hasQuorum = votersPresent * 2 > voters.size;
  const peopleOptions = (people.data ?? []).map((person) => ({ value: person.id, label: person.name }));
  const stateLabel = (state: State) => t(`sessions.attendance.state.${state}`);

  const isLoading = attendance.isPending || memberships.isPending || people.isPending || parties.isPending;
  const error = attendance.error ?? memberships.error ?? people.error ?? parties.error;
  return (
    <Paper component="section" aria-labelledby="session-attendance">
      <Stack gap="md">
        <div>
          <Title order={2} id="session-attendance">
            {t("sessions.attendance.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t(canWrite ? "sessions.attendance.introWrite" : "sessions.attendance.intro")}
          </Text>
        </div>
        {isLoading ? (
          <PageLoader />
        ) : error ? (
          <ErrorNotice error={error} onRetry={() => void attendance.refetch()} />
        ) : (
          <>
            <Table.ScrollContainer minWidth={760}>
              <Table className="attendance-grid" verticalSpacing={6} withRowBorders>
                <caption className="visually-hidden">{t("sessions.attendance.title")}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("sessions.attendance.participant")}</Table.Th>
                    <Table.Th scope="col">{t("sessions.attendance.role")}</Table.Th>
                    {STATES.map((state) => (
                      <Table.Th scope="col" key={state} ta="center" w={130} className="nowrap">
                        {stateLabel(state)}
                      </Table.Th>
                    ))}
                    <Table.Th scope="col" w={260}>
                      {t("sessions.attendance.substitute")}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => {
                    const mark = marks[row.key] ?? { state: null, substitutePersonId: null };
                    const name = nameOf(row);
                    return (
                      <Table.Tr key={row.key} data-participant={name}>
                        <Table.Th scope="row" fw={500} fz="sm">
                          {name}
                        </Table.Th>
                        <Table.Td fz="sm" c="dimmed">
                          {roleLabel(row, t)}
                          {canWrite && row.category === "invited_official" && (
                            <Button
                              variant="subtle"
                              color="red"
                              size="compact-sm"
                              ml={4}
                              aria-label={t("sessions.attendance.removeInvited", { name })}
                              onClick={() => {
                                setSavedNotice(false);
                                setRemoved((current) => new Set(current).add(row.key));
                              }}
                            >
                              {t("sessions.agenda.remove")}
                            </Button>
                          )}
                        </Table.Td>
                        {STATES.map((state) => (
                          <Table.Td
                            key={state}
                            ta="center"
                            p={0}
                            data-state={state}
                            data-checked={mark.state === state}
                          >
                            {canWrite ? (
                              <label className="attendance-cell">
                                <input
                                  type="radio"
                                  name={`attendance-${row.key}`}
                                  value={state}
                                  checked={mark.state === state}
                                  aria-label={`${name}: ${stateLabel(state)}`}
                                  onChange={() =>
                                    setMark(row.key, {
                                      state,
                                      substitutePersonId:
                                        state === "substitute" ? mark.substitutePersonId : null,
                                    })
                                  }
                                />
                              </label>
                            ) : mark.state === state ? (
                              <Text fw={700} c="institutional.7">
                                <span aria-hidden>●</span>
                                <span className="visually-hidden">{stateLabel(state)}</span>
                              </Text>
                            ) : null}
                          </Table.Td>
                        ))}
                        <Table.Td>
                          {mark.state !== "substitute" ? null : canWrite ? (
                            <Select
                              aria-label={t("sessions.attendance.substituteOf", { name })}
                              placeholder={t("sessions.attendance.choosePerson")}
                              data={peopleOptions}
                              value={mark.substitutePersonId}
                              onChange={(value) =>
                                setMark(row.key, { state: "substitute", substitutePersonId: value })
                              }
                              searchable
                              limit={50}
                              size="xs"
                              nothingFoundMessage={t("sessions.attendance.nobody")}
                              error={
                                missingSubstitute.has(row.key)
                                  ? t("sessions.attendance.substituteMissing")
                                  : undefined
                              }
                              comboboxProps={{ withinPortal: true }}
                            />
                          ) : (
                            <Text size="sm">
                              {(mark.substitutePersonId && personById.get(mark.substitutePersonId)?.name) ??
                                "—"}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th scope="row" colSpan={2} fz="sm">
                      {t("sessions.attendance.totals")}
                    </Table.Th>
                    {STATES.map((state) => (
                      <Table.Td key={state} ta="center" fw={700} data-testid={`attendance-total-${state}`}>
                        {totals[state]}
                      </Table.Td>
                    ))}
                    <Table.Td fz="sm" c="dimmed">
                      {unset > 0 ? t("sessions.attendance.unset", { count: unset }) : null}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
            {voters.size > 0 && (
              <Alert
                color={hasQuorum ? "teal" : "orange"}
                variant="light"
                title={t(hasQuorum ? "sessions.attendance.quorum" : "sessions.attendance.noQuorum")}
                // The title in the text colour: teal on light teal falls short of 4.5:1.
                styles={{ title: { color: "var(--mantine-color-text)" } }}
                data-testid="quorum"
              >
                {t("sessions.attendance.quorumDetail", { present: votersPresent, total: voters.size })}
              </Alert>
            )}
            {missingSubstitute.size > 0 && (
              <Alert color="red" variant="light" role="alert" title={t("form.invalid")}>
                {t("sessions.attendance.substituteMissingSummary")}
              </Alert>
            )}
            {canWrite && (
              <AddInvited
                areas={areas.data ?? []}
                peopleOptions={peopleOptions}
                onAdd={(row) => {
                  setSavedNotice(false);
                  setRemoved((current) => {
                    const next = new Set(current);
                    next.delete(row.key);
                    return next;
                  });
                  setAdded((current) => [...current.filter((other) => other.key !== row.key), row]);
                }}
              />
            )}
            <FormErrors error={save.error} fields={[]} />
            {canWrite && (
              <Group justify="flex-end" gap="sm">
                <Text size="sm" c="dimmed" role="status">
                  {isDirty
                    ? t("sessions.attendance.unsaved")
                    : savedNotice
                      ? t("sessions.attendance.saved")
                      : ""}
                </Text>
                <Button variant="default" disabled={!isDirty} onClick={reset}>
                  {t("sessions.attendance.discard")}
                </Button>
                <Button onClick={submit} loading={save.isPending} disabled={!isDirty}>
                  {t("sessions.attendance.save")}
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** «Agregar persona invitada»: an official of an area (the area is what the list needs; the person may be unknown). */
function AddInvited({
  areas,
  peopleOptions,
  onAdd,
}: {
  areas: Area[];
  peopleOptions: { value: string; label: string }[];
  onAdd(row: Row): void;
}) {
  const t = useT();
  const [areaId, setAreaId] = useState("");
  const [personId, setPersonId] = useState<string | null>(null);
  const [capacity, setCapacity] = useState("");
  const [isAreaMissing, setAreaMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!areaId) {
      setAreaMissing(true);
      return;
    }
    const row: Row = {
      key: "",
      category: "invited_official",
      personId,
      partyId: null,
      areaId,
      capacity: capacity.trim() || null,
      role: null,
    };
    onAdd({ ...row, key: rowKey(row) });
    setAreaId("");
    setPersonId(null);
    setCapacity("");
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-invited">
      <Stack gap="xs">
        <Title order={3} size="h4" id="add-invited">
          {t("sessions.attendance.addInvited")}
        </Title>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t("sessions.attendance.area")}
            value={areaId}
            onChange={(event) => {
              setAreaId(event.currentTarget.value);
              setAreaMissing(false);
            }}
            data={[
              { value: "", label: t("sessions.attendance.chooseArea") },
              ...areas.map((area) => ({ value: area.id, label: area.name })),
            ]}
            error={isAreaMissing ? t("sessions.attendance.areaMissing") : undefined}
            w={320}
            required
          />
          <Select
            label={t("sessions.attendance.person")}
            placeholder={t("sessions.attendance.choosePerson")}
            data={peopleOptions}
            value={personId}
            onChange={setPersonId}
            searchable
            clearable
            limit={50}
            nothingFoundMessage={t("sessions.attendance.nobody")}
            w={260}
          />
          <TextInput
            label={t("sessions.attendance.capacity")}
            placeholder={t("sessions.attendance.capacityExample")}
            value={capacity}
            onChange={(event) => setCapacity(event.currentTarget.value)}
            w={220}
          />
          <Button type="submit" variant="default">
            {t("sessions.attendance.addToList")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
