import { describe, expect, it } from "vitest";
import { ROLE_PERMISSIONS } from "../../src/domain/shared/permissions.ts";
import { visibleSections } from "./navigation.ts";

const labels = (role: keyof typeof ROLE_PERMISSIONS) =>
  visibleSections(ROLE_PERMISSIONS[role] as never, false).map((section) => section.label);

describe("navigation by role", () => {
  it("shows a party representative sessions and catalogues, never reports (drafts) nor records", () => {
    expect(labels("party_representative")).toEqual([
      "nav.home",
      "nav.sessions",
      "nav.resolutions",
      "nav.catalogs",
    ]);
  });

  it("shows the technical secretariat every section but the administration of accounts", () => {
    expect(labels("technical_secretariat")).toContain("nav.reports");
    expect(labels("technical_secretariat")).toContain("nav.administration");
    expect(labels("area_liaison")).not.toContain("nav.reports");
  });

  it("shows contact lists (personal data) to the technical secretariat only", () => {
    expect(labels("technical_secretariat")).toContain("nav.outreach");
    for (const role of ["area_liaison", "commission_member", "party_representative", "guest"] as const)
      expect(labels(role)).not.toContain("nav.outreach");
  });

  it("shows an administrator everything", () => {
    expect(visibleSections([], true)).toHaveLength(10);
  });
});
