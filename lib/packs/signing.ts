/**
 * Ed25519 signatures for pack files. A signed file is `{ pack, signature: { alg, keyId, value } }`; the signature
 * covers the UTF-8 bytes of the canonical JSON of `pack`. Verification checks the signature before the schema, so
 * nothing from an unsigned or forged file is interpreted beyond the size and shape guards.
 *
 * Uses the async API of @noble/ed25519, whose SHA-512 comes from WebCrypto (`crypto.subtle`): present in Node 20,
 * extension pages and service workers, and it leaves the library's global hash slots untouched.
 */
import * as ed from '@noble/ed25519';
import { canonicalJson } from './canonical-json.ts';
import { MAX_PACK_BYTES, pointerSegment, readJsonDocument } from './json-guard.ts';
import { parsePack } from './parse.ts';
import {
  SIGNATURE_ALG,
  type PackChannelStamp,
  type PackIssue,
  type PackPrivateKey,
  type PackPublicKey,
  type PackSignature,
  type SignedPackFile,
  type VerifySignedPackResult,
} from './types.ts';

/** Key ids: letters, digits, `.`, `_`, `-`; at most 64 characters. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

// Room for the signature block around a pack of the maximum size.
const SIGNED_FILE_OVERHEAD = 4096;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Encodes bytes as standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Decodes standard base64 (padding required, no whitespace); undefined when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  if (!BASE64_PATTERN.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Derives the default key id from a public key: `ed25519-` and the first 8 bytes of its SHA-256 in hex, so the
 * same key always gets the same id, whoever computes it.
 */
export async function deriveKeyId(publicKey: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(publicKey)));
  return `ed25519-${ed.etc.bytesToHex(digest.subarray(0, 8))}`;
}

/**
 * Creates a new signing key pair for a team lead.
 * @param keyId - A readable id (for example `team-a-2026`); derived from the public key when omitted.
 * @returns The public key file to give agents and the private key file to keep secret.
 */
export async function generateKeyPair(keyId?: string): Promise<{ publicKey: PackPublicKey; privateKey: PackPrivateKey }> {
  if (keyId !== undefined && !KEY_ID_PATTERN.test(keyId)) throw new RangeError(`invalid key id "${keyId}"`);
  const pair = await ed.keygenAsync();
  const id = keyId ?? (await deriveKeyId(pair.publicKey));
  return {
    publicKey: { alg: SIGNATURE_ALG, keyId: id, publicKey: bytesToBase64(pair.publicKey) },
    privateKey: { alg: SIGNATURE_ALG, keyId: id, privateKey: bytesToBase64(pair.secretKey) },
  };
}

/** What the key readers return. */
export type KeyReadResult<K> = { ok: true; key: K } | { ok: false; errors: PackIssue[] };

/**
 * Reads a public key: a key file (JSON text or object `{ alg, keyId, publicKey }`) or a bare base64 key, whose
 * id is then derived with {@link deriveKeyId}.
 */
export async function readPublicKey(input: unknown): Promise<KeyReadResult<PackPublicKey>> {
  if (typeof input === 'string' && !input.trim().startsWith('{')) {
    const bytes = base64ToBytes(input.trim());
    if (!bytes || bytes.length !== 32) return keyError('', 'not a key file and not a base64 Ed25519 public key (32 bytes)');
    return { ok: true, key: { alg: SIGNATURE_ALG, keyId: await deriveKeyId(bytes), publicKey: input.trim() } };
  }
  return readKeyFile(input, 'publicKey');
}

/** Reads a private key file (JSON text or object `{ alg, keyId, privateKey }`). */
export async function readPrivateKey(input: unknown): Promise<KeyReadResult<PackPrivateKey>> {
  return readKeyFile(input, 'privateKey');
}

async function readKeyFile<F extends 'publicKey' | 'privateKey'>(
  input: unknown,
  field: F,
): Promise<KeyReadResult<F extends 'publicKey' ? PackPublicKey : PackPrivateKey>> {
  const read = readJsonDocument(input, 16 * 1024);
  if (!read.ok) return { ok: false, errors: read.errors };
  const value = read.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return keyError('', 'a key file must be a JSON object');
  const fields = value as Record<string, unknown>;
  const errors: PackIssue[] = [];
  for (const key of Object.keys(fields)) {
    if (!['alg', 'keyId', field].includes(key)) errors.push({ path: `/${pointerSegment(key)}`, message: `unknown field "${key}"` });
  }
  if (fields.alg !== SIGNATURE_ALG) errors.push({ path: '/alg', message: `must be "${SIGNATURE_ALG}"` });
  const keyId = fields.keyId;
  if (typeof keyId !== 'string' || !KEY_ID_PATTERN.test(keyId)) {
    errors.push({ path: '/keyId', message: 'must be a key id: letters, digits, ".", "_", "-"' });
  }
  const material = fields[field];
  const bytes = typeof material === 'string' ? base64ToBytes(material) : undefined;
  if (!bytes || bytes.length !== 32) {
    const other = field === 'publicKey' ? 'privateKey' : 'publicKey';
    const hint = Object.hasOwn(fields, other) ? ` (this looks like a ${other === 'privateKey' ? 'private' : 'public'} key file)` : '';
    errors.push({ path: `/${field}`, message: `must be 32 bytes in base64${hint}` });
  }
  if (errors.length > 0) return { ok: false, errors };
  const key = { alg: SIGNATURE_ALG, keyId: keyId as string, [field]: material as string };
  return { ok: true, key: key as unknown as F extends 'publicKey' ? PackPublicKey : PackPrivateKey };
}

