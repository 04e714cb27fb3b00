/**
 * Masking for every free-text field OnScript stores, beside the notes: the per-call form, debtor references,
 * do-not-call notes, override reasons and imported attempts. The background applies these in the handlers that
 * write each field, so no page or import can store a card, resident ID or SSN number by skipping a check.
 * A debtor reference is masked as written: the same reference always masks the same way, so lookups by it agree.
 */
import { redactSensitive } from './redact.ts';

/** `text` with every card, resident ID and SSN number masked (see {@link redactSensitive}). */
export function maskText(text: string): string {
  return redactSensitive(text).text;
}

/** The per-call form with each value masked. */
export function maskVariables(variables: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, maskText(value)]));
}

/** A copy of `value` with the named string fields masked (absent or non-string fields are left as they are). */
export function maskFields<T extends object>(value: T, fields: readonly (keyof T)[]): T {
  const out = { ...value };
  for (const field of fields) {
    const text = out[field];
    if (typeof text === 'string') out[field] = maskText(text) as T[keyof T];
  }
  return out;
}
