/** The same catalogue in English: it proves that every text of the interface lives in a catalogue. */
import type { MessageKey } from "./es-MX.ts";
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

export const en: Record<MessageKey, string> = {
  "app.name": "Vincula",
  "app.tagline": "Records of the commission",
  "app.loading": "Loading…",
  "app.error.title": "The operation could not be completed",
  "app.error.network": "The server cannot be reached. Check your network and try again.",
  "app.error.unexpected": "An unexpected error occurred (code {status}).",
  "app.retry": "Try again",
  "app.skipToContent": "Skip to content",
  "app.language": "Language",
  "language.es-MX": "Español (México)",
  "language.en": "English",
  "app.notFound.title": "Page not found",
  "app.notFound.body": "The address {path} is not a page of Vincula.",
  "app.forbidden.title": "No access to this section",
  "app.forbidden.body":
    "Your account may not see this section. If you need it, ask the system administration.",
  "app.notFound.home": "Back to the home page",

  "signIn.title": "Sign in",
  "signIn.intro": "Use the account the system administration gave you.",
  "signIn.username": "Username",
  "signIn.password": "Password",
  "signIn.submit": "Sign in",
  "signIn.submitting": "Signing in…",
  "signIn.required": "Type your username and your password.",
  "signIn.publicLink": "See the public information without an account",

  "password.title": "Change your provisional password",
  "password.intro":
    "Your password is provisional. Choose a new one of at least 12 characters to go on; your other sessions will be closed.",
  "password.current": "Provisional password",
  "password.new": "New password",
  "password.confirm": "Repeat the new password",
  "password.mismatch": "The new passwords do not match.",
  "password.tooShort": "The new password must have at least 12 characters.",
  "password.submit": "Change password",
  "password.done": "Password changed. You may now use Vincula.",

  "shell.userMenu": "Account menu",
  "shell.signOut": "Sign out",
  "shell.signedInAs": "Signed in as {name}",
  "shell.administrator": "System administration",
  "shell.toggleNavigation": "Show or hide the menu",
  "shell.mainNavigation": "Main navigation",
  "shell.noCommission": "No commission assigned",

  "nav.home": "Home",
  "nav.sessions": "Sessions",
  "nav.resolutions": "Resolutions",
  "nav.programme": "Work programme",
  "nav.agreements": "Agreements",
  "nav.activities": "Activities",
  "nav.reports": "Reports",
  "nav.catalogs": "Catalogues",
  "nav.administration": "Administration",
  "nav.public": "Public portal",
  "nav.search": "Search",

  "role.technical_secretariat": "Technical secretariat",
  "role.area_liaison": "Area liaison",
  "role.commission_member": "Commission member",
  "role.party_representative": "Party representative",
  "role.guest": "Guest",

  "home.title": "Home",
  "home.upcoming": "Upcoming sessions",
  "home.noUpcoming": "No session is scheduled from today on.",
  "home.recent": "Latest sessions",
  "home.findings": "Review of the records",
  "home.findingsIntro": "Findings of the automatic review that need attention.",
  "home.noFindings": "The review found nothing to attend to.",
  "home.findingsCount": "{count} findings",
  "home.allSessions": "See every session",

  "severity.error": "Error",
  "severity.warning": "Warning",
  "severity.info": "Notice",

  "sessions.title": "Sessions",
  "sessions.intro": "Sessions of the commission, latest first.",
  "sessions.empty": "No session has been recorded.",
  "sessions.column.name": "Session",
  "sessions.column.date": "Date",
  "sessions.column.time": "Time",
  "sessions.column.modality": "Modality",
  "sessions.column.status": "Status",
  "sessions.total": "{count} sessions",
  "sessions.noTime": "—",

  "modality.remote": "Remote",
  "modality.in_person": "In person",
  "modality.hybrid": "Hybrid",
  "status.scheduled": "Scheduled",
  "status.held": "Held",
  "status.cancelled": "Cancelled",
  "status.postponed": "Postponed",

  "placeholder.body": "This section is being built and will arrive in a coming version.",

  "public.title": "Public information",
  "public.intro":
    "Sessions, resolutions, approved reports and agreements in force of the commissions, without an account.",
  "public.signIn": "Sign in",
  "public.sessions": "Sessions calendar",
  "public.calendarLink": "Subscribe to the calendar (iCalendar)",
  "public.resolutions": "Adopted resolutions",
  "public.reports": "Approved reports",
  "public.agreements": "Agreements in force",
  "public.agreementsOn": "Agreements in force on {date}",
  "public.noSessions": "No session has been published.",
  "public.noResolutions": "No resolution has been published.",
  "public.noReports": "No report has been approved.",
  "public.noAgreements": "No agreement is in force.",
  "public.column.number": "Number",
  "public.column.title": "Subject",
  "public.column.session": "Session",
  "public.column.period": "Period",
  "public.column.approvedBy": "Approved by",
  "public.column.files": "Files",
  "public.column.agreement": "Agreement",
  "public.column.counterparts": "Counterparts",
  "public.column.validTo": "In force until",
  "public.undefinedValidity": "Indefinite",
  "public.approvedByText": "Resolution {number}, {session}",
  "public.download": "Download {format}",
  ...dashboardMessages.en,
  ...sessionsMessages.en,
  ...resolutionsMessages.en,
  ...programmeMessages.en,
  ...agreementsMessages.en,
  ...activitiesMessages.en,
  ...reportsMessages.en,
  ...catalogsMessages.en,
  ...searchMessages.en,
  ...administrationMessages.en,
  ...componentsMessages.en,
  ...outreachMessages.en,
};
