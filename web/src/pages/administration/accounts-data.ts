/** The accounts as the API returns them, and the commissions and areas their roles name. */
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client.ts";
import type { Commission, Page, RoleName } from "../../api/types.ts";
import type { Translate } from "../../i18n/i18n.ts";

export type Account = {
  id: string;
  username: string;
  name: string;
  email: string | null;
  isAdministrator: boolean;
  isActive: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  roles: { commissionId: string; role: RoleName; areaId: string | null }[];
  createdAt: string;
};

export const ROLE_NAMES: RoleName[] = [
  "technical_secretariat",
  "area_liaison",
  "commission_member",
  "party_representative",
  "guest",
];

export const ACCOUNTS_KEY = ["accounts"] as const;

export function useAccounts() {
  return useQuery({
    queryKey: ACCOUNTS_KEY,
    queryFn: () => apiGet<{ items: Account[] }>("/accounts"),
  });
}

type Area = { id: string; name: string; acronym: string | null };

/** Commissions and areas, to name the roles' places. */
export function useRolePlaces() {
  const commissions = useQuery({
    queryKey: ["commissions", "all"],
    queryFn: () => apiGet<Page<Commission>>("/commissions", { limit: 500 }),
    staleTime: 5 * 60_000,
  });
  const areas = useQuery({
    queryKey: ["catalogs", "/areas"],
    queryFn: () => apiGet<Page<Area>>("/areas", { limit: 500 }),
    staleTime: 5 * 60_000,
  });
  return { commissions: commissions.data?.items ?? [], areas: areas.data?.items ?? [] };
}

/** «Enlace de área (DEOEyG) en CVOE». */
export function describeRole(
  role: Account["roles"][number],
  places: ReturnType<typeof useRolePlaces>,
  t: Translate,
): string {
  const commission = places.commissions.find((c) => c.id === role.commissionId)?.acronym ?? "—";
  const area = role.areaId ? places.areas.find((a) => a.id === role.areaId) : undefined;
  const name = t(`role.${role.role}`);
  return area
    ? t("accounts.roleInArea", { role: name, area: area.acronym ?? area.name, commission })
    : t("accounts.roleIn", { role: name, commission });
}
