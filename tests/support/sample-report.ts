/**
 * A ReportDocument shaped like the reference quarterly report (cover, índice, sections, a chapter with numbered
 * tables, a table reference, footnotes, lists, a long table that must break across pages) and carrying every
 * markup character of Typst, Word, HTML and Markdown in its text, which must come out literally.
 */
import {
  type Block,
  cell,
  paragraph,
  type ReportDocument,
  text,
} from "../../src/documents/report-document.ts";

export const HOSTILE_TEXT =
  'Texto con #set page(paper: "a0") $x^2$ *negritas* _itálicas_ <script>alert(1)</script> {llaves} [corchetes] `code` \\ & "comillas" | tubo';

export function sampleReport(options: { longTableRows?: number } = {}): ReportDocument {
  const longRows = options.longTableRows ?? 40;
  const blocks: Block[] = [
    { kind: "toc", title: "ÍNDICE" },
    { kind: "pageBreak" },
    { kind: "heading", level: 1, text: "Introducción", isInToc: true },
    paragraph(
      text(
        "Este informe se presenta de conformidad con los artículos 37, fracción I; 50, fracción XIII del ",
      ),
      text("Código de Instituciones y Procedimientos Electorales de la Ciudad de México", { italic: true }),
      text("."),
    ),
    { kind: "heading", level: 1, label: "I.", text: "Sesiones de la Comisión y asistencia", isInToc: true },
    paragraph(
      text("Durante el primer trimestre de 2021 la Comisión celebró "),
      text("tres sesiones ordinarias", { bold: true }),
      text(", la primera el jueves 21 de enero de 2021."),
      { kind: "footnote", content: [text("Las sesiones se celebraron a distancia.")] },
    ),
    {
      kind: "list",
      isOrdered: false,
      items: [
        [text("CVOE/001/21. ", { bold: true }), text("Aprobación del orden del día.")],
        [text(HOSTILE_TEXT)],
      ],
    },
    { kind: "heading", level: 1, label: "III.", text: "Principales resultados", isInToc: true },
    {
      kind: "heading",
      level: 2,
      label: "2.",
      text: "Suscripción de convenios interinstitucionales",
      isInToc: true,
    },
    {
      kind: "heading",
      level: 3,
      label: "A)",
      text: "La realización de gestiones tendentes a la suscripción de convenios.",
      isInToc: true,
    },
    paragraph(
      text("Se gestionó la suscripción de dos convenios, de los cuales da cuenta la "),
      { kind: "tableRef", tableId: "direct" },
      text("."),
    ),
    {
      kind: "table",
      id: "direct",
      isNumbered: true,
      caption: "Gestión directa de convenios interinstitucionales",
      hasRowNumbers: true,
      columns: [
        { header: "Instrumento e Institución", width: 3 },
        { header: "Objeto", width: 5 },
        { header: "Fecha de suscripción", width: 2 },
      ],
      rows: [
        [
          cell("Convenio de Colaboración con el Tribunal Electoral de la Ciudad de México"),
          cell("Establecer las bases de apoyo."),
          cell("lunes 8 de marzo de 2021"),
        ],
        [cell(HOSTILE_TEXT), cell("Objeto", "Segundo párrafo"), cell("miércoles 24 de marzo de 2021")],
      ],
    },
    paragraph(
      { kind: "tableRef", tableId: "signed", capitalised: true },
      text(" lista los instrumentos suscritos."),
    ),
    {
      kind: "table",
      id: "signed",
      isNumbered: true,
      caption: "Instrumentos jurídicos suscritos",
      hasRowNumbers: true,
      columns: [
        { header: "Instrumento", width: 4 },
        { header: "Fecha", width: 2 },
      ],
      rows: Array.from({ length: longRows }, (_, i) => [
        cell(
          `Convenio número ${i + 1} con una institución cuyo nombre es largo para que la fila ocupe varias líneas en la página`,
        ),
        cell(`viernes ${String((i % 28) + 1).padStart(2, "0")} de febrero de 2021`),
      ]),
    },
    {
      kind: "heading",
      level: 2,
      label: "4.",
      text: "Seguimiento a las labores de observación electoral",
      isInToc: true,
    },
    paragraph(text("No se reportan actividades en el periodo de referencia.")),
    {
      kind: "table",
      id: "unnumbered",
      isNumbered: false,
      columns: [{ header: "Fecha" }, { header: "Instancia Electoral" }],
      rows: [
        [
          { paragraphs: [[text("viernes 15 de enero de 2021")]] },
          { paragraphs: [[text("Sesión del Consejo General.")]], rowSpan: 2 },
        ],
        [cell("miércoles 27 de enero de 2021")],
      ],
    },
  ];
  return {
    meta: {
      title: "Primer informe trimestral de actividades 2021",
      institution: "Instituto Electoral de la Ciudad de México",
      author: "Comisión Permanente de Vinculación con Organismos Externos",
      language: "es-MX",
      periodLabel: "Primer trimestre de 2021",
    },
    cover: {
      lines: [
        { text: "COMISIÓN PERMANENTE DE VINCULACIÓN CON ORGANISMOS EXTERNOS", isEmphasised: true },
        { text: "PRIMER INFORME TRIMESTRAL DE ACTIVIDADES 2021", isEmphasised: true, spaceBefore: true },
        { text: "APROBADO MEDIANTE ACUERDO", spaceBefore: true },
        { text: "CVOE/013/21" },
        { text: "PUNTO 3", isEmphasised: true, spaceBefore: true },
        { text: "CUARTA SESIÓN ORDINARIA", isEmphasised: true },
        { text: "VIERNES 23 DE ABRIL DE 2021", isEmphasised: true },
      ],
    },
    blocks,
  };
}
