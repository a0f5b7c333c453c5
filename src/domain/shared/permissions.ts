/**
 * What each role may do. One table, read by `authorize` (src/domain/shared/context.ts), by the route table
 * (every HTTP route declares one of these permissions) and by the documentation. See docs/decisions/010.
 */

export const PERMISSIONS = {
  "public.read": "Consultar la información pública (sin cuenta)",
  "catalogs.read": "Consultar catálogos: áreas, personas, partidos, comisiones e integración",
  "sessions.read": "Consultar sesiones, orden del día, asistencia y acuerdos",
  "records.read": "Consultar programa, convenios, actividades, organismos y búsquedas",
  "records.write": "Registrar y modificar los registros de la comisión",
  "area.write": "Registrar avances y actividades de los convenios y acciones de su área",
  "reports.read": "Consultar borradores de informe, vista previa y revisiones",
  "reports.readApproved": "Consultar informes aprobados",
  "reports.write": "Generar informes y editar sus textos y su plantilla",
  "reports.approve": "Presentar y aprobar informes",
  "data.import": "Importar y reemplazar conjuntos de datos",
  "audit.read": "Consultar la bitácora de cambios",
  "contacts.read": "Consultar listas de contactos y sus datos personales (cada consulta queda registrada)",
  "contacts.write": "Registrar y modificar contactos, consentimientos y solicitudes de derechos ARCO",
  "accounts.manage": "Administrar cuentas, roles y fichas de acceso",
} as const;
export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export const ROLES = [
  "technical_secretariat",
  "area_liaison",
  "commission_member",
  "party_representative",
  "guest",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role | "administrator", string> = {
  administrator: "Administración",
  technical_secretariat: "Secretaría técnica",
  area_liaison: "Enlace de área",
  commission_member: "Integrante de la comisión",
  party_representative: "Representación de partido",
  guest: "Invitado",
};

/** A role held in one commission (an area liaison's, for one area). */
export type Grant = { commissionId: string; role: Role; areaId: string | null };

const SIGNED_IN: Permission[] = ["public.read", "catalogs.read", "sessions.read", "reports.readApproved"];

/** The permissions of each role in its commission. The administrator holds every permission everywhere. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  technical_secretariat: [
    ...SIGNED_IN,
    "records.read",
    "records.write",
    "area.write",
    "reports.read",
    "reports.write",
    "data.import",
    "audit.read",
    // Personal data of citizens (docs/decisions/022): the technical secretariat only.
    "contacts.read",
    "contacts.write",
  ],
  area_liaison: [...SIGNED_IN, "records.read", "area.write"],
  commission_member: [...SIGNED_IN, "records.read", "reports.read", "reports.approve"],
  party_representative: SIGNED_IN,
  guest: SIGNED_IN,
};

/**
 * Whether some grant gives `permission` in the scope: the grant's commission when the scope names one, and for
 * `area.write` held as an area liaison, one of the record's areas.
 */
export function hasPermission(
  grants: readonly Grant[],
  permission: Permission,
  scope: { commissionId?: string | null; areaIds?: readonly string[] },
): boolean {
  return grants.some((grant) => {
    if (!ROLE_PERMISSIONS[grant.role].includes(permission)) return false;
    if (scope.commissionId && grant.commissionId !== scope.commissionId) return false;
    if (permission === "area.write" && grant.role === "area_liaison" && scope.areaIds)
      return grant.areaId !== null && scope.areaIds.includes(grant.areaId);
    return true;
  });
}
