/**
 * Helpers for input a page controls. A dialer page (or anything it embeds) can post or send any
 * value it likes, so every event is bounded in size and shape before a parser looks at it, and the
 * flow of events is rate-limited.
 */

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Tokens added per second (sustained rate). */
  perSecond: number;
  /** Bucket size: how many events may arrive at once after a quiet spell. */
  burst: number;
  /** Clock in epoch ms; injected so tests and background tabs do not depend on timers. */
  now: () => number;
}

/** A token bucket. */
export interface RateLimiter {
  /** Takes `cost` tokens (default 1) if available and returns whether the event may pass. */
  tryTake(cost?: number): boolean;
  /** Tokens available now (fractional). */
  available(): number;
}

/**
 * Creates a token-bucket rate limiter. Tokens refill continuously from the injected clock, so no
 * timer runs; a clock that goes backwards refills nothing rather than minting tokens.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const perSecond = positiveFinite(options.perSecond, 'perSecond');
  const burst = positiveFinite(options.burst, 'burst');
  const { now } = options;
  let tokens = burst;
  let last = now();

  function refill(): void {
    const t = now();
    if (Number.isFinite(t) && t > last) {
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
      last = t;
    }
  }

  return {
    tryTake(cost = 1) {
      refill();
      if (!(cost > 0) || cost > tokens) return false;
      tokens -= cost;
      return true;
    },
    available() {
      refill();
      return tokens;
    },
  };
}

function positiveFinite(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

/**
 * Why an untrusted event was dropped; reported so tests and diagnostics can tell drops apart. Kept here rather than
 * in types.ts so the vendor modules can name it without importing types.ts, which imports their registry.
 */
export type DropReason =
  | 'origin-not-allowed'
  | 'too-large'
  | 'malformed'
  | 'bad-shape'
  | 'unknown-type'
  | 'not-voice'
  | 'unknown-call'
  | 'rate-limited';

/** A dropped event: the reason and, where useful, a short path or detail (never page text). */
export interface DropNote {
  reason: DropReason;
  detail?: string;
}

/** Bounds for {@link checkShape}. */
export interface ShapeLimits {
  /** Deepest nesting of objects/arrays allowed (the root is depth 0). */
  maxDepth: number;
  /** Most values (objects, arrays, primitives) in the whole tree. */
  maxNodes: number;
  /** Longest single string (keys included). */
  maxStringLength: number;
  /** Sum of all string lengths (keys included). */
  maxTotalChars: number;
  /** Longest array. */
  maxArrayLength: number;
}

/** Limits that fit every vendor event we read, with room to spare. */
export const DEFAULT_SHAPE_LIMITS: Readonly<ShapeLimits> = Object.freeze({
  maxDepth: 10,
  maxNodes: 4000,
  maxStringLength: 8192,
  maxTotalChars: 131072,
  maxArrayLength: 200,
});

/** Result of {@link checkShape}: on failure, what was exceeded and where. */
export type ShapeCheck = { ok: true } | { ok: false; reason: 'too-large' | 'bad-shape'; path: string };

/**
 * Walks a value a page handed us and checks it is plain data (null, booleans, finite numbers,
 * strings, arrays, plain objects) within `limits`. Stops at the first problem, so the cost is bounded
 * by the limits, not by the input.
 */
export function checkShape(value: unknown, limits: ShapeLimits = DEFAULT_SHAPE_LIMITS): ShapeCheck {
  let nodes = 0;
  let chars = 0;
  // Explicit stack rather than recursion: a hostile value must not be able to blow the call stack.
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '$' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    nodes += 1;
    if (nodes > limits.maxNodes) return { ok: false, reason: 'too-large', path: item.path };
    const v = item.value;
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { ok: false, reason: 'bad-shape', path: item.path };
      continue;
    }
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) return { ok: false, reason: 'too-large', path: item.path };
      chars += v.length;
      if (chars > limits.maxTotalChars) return { ok: false, reason: 'too-large', path: item.path };
      continue;
    }
    if (typeof v !== 'object') return { ok: false, reason: 'bad-shape', path: item.path };
    if (item.depth >= limits.maxDepth) return { ok: false, reason: 'too-large', path: item.path };
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayLength) return { ok: false, reason: 'too-large', path: item.path };
      for (let i = 0; i < v.length; i += 1) {
        stack.push({ value: v[i], depth: item.depth + 1, path: `${item.path}[${i}]` });
      }
      continue;
    }
    if (!isPlainRecord(v)) return { ok: false, reason: 'bad-shape', path: item.path };
    const keys = Object.keys(v);
    if (nodes + keys.length > limits.maxNodes) return { ok: false, reason: 'too-large', path: item.path };
    for (const key of keys) {
      if (key.length > limits.maxStringLength) return { ok: false, reason: 'too-large', path: item.path };
      chars += key.length;
      if (chars > limits.maxTotalChars) return { ok: false, reason: 'too-large', path: item.path };
      stack.push({ value: (v as Record<string, unknown>)[key], depth: item.depth + 1, path: `${item.path}.${key}` });
    }
  }
  return { ok: true };
}

/** Whether `value` is a plain object (`{}` or `Object.create(null)`), not an array, class instance or function. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Reads an own property, so keys such as `constructor` or `__proto__` never reach inherited values. */
export function ownField(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Reads an own property that must be a plain object. */
export function ownRecord(record: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = ownField(record, key);
  return isPlainRecord(value) ? value : undefined;
}

/**
 * Reads an own property as a bounded string: a string up to `maxLength` characters, or a finite
 * number (vendors send ids as either) converted to one. Anything else, or anything longer, is
 * `undefined` rather than truncated, so a forged oversize value cannot pass as a shorter real one.
 */
export function ownString(record: Record<string, unknown>, key: string, maxLength: number): string | undefined {
  const value = ownField(record, key);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.length > maxLength) return undefined;
  return value;
}

/** The keys of `record` not in `allowed`; empty when the record only uses allowed keys. */
export function unexpectedKeys(record: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(record).filter((key) => !allowed.includes(key));
}

/** Parses JSON text no longer than `maxChars`; `undefined` for longer or malformed text. */
export function parseBoundedJson(text: string, maxChars: number): unknown {
  if (text.length > maxChars) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Control characters and bidi overrides are stripped from page text we keep, whitespace collapsed. */
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes page-supplied text safe to keep and display as text: removes control and bidi-override
 * characters, collapses whitespace, trims, and caps the length. It is still rendered as text only.
 */
export function cleanText(text: string, maxLength: number): string {
  // Cut first so a megabyte of page text costs no more than a short one.
  return text
    .slice(0, maxLength * 4 + 64)
    .replace(UNSAFE_TEXT, ' ').replace(/\s+/g, ' ').trim().slice(0, maxLength);
}
