/** Files kept as evidence (signed agreements, minutes, photographs): metadata here, bytes in the FileStore. */
import { z } from "zod";
import { ZUuid } from "../shared/primitives.ts";

/** A file name as the person's computer gave it: no folders, no control characters. */
export const ZAttachmentFilename = z
  .string()
  .trim()
  .min(1, { message: "el nombre del archivo no puede estar vacío" })
  .max(255, { message: "el nombre del archivo no puede pasar de 255 caracteres" })
  .refine((name) => !/[/\\]/.test(name), {
    message: "el nombre del archivo no puede incluir carpetas (/ o \\)",
  })
  .refine((name) => ![...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), {
    message: "el nombre del archivo no puede incluir caracteres de control",
  })
  .refine((name) => name !== "." && name !== "..", { message: "no es un nombre de archivo" })
  .meta({ example: "convenio-tecdmx-firmado.pdf" });

export const ZAttachment = z
  .object({
    id: ZUuid,
    sha256: z.string().describe("Huella SHA-256 del contenido (también su ETag)"),
    size: z.number().int().describe("Tamaño en bytes"),
    mediaType: z.string().describe("Tipo determinado por el contenido, no por el nombre"),
    filename: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "Attachment" });
export type Attachment = z.infer<typeof ZAttachment>;
