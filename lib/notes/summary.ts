/**
 * The daily summary view's numbers: calls, connects, talk time, outcomes, promises and an hourly histogram,
 * for one local calendar day of the team's time zone.
 */
import type { CallRecord } from '../calls/types.ts';
import { sumDecimalStrings } from './decimal.ts';
import { isCurrencyCode, isDecimalAmount, type CallWrapUp } from './types.ts';
import { dayBounds, wallTimeAt } from '../time/wall-clock.ts';

// lib/extension and the notes panel import dayBounds from here.
export { dayBounds } from '../time/wall-clock.ts';

/** The fields a summary reads; any stored call with its wrap-up fits. */
export type SummaryInput = Pick<CallRecord, 'startedAt' | 'connectedAt' | 'endedAt'> &
  Partial<Pick<CallWrapUp, 'disposition' | 'promiseToPay'>>;

/** Options of {@link summarizeDay}. */
export interface SummaryOptions {
  /** Local calendar day, `YYYY-MM-DD`. */
  day: string;
  /** IANA zone that defines the day and its hours. */
  timeZone: string;
}

/** Promises made on the day in one currency. */
export interface PromiseTotal {
  currency: string;
  /** Exact decimal sum of the amounts. */
  total: string;
  count: number;
}

/** Calls in one local wall-clock hour (`hour` 0–23); on a fall-back day the repeated hour counts twice. */
export interface HourlyBucket {
  hour: number;
  calls: number;
  connects: number;
}

/** The summary of one day. */
export interface DaySummary {
  day: string;
  timeZone: string;
  /** The day's `[startMs, endMs)`. */
  startMs: number;
  endMs: number;
  /** Calls that started within the day. */
  calls: number;
  /** Of those, calls that were answered. */
  connects: number;
  /** Total talk time (answer to hang-up) of the day's ended calls, in seconds. */
  talkTimeS: number;
  /** Count per disposition code; calls without one are under `''`. */
  outcomes: Record<string, number>;
  /** Promises to pay made on calls of the day (not due on it), per currency, sorted by currency. */
  promises: PromiseTotal[];
  /** Promises left out of {@link DaySummary.promises} because their amount or currency was malformed. */
  invalidPromises: number;
  /** Always 24 buckets, hour 0 first. */
  hourly: HourlyBucket[];
}

/**
 * Summarises the calls that started on `day` in `timeZone`; records from other days are ignored, so the
 * caller may pass a superset (for example an index range padded by a day).
 * @throws RangeError on a malformed day or unknown zone.
 */
export function summarizeDay(records: Iterable<SummaryInput>, options: SummaryOptions): DaySummary {
  const [startMs, endMs] = dayBounds(options.day, options.timeZone);
  const hourly: HourlyBucket[] = Array.from({ length: 24 }, (_, hour) => ({ hour, calls: 0, connects: 0 }));
  const outcomes: Record<string, number> = {};
  const amountsByCurrency = new Map<string, string[]>();
  let calls = 0;
  let connects = 0;
  let talkMs = 0;
  let invalidPromises = 0;

  for (const record of records) {
    if (!(record.startedAt >= startMs && record.startedAt < endMs)) continue;
    calls += 1;
    const connected = record.connectedAt !== undefined;
    if (connected) connects += 1;
    if (record.connectedAt !== undefined && record.endedAt !== undefined) {
      talkMs += Math.max(0, record.endedAt - record.connectedAt);
    }
    const bucket = hourly[wallTimeAt(record.startedAt, options.timeZone).hour]!;
    bucket.calls += 1;
    if (connected) bucket.connects += 1;
    const disposition = record.disposition ?? '';
    outcomes[disposition] = (outcomes[disposition] ?? 0) + 1;
    const promise = record.promiseToPay;
    if (promise) {
      if (isDecimalAmount(promise.amount) && isCurrencyCode(promise.currency)) {
        const amounts = amountsByCurrency.get(promise.currency) ?? [];
        amounts.push(promise.amount);
        amountsByCurrency.set(promise.currency, amounts);
      } else {
        invalidPromises += 1;
      }
    }
  }

  const promises = [...amountsByCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, amounts]) => ({ currency, total: sumDecimalStrings(amounts) ?? '0', count: amounts.length }));

  return {
    day: options.day,
    timeZone: options.timeZone,
    startMs,
    endMs,
    calls,
    connects,
    talkTimeS: Math.round(talkMs / 1000),
    outcomes,
    promises,
    invalidPromises,
    hourly,
  };
}
