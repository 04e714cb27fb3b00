/**
 * Turns a counts answer back into a call log the extension's contact-cap evaluator reads (lib/compliance's
 * `evaluateContactCaps` takes `{ at, debtorRef?, phoneE164, outcome }[]`), so team counts and the browser's
 * own unsent attempts can be merged into one log and judged by the same code. Pure, no imports at run time.
 */
import type { CountsRequest, CountsResponse, HubAttemptOutcome } from './types.ts';

/** One attempt as lib/compliance's `ContactAttempt`. */
export interface LedgerAttempt {
  at: number;
  debtorRef?: string;
  phoneE164: string;
  outcome: HubAttemptOutcome;
}

/** Stands for "another debtor": never equal to a real reference the extension queries. */
export const OTHER_DEBTOR = '\u0000other-debtor';
/** Stands for "another number" of the queried debtor: never a valid E.164 number. */
export const OTHER_NUMBER = '\u0000other-number';

/**
 * One entry per counted attempt, at its bucket's latest instant (inside the bucket's local day, which is all the
 * caps look at when the evaluator counts days in the same zone the query named). Entries keep how each attempt
 * relates to the query: the queried debtor or none or another, the queried number or another.
 */
export function countsToAttempts(query: Pick<CountsRequest, 'debtorRef' | 'numberE164'>, response: CountsResponse): LedgerAttempt[] {
  const attempts: LedgerAttempt[] = [];
  for (const bucket of response.buckets) {
    const phoneE164 = bucket.sameNumber && query.numberE164 !== undefined ? query.numberE164 : OTHER_NUMBER;
    const debtorRef = bucket.debtor === 'same' ? query.debtorRef : bucket.debtor === 'other' ? OTHER_DEBTOR : undefined;
    for (let i = 0; i < bucket.count; i += 1) {
      const attempt: LedgerAttempt = { at: bucket.lastAt, phoneE164, outcome: bucket.outcome };
      if (debtorRef !== undefined) attempt.debtorRef = debtorRef;
      attempts.push(attempt);
    }
  }
  return attempts;
}
