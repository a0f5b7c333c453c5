/**
 * Passwords and tokens. Passwords are hashed with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane); session
 * cookies and API tokens are 256-bit random values of which the database keeps only the sha256, so a copy of the
 * database opens no session.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import { Algorithm, hash, verify } from "@node-rs/argon2";
import { z } from "zod";

export const ARGON2_PARAMETERS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const ZPassword = z
  .string()
  .min(12, "debe tener al menos 12 caracteres")
  .max(200, "no puede tener más de 200 caracteres")
  .refine((value) => value.trim().length === value.length, "no puede empezar ni terminar con espacios");

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMETERS);
}

/** Whether `password` matches the stored hash; a malformed hash never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which usernames do. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  return decoy;
};

/** A random secret for a cookie or a token, with a prefix that says what it is (`vs_` session, `vt_` token). */
export function newSecret(prefix: "vs_" | "vt_"): string {
  return prefix + randomBytes(32).toString("base64url");
}

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** A one-time password people can type: 4 groups of 4 characters without look-alikes (0/O, 1/l/I). */
export function oneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const chars = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}
