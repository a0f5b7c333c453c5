/** The texts of reports, in both languages: English must have exactly the keys of Spanish (`satisfies`). */
const es = {
  "reports.title": "Informes",
  "reports.intro":
    "Informes trimestrales y anuales de la comisión: borradores, presentados en sesión y aprobados.",
  "reports.back": "← Todos los informes",
  "reports.status.draft": "Borrador",
  "reports.status.presented": "Presentado",
  "reports.status.approved": "Aprobado",
  "reports.quarter.1": "T1 · enero a marzo",
  "reports.quarter.2": "T2 · abril a junio",
  "reports.quarter.3": "T3 · julio a septiembre",
  "reports.quarter.4": "T4 · octubre a diciembre",

  "reports.generate.title": "Generar un informe",
  "reports.generate.intro":
    "Crea el borrador del informe de un periodo a partir de los registros; después puede revisar sus hallazgos, redactar sus párrafos y descargarlo.",
  "reports.generate.kind": "Tipo de informe",
  "reports.generate.quarterly": "Trimestral",
  "reports.generate.annual": "Anual",
  "reports.generate.year": "Año",
  "reports.generate.quarter": "Trimestre",
  "reports.generate.submit": "Generar el informe {period}",
  "reports.generate.open": "Abrir el informe {period}",
  "reports.generate.exists": "El informe {period} ya existe: ábralo para revisarlo o editarlo.",
  "reports.generate.running": "Creando el borrador del informe…",

  "reports.list.title": "Informes de la comisión",
  "reports.list.empty": "Todavía no hay informes. Genere el primero arriba.",
  "reports.list.period": "Periodo",
  "reports.list.code": "Clave",
  "reports.list.status": "Estado",
  "reports.list.presented": "Presentado en",
  "reports.list.approvedBy": "Acuerdo de aprobación",
  "reports.list.created": "Creado",
  "reports.list.updated": "Última modificación",

  "reports.approved.title": "Informes aprobados y sus archivos",
  "reports.approved.intro":
    "Los archivos de un informe aprobado quedan congelados: su huella SHA-256 permite comprobar que una copia es idéntica a la aprobada.",
  "reports.approved.empty": "Aún no hay informes aprobados.",
  "reports.approved.by": "Aprobado con el acuerdo {number} · {date}",

  "reports.files.caption": "Archivos congelados del informe del {period}",
  "reports.files.format": "Formato",
  "reports.files.size": "Tamaño",
  "reports.files.sha256": "Huella SHA-256",
  "reports.files.copy": "Copiar la huella",
  "reports.files.copied": "Copiada",
  "reports.files.copyOf": "Copiar la huella SHA-256 del archivo {format}",

  "reports.report.title": "Informe del {period}",
  "reports.report.subtitle": "Clave del periodo: {code}",
  "reports.download": "Descargar {format}",
  "reports.rendering": "Generando el {format} desde los registros…",
  "reports.downloading": "Descargando el {format} aprobado…",

  "reports.state.status": "Estado",
  "reports.state.presented": "Presentación",
  "reports.state.presentedIn": "{session}, {date}, punto {position}",
  "reports.state.approved": "Aprobación",
  "reports.state.approvedBy": "Acuerdo {number} · {date}",
  "reports.state.updated": "Última modificación",
  "reports.state.notYet": "Pendiente",
  "reports.state.frozenFiles": "Archivos aprobados",
  "reports.state.frozenIntro":
    "El informe está aprobado y es de solo lectura: estos son sus archivos congelados y sus huellas SHA-256.",

  "reports.tabs.preview": "Vista previa",
  "reports.tabs.findings": "Hallazgos",
  "reports.tabs.texts": "Textos del informe",
  "reports.tabs.workflow": "Presentación y aprobación",

  "reports.preview.title": "Vista previa del informe del {period}",
  "reports.preview.intro":
    "Así queda el informe con los registros actuales y los textos del borrador; se actualiza al guardar los textos.",
  "reports.preview.frozen": "El informe tal como se aprobó (archivo congelado).",
  "reports.preview.loading": "Generando la vista previa…",

  "reports.findings.intro":
    "Revisión automática de los registros del {period}. Cada hallazgo enlaza al registro que hay que corregir.",
  "reports.findings.blockingTitle": "{count} hallazgos impiden aprobar el informe",
  "reports.findings.blockingBody":
    "Los errores impiden la aprobación: corrija los registros señalados y vuelva a revisar antes de presentarlo.",
  "reports.findings.noneBlocking": "Ningún hallazgo impide aprobar el informe",
  "reports.findings.reviewRest":
    "Revise las advertencias y avisos: no impiden la aprobación, pero pueden afectar el contenido del informe.",
  "reports.findings.none": "La revisión no encontró nada que atender en este periodo.",
  "reports.findings.errors": "Errores que impiden la aprobación",
  "reports.findings.warnings": "Advertencias",
  "reports.findings.notices": "Avisos",
  "reports.findings.fix": "Corregir: {label}",
  "reports.findings.approved": "El informe está aprobado: sus archivos están congelados y ya no se revisan.",

  "reports.texts.intro":
    "Párrafos que redacta la secretaría técnica. Separe los párrafos con una línea en blanco; si deja un campo vacío, el informe usa la redacción de la plantilla.",
  "reports.texts.introduction": "Introducción",
  "reports.texts.introductionHelp": "Sustituye la introducción de la plantilla.",
  "reports.texts.templateWording": "Vacío: se usa la redacción de la plantilla.",
  "reports.texts.parts": "Textos de apertura de las partes",
  "reports.texts.partsHelp":
    "Un texto al inicio de la parte de una acción del programa anual de trabajo, antes de su tabla.",
  "reports.texts.part": "Apertura de {part}",
  "reports.texts.removePart": "Quitar el texto de apertura de la parte {part}",
  "reports.texts.addPart": "Añadir texto de apertura a la parte",
  "reports.texts.choosePart": "Elija una acción del programa…",
  "reports.texts.add": "Añadir",
  "reports.texts.save": "Guardar los textos",
  "reports.texts.discard": "Descartar cambios",
  "reports.texts.unsaved": "Hay cambios sin guardar.",
  "reports.texts.saved": "Textos guardados; la vista previa ya los muestra.",

  "reports.workflow.presentTitle": "Presentación en sesión",
  "reports.workflow.presentIntro":
    "Registre la sesión y el punto del orden del día en que se presenta el informe a la comisión.",
  "reports.workflow.session": "Sesión",
  "reports.workflow.chooseSession": "Elija la sesión…",
  "reports.workflow.agendaItem": "Punto del orden del día",
  "reports.workflow.chooseAgendaItem": "Elija el punto…",
  "reports.workflow.present": "Registrar la presentación",
  "reports.workflow.changePresentation": "Cambiar la presentación",
  "reports.workflow.approveTitle": "Aprobación",
  "reports.workflow.approveIntro":
    "El informe se aprueba con un acuerdo adoptado en la sesión en que se presentó. Al aprobarse se generan y congelan sus archivos.",
  "reports.workflow.resolution": "Acuerdo de aprobación",
  "reports.workflow.chooseResolution": "Elija el acuerdo…",
  "reports.workflow.noResolutions": "La sesión de la presentación no tiene acuerdos adoptados todavía.",
  "reports.workflow.approve": "Aprobar el informe",
  "reports.workflow.approving": "Aprobando: generando y congelando los archivos del informe…",
  "reports.workflow.confirmTitle": "¿Aprobar el informe?",
  "reports.workflow.confirmBody":
    "El informe del {period} quedará aprobado con el acuerdo {number}. Sus archivos se congelan y ya no podrán modificarse.",
  "reports.workflow.cancel": "Cancelar",
  "reports.workflow.confirm": "Aprobar y congelar",
} as const;

