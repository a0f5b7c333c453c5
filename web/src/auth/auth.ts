/** Who is signed in (GET /auth/me), signing in and out, and the commission the interface shows. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiGet, apiPost, setCsrfToken } from "../api/client.ts";
import type { Commission, Me, Page, Permission, SignedIn } from "../api/types.ts";

export const ME_QUERY_KEY = ["auth", "me"] as const;

/** The signed-in account, or null for the public (a 401 is not an error here). */
export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const { csrfToken, ...me } = await apiGet<Me & { csrfToken?: string }>("/auth/me");
        // A reload or a new tab has no token of its own yet: the session's comes with /auth/me.
        if (csrfToken) setCsrfToken(csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { username: string; password: string }) =>
      apiPost<SignedIn>("/auth/sign-in", credentials),
    onSuccess: ({ csrfToken, expiresAt: _expiresAt, ...me }) => {
      setCsrfToken(csrfToken);
      queryClient.setQueryData(ME_QUERY_KEY, me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<void>("/auth/sign-out"),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiPost<unknown>("/auth/password", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });
}

export const hasPermission = (me: Me | null | undefined, permission: Permission): boolean =>
  !!me && (me.isAdministrator || me.permissions.includes(permission));

/**
 * The commission the interface shows: the first the account holds a role in, or, for an administrator, the
 * first of the institution.
 */
export function useCurrentCommission(me: Me | null | undefined) {
  return useQuery({
    queryKey: ["commissions", "current", me?.id],
    enabled: hasPermission(me, "catalogs.read"),
    queryFn: async (): Promise<Commission | null> => {
      const page = await apiGet<Page<Commission>>("/commissions", { limit: 100 });
      const held = new Set(me?.roles.map((role) => role.commissionId));
      return page.items.find((commission) => held.has(commission.id)) ?? page.items[0] ?? null;
    },
    staleTime: 5 * 60_000,
  });
}