function keyError(path: string, message: string): { ok: false; errors: PackIssue[] } {
  return { ok: false, errors: [{ path, message }] };
}

/** Derives the public key file that matches a private key file. */
export async function publicKeyFor(privateKey: PackPrivateKey): Promise<PackPublicKey> {
  const secret = base64ToBytes(privateKey.privateKey);
  if (!secret || secret.length !== 32) throw new RangeError('the private key must be 32 bytes in base64');
  const publicKey = await ed.getPublicKeyAsync(secret);
  return { alg: SIGNATURE_ALG, keyId: privateKey.keyId, publicKey: bytesToBase64(publicKey) };
}

/** The bytes a signature covers: UTF-8 of the canonical JSON of the pack. */
export function packSigningBytes(pack: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(pack));
}

/** What {@link signPack} returns. */
export type SignPackResult = { ok: true; signed: SignedPackFile; warnings: PackIssue[] } | { ok: false; errors: PackIssue[] };

/**
 * Validates a pack and signs it. Only valid packs are signed, and the normalized pack `parsePack` returns is the
 * one signed and published, so the signed bytes are exactly what agents will load.
 * @param pack - Pack JSON text or value.
 * @param privateKey - The lead's private key file.
 */
export async function signPack(pack: unknown, privateKey: PackPrivateKey, channel?: PackChannelStamp): Promise<SignPackResult> {
  const parsed = parsePack(pack);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  if (channel) {
    const errors: PackIssue[] = [];
    readChannelStamp(channel, errors);
    if (errors.length > 0) return { ok: false, errors };
  }
  const secret = base64ToBytes(privateKey.privateKey);
  if (privateKey.alg !== SIGNATURE_ALG || !secret || secret.length !== 32 || !KEY_ID_PATTERN.test(privateKey.keyId)) {
    return keyError('', 'not a usable Ed25519 private key file');
  }
  const signature = await ed.signAsync(signedBytes(parsed.pack, channel), secret);
  return {
    ok: true,
    signed: { pack: parsed.pack, ...(channel ? { channel } : {}), signature: { alg: SIGNATURE_ALG, keyId: privateKey.keyId, value: bytesToBase64(signature) } },
    warnings: parsed.warnings,
  };
}

/**
 * Verifies a signed pack file against the trusted public keys, then validates the pack.
 * Order: size and shape guards, signature block, key lookup by `keyId`, Ed25519 over the canonical JSON of
 * `pack`, and only then `parsePack`. Pack errors come back with paths under `/pack`.
 * @param input - Signed pack file as JSON text or value.
 * @param publicKeys - Keys the agent trusts (usually the one key of the team lead).
 */
