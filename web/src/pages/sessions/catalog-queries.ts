/** The catalogues the session pages name people, parties and areas from, cached for the whole visit. */
import { useQuery } from "@tanstack/react-query";
import { type Area, fetchAll, keys, type Membership, type Party, type Person } from "./session-api.ts";

const LONG = 5 * 60_000;

export const usePeople = () =>
  useQuery({ queryKey: keys.people, queryFn: () => fetchAll<Person>("/people"), staleTime: LONG });

export const useParties = () =>
  useQuery({ queryKey: keys.parties, queryFn: () => fetchAll<Party>("/parties"), staleTime: LONG });

export const useAreas = () =>
  useQuery({ queryKey: keys.areas, queryFn: () => fetchAll<Area>("/areas"), staleTime: LONG });

export const useMemberships = (commissionId: string | undefined) =>
  useQuery({
    queryKey: keys.memberships(commissionId),
    enabled: !!commissionId,
    queryFn: () => fetchAll<Membership>("/memberships", { commissionId }),
    staleTime: LONG,
  });
