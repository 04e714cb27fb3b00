/**
 * Small building blocks for payload validators. Every message crossing into the background goes through a
 * validator built from these; page data is never trusted for shape, size or prototype.
 */

/** The outcome of checking untrusted input. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A payload validator for one message type. */
export type Validator<T> = (payload: unknown) => Checked<T>;

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string no longer than `max`. */
export function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** A finite number. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** An error result. */
export function refuse<T>(error: string): Checked<T> {
  return { ok: false, error };
}

/** A success result. */
export function accept<T>(value: T): Checked<T> {
  return { ok: true, value };
}

/** Refuses an object with keys outside `allowed` (forged extras, `__proto__`). */
export function unexpectedKey(value: Record<string, unknown>, allowed: ReadonlySet<string>): string | undefined {
  return Object.keys(value).find((key) => !allowed.has(key));
}
