/** Where a contact's one-click unsubscribe link points (RFC 8058): `<public address>/u/<token>`. */

/**
 * The one-click unsubscribe address of a contact's token (random, stored with the contact: decision 022):
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
