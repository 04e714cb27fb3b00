/**
 * Enrollment codes and bearer tokens. Both come from the OS's CSPRNG and only their SHA-256 is stored: a
 * database dump gives no way in. A plain hash (no salt, no slow KDF) is right here because the secrets are
 * random with 60 and 256 bits of entropy, not passwords a person chose.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** How long an enrollment code works unless spent. */
export const ENROLLMENT_CODE_DAYS = 7;

/** A new one-time enrollment code, `XXXX-XXXX-XXXX` (60 bits). */
export function newEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < 12; i += 1) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  }
  return code;
}

/**
 * The code as it is hashed: upper case, without spaces and dashes, with the letters people confuse mapped the
 * way Crockford's base32 maps them (O → 0, I and L → 1).
 */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** True when `text` looks like an enrollment code rather than a token. */
export function looksLikeEnrollmentCode(text: string): boolean {
  return /^[0-9A-Z]{12}$/.test(normalizeEnrollmentCode(text.trim()));
}

/** A new bearer token: `osh_` and 43 characters of base64url (256 bits). */
export function newToken(): string {
  return `osh_${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 of a token, or of a code after {@link normalizeEnrollmentCode} (pass `code: true`). */
export function hashSecret(secret: string, { code = false } = {}): Buffer {
  return createHash('sha256').update(code ? normalizeEnrollmentCode(secret) : secret, 'utf8').digest();
}
