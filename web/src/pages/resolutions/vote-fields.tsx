/**
 * The vote of each member with a vote on the session's date (memberships with `hasVotingRight`): a row of radios
 * per voter — a favor, en contra, abstención, ausente, or not recorded (the demo's historical resolutions have no
 * votes). «Todos a favor» marks every voter at once.
 */
import { Button, Group, Stack, Table, Text } from "@mantine/core";
import { useT } from "../../i18n/i18n.ts";
import { useMemberships, usePeople } from "../sessions/catalog-queries.ts";
import { byId, isActiveOn, VOTE_OPTIONS, type VoteOption } from "../sessions/session-api.ts";

export type Votes = Record<string, VoteOption | null>;

/** The voters of a commission on a date, by name. */
export function useVoters(commissionId: string, date: string) {
  const memberships = useMemberships(commissionId);
  const people = usePeople();
  const personById = byId(people.data);
  const ids = [
    ...new Set(
      (memberships.data ?? [])
        .filter((m) => m.hasVotingRight && m.personId && isActiveOn(m, date))
        .map((m) => m.personId as string),
    ),
  ];
  const voters = ids
    .map((id) => ({ id, name: personById.get(id)?.name ?? "—" }))
    .sort((a, b) => a.name.localeCompare(b.name, "es"));
  return { voters, isPending: memberships.isPending || people.isPending };
}

export const votesBody = (votes: Votes) =>
  Object.entries(votes).flatMap(([personId, vote]) => (vote ? [{ personId, vote }] : []));

export function VoteFields({
  voters,
  votes,
  onChange,
}: {
  voters: { id: string; name: string }[];
  votes: Votes;
  onChange(votes: Votes): void;
}) {
  const t = useT();
  if (voters.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("resolutions.votes.noVoters")}
      </Text>
    );
  const options: (VoteOption | null)[] = [...VOTE_OPTIONS, null];
  const label = (option: VoteOption | null) =>
    t(option ? `resolutions.vote.${option}` : "resolutions.vote.none");
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {t("resolutions.votes.title")}
        </Text>
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={() => onChange(Object.fromEntries(voters.map((voter) => [voter.id, "yes"])))}
        >
          {t("resolutions.votes.allYes")}
        </Button>
      </Group>
      <Table withTableBorder fz="sm" verticalSpacing={4}>
        <caption className="visually-hidden">{t("resolutions.votes.title")}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("resolutions.votes.voter")}</Table.Th>
            {options.map((option) => (
              <Table.Th scope="col" key={option ?? "none"} ta="center">
                {label(option)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {voters.map((voter) => (
            <Table.Tr key={voter.id}>
              <Table.Th scope="row" fw={500}>
                {voter.name}
              </Table.Th>
              {options.map((option) => (
                <Table.Td key={option ?? "none"} ta="center" p={0}>
                  <label className="attendance-cell">
                    <input
                      type="radio"
                      name={`vote-${voter.id}`}
                      checked={(votes[voter.id] ?? null) === option}
                      aria-label={`${voter.name}: ${label(option)}`}
                      onChange={() => onChange({ ...votes, [voter.id]: option })}
                    />
                  </label>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
