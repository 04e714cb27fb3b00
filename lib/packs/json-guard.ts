/**
 * First line of defence for pack files from the network or a lead's editor: size, nesting, key names and value
 * types are checked before any field is looked at, so the validator and the canonical serializer only ever see
 * small, shallow, plain JSON data.
 */
import type { PackIssue } from './types.ts';

/** Largest pack text accepted, in UTF-8 bytes (1 MiB). A real pack is a few tens of kilobytes. */
export const MAX_PACK_BYTES = 1024 * 1024;

/** Deepest nesting of arrays and objects accepted; a v1 pack needs 7 levels. */
export const MAX_PACK_DEPTH = 16;

/** Most values (objects, arrays, scalars) accepted in one document. */
export const MAX_PACK_NODES = 200_000;

/** Keys refused anywhere: they reach object prototypes when naive code copies or merges the data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Stop collecting after this many findings: a hostile file could otherwise produce millions. */
const MAX_GUARD_ERRORS = 50;

/** What {@link readJsonDocument} returns: the untouched value once it is known to be plain, bounded JSON data. */
export type JsonReadResult = { ok: true; value: unknown } | { ok: false; errors: PackIssue[] };

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Counts UTF-8 bytes without allocating an encoded copy. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte code point.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Accepts a JSON text or an already-parsed value and checks it is plain JSON data within the limits: at most
 * {@link MAX_PACK_BYTES}, {@link MAX_PACK_DEPTH} levels and {@link MAX_PACK_NODES} values, no
 * {@link FORBIDDEN_KEYS}, only plain objects and arrays (no class instances, accessors, symbols, functions,
 * `undefined`, non-finite numbers).
 * @param input - JSON text, or a value such as one received through `structuredClone` or messaging.
 * @param maxBytes - Size limit in UTF-8 bytes, for callers that wrap a pack in a larger envelope.
 */
export function readJsonDocument(input: unknown, maxBytes: number = MAX_PACK_BYTES): JsonReadResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    // Characters never outnumber bytes, so a long string is refused before it is measured or parsed.
    if (input.length > maxBytes || utf8ByteLength(input) > maxBytes) {
      return { ok: false, errors: [{ path: '', message: `file is larger than ${formatLimit(maxBytes)}` }] };
    }
    try {
      value = JSON.parse(input);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, errors: [{ path: '', message: `malformed JSON: ${detail}` }] };
    }
  }
  const errors: PackIssue[] = [];
  const state = { nodes: 0 };
  inspect(value, '', 0, errors, state);
  if (errors.length > 0) return { ok: false, errors };
  if (typeof input !== 'string' && utf8ByteLength(JSON.stringify(value)) > maxBytes) {
    return { ok: false, errors: [{ path: '', message: `pack is larger than ${formatLimit(maxBytes)}` }] };
  }
  return { ok: true, value };
}

function formatLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

function inspect(value: unknown, path: string, depth: number, errors: PackIssue[], state: { nodes: number }): void {
  if (errors.length >= MAX_GUARD_ERRORS) return;
  state.nodes++;
  if (state.nodes > MAX_PACK_NODES) {
    if (state.nodes === MAX_PACK_NODES + 1) {
      errors.push({ path: '', message: `more than ${MAX_PACK_NODES} values in one file` });
    }
    return;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) errors.push({ path, message: 'numbers must be finite' });
    return;
  }
  if (typeof value !== 'object') {
    errors.push({ path, message: `${typeof value} is not a JSON value` });
    return;
  }
  if (depth >= MAX_PACK_DEPTH) {
    errors.push({ path, message: `nesting is deeper than ${MAX_PACK_DEPTH} levels` });
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) inspect(value[i], `${path}/${i}`, depth + 1, errors, state);
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    errors.push({ path, message: 'only plain JSON objects are accepted' });
    return;
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') {
      errors.push({ path, message: 'symbol keys are not JSON' });
      continue;
    }
    const keyPath = `${path}/${pointerSegment(key)}`;
    if (FORBIDDEN_KEYS.has(key)) {
      errors.push({ path: keyPath, message: `the key "${key}" is not allowed anywhere in a pack` });
      continue;
    }
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor || !('value' in descriptor)) {
      errors.push({ path: keyPath, message: 'accessor properties are not JSON' });
      continue;
    }
    inspect(descriptor.value, keyPath, depth + 1, errors, state);
  }
}
