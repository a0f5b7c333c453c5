/** The catalogue section's queries, shared by its lists, record pages and merge dialog. */
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client.ts";
import type { Page } from "../../api/types.ts";
import { type CatalogKind, type CatalogRow, listKey } from "./kinds.ts";

/** Every record of a catalogue (the API's largest page: catalogues hold hundreds, not thousands). */
export function useCatalogList(kind: CatalogKind, enabled = true) {
  return useQuery({
    queryKey: listKey(kind),
    enabled,
    queryFn: () => apiGet<Page<CatalogRow>>(kind.api, { limit: 500 }),
  });
}

/** One record of a catalogue. */
export function useCatalogRecord(kind: CatalogKind, id: string | undefined) {
  return useQuery({
    queryKey: ["catalog-record", kind.api, id],
    enabled: !!id,
    queryFn: () => apiGet<CatalogRow>(`${kind.api}/${encodeURIComponent(id ?? "")}`),
    retry: false,
  });
}

/** The checks' findings (near-duplicates among them). */
export const CHECKS_KEY = ["checks", "catalogs"] as const;
