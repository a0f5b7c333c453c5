/** The texts of the shared components (exports, progress, forms, charts), in both languages. */
const es = {
  "export.xlsx": "Exportar XLSX",
  "export.csv": "Exportar CSV",
  "export.running": "Preparando el archivo…",
  "progress.waiting": "Esperando respuesta del servidor…",
  "progress.loaded": "{loaded} recibidos",
  "progress.ofTotal": "{loaded} de {total} ({share} %)",
  "form.invalid": "Revise los datos del formulario.",
  "form.seeFields": "Los campos marcados indican qué corregir.",
  "form.save": "Guardar",
  "form.cancel": "Cancelar",
  "form.saved": "Cambios guardados.",
  "unsaved.title": "Hay cambios sin guardar",
  "unsaved.body": "Si sale de esta página perderá los cambios que no ha guardado.",
  "unsaved.stay": "Seguir editando",
  "unsaved.leave": "Salir sin guardar",
  "chart.empty": "Sin datos para el periodo.",
  "chart.showData": "Ver datos",
  "chart.hideData": "Ocultar datos",
} as const;

const en = {
  "export.xlsx": "Export XLSX",
  "export.csv": "Export CSV",
  "export.running": "Preparing the file…",
  "progress.waiting": "Waiting for the server…",
  "progress.loaded": "{loaded} received",
  "progress.ofTotal": "{loaded} of {total} ({share} %)",
  "form.invalid": "Check the form's data.",
  "form.seeFields": "The marked fields say what to correct.",
  "form.save": "Save",
  "form.cancel": "Cancel",
  "form.saved": "Changes saved.",
  "unsaved.title": "There are unsaved changes",
  "unsaved.body": "If you leave this page you will lose the changes you have not saved.",
  "unsaved.stay": "Keep editing",
  "unsaved.leave": "Leave without saving",
  "chart.empty": "No data for the period.",
  "chart.showData": "Show data",
  "chart.hideData": "Hide data",
} satisfies Record<keyof typeof es, string>;

export const componentsMessages = { es, en };
