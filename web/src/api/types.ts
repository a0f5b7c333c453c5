/** The shapes the web interface reads from the API (a subset of each; the OpenAPI document has the rest). */

export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

export type RoleName =
  | "technical_secretariat"
  | "area_liaison"
  | "commission_member"
  | "party_representative"
  | "guest";

export type Permission =
  | "public.read"
  | "catalogs.read"
  | "sessions.read"
  | "reports.readApproved"
  | "records.read"
  | "records.write"
  | "area.write"
  | "reports.read"
  | "reports.write"
  | "reports.approve"
  | "data.import"
  | "audit.read"
  | "contacts.read"
  | "contacts.write"
  | "accounts.manage";

export type Me = {
  id: string;
  username: string;
  name: string;
  isAdministrator: boolean;
  mustChangePassword: boolean;
  roles: { commissionId: string; role: RoleName; areaId?: string | null }[];
  permissions: Permission[];
};

export type SignedIn = Me & { csrfToken: string; expiresAt: string };

export type Commission = { id: string; key: string; acronym: string; name: string };

export type SessionKind = "ordinary" | "extraordinary" | "urgent";
export type SessionModality = "remote" | "in_person" | "hybrid";
export type SessionStatus = "scheduled" | "held" | "cancelled" | "postponed";

export type Session = {
  id: string;
  commissionId: string;
  kind: SessionKind;
  number: number;
  name: string;
  date: string;
  dateText: string;
  startTime: string | null;
  modality: SessionModality;
  status: SessionStatus;
};

export type Finding = {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  record: { type: string; id: string; label: string };
};

export type PublicSession = {
  id: string;
  commission: { key: string; acronym: string; name: string };
  name: string;
  date: string;
  dateText: string;
  startTime: string | null;
  modality: SessionModality;
  status: SessionStatus;
};

export type PublicResolution = {
  id: string;
  commission: { key: string; acronym: string };
  number: string;
  date: string;
  title: string;
  session: { id: string; name: string; date: string };
};

export type ApprovedReport = {
  id: string;
  commission: { key: string; acronym: string; name: string };
  period: string;
  periodName: string;
  approvedAt: string | null;
  approvedBy: { number: string; date: string; sessionName: string } | null;
  files: { format: string }[];
};

export type PublicAgreement = {
  id: string;
  key: string;
  title: string;
  counterparts: string[];
  signedOn: string | null;
  validTo: string | null;
};
