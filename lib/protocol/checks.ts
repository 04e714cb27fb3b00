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

/** An integer in `[min, max]`. */
export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** An array of at most `max` strings of at most `maxChars` characters each. */
export function isStringList(value: unknown, max: number, maxChars: number): value is string[] {
  return Array.isArray(value) && value.length <= max && value.every((item) => isBoundedString(item, maxChars));
}

/**
 * Plain JSON data (objects, arrays, strings, finite numbers, booleans, null) of at most `maxChars` characters
 * when written as JSON and `maxDepth` levels deep: what a message carrying a structure this code does not check
 * field by field (another feature's verdict, the script engine's progress) may hold.
 */
export function isBoundedJson(value: unknown, maxChars: number, maxDepth = 12): boolean {
  let budget = maxChars;
  const visit = (node: unknown, depth: number): boolean => {
    if (depth > maxDepth || budget < 0) return false;
    if (node === null || typeof node === 'boolean') return (budget -= 5) >= 0;
    if (typeof node === 'number') return Number.isFinite(node) && (budget -= 12) >= 0;
    if (typeof node === 'string') return (budget -= node.length + 2) >= 0;
    if (Array.isArray(node)) return (budget -= 2) >= 0 && node.every((item) => visit(item, depth + 1));
    if (!isRecord(node) || (Object.getPrototypeOf(node) !== Object.prototype && Object.getPrototypeOf(node) !== null)) return false;
    return Object.entries(node).every(([key, item]) => (budget -= key.length + 4) >= 0 && visit(item, depth + 1));
  };
  return visit(value, 0);
}
