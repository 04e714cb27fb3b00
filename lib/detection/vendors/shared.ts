/**
 * Helpers the vendor parsers share: field bounds, the drop note, and the two ways vendors write a direction
 * and a party. Every parser treats fields as optional where it can and drops what it cannot place.
 */
import { MAX_READ_CHARS } from '../../calls/limits';
import type { CallDirection } from '../../calls/types';
import { isPlainRecord, ownString, type DropNote } from '../guard';
import type { ParseOutcome } from './define-vendor';

/** Longest call id read from an event. */
export const MAX_ID_CHARS = 128;
/**
 * Longest remote party read from an event: read generously and clipped to the signal's limit
 * (lib/calls/limits.ts) by the call book when it makes the signal, so a long number is shortened, not dropped.
 */
export const MAX_REMOTE_CHARS = MAX_READ_CHARS;
/** Longest event type or name read from an event. */
export const MAX_TYPE_CHARS = 64;

/** A parser's "dropped" answer. */
export function dropped(reason: DropNote['reason'], detail?: string): ParseOutcome {
  return { dropped: detail === undefined ? { reason } : { reason, detail } };
}

/**
 * The value a vendor table gives an event name, own entries only: a page naming `constructor` or `__proto__`
 * must not reach the prototype.
 */
export function lookUp<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** `inbound`/`incoming` and `outbound`/`outgoing`, in any case. */
export function directionOf(value: unknown): CallDirection | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase();
  if (v === 'inbound' || v === 'incoming') return 'inbound';
  if (v === 'outbound' || v === 'outgoing') return 'outbound';
  return undefined;
}

/** A party given as a string or as an object with a number field. */
export function partyNumber(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length <= MAX_REMOTE_CHARS ? value : undefined;
  if (!isPlainRecord(value)) return undefined;
  return (
    ownString(value, 'phoneNumber', MAX_REMOTE_CHARS) ??
    ownString(value, 'number', MAX_REMOTE_CHARS) ??
    ownString(value, 'extensionNumber', MAX_REMOTE_CHARS)
  );
}
