import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Unsubscribe tokens are signed, not stored: `v1.<contact id>.<list id>.<mac>` where the MAC is HMAC-SHA256 over
 * `v1.<contact id>.<list id>` with the server's secret (VINCULA_UNSUBSCRIBE_SECRET), in base64url. Any token a
 * contact ever received keeps working while the secret stays, no table is read to check one, and a token cannot
 * be guessed or turned into another contact's. See docs/decisions/023-campaign-mail.md.
 */
const VERSION = "v1";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAC_LENGTH = 43; // 32 bytes in base64url without padding
/** The smallest secret accepted: 32 characters. */
export const MIN_UNSUBSCRIBE_SECRET_LENGTH = 32;
/** The longest token ever produced (two UUIDs, the version and the MAC); longer input is refused unread. */
export const MAX_UNSUBSCRIBE_TOKEN_LENGTH = VERSION.length + 1 + 36 + 1 + 36 + 1 + MAC_LENGTH;

export type UnsubscribeSubject = { contactId: string; listId: string };

function mac(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload, "utf8").digest("base64url");
}

function checkSecret(secret: string): void {
  if (secret.length < MIN_UNSUBSCRIBE_SECRET_LENGTH)
    throw new Error(
      `El secreto de las bajas debe tener al menos ${MIN_UNSUBSCRIBE_SECRET_LENGTH} caracteres.`,
    );
}

/** The token that unsubscribes one contact from one list. Ids are UUIDs (lowercase, as the database gives them). */
export function signUnsubscribeToken(subject: UnsubscribeSubject, secret: string): string {
  checkSecret(secret);
  for (const id of [subject.contactId, subject.listId])
    if (!UUID.test(id)) throw new Error(`«${id}» no es un identificador UUID en minúsculas.`);
  const payload = `${VERSION}.${subject.contactId}.${subject.listId}`;
  return `${payload}.${mac(payload, secret)}`;
}

/** The contact and list a token names, or null when it is malformed, of another version or its MAC is wrong. */
export function verifyUnsubscribeToken(token: string, secret: string): UnsubscribeSubject | null {
  checkSecret(secret);
  if (token.length > MAX_UNSUBSCRIBE_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [version, contactId, listId, given] = parts as [string, string, string, string];
  if (version !== VERSION || !UUID.test(contactId) || !UUID.test(listId)) return null;
  if (given.length !== MAC_LENGTH || !/^[A-Za-z0-9_-]+$/.test(given)) return null;
  const expected = Buffer.from(mac(`${version}.${contactId}.${listId}`, secret), "utf8");
  // Same length by the checks above, so timingSafeEqual compares every byte in constant time.
  if (!timingSafeEqual(expected, Buffer.from(given, "utf8"))) return null;
  return { contactId, listId };
}

/**
 * The one-click unsubscribe address for a token, whatever made the token (signed here, or random and stored):
 * `<base>/u/<token>`. The base is Vincula's public address (http or https, no query or fragment); the token may
 * hold only base64url characters and dots, so it needs no escaping in a URL or in a header.
 */
export function unsubscribeUrl(baseUrl: string, token: string): string {
  const base = new URL(baseUrl);
  if (base.protocol !== "https:" && base.protocol !== "http:")
    throw new Error(`La dirección pública «${baseUrl}» debe empezar con https:// o http://.`);
  if (base.search || base.hash || base.username || base.password)
    throw new Error(`La dirección pública «${baseUrl}» no debe llevar consulta, fragmento ni credenciales.`);
  if (!/^[A-Za-z0-9_.-]{16,200}$/.test(token))
    throw new Error("El token de baja tiene caracteres no permitidos.");
  return `${base.origin}${base.pathname.replace(/\/+$/, "")}/u/${token}`;
}
