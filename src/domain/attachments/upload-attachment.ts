/**
 * Stores an uploaded file: checks its size and its type by its content (a «.pdf» that is really an executable is
 * refused, and so is a PNG named «.pdf»), keeps the bytes in the content-addressed FileStore and a row in
 * `attachments`. Bytes stored before a failed insert stay unreferenced in the store, which is harmless (the same
 * content is kept once) and can be collected later.
 */
import { attachments } from "../../platform/db/schema.ts";
import type { FileStore } from "../../platform/files.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, fromZodIssues } from "../shared/errors.ts";
import { guardDb } from "../shared/resource.ts";
import { type Attachment, ZAttachment, ZAttachmentFilename } from "./attachments.schema.ts";
import { ACCEPTED_TYPES_LABEL, detectMediaType, extensionOf } from "./detect-media-type.ts";

export type UploadLimits = { files: FileStore; maxUploadBytes: number };

/** «25 MB», «800 kB», «12 bytes». */
export function formatBytes(bytes: number): string {
  const number = (value: number) =>
    new Intl.NumberFormat("es-MX", { maximumFractionDigits: 1 }).format(value);
  if (bytes >= 1024 * 1024) return `${number(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${number(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

export function tooLarge(maxUploadBytes: number): AppError {
  return new AppError(
    "attachment_too_large",
    `El archivo supera el tamaño máximo de ${formatBytes(maxUploadBytes)}.`,
  );
}

export async function uploadAttachment(
  { actor, db }: UseCaseContext,
  { files, maxUploadBytes }: UploadLimits,
  input: { bytes: Uint8Array; filename: unknown },
): Promise<Attachment> {
  authorize(actor, "records.write");
  const parsedName = ZAttachmentFilename.safeParse(input.filename);
  if (!parsedName.success)
    throw fromZodIssues(
      parsedName.error.issues.map((issue) => ({ ...issue, path: ["filename"] })),
      { filename: input.filename },
    );
  const filename = parsedName.data.normalize("NFC");
  const { bytes } = input;
  if (bytes.byteLength > maxUploadBytes) throw tooLarge(maxUploadBytes);
  if (bytes.byteLength === 0) throw new AppError("validation_failed", "El archivo está vacío.");

  const detected = detectMediaType(bytes, filename);
  if (!detected)
    throw new AppError(
      "attachment_type_not_allowed",
      `El contenido de «${filename}» no es de un tipo admitido (${ACCEPTED_TYPES_LABEL}).`,
    );
  const extension = extensionOf(filename);
  if (extension && !detected.extensions.includes(extension))
    throw new AppError(
      "attachment_type_not_allowed",
      `El nombre «${filename}» dice .${extension}, pero el contenido es ${detected.label}; ` +
        `corrija la extensión (.${detected.extensions[0]}) o suba el archivo correcto.`,
    );

  const stored = await files.put(bytes);
  const [row] = await guardDb({ label: "el archivo" }, () =>
    inTransaction({ actor, db }, (tx) =>
      tx
        .insert(attachments)
        .values({ sha256: stored.sha256, size: stored.size, mediaType: detected.mediaType, filename })
        .returning(),
    ),
  );
  return presentAttachment(row as typeof attachments.$inferSelect);
}

export function presentAttachment(row: typeof attachments.$inferSelect): Attachment {
  return ZAttachment.parse({ ...row, createdAt: row.createdAt.toISOString() });
}