const en = {
  "reports.title": "Reports",
  "reports.intro":
    "The commission's quarterly and annual reports: drafts, presented in session and approved.",
  "reports.back": "← All reports",
  "reports.status.draft": "Draft",
  "reports.status.presented": "Presented",
  "reports.status.approved": "Approved",
  "reports.quarter.1": "Q1 · January to March",
  "reports.quarter.2": "Q2 · April to June",
  "reports.quarter.3": "Q3 · July to September",
  "reports.quarter.4": "Q4 · October to December",

  "reports.generate.title": "Generate a report",
  "reports.generate.intro":
    "Creates the draft report of a period from the records; then you can review its findings, write its paragraphs and download it.",
  "reports.generate.kind": "Kind of report",
  "reports.generate.quarterly": "Quarterly",
  "reports.generate.annual": "Annual",
  "reports.generate.year": "Year",
  "reports.generate.quarter": "Quarter",
  "reports.generate.submit": "Generate the {period} report",
  "reports.generate.open": "Open the {period} report",
  "reports.generate.exists": "The {period} report already exists: open it to review or edit it.",
  "reports.generate.running": "Creating the draft report…",

  "reports.list.title": "The commission's reports",
  "reports.list.empty": "There are no reports yet. Generate the first one above.",
  "reports.list.period": "Period",
  "reports.list.code": "Code",
  "reports.list.status": "State",
  "reports.list.presented": "Presented in",
  "reports.list.approvedBy": "Approving resolution",
  "reports.list.created": "Created",
  "reports.list.updated": "Last change",

  "reports.approved.title": "Approved reports and their files",
  "reports.approved.intro":
    "The files of an approved report are frozen: their SHA-256 fingerprint proves that a copy is identical to the approved one.",
  "reports.approved.empty": "There are no approved reports yet.",
  "reports.approved.by": "Approved by resolution {number} · {date}",

  "reports.files.caption": "Frozen files of the report of the {period}",
  "reports.files.format": "Format",
  "reports.files.size": "Size",
  "reports.files.sha256": "SHA-256 fingerprint",
  "reports.files.copy": "Copy the fingerprint",
  "reports.files.copied": "Copied",
  "reports.files.copyOf": "Copy the SHA-256 fingerprint of the {format} file",

  "reports.report.title": "Report of the {period}",
  "reports.report.subtitle": "Period code: {code}",
  "reports.download": "Download {format}",
  "reports.rendering": "Rendering the {format} from the records…",
  "reports.downloading": "Downloading the approved {format}…",

  "reports.state.status": "State",
  "reports.state.presented": "Presentation",
  "reports.state.presentedIn": "{session}, {date}, item {position}",
  "reports.state.approved": "Approval",
  "reports.state.approvedBy": "Resolution {number} · {date}",
  "reports.state.updated": "Last change",
  "reports.state.notYet": "Pending",
  "reports.state.frozenFiles": "Approved files",
  "reports.state.frozenIntro":
    "The report is approved and read-only: these are its frozen files and their SHA-256 fingerprints.",

  "reports.tabs.preview": "Preview",
  "reports.tabs.findings": "Findings",
  "reports.tabs.texts": "Report texts",
  "reports.tabs.workflow": "Presentation and approval",

  "reports.preview.title": "Preview of the report of the {period}",
  "reports.preview.intro":
    "The report with the current records and the draft's texts; it refreshes when the texts are saved.",
  "reports.preview.frozen": "The report as approved (frozen file).",
  "reports.preview.loading": "Rendering the preview…",

  "reports.findings.intro":
    "Automatic review of the records of the {period}. Each finding links to the record to fix.",
  "reports.findings.blockingTitle": "{count} findings prevent approving the report",
  "reports.findings.blockingBody":
    "Errors prevent the approval: fix the records shown and review again before presenting it.",
  "reports.findings.noneBlocking": "No finding prevents approving the report",
  "reports.findings.reviewRest":
    "Review the warnings and notices: they do not prevent the approval, but may affect the report's content.",
  "reports.findings.none": "The review found nothing to attend to in this period.",
  "reports.findings.errors": "Errors that prevent approval",
  "reports.findings.warnings": "Warnings",
  "reports.findings.notices": "Notices",
  "reports.findings.fix": "Fix: {label}",
  "reports.findings.approved": "The report is approved: its files are frozen and no longer reviewed.",

  "reports.texts.intro":
    "Paragraphs written by the technical secretariat. Separate paragraphs with a blank line; a field left empty uses the template's wording.",
  "reports.texts.introduction": "Introduction",
  "reports.texts.introductionHelp": "Replaces the template's introduction.",
  "reports.texts.templateWording": "Empty: the template's wording is used.",
  "reports.texts.parts": "Opening texts of parts",
  "reports.texts.partsHelp":
    "A text at the start of the part of an action of the annual work programme, before its table.",
  "reports.texts.part": "Opening of {part}",
  "reports.texts.removePart": "Remove the opening text of part {part}",
  "reports.texts.addPart": "Add an opening text to the part",
  "reports.texts.choosePart": "Choose an action of the programme…",
  "reports.texts.add": "Add",
  "reports.texts.save": "Save the texts",
  "reports.texts.discard": "Discard changes",
  "reports.texts.unsaved": "There are unsaved changes.",
  "reports.texts.saved": "Texts saved; the preview already shows them.",

  "reports.workflow.presentTitle": "Presentation in session",
  "reports.workflow.presentIntro":
    "Record the session and the agenda item in which the report is presented to the commission.",
  "reports.workflow.session": "Session",
  "reports.workflow.chooseSession": "Choose the session…",
  "reports.workflow.agendaItem": "Agenda item",
  "reports.workflow.chooseAgendaItem": "Choose the item…",
  "reports.workflow.present": "Record the presentation",
  "reports.workflow.changePresentation": "Change the presentation",
  "reports.workflow.approveTitle": "Approval",
  "reports.workflow.approveIntro":
    "The report is approved by a resolution adopted in the session in which it was presented. On approval its files are rendered and frozen.",
  "reports.workflow.resolution": "Approving resolution",
  "reports.workflow.chooseResolution": "Choose the resolution…",
  "reports.workflow.noResolutions": "The presentation's session has no adopted resolutions yet.",
  "reports.workflow.approve": "Approve the report",
  "reports.workflow.approving": "Approving: rendering and freezing the report's files…",
  "reports.workflow.confirmTitle": "Approve the report?",
  "reports.workflow.confirmBody":
    "The report of the {period} will be approved by resolution {number}. Its files are frozen and can no longer change.",
  "reports.workflow.cancel": "Cancel",
  "reports.workflow.confirm": "Approve and freeze",
} satisfies Record<keyof typeof es, string>;

export const reportsMessages = { es, en };
