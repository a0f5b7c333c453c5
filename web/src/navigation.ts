/** The sections of the interface and the permission each needs (src/domain/shared/permissions.ts). */
import type { Permission } from "./api/types.ts";
import type { MessageKey } from "./i18n/i18n.ts";

export type Section = {
  path: string;
  label: MessageKey;
  /** Any one of these permissions shows the section; none listed: every signed-in account. */
  anyOf: Permission[];
};

export const SECTIONS: Section[] = [
  { path: "/", label: "nav.home", anyOf: [] },
  { path: "/sesiones", label: "nav.sessions", anyOf: ["sessions.read"] },
  { path: "/acuerdos", label: "nav.resolutions", anyOf: ["sessions.read"] },
  { path: "/programa", label: "nav.programme", anyOf: ["records.read"] },
  { path: "/convenios", label: "nav.agreements", anyOf: ["records.read"] },
  { path: "/actividades", label: "nav.activities", anyOf: ["records.read"] },
  // Drafts, previews and checks: never for party representatives and guests.
  { path: "/informes", label: "nav.reports", anyOf: ["reports.read"] },
  // Personal data: the technical secretariat only (docs/outreach.md).
  { path: "/difusion", label: "nav.outreach", anyOf: ["contacts.read"] },
  { path: "/catalogos", label: "nav.catalogs", anyOf: ["catalogs.read"] },
  { path: "/administracion", label: "nav.administration", anyOf: ["accounts.manage", "audit.read"] },
];

export function visibleSections(permissions: readonly Permission[], isAdministrator: boolean): Section[] {
  return SECTIONS.filter(
    (section) =>
      isAdministrator ||
      section.anyOf.length === 0 ||
      section.anyOf.some((permission) => permissions.includes(permission)),
  );
}
