/**
 * Where each kind of record lives in the interface: the one map from a record (a finding's `record`, a search
 * result, an audit entry) to the page that shows it. Each section's routes (pages/<section>/index.tsx) answer
 * these addresses.
 */
const PATHS: Record<string, (id: string) => string> = {
  session: (id) => `/sesiones/${id}`,
  agenda_item: (id) => `/sesiones?punto=${id}`,
  resolution: (id) => `/acuerdos/${id}`,
  work_programme: (id) => `/programa?programa=${id}`,
  strategic_line: (id) => `/programa?linea=${id}`,
  programmed_action: (id) => `/programa?accion=${id}`,
  agreement: (id) => `/convenios/${id}`,
  agreement_progress: (id) => `/convenios?avance=${id}`,
  pertinence_opinion: (id) => `/convenios?dictamen=${id}`,
  activity: (id) => `/actividades/${id}`,
  report: (id) => `/informes/${id}`,
  person: (id) => `/catalogos/personas/${id}`,
  organisation: (id) => `/catalogos/organizaciones/${id}`,
  area: (id) => `/catalogos/areas/${id}`,
  party: (id) => `/catalogos/partidos/${id}`,
  catalog_entry: (id) => `/catalogos/valores/${id}`,
  account: (id) => `/administracion/cuentas/${id}`,
};

/** The address of the page showing this record, or undefined for kinds no page shows. */
export function recordPath(type: string, id: string): string | undefined {
  return PATHS[type]?.(encodeURIComponent(id));
}
