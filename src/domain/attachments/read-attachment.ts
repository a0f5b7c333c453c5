/** An attachment's metadata, and its bytes from the FileStore. */
import { eq } from "drizzle-orm";
import { attachments } from "../../platform/db/schema.ts";
import type { FileStore } from "../../platform/files.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import type { Attachment } from "./attachments.schema.ts";
import { presentAttachment } from "./upload-attachment.ts";

export async function getAttachment({ actor, db }: UseCaseContext, id: string): Promise<Attachment> {
  authorize(actor, "records.read");
  if (!ZUuid.safeParse(id).success) throw notFound("el archivo", id);
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  if (!row) throw notFound("el archivo", id);
  return presentAttachment(row);
}

/** The bytes of an attachment whose metadata was read with getAttachment. */
export async function readAttachmentBytes(
  { actor }: UseCaseContext,
  files: FileStore,
  attachment: Attachment,
): Promise<Uint8Array> {
  authorize(actor, "records.read");
  // A row without its bytes is a broken store, not a user error: it surfaces as an internal error.
  return files.get(attachment.sha256);
}
