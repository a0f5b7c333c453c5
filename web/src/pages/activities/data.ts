/**
 * What the activities and programme pages read from the API besides activities themselves: the activity kinds,
 * the organisations (with their aliases, for the counterpart autocomplete), the areas and the year's work
 * programmes with their lines and actions. Catalogues are small and change rarely: each is read whole, once.
 */
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client.ts";
import type { Me, Page } from "../../api/types.ts";
import { hasPermission } from "../../auth/auth.ts";

export type ActivityStatus = "held" | "cancelled" | "rescheduled";

export type Activity = {
  id: string;
  commissionId: string;
  key: string;
  actionId: string | null;
  kindId: string;
  title: string;
  description: string | null;
  dates: string[];
  span: { from: string; to: string } | null;
  startDate: string;
  endDate: string;
  isContinuous: boolean;
  counterpartIds: string[];
  followedBodyId: string | null;
  audience: string | null;
  quantity: number | null;
  status: ActivityStatus;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CatalogEntry = { id: string; key: string; name: string; position: number };
export type Organisation = {
  id: string;
  key: string;
  name: string;
  acronym: string | null;
  aliases: string[];
};
export type Area = { id: string; key: string; name: string; acronym: string | null };

export type Justification = { id: string; quarter: number; text: string };
export type ProgrammedAction = {
  id: string;
  letter: string;
  title: string;
  quarters: number[];
  areaIds: string[];
  justifications: Justification[];
};
export type StrategicLine = {
  id: string;
  number: number;
  title: string;
  actions: ProgrammedAction[];
  justifications: Justification[];
};
export type Programme = {
  id: string;
  commissionId: string;
  year: number;
  title: string;
  approvedBy: string | null;
  ratifiedBy: string | null;
  lines: StrategicLine[];
};

/** An action with what a list or a picker shows of it: «2.B» and its line. */
export type ActionChoice = ProgrammedAction & { code: string; line: StrategicLine; year: number };

/** «Vinculación» → «vinculacion»: how typed text and names are compared (accents and case aside). */
export const comparable = (text: string): string =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** Every page of a list (catalogues are read whole). */
export async function allPages<T>(path: string, query: Record<string, string | number | undefined> = {}) {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await apiGet<Page<T>>(path, { ...query, limit: 500, offset });
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

export function useActivityKinds() {
  return useQuery({
    queryKey: ["catalog-entries", "activity_kind"],
    queryFn: () => allPages<CatalogEntry>("/catalog-entries", { catalog: "activity_kind", sort: "position" }),
    staleTime: 5 * 60_000,
  });
}

export function useOrganisations() {
  return useQuery({
    queryKey: ["organisations", "all"],
    queryFn: () => allPages<Organisation>("/organisations", { sort: "name" }),
    staleTime: 5 * 60_000,
  });
}

export function useAreas() {
  return useQuery({
    queryKey: ["areas", "all"],
    queryFn: () => allPages<Area>("/areas", { sort: "name" }),
    staleTime: 5 * 60_000,
  });
}

export function useProgrammes(commissionId: string | undefined) {
  return useQuery({
    queryKey: ["work-programmes", commissionId],
    enabled: !!commissionId,
    queryFn: () => allPages<Programme>("/work-programmes", { commissionId, sort: "year", order: "desc" }),
  });
}

/** Every action of the programmes, newest year first, as «2.B». */
export function actionChoices(programmes: readonly Programme[] | undefined): ActionChoice[] {
  return (programmes ?? []).flatMap((programme) =>
    programme.lines.flatMap((line) =>
      line.actions.map((action) => ({
        ...action,
        code: `${line.number}.${action.letter}`,
        line,
        year: programme.year,
      })),
    ),
  );
}

/**
 * The actions this account may record activities for: all of them with «records.write»; an area liaison's, only
 * those of its areas (the API refuses the rest anyway).
 */
export function recordableActions(me: Me | null | undefined, actions: ActionChoice[]): ActionChoice[] {
  if (hasPermission(me, "records.write")) return actions;
  const areas = new Set(me?.roles.map((role) => role.areaId).filter(Boolean));
  return actions.filter((action) => action.areaIds.some((areaId) => areas.has(areaId)));
}

export const canRecordActivities = (me: Me | null | undefined) =>
  hasPermission(me, "records.write") || hasPermission(me, "area.write");

/** «2021-T1» → the quarter's first and last day. */
export function quarterBounds(period: string): { from: string; to: string } | undefined {
  const match = /^(\d{4})-T([1-4])$/.exec(period);
  if (!match) return undefined;
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  const lastMonth = quarter * 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${year}-${pad(lastMonth - 2)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}