export async function verifySignedPack(input: unknown, publicKeys: readonly PackPublicKey[]): Promise<VerifySignedPackResult> {
  const read = readJsonDocument(input, MAX_PACK_BYTES + SIGNED_FILE_OVERHEAD);
  if (!read.ok) return { ok: false, errors: read.errors };
  const file = read.value;
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    return keyError('', 'a signed pack file must be an object { "pack": ..., "signature": ... }');
  }
  const fields = file as Record<string, unknown>;
  const errors: PackIssue[] = [];
  for (const key of Object.keys(fields)) {
    if (key !== 'pack' && key !== 'signature' && key !== 'channel') errors.push({ path: `/${pointerSegment(key)}`, message: `unknown field "${key}"` });
  }
  if (!Object.hasOwn(fields, 'pack')) errors.push({ path: '/pack', message: 'missing required field "pack"' });
  if (!Object.hasOwn(fields, 'signature')) errors.push({ path: '/signature', message: 'missing signature: the pack is not signed' });
  const signature = Object.hasOwn(fields, 'signature') ? readSignature(fields.signature, errors) : undefined;
  const channel = Object.hasOwn(fields, 'channel') ? readChannelStamp(fields.channel, errors) : undefined;
  if (errors.length > 0 || !signature) return { ok: false, errors };

  const trusted = publicKeys.filter((key) => key.keyId === signature.keyId);
  if (trusted.length === 0) {
    const known = publicKeys.map((key) => `"${key.keyId}"`).join(', ') || 'none';
    return keyError('/signature/keyId', `signed with key "${signature.keyId}", which is not trusted (trusted: ${known})`);
  }
  const message = signedBytes(fields.pack, channel);
  const signatureBytes = base64ToBytes(signature.value) as Uint8Array;
  let valid = false;
  for (const key of trusted) {
    const publicKey = base64ToBytes(key.publicKey);
    if (key.alg !== SIGNATURE_ALG || !publicKey || publicKey.length !== 32) continue;
    try {
      // zip215: false is the strict RFC 8032 check: no non-canonical encodings.
      valid = await ed.verifyAsync(signatureBytes, message, publicKey, { zip215: false });
    } catch {
      valid = false;
    }
    if (valid) break;
  }
  if (!valid) {
    return keyError('/signature/value', `the signature does not match: the pack was changed after signing or signed with another key than "${signature.keyId}"`);
  }
  const parsed = parsePack(fields.pack);
  if (!parsed.ok) {
    return { ok: false, errors: parsed.errors.map((issue) => ({ path: `/pack${issue.path}`, message: issue.message })) };
  }
  return { ok: true, pack: parsed.pack, keyId: signature.keyId, warnings: parsed.warnings, ...(channel ? { channel } : {}) };
}

function readSignature(value: unknown, errors: PackIssue[]): PackSignature | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ path: '/signature', message: 'must be an object { "alg", "keyId", "value" }' });
    return undefined;
  }
  const fields = value as Record<string, unknown>;
  const before = errors.length;
  for (const key of Object.keys(fields)) {
    if (!['alg', 'keyId', 'value'].includes(key)) errors.push({ path: `/signature/${pointerSegment(key)}`, message: `unknown field "${key}"` });
  }
  if (fields.alg !== SIGNATURE_ALG) errors.push({ path: '/signature/alg', message: `must be "${SIGNATURE_ALG}"` });
  if (typeof fields.keyId !== 'string' || !KEY_ID_PATTERN.test(fields.keyId)) {
    errors.push({ path: '/signature/keyId', message: 'must be a key id' });
  }
  const bytes = typeof fields.value === 'string' ? base64ToBytes(fields.value) : undefined;
  if (!bytes || bytes.length !== 64) errors.push({ path: '/signature/value', message: 'must be a 64-byte Ed25519 signature in base64' });
  if (errors.length > before) return undefined;
  return { alg: SIGNATURE_ALG, keyId: fields.keyId as string, value: fields.value as string };
}

/** The bytes a signature covers: the pack alone, or the channel stamp with it. */
function signedBytes(pack: unknown, channel: PackChannelStamp | undefined): Uint8Array {
  return channel ? new TextEncoder().encode(canonicalJson({ channel, pack })) : packSigningBytes(pack);
}

/** Checks a channel stamp; problems are added to `errors` with their paths under `/channel`. */
function readChannelStamp(value: unknown, errors: PackIssue[]): PackChannelStamp | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ path: '/channel', message: 'must be an object { "id", "sequence", "expiresAt" }' });
    return undefined;
  }
  const fields = value as Record<string, unknown>;
  const before = errors.length;
  for (const key of Object.keys(fields)) {
    if (!['id', 'sequence', 'expiresAt'].includes(key)) errors.push({ path: `/channel/${pointerSegment(key)}`, message: `unknown field "${key}"` });
  }
  if (typeof fields.id !== 'string' || !KEY_ID_PATTERN.test(fields.id)) {
    errors.push({ path: '/channel/id', message: 'must be a channel name: letters, digits, ".", "_", "-", at most 64' });
  }
  if (typeof fields.sequence !== 'number' || !Number.isSafeInteger(fields.sequence) || fields.sequence < 1) {
    errors.push({ path: '/channel/sequence', message: 'must be a whole number from 1, growing with every file published' });
  }
  if (typeof fields.expiresAt !== 'string' || !ISO_DATE_TIME.test(fields.expiresAt) || Number.isNaN(Date.parse(fields.expiresAt))) {
    errors.push({ path: '/channel/expiresAt', message: 'must be an ISO 8601 date-time such as 2027-01-31T00:00:00Z' });
  }
  if (errors.length > before) return undefined;
  return { id: fields.id as string, sequence: fields.sequence as number, expiresAt: fields.expiresAt as string };
}

/** An ISO 8601 date-time with a zone, as `Date.parse` reads it the same everywhere. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
