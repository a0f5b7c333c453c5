/**
 * Every text the web interface shows, in Spanish of Mexico (the interface's language): the shell's here, each
 * section's in sections/ (Spanish and English side by side, so a section's texts live in one file).
 */

import { activitiesMessages } from "./sections/activities.ts";
import { administrationMessages } from "./sections/administration.ts";
import { agreementsMessages } from "./sections/agreements.ts";
import { catalogsMessages } from "./sections/catalogs.ts";
import { componentsMessages } from "./sections/components.ts";
import { dashboardMessages } from "./sections/dashboard.ts";
import { outreachMessages } from "./sections/outreach.ts";
import { programmeMessages } from "./sections/programme.ts";
import { reportsMessages } from "./sections/reports.ts";
import { resolutionsMessages } from "./sections/resolutions.ts";
import { searchMessages } from "./sections/search.ts";
import { sessionsMessages } from "./sections/sessions.ts";

export const esMX = {
  "app.name": "Vincula",
  "app.tagline": "Registros de la comisión",
  "app.loading": "Cargando…",
  "app.error.title": "No se pudo completar la operación",
  "app.error.network": "No hay conexión con el servidor. Revise su red e intente de nuevo.",
  "app.error.unexpected": "Ocurrió un error inesperado (código {status}).",
  "app.retry": "Reintentar",
  "app.skipToContent": "Saltar al contenido",
  "app.language": "Idioma",
  "language.es-MX": "Español (México)",
  "language.en": "English",
  "app.notFound.title": "Página no encontrada",
  "app.notFound.body": "La dirección {path} no corresponde a ninguna página de Vincula.",
  "app.forbidden.title": "Sin acceso a esta sección",
  "app.forbidden.body":
    "Su cuenta no tiene permiso para consultar esta sección. Si lo necesita, pídalo a la administración del sistema.",
  "app.notFound.home": "Volver al inicio",

  "signIn.title": "Iniciar sesión",
  "signIn.intro": "Ingrese con la cuenta que le asignó la administración del sistema.",
  "signIn.username": "Usuario",
  "signIn.password": "Contraseña",
  "signIn.submit": "Entrar",
  "signIn.submitting": "Entrando…",
  "signIn.required": "Escriba su usuario y su contraseña.",
  "signIn.publicLink": "Consultar la información pública sin cuenta",

  "password.title": "Cambie su contraseña provisional",
  "password.intro":
    "Su contraseña es provisional. Elija una nueva de al menos 12 caracteres para continuar; sus otras sesiones se cerrarán.",
  "password.current": "Contraseña provisional",
  "password.new": "Contraseña nueva",
  "password.confirm": "Repita la contraseña nueva",
  "password.mismatch": "Las contraseñas nuevas no coinciden.",
  "password.tooShort": "La contraseña nueva debe tener al menos 12 caracteres.",
  "password.submit": "Cambiar contraseña",
  "password.done": "Contraseña cambiada. Ya puede usar Vincula.",

  "shell.userMenu": "Menú de la cuenta",
  "shell.signOut": "Cerrar sesión",
  "shell.signedInAs": "Sesión de {name}",
  "shell.administrator": "Administración del sistema",
  "shell.toggleNavigation": "Mostrar u ocultar el menú",
  "shell.mainNavigation": "Navegación principal",
  "shell.noCommission": "Sin comisión asignada",

  "nav.home": "Inicio",
  "nav.sessions": "Sesiones",
  "nav.resolutions": "Acuerdos",
  "nav.programme": "Programa",
  "nav.agreements": "Convenios",
  "nav.activities": "Actividades",
  "nav.reports": "Informes",
  "nav.catalogs": "Catálogos",
  "nav.administration": "Administración",
  "nav.public": "Portal público",
  "nav.search": "Búsqueda",

  "role.technical_secretariat": "Secretaría técnica",
  "role.area_liaison": "Enlace de área",
  "role.commission_member": "Integrante de la comisión",
  "role.party_representative": "Representación de partido",
  "role.guest": "Invitado",

  "home.title": "Inicio",
  "home.upcoming": "Próximas sesiones",
  "home.noUpcoming": "No hay sesiones programadas a partir de hoy.",
  "home.recent": "Sesiones más recientes",
  "home.findings": "Revisión de los registros",
  "home.findingsIntro": "Hallazgos de la revisión automática que requieren atención.",
  "home.noFindings": "La revisión no encontró nada que atender.",
  "home.findingsCount": "{count} hallazgos",
  "home.allSessions": "Ver todas las sesiones",

  "severity.error": "Error",
  "severity.warning": "Advertencia",
  "severity.info": "Aviso",

  "sessions.title": "Sesiones",
  "sessions.intro": "Sesiones de la comisión, de la más reciente a la más antigua.",
  "sessions.empty": "No hay sesiones registradas.",
  "sessions.column.name": "Sesión",
  "sessions.column.date": "Fecha",
  "sessions.column.time": "Hora",
  "sessions.column.modality": "Modalidad",
  "sessions.column.status": "Estado",
  "sessions.total": "{count} sesiones",
  "sessions.noTime": "—",

  "modality.remote": "A distancia",
  "modality.in_person": "Presencial",
  "modality.hybrid": "Semipresencial",
  "status.scheduled": "Programada",
  "status.held": "Celebrada",
  "status.cancelled": "Cancelada",
  "status.postponed": "Pospuesta",

  "placeholder.body": "Esta sección está en construcción y llegará en una próxima versión.",

  "public.title": "Información pública",
  "public.intro":
    "Sesiones, acuerdos, informes aprobados y convenios vigentes de las comisiones, sin necesidad de cuenta.",
  "public.signIn": "Iniciar sesión",
  "public.sessions": "Calendario de sesiones",
  "public.calendarLink": "Suscribirse al calendario (iCalendar)",
  "public.resolutions": "Acuerdos adoptados",
  "public.reports": "Informes aprobados",
  "public.agreements": "Convenios vigentes",
  "public.agreementsOn": "Convenios vigentes al {date}",
  "public.noSessions": "No hay sesiones publicadas.",
  "public.noResolutions": "No hay acuerdos publicados.",
  "public.noReports": "No hay informes aprobados.",
  "public.noAgreements": "No hay convenios vigentes.",
  "public.column.number": "Número",
  "public.column.title": "Asunto",
  "public.column.session": "Sesión",
  "public.column.period": "Periodo",
  "public.column.approvedBy": "Aprobado por",
  "public.column.files": "Archivos",
  "public.column.agreement": "Convenio",
  "public.column.counterparts": "Contrapartes",
  "public.column.validTo": "Vigente hasta",
  "public.undefinedValidity": "Indefinida",
  "public.approvedByText": "Acuerdo {number}, {session}",
  "public.download": "Descargar {format}",
  ...dashboardMessages.es,
  ...sessionsMessages.es,
  ...resolutionsMessages.es,
  ...programmeMessages.es,
  ...agreementsMessages.es,
  ...activitiesMessages.es,
  ...reportsMessages.es,
  ...catalogsMessages.es,
  ...searchMessages.es,
  ...administrationMessages.es,
  ...componentsMessages.es,
  ...outreachMessages.es,
} as const;

export type MessageKey = keyof typeof esMX;
